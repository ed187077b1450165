/**
 * The second factor (docs/accounts.md, "Second factor"): RFC 6238's own test vectors through
 * `otpauth` as xuke configures it, the same codes from an independent implementation (python3's
 * hmac and hashlib, run as a subprocess), and enrolment, replay, recovery codes, turning it off and
 * the throttle on the real repositories of every dialect.
 */
import { kyselyMembershipAudit } from '../src/adapters/db/membership-audit.js';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Secret, TOTP, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { KyselyAccountStore } from '../src/adapters/db/account.repository.js';
import { KyselyInvitationStore } from '../src/adapters/db/invitation.repository.js';
import { KyselyOidcStore } from '../src/adapters/db/oidc.repository.js';
import { KyselySecondFactorStore } from '../src/adapters/db/second-factor.repository.js';
import { nodeSecrets } from '../src/adapters/node-secrets.js';
import type { AccountDeps } from '../src/app/accounts/account-deps.js';
import {
  RECOVERY_CODE_COUNT,
  SecondFactorLockedError,
  beginTotpEnrolment,
  confirmTotpEnrolment,
  disableTotp,
  normaliseRecoveryCode,
  verifySecondFactor,
} from '../src/app/accounts/second-factor.js';
import { createPerson } from '../src/app/accounts/users.js';
import { isDomainError } from '../src/core/errors.js';
import type { Role } from '../src/ports/access-store.js';
import { bearer, expectProblem, harnessFor } from './http-harness.js';
import { describeEachDialect, fixedClock, type TestDatabase } from './registry-dialects.js';
import { describeWith } from './require-service.js';

/** RFC 6238 Appendix B: the SHA-1 rows (8 digits, 30-second steps, key "12345678901234567890"). */
const RFC_KEY = '12345678901234567890';
const RFC_SHA1_ROWS: readonly (readonly [seconds: number, code: string])[] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

/** RFC 6238 in python3's standard library: nothing shared with otpauth but the algorithm. */
const PYTHON_TOTP = `
import base64, hashlib, hmac, struct, sys
b32 = sys.argv[1]
key = base64.b32decode(b32 + '=' * (-len(b32) % 8))
digits = int(sys.argv[3])
for t in sys.argv[2].split(','):
    mac = hmac.new(key, struct.pack('>Q', int(t) // 30), hashlib.sha1).digest()
    o = mac[-1] & 15
    value = (struct.unpack('>I', mac[o:o + 4])[0] & 0x7fffffff) % 10 ** digits
    print(str(value).zfill(digits))
`;

function probePython(): { ok: boolean; reason: string } {
  try {
    execFileSync('python3', ['-c', 'import hmac, hashlib'], { stdio: 'pipe' });
    return { ok: true, reason: '' };
  } catch (e) {
    return { ok: false, reason: `python3: ${e instanceof Error ? e.message : String(e)}` };
  }
}
const python = probePython();

/** The codes python3 computes for a base32 secret at these Unix times (seconds). */
function pythonCodes(secret: string, seconds: readonly number[], digits = 6): string[] {
  return execFileSync('python3', ['-c', PYTHON_TOTP, secret, seconds.join(','), String(digits)], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n');
}

/** The 6-digit code for a base32 secret at an instant, through otpauth. */
function codeAt(secret: string, at: Date | number): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    timestamp: typeof at === 'number' ? at : at.getTime(),
  });
}

describe('RFC 6238 through otpauth', () => {
  it('computes Appendix B’s SHA-1 codes', () => {
    const secret = Secret.fromUTF8(RFC_KEY);
    for (const [seconds, code] of RFC_SHA1_ROWS) {
      const timestamp = seconds * 1000;
      expect(
        TOTP.generate({ secret, algorithm: 'SHA1', digits: 8, period: 30, timestamp }),
        `T=${String(seconds)}`,
      ).toBe(code);
      expect(
        TOTP.validate({ token: code, secret, algorithm: 'SHA1', digits: 8, period: 30, timestamp }),
      ).toBe(0);
    }
  });

  it('refuses a code outside the window of one step either side', () => {
    const secret = Secret.fromUTF8(RFC_KEY);
    const opts = { secret, algorithm: 'SHA1', digits: 8, period: 30 } as const;
    // 1111111111 is step 37037037; 1111111109's code is of step 37037036
    expect(
      TOTP.validate({ ...opts, token: '07081804', timestamp: 1111111111_000, window: 1 }),
    ).toBe(-1);
    expect(
      TOTP.validate({ ...opts, token: '07081804', timestamp: 1111111111_000 + 60_000, window: 1 }),
    ).toBeNull();
  });
});

