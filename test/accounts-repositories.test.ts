/**
 * The people's repositories (docs/accounts.md) on SQLite and PostgreSQL: accounts, memberships,
 * sessions, sign-in links, the throttle, invitations and access policies, OpenID Connect identities
 * and flows, second factors, and the API token's new columns. What must work once (a link, an
 * invitation, a flow's state, a TOTP step, a recovery code) is presented twice at once: exactly one
 * presentation wins.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { KyselyAccessStore } from '../src/adapters/db/access.repository.js';
import { KyselyAccountStore } from '../src/adapters/db/account.repository.js';
import { KyselyInvitationStore } from '../src/adapters/db/invitation.repository.js';
import { KyselyOidcStore } from '../src/adapters/db/oidc.repository.js';
import { KyselySecondFactorStore } from '../src/adapters/db/second-factor.repository.js';
import type { NewUser, Session } from '../src/ports/account-store.js';
import { describeEachDialect, type TestDatabase } from './registry-dialects.js';

const AT = '2026-12-10T02:00:00.000Z';
const LATER = '2026-12-10T02:30:00.000Z';

const user = (id: string, email: string | null, extra: Partial<NewUser> = {}): NewUser => ({
  id,
  email,
  mobile: null,
  name: `名字 ${id}`,
  passwordHash: null,
  instanceAdmin: false,
  createdAt: AT,
  ...extra,
});

const session = (
  id: string,
  userId: string,
  organisation: string,
  extra: Partial<Session> = {},
): Session => ({
  id,
  userId,
  organisation,
  csrfToken: `csrf-${id}`,
  method: 'password',
  secondFactor: false,
  createdAt: AT,
  lastSeenAt: AT,
  expiresAt: '2026-12-10T14:00:00.000Z',
  revokedAt: null,
  address: '203.0.113.9',
  userAgent: 'test',
  ...extra,
});

describeEachDialect('people repositories', (dialect) => {
  let db: TestDatabase;
  let accounts: KyselyAccountStore;
  let invitations: KyselyInvitationStore;
  let oidc: KyselyOidcStore;
  let factors: KyselySecondFactorStore;

  beforeEach(async () => {
    db = await dialect.fresh();
    accounts = new KyselyAccountStore(db.open.db);
    invitations = new KyselyInvitationStore(db.open.db);
    oidc = new KyselyOidcStore(db.open.db);
    factors = new KyselySecondFactorStore(db.open.db);
  });
  afterEach(async () => {
    await db.close();
  });

  it('keeps people: by id, by lower-cased e-mail, one account per e-mail', async () => {
    expect(await accounts.countUsers()).toBe(0);
    await accounts.createUser(
      user('u1', 'zhang@example.cn', { instanceAdmin: true, passwordHash: '$argon2id$x' }),
    );
    await accounts.createUser(user('u2', null, { mobile: '+8613800000000' }));
    expect(await accounts.countUsers()).toBe(2);
    const u1 = await accounts.findUser('u1');
    expect(u1).toMatchObject({
      id: 'u1',
      email: 'zhang@example.cn',
      instanceAdmin: true,
      passwordHash: '$argon2id$x',
      passwordSetAt: AT,
      totpEnabledAt: null,
      disabledAt: null,
    });
    expect((await accounts.findUserByEmail('ZHANG@Example.CN'))?.id).toBe('u1');
    expect(await accounts.findUserByEmail('nobody@example.cn')).toBeUndefined();
    expect((await accounts.findUser('u2'))?.instanceAdmin).toBe(false);
    await expect(accounts.createUser(user('u3', 'zhang@example.cn'))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await accounts.setPassword('u2', '$argon2id$y', LATER);
    await accounts.setName('u2', '李四');
    expect(await accounts.findUser('u2')).toMatchObject({
      name: '李四',
      passwordHash: '$argon2id$y',
      passwordSetAt: LATER,
    });
  });

  it('keeps memberships: a role per organisation, changed in place, listed with names', async () => {
    await accounts.createUser(user('u1', 'a@example.cn'));
    await accounts.createUser(user('u2', 'b@example.cn', { passwordHash: '$argon2id$p' }));
    // an organisation not yet known is created as a placeholder
    await accounts.putMembership({
      userId: 'u1',
      organisation: 'acme',
      role: 'admin',
      createdAt: AT,
      createdBy: 'test',
    });
    await accounts.putMembership({
      userId: 'u1',
      organisation: 'other',
      role: 'viewer',
      createdAt: LATER,
      createdBy: null,
    });
    await accounts.putMembership({
      userId: 'u2',
      organisation: 'acme',
      role: 'member',
      createdAt: LATER,
      createdBy: null,
    });
    expect(await accounts.countAdmins('acme')).toBe(1);
    await accounts.putMembership({
      userId: 'u2',
      organisation: 'acme',
      role: 'admin',
      createdAt: LATER,
      createdBy: null,
    });
    expect(await accounts.countAdmins('acme')).toBe(2);
    expect((await accounts.findMembership('u2', 'acme'))?.role).toBe('admin');
    expect(await accounts.findMembership('u2', 'other')).toBeUndefined();
    const mine = await accounts.listMemberships('u1');
    expect(mine.map((m) => [m.organisation, m.role, m.organisationName])).toEqual([
      ['acme', 'admin', 'acme'],
      ['other', 'viewer', 'other'],
    ]);
    await oidc.linkIdentity({
      issuer: 'https://idp',
      subject: 's-1',
      userId: 'u1',
      email: 'a@example.cn',
      linkedAt: AT,
    });
    await factors.setTotpSecret('u1', 'JBSWY3DPEHPK3PXP');
    await factors.enableTotp('u1', AT, []);
    const members = await accounts.listMembers('acme');
    expect(
      members.map((m) => [m.userId, m.role, m.secondFactor, m.hasPassword, m.ssoLinked]),
    ).toEqual([
      ['u1', 'admin', true, false, true],
      ['u2', 'admin', false, true, false],
    ]);
    expect(await accounts.removeMembership('u2', 'acme')).toBe(true);
    expect(await accounts.removeMembership('u2', 'acme')).toBe(false);
    expect(await accounts.countAdmins('acme')).toBe(1);
  });

  it('keeps sessions: touched forwards only, switched, revoked one by one or per person and organisation', async () => {
    await accounts.createUser(user('u1', 'a@example.cn'));
    await accounts.putMembership({
      userId: 'u1',
      organisation: 'acme',
      role: 'admin',
      createdAt: AT,
      createdBy: null,
    });
    await accounts.putMembership({
      userId: 'u1',
      organisation: 'other',
      role: 'admin',
      createdAt: AT,
      createdBy: null,
    });
    await accounts.createSession(session('s1', 'u1', 'acme'));
    await accounts.createSession(
      session('s2', 'u1', 'acme', { method: 'oidc', secondFactor: true }),
    );
    await accounts.createSession(session('s3', 'u1', 'other'));
    expect(await accounts.findSession('s2')).toMatchObject({
      method: 'oidc',
      secondFactor: true,
      csrfToken: 'csrf-s2',
    });
    await accounts.touchSession('s1', LATER);
    await accounts.touchSession('s1', AT); // an older time never wins
    expect((await accounts.findSession('s1'))?.lastSeenAt).toBe(LATER);
    await accounts.setSessionOrganisation('s1', 'other');
    expect((await accounts.findSession('s1'))?.organisation).toBe('other');
    expect(await accounts.revokeSession('s1', LATER)).toBe(true);
    expect(await accounts.revokeSession('s1', LATER)).toBe(false);
    // the person's sessions in acme only: s2; s3 is in other
    expect(await accounts.revokeSessionsOf('u1', LATER, 'acme')).toBe(1);
    expect((await accounts.findSession('s3'))?.revokedAt).toBeNull();
    expect(await accounts.revokeSessionsOf('u1', LATER)).toBe(1);
    const all = await accounts.listSessions('u1');
    expect(all.map((s) => [s.id, s.revokedAt])).toEqual([
      ['s1', LATER],
      ['s2', LATER],
      ['s3', LATER],
    ]);
    expect(await accounts.findSession('nope')).toBeUndefined();
  });

  it('uses a sign-in link once, even when presented twice at the same time, and never after it expires', async () => {
    await accounts.createUser(user('u1', 'a@example.cn'));
    const link = {
      userId: 'u1',
      organisation: 'acme',
      createdAt: AT,
      expiresAt: '2026-12-10T02:15:00.000Z',
      usedAt: null,
    };
    await accounts.createSignInLink({ ...link, id: 'l1', tokenHash: 'h1' });
    await accounts.createSignInLink({ ...link, id: 'l2', tokenHash: 'h2' });
    const both = await Promise.all([
      accounts.useSignInLink('h1', '2026-12-10T02:01:00.000Z'),
      accounts.useSignInLink('h1', '2026-12-10T02:01:00.000Z'),
    ]);
    expect(both.filter((l) => l !== undefined).map((l) => [l.id, l.usedAt])).toEqual([
      ['l1', '2026-12-10T02:01:00.000Z'],
    ]);
    expect(await accounts.useSignInLink('h1', '2026-12-10T02:02:00.000Z')).toBeUndefined();
    // at its expiry it is no longer valid
    expect(await accounts.useSignInLink('h2', '2026-12-10T02:15:00.000Z')).toBeUndefined();
    expect(await accounts.useSignInLink('unknown', AT)).toBeUndefined();
  });

  it('keeps the throttle per key: upserted, cleared', async () => {
    expect(await accounts.findThrottle('account:a@example.cn')).toBeUndefined();
    await accounts.putThrottle({
      key: 'account:a@example.cn',
      failures: 1,
      windowStartedAt: AT,
      lockedUntil: null,
    });
    await accounts.putThrottle({
      key: 'account:a@example.cn',
      failures: 5,
      windowStartedAt: AT,
      lockedUntil: LATER,
    });
    expect(await accounts.findThrottle('account:a@example.cn')).toEqual({
      key: 'account:a@example.cn',
      failures: 5,
      windowStartedAt: AT,
      lockedUntil: LATER,
    });
    await accounts.clearThrottle('account:a@example.cn');
    expect(await accounts.findThrottle('account:a@example.cn')).toBeUndefined();
  });

  it('keeps a token’s creator, expiry and last use', async () => {
    const access = new KyselyAccessStore(db.open.db);
    await accounts.createUser(user('u1', 'a@example.cn'));
    await access.createToken({
      id: 't1',
      organisation: 'acme',
      role: 'viewer',
      kind: 'api',
      name: 'ci',
      tokenHash: 'th1',
      createdAt: AT,
      createdBy: 'u1',
      expiresAt: '2027-01-01T00:00:00.000Z',
    });
    await access.createToken({
      id: 't2',
      organisation: 'acme',
      role: 'viewer',
      kind: 'api',
      name: 'old',
      tokenHash: 'th2',
      createdAt: AT,
    });
    await accounts.touchToken('t1', LATER);
    expect(await access.findTokenByHash('th1')).toMatchObject({
      createdBy: 'u1',
      expiresAt: '2027-01-01T00:00:00.000Z',
      lastUsedAt: LATER,
    });
    expect(
      (await access.listTokens('acme')).map((t) => [t.id, t.createdBy, t.lastUsedAt, t.expiresAt]),
    ).toEqual([
      ['t1', 'u1', LATER, '2027-01-01T00:00:00.000Z'],
      ['t2', null, null, null],
    ]);
  });

  it('accepts an invitation once, never when expired or revoked; lists and revokes per organisation', async () => {
    await accounts.createUser(user('u1', 'a@example.cn'));
    await accounts.createUser(user('u2', 'b@example.cn'));
    await accounts.putMembership({
      userId: 'u1',
      organisation: 'acme',
      role: 'admin',
      createdAt: AT,
      createdBy: null,
    });
    const inv = {
      organisation: 'acme',
      email: 'b@example.cn',
      role: 'member' as const,
      createdBy: 'person:{}',
      createdAt: AT,
      expiresAt: '2026-12-17T02:00:00.000Z',
      acceptedAt: null,
      acceptedBy: null,
      revokedAt: null,
    };
    await invitations.createInvitation({ ...inv, id: 'i1', tokenHash: 'ih1' });
    await invitations.createInvitation({ ...inv, id: 'i2', tokenHash: 'ih2', createdAt: LATER });
    await invitations.createInvitation({
      ...inv,
      id: 'i3',
      tokenHash: 'ih3',
      email: null,
      role: 'viewer',
    });
    expect(await invitations.findInvitationByHash('ih1')).toMatchObject({
      id: 'i1',
      role: 'member',
      email: 'b@example.cn',
    });
    const both = await Promise.all([
      invitations.acceptInvitation('i1', 'u2', LATER),
      invitations.acceptInvitation('i1', 'u1', LATER),
    ]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(await invitations.acceptInvitation('i1', 'u2', LATER)).toBe(false);
    expect(await invitations.acceptInvitation('i3', 'u2', '2026-12-17T02:00:00.000Z')).toBe(false);
    expect(await invitations.revokeInvitation('other', 'i2', LATER)).toBe(false);
    expect(await invitations.revokeInvitation('acme', 'i2', LATER)).toBe(true);
    expect(await invitations.revokeInvitation('acme', 'i2', LATER)).toBe(false);
    expect(await invitations.acceptInvitation('i2', 'u2', LATER)).toBe(false);
    const listed = await invitations.listInvitations('acme');
    expect(listed.map((i) => i.id).sort()).toEqual(['i1', 'i2', 'i3']);
    expect(listed.find((i) => i.id === 'i2')?.revokedAt).toBe(LATER);
    expect(await invitations.listInvitations('other')).toEqual([]);
  });

  it('keeps each organisation’s access policy and finds those a domain may join', async () => {
    for (const id of ['acme', 'beta']) {
      await db.open.db
        .insertInto('organisations')
        .values({ id, name: id, created_at: AT })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
    expect(await invitations.findAccessPolicy('acme')).toBeUndefined();
    await invitations.putAccessPolicy({
      organisation: 'acme',
      joinMode: 'domain',
      joinDomains: ['Example.CN', 'acme.cn'],
      joinRole: 'viewer',
      requireSecondFactor: true,
      updatedAt: AT,
    });
    await invitations.putAccessPolicy({
      organisation: 'beta',
      joinMode: 'invitation',
      joinDomains: ['example.cn'],
      joinRole: 'member',
      requireSecondFactor: false,
      updatedAt: AT,
    });
    expect(await invitations.findAccessPolicy('acme')).toEqual({
      organisation: 'acme',
      joinMode: 'domain',
      joinDomains: ['example.cn', 'acme.cn'],
      joinRole: 'viewer',
      requireSecondFactor: true,
      updatedAt: AT,
    });
    expect(
      (await invitations.organisationsJoinableByDomain('EXAMPLE.cn')).map((p) => p.organisation),
    ).toEqual(['acme']);
    expect(await invitations.organisationsJoinableByDomain('ample.cn')).toEqual([]);
    await invitations.putAccessPolicy({
      organisation: 'acme',
      joinMode: 'invitation',
      joinDomains: [],
      joinRole: 'member',
      requireSecondFactor: false,
      updatedAt: LATER,
    });
    expect(await invitations.findAccessPolicy('acme')).toMatchObject({
      joinMode: 'invitation',
      joinDomains: [],
      updatedAt: LATER,
    });
    expect(await invitations.organisationsJoinableByDomain('example.cn')).toEqual([]);
  });

  it('links an OpenID identity once and takes a flow’s state once, never after it expires', async () => {
    await accounts.createUser(user('u1', 'a@example.cn'));
    await accounts.createUser(user('u2', 'b@example.cn'));
    expect(await oidc.hasIdentity('u1')).toBe(false);
    await oidc.linkIdentity({
      issuer: 'https://idp',
      subject: 'sub-1',
      userId: 'u1',
      email: 'a@example.cn',
      linkedAt: AT,
    });
    expect(await oidc.findIdentity('https://idp', 'sub-1')).toEqual({
      userId: 'u1',
      email: 'a@example.cn',
    });
    expect(await oidc.findIdentity('https://other', 'sub-1')).toBeUndefined();
    expect(await oidc.hasIdentity('u1')).toBe(true);
    await expect(
      oidc.linkIdentity({
        issuer: 'https://idp',
        subject: 'sub-1',
        userId: 'u2',
        email: null,
        linkedAt: AT,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const flow = {
      nonce: 'n',
      codeVerifier: 'v',
      invitationHash: null,
      linkUserId: 'u1',
      createdAt: AT,
      expiresAt: '2026-12-10T02:10:00.000Z',
    };
    await oidc.createFlow({ ...flow, stateHash: 'st1' });
    await oidc.createFlow({ ...flow, stateHash: 'st2' });
    const both = await Promise.all([
      oidc.takeFlow('st1', '2026-12-10T02:05:00.000Z'),
      oidc.takeFlow('st1', '2026-12-10T02:05:00.000Z'),
    ]);
    expect(both.filter((f) => f !== undefined)).toEqual([{ ...flow, stateHash: 'st1' }]);
    expect(await oidc.takeFlow('st2', '2026-12-10T02:10:00.000Z')).toBeUndefined();
    expect(await oidc.takeFlow('st2', '2026-12-10T02:01:00.000Z')).toBeUndefined(); // gone with its expiry
  });

  it('keeps a second factor: each time step and recovery code claimed once, even at the same time', async () => {
    await accounts.createUser(user('u1', 'a@example.cn'));
    await factors.setTotpSecret('u1', 'SECRETONE');
    await factors.setTotpSecret('u1', 'SECRETTWO'); // an unconfirmed secret is replaced
    expect(await accounts.findUser('u1')).toMatchObject({
      totpSecret: 'SECRETTWO',
      totpEnabledAt: null,
    });
    await factors.enableTotp('u1', AT, ['r1', 'r2', 'r3']);
    expect((await accounts.findUser('u1'))?.totpEnabledAt).toBe(AT);
    await expect(factors.setTotpSecret('u1', 'SECRETTHREE')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await factors.countRecoveryCodes('u1')).toBe(3);

    const steps = await Promise.all([
      factors.claimTotpStep('u1', 100),
      factors.claimTotpStep('u1', 100),
    ]);
    expect(steps.filter(Boolean)).toHaveLength(1);
    expect(await factors.claimTotpStep('u1', 99)).toBe(false);
    expect(await factors.claimTotpStep('u1', 101)).toBe(true);

    const codes = await Promise.all([
      factors.useRecoveryCode('u1', 'r1', LATER),
      factors.useRecoveryCode('u1', 'r1', LATER),
    ]);
    expect(codes.filter(Boolean)).toHaveLength(1);
    expect(await factors.useRecoveryCode('u1', 'nope', LATER)).toBe(false);
    expect(await factors.countRecoveryCodes('u1')).toBe(2);
    // enrolling again replaces the codes
    await factors.enableTotp('u1', LATER, ['r9']);
    expect(await factors.countRecoveryCodes('u1')).toBe(1);
    expect(await factors.useRecoveryCode('u1', 'r2', LATER)).toBe(false);

    await factors.disableTotp('u1');
    expect(await accounts.findUser('u1')).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    expect(await factors.countRecoveryCodes('u1')).toBe(0);
    // a fresh enrolment starts its steps again
    await factors.setTotpSecret('u1', 'SECRETFOUR');
    expect(await factors.claimTotpStep('u1', 50)).toBe(true);
  });
});
