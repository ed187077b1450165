/**
 * Who may call the API, and what the API keeps besides licences: API tokens (hashed), webhook
 * subscriptions, and a read of the audit log. One implementation (adapters/db) on SQLite and
 * PostgreSQL. Every organisation-scoped method sees only that organisation's rows.
 */

/** Roles, widest first. */
export const Role = {
  /** everything within its organisation, tokens and webhooks included */
  admin: 'admin',
  /**
   * its organisation's licences, events, deadlines, scans and webhooks; in an authority
   * organisation, its register (issuing power comes from the organisation's kind, not a role)
   */
  member: 'member',
  /** read-only, its organisation */
  viewer: 'viewer',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES: readonly Role[] = Object.values(Role);

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** What a secret is for. */
export const TokenKind = {
  /** a bearer API token */
  api: 'api',
  /** a one-time sign-in code, exchanged for an API token */
  signIn: 'sign-in',
  /** the key of an organisation's iCalendar feed URL */
  calendar: 'calendar',
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

export interface ApiToken {
  readonly id: string;
  readonly organisation: string;
  readonly role: Role;
  readonly kind: TokenKind;
  readonly name: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  /** the person who created it (a user id); null for the operator's tokens and older ones */
  readonly createdBy: string | null;
  /** the last time it authenticated a request (written at most once a minute) */
  readonly lastUsedAt: string | null;
  /** after this it authenticates nothing; null: until revoked */
  readonly expiresAt: string | null;
}

export interface NewApiToken extends Omit<
  ApiToken,
  'revokedAt' | 'createdBy' | 'lastUsedAt' | 'expiresAt'
> {
  /** sha256 (hex) of the secret */
  readonly tokenHash: string;
  readonly createdBy?: string | null;
  readonly expiresAt?: string | null;
}

export interface Webhook {
  readonly id: string;
  readonly organisation: string;
  readonly url: string;
  readonly description: string;
  readonly createdAt: string;
}

export interface NewWebhook extends Webhook {
  readonly secret: string;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly payload: unknown;
  readonly hash: string;
}

export interface AccessStore {
  /** Store a token (its organisation is created when new). */
  createToken(token: NewApiToken): Promise<void>;
  /** The token whose secret hashes to this, revoked or not; undefined when unknown. */
  findTokenByHash(tokenHash: string): Promise<ApiToken | undefined>;
  /**
   * Mark revoked; false when there is no such token (in `org`, when given) or it was revoked
   * already. Without `org` any organisation's token: for the operator (`xuke token revoke`).
   */
  revokeToken(id: string, at: string, org?: string): Promise<boolean>;
  /** The organisation's tokens of every kind, revoked ones too, oldest first. */
  listTokens(org: string): Promise<ApiToken[]>;
  /** How many tokens of any kind exist (zero: the first start). */
  countTokens(): Promise<number>;

  createWebhook(webhook: NewWebhook): Promise<void>;
  listWebhooks(org: string): Promise<Webhook[]>;
  /** false when the organisation has no such webhook */
  deleteWebhook(org: string, id: string): Promise<boolean>;

  /** Audit entries with seq greater than `afterSeq`, oldest first. */
  listAudit(org: string, afterSeq: number, limit: number): Promise<AuditEntry[]>;

  /** Throws when the database does not answer. */
  ping(): Promise<void>;
}