describeWith(
  'python3',
  python.ok,
  python.reason,
)('an independent RFC 6238 (python3)', () => {
  it('computes Appendix B’s SHA-1 codes too (so it is a fair judge)', () => {
    const b32 = new Secret({ buffer: new TextEncoder().encode(RFC_KEY).buffer }).base32;
    expect(b32).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(
      pythonCodes(
        b32,
        RFC_SHA1_ROWS.map(([s]) => s),
        8,
      ),
    ).toEqual(RFC_SHA1_ROWS.map(([, c]) => c));
  });

  it('agrees with otpauth on fresh 160-bit secrets at many instants', () => {
    for (let i = 0; i < 5; i++) {
      const secret = new Secret({ size: 20 }).base32;
      const seconds = [0, 29, 30, 1_790_000_000 + i * 7919, 1_764_295_200, 4_102_444_800];
      expect(pythonCodes(secret, seconds)).toEqual(seconds.map((s) => codeAt(secret, s * 1000)));
    }
  });
});

/** Expects a DomainError with this code; returns it. */
async function refused(p: Promise<unknown>, code: string) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(isDomainError(e), String(e)).toBe(true);
  if (!isDomainError(e)) throw new Error('unreachable');
  expect(e.code).toBe(code);
  return e;
}

function accountDeps(db: TestDatabase, clock: ReturnType<typeof fixedClock>): AccountDeps {
  return {
    accounts: new KyselyAccountStore(db.open.db),
    invitations: new KyselyInvitationStore(db.open.db),
    oidc: new KyselyOidcStore(db.open.db),
    secondFactors: new KyselySecondFactorStore(db.open.db),
    membershipAudit: kyselyMembershipAudit(db.open.db),
    // the second factor never hashes a password
    passwords: {
      hash: () => Promise.reject(new Error('no password is hashed here')),
      verify: () => Promise.reject(new Error('no password is verified here')),
    },
    secrets: nodeSecrets,
    clock,
    sessionPolicy: { idleMinutes: 120, maxHours: 12 },
    mail: null,
    publicUrl: null,
  };
}

const RECOVERY_FORM = /^[a-hjkmnp-z]{4}-[a-hjkmnp-z]{4}-[a-hjkmnp-z]{4}$/u;

