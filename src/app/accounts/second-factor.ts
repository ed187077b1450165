/**
 * Use cases: the optional second factor (docs/accounts.md, "Second factor"). A time-based one-time
 * password (RFC 6238: SHA-1, 6 digits, 30-second steps, ±1 step accepted) through `otpauth`, and
 * ten recovery codes shown once and stored as their sha256.
 *
 * Each accepted code claims its time step in the database (`claimTotpStep`, atomic), so a code works
 * once even when it is replayed at another instance; a recovery code is used up the same way. Wrong
 * codes at enrolment and when turning the factor off are throttled per person in `sign_in_throttle`
 * (throttle.ts: 5 within 15 minutes lock those two for 15 minutes); at sign-in the sign-in
 * throttle counts them (password-sign-in.ts).
 */
import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { DomainError } from '../../core/errors.js';
import type { User } from '../../ports/account-store.js';
import type { AccountDeps } from './account-deps.js';
import {
  ACCOUNT_FAILURES,
  clearThrottle,
  recordFailure as recordThrottleFailure,
} from './throttle.js';

export const TOTP_ISSUER = 'xuke';
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** steps either side of the current one a code is accepted for */
export const TOTP_WINDOW = 1;
/** random bytes of a new secret (160 bits, RFC 4226's recommendation) */
export const TOTP_SECRET_BYTES = 20;
export const RECOVERY_CODE_COUNT = 10;

/** lower-case letters a person cannot mistake for another (no i, l, o) */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz';
/** 12 letters (about 54 bits), shown as `abcd-efgh-jkmn` */
const RECOVERY_LETTERS = 12;
const RECOVERY_GROUP = 4;

/** wrong codes at enrolment or turning the factor off, per person, within 15 minutes */
const THROTTLE_FAILURES = ACCOUNT_FAILURES;

export interface TotpEnrolment {
  /** base32, for typing into an authenticator app */
  readonly secret: string;
  /** `otpauth://totp/xuke:EMAIL?secret=…&issuer=xuke&algorithm=SHA1&digits=6&period=30` */
  readonly uri: string;
}

/** Refused for too many wrong codes: the route answers 429 with `Retry-After`. */
export class SecondFactorLockedError extends DomainError {
  constructor(
    readonly lockedUntil: string,
    override readonly retryAfterSeconds: number,
  ) {
    super(
      'RATE_LIMITED',
      `验证码错误次数过多，请于 ${lockedUntil} 之后再试`,
      `Too many wrong codes; try again after ${lockedUntil}`,
    );
  }
}

function totpOf(secret: string): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** The code's digits without the spaces an app shows (`123 456`), or null when not 6 digits. */
function totpDigits(code: string): string | null {
  const digits = code.replace(/\s+/gu, '');
  return new RegExp(`^\\d{${String(TOTP_DIGITS)}}$`, 'u').test(digits) ? digits : null;
}

/** The time step the code is valid for at `at` (±1 step), or null. */
function matchingStep(secret: string, code: string, at: Date): number | null {
  const digits = totpDigits(code);
  if (digits === null) return null;
  const timestamp = at.getTime();
  const delta = totpOf(secret).validate({ token: digits, timestamp, window: TOTP_WINDOW });
  if (delta === null) return null;
  return TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp }) + delta;
}

/** A recovery code as typed (any case, spaces or hyphens) in its stored form, or null. */
export function normaliseRecoveryCode(code: string): string | null {
  const letters = code.toLowerCase().replace(/[\s-]+/gu, '');
  if (letters.length !== RECOVERY_LETTERS) return null;
  for (const c of letters) if (!RECOVERY_ALPHABET.includes(c)) return null;
  return letters;
}

function newRecoveryCode(): string {
  let letters = '';
  for (let i = 0; i < RECOVERY_LETTERS; i++) {
    letters += RECOVERY_ALPHABET.charAt(randomInt(RECOVERY_ALPHABET.length));
  }
  const groups: string[] = [];
  for (let i = 0; i < RECOVERY_LETTERS; i += RECOVERY_GROUP) {
    groups.push(letters.slice(i, i + RECOVERY_GROUP));
  }
  return groups.join('-');
}

/** sha256 of the code's letters (lower case, without the hyphens): what is stored */
function recoveryCodeHash(normalised: string, deps: AccountDeps): string {
  return deps.secrets.hash(normalised);
}

async function userOf(userId: string, deps: AccountDeps): Promise<User> {
  const user = await deps.accounts.findUser(userId);
  if (user === undefined || user.disabledAt !== null) {
    throw new DomainError('UNAUTHENTICATED', '未认证', 'Not authenticated');
  }
  return user;
}

const throttleKey = (userId: string) => `totp:${userId}`;

