/**
 * People (docs/accounts.md): accounts with an Argon2id password hash or none (single sign-on only),
 * memberships (a role per organisation), server-side browser sessions shared by every instance,
 * one-time sign-in links (first start), invitations, sign-in throttling, OpenID Connect identities
 * and flows in progress, each organisation's access policy, TOTP second factors with recovery
 * codes; API tokens gain their creator, last use and expiry. Secrets (session ids, links,
 * invitation codes, recovery codes) are stored as their sha256 only. Existing tokens keep working:
 * the new token columns are nullable. Frozen once landed.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any>: frozen code must not follow today's table types */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // lower case; unique when present (a person known only by mobile or SSO may have none)
    .addColumn('email', 'text', (c) => c.unique())
    .addColumn('mobile', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    // Argon2id PHC string; null: no password (single sign-on, or not set yet)
    .addColumn('password_hash', 'text')
    .addColumn('password_set_at', 'text')
    // 1: the instance's administrator (organisations, switching sides)
    .addColumn('instance_admin', 'integer', (c) => c.notNull().defaultTo(0))
    // base32 TOTP secret (RFC 6238); enabled once confirmed with a code
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled_at', 'text')
    // the last 30-second step a code was accepted for: each code works once
    .addColumn('totp_last_step', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // who added them (an actor string), or null
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'organisation_id'])
    .execute();
  await db.schema
    .createIndex('memberships_org')
    .on('memberships')
    .columns(['organisation_id'])
    .execute();

  await db.schema
    .createTable('sessions')
    // sha256 of the cookie's secret
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // the organisation the session acts in now
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    // the synchronizer token cookie-authenticated writes send back in x-csrf-token
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    // password, link, oidc, invitation
    .addColumn('method', 'text', (c) => c.notNull())
    // 1 when a second factor was verified at sign-in
    .addColumn('second_factor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    // the absolute expiry; the idle expiry is last_seen_at + the idle limit
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('address', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id']).execute();

  await db.schema
    .createTable('sign_in_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    // null: a link anyone holding it may accept
    .addColumn('email', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('invitations_org')
    .on('invitations')
    .columns(['organisation_id'])
    .execute();

  await db.schema
    .createTable('sign_in_throttle')
    // account:EMAIL or address:IP (an IPv6 client by its /64)
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema
    .createTable('oidc_identities')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('email', 'text')
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('oidc_identities_pk', ['issuer', 'subject'])
    .execute();

  await db.schema
    .createTable('oidc_flows')
    // sha256 of the state parameter
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    // an invitation code's sha256, when the flow accepts one
    .addColumn('invitation_hash', 'text')
    // a signed-in person linking their account
    .addColumn('link_user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('organisation_access')
    .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id'))
    // invitation: only invited people join; domain: SSO sign-ins with these e-mail domains join
    .addColumn('join_mode', 'text', (c) => c.notNull())
    // comma-separated, lower case
    .addColumn('join_domains', 'text', (c) => c.notNull())
    .addColumn('join_role', 'text', (c) => c.notNull())
    // 1: every member must sign in with a second factor
    .addColumn('require_second_factor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addPrimaryKeyConstraint('recovery_codes_pk', ['user_id', 'code_hash'])
    .execute();

  await db.schema.alterTable('api_tokens').addColumn('created_by', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('last_used_at', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
  await db.schema.alterTable('api_tokens').dropColumn('last_used_at').execute();
  await db.schema.alterTable('api_tokens').dropColumn('created_by').execute();
  for (const t of [
    'recovery_codes',
    'organisation_access',
    'oidc_flows',
    'oidc_identities',
    'sign_in_throttle',
    'invitations',
    'sign_in_links',
    'sessions',
    'memberships',
    'users',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