describeEachDialect('the second factor', (dialect) => {
  const setUp = async () => {
    const db = await dialect.fresh();
    const clock = fixedClock();
    const deps = accountDeps(db, clock);
    const userId = nodeSecrets.newId();
    await deps.accounts.createUser({
      id: userId,
      email: 'zhang.san@example.com',
      mobile: null,
      name: '张三',
      passwordHash: null,
      instanceAdmin: false,
      createdAt: clock.now().toISOString(),
    });
    /** the instant `steps` 30-second steps from the clock's */
    const at = (steps: number) => new Date(clock.now().getTime() + steps * 30_000);
    return { db, clock, deps, userId, at };
  };

  /** enrolled with a code of the clock's step; the clock then moves on one step */
  const enrolled = async () => {
    const s = await setUp();
    const { secret } = await beginTotpEnrolment(s.userId, s.deps);
    const recoveryCodes = await confirmTotpEnrolment(
      s.userId,
      codeAt(secret, s.clock.now()),
      s.deps,
    );
    s.clock.set(s.at(1).toISOString());
    return { ...s, secret, recoveryCodes };
  };

  it('begins with a 160-bit base32 secret and an otpauth:// URI an authenticator reads', async () => {
    const { db, deps, userId } = await setUp();
    try {
      const { secret, uri } = await beginTotpEnrolment(userId, deps);
      expect(secret).toMatch(/^[A-Z2-7]{32}$/u);
      expect(Secret.fromBase32(secret).bytes).toHaveLength(20);
      expect(uri).toBe(
        `otpauth://totp/xuke:zhang.san%40example.com?secret=${secret}&issuer=xuke&algorithm=SHA1&digits=6&period=30`,
      );
      const parsed = URI.parse(uri);
      expect(parsed).toBeInstanceOf(TOTP);
      expect(parsed).toMatchObject({
        issuer: 'xuke',
        label: 'zhang.san@example.com',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
      });
      expect(parsed.secret.base32).toBe(secret);
      // not in force until confirmed
      const user = await deps.accounts.findUser(userId);
      expect(user?.totpSecret).toBe(secret);
      expect(user?.totpEnabledAt).toBeNull();
      expect(await verifySecondFactor(userId, codeAt(secret, deps.clock.now()), deps)).toBe(false);
      // a second start replaces the unconfirmed secret
      const again = await beginTotpEnrolment(userId, deps);
      expect(again.secret).not.toBe(secret);
      expect((await deps.accounts.findUser(userId))?.totpSecret).toBe(again.secret);
    } finally {
      await db.close();
    }
  });

  it('confirms with the code python3 computes, and gives ten recovery codes stored as sha256', async () => {
    const { db, clock, deps, userId } = await setUp();
    try {
      await refused(confirmTotpEnrolment(userId, '123456', deps), 'CONFLICT');
      const { secret } = await beginTotpEnrolment(userId, deps);
      const seconds = Math.floor(clock.now().getTime() / 1000);
      const code = python.ok
        ? (pythonCodes(secret, [seconds])[0] ?? '')
        : codeAt(secret, clock.now());
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const e = await refused(confirmTotpEnrolment(userId, wrong, deps), 'INVALID_INPUT');
      expect(e.message).toContain('验证码');
      expect(e.messageEn).toContain('code');
      expect((await deps.accounts.findUser(userId))?.totpEnabledAt).toBeNull();

      // as an app shows it: `123 456`
      const codes = await confirmTotpEnrolment(
        userId,
        `${code.slice(0, 3)} ${code.slice(3)}`,
        deps,
      );
      expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
      for (const c of codes) expect(c).toMatch(RECOVERY_FORM);
      expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
      const user = await deps.accounts.findUser(userId);
      expect(user?.totpEnabledAt).toBe(clock.now().toISOString());
      expect(await deps.secondFactors.countRecoveryCodes(userId)).toBe(RECOVERY_CODE_COUNT);
      const stored = await db.open.db
        .selectFrom('recovery_codes')
        .select('code_hash')
        .where('user_id', '=', userId)
        .execute();
      const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
      expect(stored.map((r) => r.code_hash).sort()).toEqual(
        codes.map((c) => sha256(c.replaceAll('-', ''))).sort(),
      );
      // confirmed once: a second confirmation is refused
      await refused(confirmTotpEnrolment(userId, code, deps), 'CONFLICT');
      // and no new secret replaces one in force
      await refused(beginTotpEnrolment(userId, deps), 'CONFLICT');
      expect((await deps.accounts.findUser(userId))?.totpSecret).toBe(secret);
    } finally {
      await db.close();
    }
  });

  it('accepts a code once: the confirming code, or one replayed in its step, is refused', async () => {
    const { db, deps, userId, secret, at } = await enrolled();
    try {
      // the code that confirmed enrolment (the step before the clock's) was used
      expect(await verifySecondFactor(userId, codeAt(secret, at(-1)), deps)).toBe(false);
      const now = codeAt(secret, at(0));
      expect(await verifySecondFactor(userId, now, deps)).toBe(true);
      expect(await verifySecondFactor(userId, now, deps)).toBe(false);
      // the step is claimed: another code of it (there is none) or an earlier one is refused too
      expect(await verifySecondFactor(userId, codeAt(secret, at(-1)), deps)).toBe(false);
      // a fast phone: the next step's code is accepted, once
      const next = codeAt(secret, at(1));
      expect(await verifySecondFactor(userId, next, deps)).toBe(true);
      expect(await verifySecondFactor(userId, next, deps)).toBe(false);
    } finally {
      await db.close();
    }
  });

  it('accepts one step either side, not two', async () => {
    const { db, clock, deps, userId, secret, at } = await enrolled();
    try {
      expect(await verifySecondFactor(userId, codeAt(secret, at(2)), deps)).toBe(false);
      expect(await verifySecondFactor(userId, codeAt(secret, at(-2)), deps)).toBe(false);
      // a slow phone: the previous step's code, which nobody claimed
      clock.set(at(1).toISOString());
      expect(await verifySecondFactor(userId, codeAt(secret, at(-1)), deps)).toBe(true);
      expect(await verifySecondFactor(userId, 'abcdef', deps)).toBe(false);
      expect(await verifySecondFactor(userId, '', deps)).toBe(false);
    } finally {
      await db.close();
    }
  });

  it('lets one of two instances accept a code sent to both at once', async () => {
    const { db, clock, deps, userId, secret } = await enrolled();
    try {
      const other = accountDeps(db, clock);
      const code = codeAt(secret, clock.now());
      const results = await Promise.all([
        verifySecondFactor(userId, code, deps),
        verifySecondFactor(userId, code, other),
        verifySecondFactor(userId, code, other),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it('takes each recovery code once, in any case, with or without hyphens', async () => {
    const { db, deps, userId, recoveryCodes } = await enrolled();
    try {
      const [first, second] = recoveryCodes;
      if (first === undefined || second === undefined) throw new Error('no recovery codes');
      expect(await verifySecondFactor(userId, first, deps)).toBe(true);
      expect(await verifySecondFactor(userId, first, deps)).toBe(false);
      expect(await deps.secondFactors.countRecoveryCodes(userId)).toBe(RECOVERY_CODE_COUNT - 1);
      const typed = ` ${second.replaceAll('-', ' ').toUpperCase()} `;
      expect(await verifySecondFactor(userId, typed, deps)).toBe(true);
      expect(await verifySecondFactor(userId, second, deps)).toBe(false);
      // well formed, but not one of theirs
      expect(await verifySecondFactor(userId, 'abcd-efgh-jkmn', deps)).toBe(false);
      expect(normaliseRecoveryCode('ABCD efgh-JKMN')).toBe('abcdefghjkmn');
      expect(normaliseRecoveryCode('abcd-efgh-ijkl')).toBeNull();
      expect(normaliseRecoveryCode('abcd-efgh')).toBeNull();
      expect(await deps.secondFactors.countRecoveryCodes(userId)).toBe(RECOVERY_CODE_COUNT - 2);
    } finally {
      await db.close();
    }
  });

  it('turns off with a current code or a recovery code, never a wrong one', async () => {
    const { db, deps, userId, secret, recoveryCodes, at, clock } = await enrolled();
    try {
      await refused(disableTotp(userId, '000000', deps), 'INVALID_INPUT');
      await refused(disableTotp(userId, 'abcd-efgh-jkmn', deps), 'INVALID_INPUT');
      expect((await deps.accounts.findUser(userId))?.totpEnabledAt).not.toBeNull();

      await disableTotp(userId, recoveryCodes[3] ?? '', deps);
      const off = await deps.accounts.findUser(userId);
      expect(off?.totpEnabledAt).toBeNull();
      expect(off?.totpSecret).toBeNull();
      expect(await deps.secondFactors.countRecoveryCodes(userId)).toBe(0);
      expect(await verifySecondFactor(userId, codeAt(secret, at(0)), deps)).toBe(false);
      expect(await verifySecondFactor(userId, recoveryCodes[4] ?? '', deps)).toBe(false);
      await refused(disableTotp(userId, codeAt(secret, at(0)), deps), 'CONFLICT');

      // on again with a new secret; off with a current code
      const { secret: fresh } = await beginTotpEnrolment(userId, deps);
      expect(fresh).not.toBe(secret);
      await confirmTotpEnrolment(userId, codeAt(fresh, clock.now()), deps);
      clock.set(at(1).toISOString());
      await disableTotp(userId, codeAt(fresh, clock.now()), deps);
      expect((await deps.accounts.findUser(userId))?.totpEnabledAt).toBeNull();
    } finally {
      await db.close();
    }
  });

  it('locks enrolment and turning off for 15 minutes after five wrong codes', async () => {
    const { db, clock, deps, userId, secret } = await enrolled();
    try {
      for (let i = 0; i < 5; i++) {
        await refused(disableTotp(userId, `00000${String(i)}`, deps), 'INVALID_INPUT');
      }
      // the right code is refused while locked, and not used up
      const right = codeAt(secret, clock.now());
      const e = await refused(disableTotp(userId, right, deps), 'RATE_LIMITED');
      expect(e).toBeInstanceOf(SecondFactorLockedError);
      if (!(e instanceof SecondFactorLockedError)) throw new Error('unreachable');
      expect(e.retryAfterSeconds).toBe(15 * 60);
      expect(e.lockedUntil).toBe(new Date(clock.now().getTime() + 15 * 60_000).toISOString());
      expect(e.message).toContain(e.lockedUntil);
      expect(await verifySecondFactor(userId, right, deps)).toBe(true);

      clock.set(new Date(clock.now().getTime() + 15 * 60_000).toISOString());
      await disableTotp(userId, codeAt(secret, clock.now()), deps);
      expect((await deps.accounts.findUser(userId))?.totpEnabledAt).toBeNull();
      // a success clears the count
      expect(await deps.accounts.findThrottle(`totp:${userId}`)).toBeUndefined();
    } finally {
      await db.close();
    }
  });
});

describeEachDialect('the second factor through HTTP', (dialect) => {
  const h = harnessFor(dialect);
  const PASSWORD = 'correct horse battery 9';

  /** A person in acme with this role and the password; their id. */
  const person = async (email: string, role: Role = 'member') => {
    const user = await createPerson(
      { email, name: email.split('@')[0] ?? email, password: PASSWORD },
      h.deps.accounts,
    );
    await h.deps.accounts.accounts.putMembership({
      userId: user.id,
      organisation: 'acme',
      role,
      createdAt: h.clock.now().toISOString(),
      createdBy: null,
    });
    return user.id;
  };

  const signIn = (email: string, otp?: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload:
        otp === undefined ? { email, password: PASSWORD } : { email, password: PASSWORD, otp },
    });

  /** Signed in: the cookie and CSRF header every later request carries. */
  const session = async (email: string, otp?: string) => {
    const res = await signIn(email, otp);
    expect(res.statusCode, res.body).toBe(204);
    const set = [res.headers['set-cookie'] ?? []].flat().join('; ');
    const cookie = /xuke_session=[^;]+/u.exec(set)?.[0];
    if (cookie === undefined) throw new Error(`no session cookie in ${set}`);
    const view = await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
    expect(view.statusCode, view.body).toBe(200);
    const { csrfToken, secondFactor } = view.json<{ csrfToken: string; secondFactor: boolean }>();
    return { headers: { cookie, 'x-csrf-token': csrfToken }, secondFactor };
  };

  const enrol = async (headers: Record<string, string>) => {
    const begun = await h.app.inject({ method: 'POST', url: '/api/v1/me/totp', headers });
    expect(begun.statusCode, begun.body).toBe(200);
    expect(begun.headers['cache-control']).toBe('no-store');
    const { secret, uri } = begun.json<{ secret: string; uri: string }>();
    expect(uri).toContain(`secret=${secret}`);
    const confirmed = await h.app.inject({
      method: 'POST',
      url: '/api/v1/me/totp/confirm',
      headers,
      payload: { code: codeAt(secret, h.clock.now()) },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.headers['cache-control']).toBe('no-store');
    const { recoveryCodes } = confirmed.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    // the confirming code's step is used: later codes come from the next step
    h.clock.set(new Date(h.clock.now().getTime() + 30_000).toISOString());
    return { secret, recoveryCodes };
  };

  it('asks for the code at sign-in once the person has enrolled, and takes it once', async () => {
    await person('wang@example.com');
    const { headers, secondFactor } = await session('wang@example.com');
    expect(secondFactor).toBe(false);
    const { secret, recoveryCodes } = await enrol(headers);

    expectProblem(await signIn('wang@example.com'), 401, 'SECOND_FACTOR_REQUIRED');
    expectProblem(await signIn('wang@example.com', '000000'), 401, 'SECOND_FACTOR_REQUIRED');
    const code = codeAt(secret, h.clock.now());
    const again = await session('wang@example.com', code);
    expect(again.secondFactor).toBe(true);
    // the same code a second time (another tab, an eavesdropper) is refused
    expectProblem(await signIn('wang@example.com', code), 401, 'SECOND_FACTOR_REQUIRED');
    // a recovery code instead of the app
    expect((await signIn('wang@example.com', recoveryCodes[0])).statusCode).toBe(204);
    expectProblem(
      await signIn('wang@example.com', recoveryCodes[0]),
      401,
      'SECOND_FACTOR_REQUIRED',
    );
  });

  it('turns off with a code, in a session that sent its CSRF token', async () => {
    await person('zhao@example.com');
    const { headers } = await session('zhao@example.com');
    const { recoveryCodes } = await enrol(headers);
    const del = (
      payload: Record<string, string | undefined>,
      hdrs: Record<string, string> = headers,
    ) => h.app.inject({ method: 'DELETE', url: '/api/v1/me/totp', headers: hdrs, payload });

    expectProblem(await del({ code: 'abcd-efgh-jkmn' }), 400, 'INVALID_INPUT');
    const missing = expectProblem(await del({}), 400, 'INVALID_INPUT');
    expect(JSON.stringify(missing['errors'])).toContain('/code');
    expectProblem(
      await del({ code: recoveryCodes[1] }, { cookie: headers.cookie }),
      403,
      'CSRF_REFUSED',
    );
    const off = await del({ code: recoveryCodes[1] });
    expect(off.statusCode, off.body).toBe(204);
    expectProblem(await del({ code: recoveryCodes[2] }), 409, 'CONFLICT');
    // signing in needs the password only again
    expect((await signIn('zhao@example.com')).statusCode).toBe(204);
  });

  it('answers 429 with Retry-After after five wrong codes', async () => {
    await person('qian@example.com');
    const { headers } = await session('qian@example.com');
    const begun = await h.app.inject({ method: 'POST', url: '/api/v1/me/totp', headers });
    const { secret } = begun.json<{ secret: string }>();
    const confirm = (code: string) =>
      h.app.inject({ method: 'POST', url: '/api/v1/me/totp/confirm', headers, payload: { code } });
    for (let i = 0; i < 5; i++) {
      expectProblem(await confirm(`11111${String(i)}`), 400, 'INVALID_INPUT');
    }
    const locked = expectProblem(await confirm(codeAt(secret, h.clock.now())), 429, 'RATE_LIMITED');
    expect(String(locked['detailZh'])).toContain('验证码错误次数过多');
    const res = await confirm(codeAt(secret, h.clock.now()));
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
  });

  it('refuses an API token: it has no second factor', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/me/totp',
      headers: bearer(h.tokens.admin),
    });
    const p = expectProblem(res, 403, 'FORBIDDEN');
    expect(String(p['detailZh'])).toContain('API 令牌没有第二因素');
    expectProblem(
      await h.app.inject({ method: 'POST', url: '/api/v1/me/totp' }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('keeps a member of an organisation that requires it to enrolment until they enrol', async () => {
    await person('sun@example.com', 'admin');
    const { headers } = await session('sun@example.com');
    await h.deps.accounts.invitations.putAccessPolicy({
      organisation: 'acme',
      joinMode: 'invitation',
      joinDomains: [],
      joinRole: 'member',
      requireSecondFactor: true,
      updatedAt: h.clock.now().toISOString(),
    });
    try {
      const licences = () => h.app.inject({ method: 'GET', url: '/api/v1/licences', headers });
      expectProblem(await licences(), 403, 'SECOND_FACTOR_REQUIRED');
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/me', headers })).statusCode).toBe(
        200,
      );
      await enrol(headers);
      const res = await licences();
      expect(res.statusCode, res.body).toBe(200);
    } finally {
      await h.deps.accounts.invitations.putAccessPolicy({
        organisation: 'acme',
        joinMode: 'invitation',
        joinDomains: [],
        joinRole: 'member',
        requireSecondFactor: false,
        updatedAt: h.clock.now().toISOString(),
      });
    }
  });
});
