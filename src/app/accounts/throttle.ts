/**
 * Sign-in throttling (docs/accounts.md), kept in `sign_in_throttle` so every instance shares it:
 * per account, 5 failures within 15 minutes lock it for 15 minutes; per client address (an IPv6
 * client by its /64), 20 failures within 15 minutes lock the address for 15 minutes. A locked
 * sign-in is RATE_LIMITED with the seconds to wait (the route's `Retry-After`) and says until when.
 */
import { DomainError } from '../../core/errors.js';
import type { ThrottleState } from '../../ports/account-store.js';
import type { AccountDeps } from './account-deps.js';

export const ACCOUNT_FAILURES = 5;
export const ADDRESS_FAILURES = 20;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

/** Refused until `lockedUntil`: the HTTP layer answers 429 with `Retry-After`. */
export class SignInLockedError extends DomainError {
  constructor(
    readonly lockedUntil: string,
    override readonly retryAfterSeconds: number,
  ) {
    super(
      'RATE_LIMITED',
      `登录失败次数过多，已暂时锁定，请于 ${lockedUntil} 之后再试`,
      `Too many failed sign-ins: locked until ${lockedUntil}`,
    );
  }
}

export function accountKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}

/** The full eight groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(address: string): string[] | null {
  let a = address.toLowerCase();
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  if (!a.includes(':')) return null;
  const halves = a.split('::');
  if (halves.length > 2) return null;
  const part = (s: string) => (s === '' ? [] : s.split(':'));
  const head = part(halves[0] ?? '');
  const tail = halves.length === 2 ? part(halves[1] ?? '') : [];
  // an embedded IPv4 tail counts as two groups
  const groups = [...head, ...tail];
  const v4 = groups.at(-1)?.includes('.') === true;
  const count = groups.length + (v4 ? 1 : 0);
  const missing = halves.length === 2 ? 8 - count : 0;
  if (missing < 0 || (halves.length === 1 && count !== 8)) return null;
  return [...head, ...Array<string>(missing).fill('0'), ...tail];
}

/** `address:IP` for IPv4 (and IPv4-mapped IPv6), `address:PREFIX::/64` for IPv6. */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/iu.exec(address);
  if (mapped?.[1] !== undefined) return `address:${mapped[1]}`;
  const groups = ipv6Groups(address);
  if (groups === null) return `address:${address}`;
  const prefix = groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/u, ''));
  return `address:${prefix.join(':')}::/64`;
}

function lockedError(lockedUntil: string, now: Date): SignInLockedError {
  const seconds = Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000));
  return new SignInLockedError(lockedUntil, seconds);
}

/** SignInLockedError when any of the keys is locked now. */
export async function checkThrottle(keys: readonly string[], deps: AccountDeps): Promise<void> {
  const now = deps.clock.now();
  let until: string | null = null;
  for (const key of keys) {
    const state = await deps.accounts.findThrottle(key);
    const locked = state?.lockedUntil ?? null;
    if (
      locked !== null &&
      Date.parse(locked) > now.getTime() &&
      (until === null || locked > until)
    ) {
      until = locked;
    }
  }
  if (until !== null) throw lockedError(until, now);
}

/**
 * One more failure for the key: a new window when the last one is over; a lock when the limit is
 * reached. Returns the lock's end when this failure started a lock, else null.
 */
export async function recordFailure(
  key: string,
  limit: number,
  deps: AccountDeps,
): Promise<string | null> {
  const now = deps.clock.now();
  const state = await deps.accounts.findThrottle(key);
  const lockOver = state?.lockedUntil == null || Date.parse(state.lockedUntil) <= now.getTime();
  const next: ThrottleState =
    state === undefined ||
    (lockOver && Date.parse(state.windowStartedAt) + WINDOW_MS <= now.getTime())
      ? { key, failures: 1, windowStartedAt: now.toISOString(), lockedUntil: null }
      : { ...state, failures: state.failures + 1 };
  if (next.failures >= limit && lockOver) {
    const until = new Date(now.getTime() + LOCK_MS).toISOString();
    // the count starts again after the lock
    await deps.accounts.putThrottle({
      key,
      failures: 0,
      windowStartedAt: now.toISOString(),
      lockedUntil: until,
    });
    return until;
  }
  await deps.accounts.putThrottle(next);
  return null;
}

export async function clearThrottle(key: string, deps: AccountDeps): Promise<void> {
  await deps.accounts.clearThrottle(key);
}
