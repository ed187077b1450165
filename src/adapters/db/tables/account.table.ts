/** People, their memberships and sessions (migration 2026_12_10_1000_accounts, docs/accounts.md). */
import type { Generated } from 'kysely';

export interface UserTable {
  id: string;
  email: string | null;
  mobile: string | null;
  name: string;
  password_hash: string | null;
  password_set_at: string | null;
  instance_admin: Generated<number>;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  totp_last_step: number | null;
  created_at: string;
  disabled_at: string | null;
}

export interface MembershipTable {
  user_id: string;
  organisation_id: string;
  role: string;
  created_at: string;
  created_by: string | null;
}

export interface SessionTable {
  id: string;
  user_id: string;
  organisation_id: string;
  csrf_token: string;
  method: string;
  second_factor: Generated<number>;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  address: string | null;
  user_agent: string | null;
}

export interface SignInLinkTable {
  id: string;
  token_hash: string;
  user_id: string;
  organisation_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface InvitationTable {
  id: string;
  organisation_id: string;
  email: string | null;
  role: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
}

export interface SignInThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface OidcIdentityTable {
  issuer: string;
  subject: string;
  user_id: string;
  email: string | null;
  linked_at: string;
}

export interface OidcFlowTable {
  state_hash: string;
  nonce: string;
  code_verifier: string;
  invitation_hash: string | null;
  link_user_id: string | null;
  created_at: string;
  expires_at: string;
}

export interface OrganisationAccessTable {
  organisation_id: string;
  join_mode: string;
  join_domains: string;
  join_role: string;
  require_second_factor: Generated<number>;
  updated_at: string;
}

export interface RecoveryCodeTable {
  user_id: string;
  code_hash: string;
  used_at: string | null;
}