async function checkThrottle(userId: string, deps: AccountDeps): Promise<void> {
  const state = await deps.accounts.findThrottle(throttleKey(userId));
  if (state?.lockedUntil == null) return;
  const now = deps.clock.now().getTime();
  const until = Date.parse(state.lockedUntil);
  if (until > now) {
    throw new SecondFactorLockedError(
      state.lockedUntil,
      Math.max(1, Math.ceil((until - now) / 1000)),
    );
  }
}

/** Counts a wrong code (throttle.ts); the one that reaches the limit locks. */
async function recordFailure(userId: string, deps: AccountDeps): Promise<void> {
  await recordThrottleFailure(throttleKey(userId), THROTTLE_FAILURES, deps);
}

const wrongCode = () =>
  new DomainError(
    'INVALID_INPUT',
    '验证码不正确或已使用过：请输入验证器应用当前显示的 6 位数字',
    'The code is wrong or was used already: enter the 6 digits your authenticator app shows now',
  );

/**
 * Begins enrolment: a new random secret (replacing an unconfirmed one), in force once a code of it
 * is confirmed. Refused while a second factor is in force (turn it off first).
 */
export async function beginTotpEnrolment(
  userId: string,
  deps: AccountDeps,
): Promise<TotpEnrolment> {
  const user = await userOf(userId, deps);
  if (user.totpEnabledAt !== null) {
    throw new DomainError(
      'CONFLICT',
      '两步验证已启用：要换一个验证器，请先停用再重新启用',
      'The second factor is on already: to move it to another authenticator, turn it off first',
    );
  }
  const secret = new Secret({ size: TOTP_SECRET_BYTES }).base32;
  await deps.secondFactors.setTotpSecret(userId, secret);
  const label = user.email ?? user.mobile ?? user.name;
  const query = new URLSearchParams({
    secret,
    issuer: TOTP_ISSUER,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  const uri = `otpauth://totp/${encodeURIComponent(TOTP_ISSUER)}:${encodeURIComponent(label)}?${query.toString()}`;
  return { secret, uri };
}

/**
 * Confirms enrolment with a current code of the new secret: the second factor is in force, and the
 * ten recovery codes are returned (shown once; only their sha256 is kept).
 */
export async function confirmTotpEnrolment(
  userId: string,
  code: string,
  deps: AccountDeps,
): Promise<readonly string[]> {
  const user = await userOf(userId, deps);
  if (user.totpEnabledAt !== null) {
    throw new DomainError('CONFLICT', '两步验证已启用', 'The second factor is on already');
  }
  if (user.totpSecret === null) {
    throw new DomainError(
      'CONFLICT',
      '尚未开始设置两步验证：请先获取密钥（POST /api/v1/me/totp）',
      'No second factor is being set up: get a secret first (POST /api/v1/me/totp)',
    );
  }
  await checkThrottle(userId, deps);
  const now = deps.clock.now();
  const step = matchingStep(user.totpSecret, code, now);
  if (step === null || !(await deps.secondFactors.claimTotpStep(userId, step))) {
    await recordFailure(userId, deps);
    throw wrongCode();
  }
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const hashes = codes.map((c) => recoveryCodeHash(normaliseRecoveryCode(c) ?? c, deps));
  await deps.secondFactors.enableTotp(userId, now.toISOString(), hashes);
  await clearThrottle(throttleKey(userId), deps);
  return codes;
}

/** Turns the second factor off, with a current code or an unused recovery code. */
export async function disableTotp(userId: string, code: string, deps: AccountDeps): Promise<void> {
  const user = await userOf(userId, deps);
  if (user.totpEnabledAt === null) {
    throw new DomainError('CONFLICT', '两步验证未启用', 'The second factor is not on');
  }
  await checkThrottle(userId, deps);
  if (!(await verifySecondFactor(userId, code, deps))) {
    await recordFailure(userId, deps);
    throw new DomainError(
      'INVALID_INPUT',
      '验证码或恢复码不正确，或已使用过',
      'The code or recovery code is wrong, or was used already',
    );
  }
  await deps.secondFactors.disableTotp(userId);
  await clearThrottle(throttleKey(userId), deps);
}

/**
 * Whether `code` is the person's second factor now: a 6-digit code of their authenticator for the
 * current step ±1 whose step was not claimed before (it is claimed now), or an unused recovery
 * code (used up now). False when the person has no second factor in force. Never throws for a
 * wrong code; the caller counts failures.
 */
export async function verifySecondFactor(
  userId: string,
  code: string,
  deps: AccountDeps,
): Promise<boolean> {
  const user = await deps.accounts.findUser(userId);
  if (user?.totpEnabledAt == null || user.totpSecret === null) return false;
  const now = deps.clock.now();
  if (totpDigits(code) !== null) {
    const step = matchingStep(user.totpSecret, code, now);
    return step !== null && (await deps.secondFactors.claimTotpStep(userId, step));
  }
  const recovery = normaliseRecoveryCode(code);
  if (recovery === null) return false;
  return deps.secondFactors.useRecoveryCode(
    userId,
    recoveryCodeHash(recovery, deps),
    now.toISOString(),
  );
}
