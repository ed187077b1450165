/**
 * Use case: sign in with e-mail and password (docs/accounts.md) → a session. Wrong e-mail and wrong
 * password get the same words and cost the same Argon2 work; failures count per account and per
 * client address (throttle.ts), a success clears the account's count; a locked account's person
 * gets one notice by e-mail per lock. An account with a second factor needs its code (or a
 * recovery code) in `otp`.
 */
import { DomainError } from '../../core/errors.js';
import type { User } from '../../ports/account-store.js';
import type { AccountDeps, PasswordHasher } from './account-deps.js';
import { verifySecondFactor } from './second-factor.js';
import { defaultOrganisationOf, startSession, type StartedSession } from './sessions.js';
import {
  ACCOUNT_FAILURES,
  accountKey,
  ADDRESS_FAILURES,
  addressKey,
  checkThrottle,
  clearThrottle,
  recordFailure,
} from './throttle.js';

export interface PasswordSignInInput {
  readonly email: string;
  readonly password: string;
  /** a 6-digit code of the authenticator, or a recovery code */
  readonly otp?: string | undefined;
  readonly address: string | null;
  readonly userAgent: string | null;
}

const WRONG = () =>
  new DomainError('UNAUTHENTICATED', '电子邮件或口令错误', 'The e-mail or the password is wrong');

/** A hash of a password nobody has, per hasher: an unknown e-mail is checked against it. */
const dummyHashes = new WeakMap<PasswordHasher, Promise<string>>();
function dummyHashOf(passwords: PasswordHasher): Promise<string> {
  let h = dummyHashes.get(passwords);
  if (h === undefined) {
    h = passwords.hash('xuke: no such account, the same work as a real one');
    dummyHashes.set(passwords, h);
  }
  return h;
}

/** The lock-out notice, in both languages; the sign-in page's address when known. */
export function lockOutNotice(
  user: Pick<User, 'name'>,
  lockedUntil: string,
  publicUrl: string | null,
): { subject: string; text: string } {
  const page = publicUrl === null ? '' : `${publicUrl.replace(/\/+$/u, '')}/sign-in`;
  return {
    subject: '许可 xuke：账号因多次登录失败已暂时锁定 / Account locked after failed sign-ins',
    text: [
      `${user.name}，您好：`,
      '',
      `您的账号连续多次登录失败，已锁定至 ${lockedUntil}（UTC）。如果不是您本人操作，请在解锁后修改口令，并告知管理员。`,
      ...(page === '' ? [] : [`登录页面：${page}`]),
      '',
      `Hello ${user.name},`,
      '',
      `Your account had several failed sign-ins in a row and is locked until ${lockedUntil} (UTC). If this was not you, change your password once it unlocks and tell your administrator.`,
      ...(page === '' ? [] : [`Sign-in page: ${page}`]),
    ].join('\n'),
  };
}

async function failed(
  keys: { readonly account: string; readonly address: string | null },
  user: User | undefined,
  deps: AccountDeps,
): Promise<void> {
  const locked = await recordFailure(keys.account, ACCOUNT_FAILURES, deps);
  if (keys.address !== null) await recordFailure(keys.address, ADDRESS_FAILURES, deps);
  if (locked !== null && user?.email != null && deps.mail !== null) {
    const notice = lockOutNotice(user, locked, deps.publicUrl);
    try {
      await deps.mail.send(user.email, notice.subject, notice.text);
    } catch {
      // the lock holds whether or not the notice could be sent
    }
  }
}

export async function signInWithPassword(
  input: PasswordSignInInput,
  deps: AccountDeps,
): Promise<StartedSession> {
  const email = input.email.trim().toLowerCase();
  const keys = {
    account: accountKey(email),
    address: input.address === null ? null : addressKey(input.address),
  };
  await checkThrottle(keys.address === null ? [keys.account] : [keys.account, keys.address], deps);

  const user = await deps.accounts.findUserByEmail(email);
  const stored = user?.disabledAt === null ? user.passwordHash : null;
  // an unknown e-mail (or a person without a password) costs the same Argon2 work as a known one
  const right = await deps.passwords.verify(
    stored ?? (await dummyHashOf(deps.passwords)),
    input.password,
  );
  if (user === undefined || stored === null || !right) {
    await failed(keys, user, deps);
    throw WRONG();
  }

  let secondFactor = false;
  if (user.totpEnabledAt !== null) {
    const otp = input.otp?.trim() ?? '';
    if (otp === '') {
      // the password was right: not a failure, the page asks for the code
      throw new DomainError(
        'SECOND_FACTOR_REQUIRED',
        '此账号已启用两步验证：请输入验证器中的 6 位验证码或一个恢复码',
        'This account has a second factor: enter the 6-digit code of your authenticator or a recovery code',
      );
    }
    if (!(await verifySecondFactor(user.id, otp, deps))) {
      await failed(keys, user, deps);
      throw new DomainError(
        'SECOND_FACTOR_REQUIRED',
        '验证码错误或已使用',
        'The code is wrong or was used already',
      );
    }
    secondFactor = true;
  }

  const organisation = await defaultOrganisationOf(user.id, deps);
  if (organisation === null) {
    throw new DomainError(
      'FORBIDDEN',
      '此账号不属于任何组织：请联系管理员邀请您加入',
      'This account belongs to no organisation: ask an administrator to invite you',
    );
  }
  await clearThrottle(keys.account, deps);
  return startSession(
    {
      userId: user.id,
      organisation,
      method: 'password',
      secondFactor,
      address: input.address,
      userAgent: input.userAgent,
    },
    deps,
  );
}
