/**
 * Use cases: people (docs/accounts.md). A person is created with a checked e-mail (lower case,
 * unique), name and password (Argon2id, or none: single sign-on only); changes their name and
 * password. The password policy is said in words, in both languages.
 */
import { DomainError } from '../../core/errors.js';
import type { User } from '../../ports/account-store.js';
import type { AccountDeps } from './account-deps.js';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const NAME_MAX = 100;
export const EMAIL_MAX = 254;

/** How many characters (code points) a string has. */
function characters(s: string): number {
  return Array.from(s).length;
}

/** A lower-cased, trimmed e-mail, or INVALID_INPUT naming what is wrong with it. */
export function checkEmail(email: string): string {
  const e = email.trim().toLowerCase();
  // one @, something either side, no spaces: the server's mail system says the rest
  if (e.length > EMAIL_MAX || !/^[^\s@]+@[^\s@]+$/u.test(e)) {
    throw new DomainError(
      'INVALID_INPUT',
      `电子邮件 ${email} 格式不对：应形如 name@example.com`,
      `The e-mail ${email} is malformed: expected something like name@example.com`,
    );
  }
  return e;
}

/** A trimmed name of 1–100 characters, or INVALID_INPUT. */
export function checkName(name: string): string {
  const n = name.trim();
  if (n.length === 0 || characters(n) > NAME_MAX) {
    throw new DomainError(
      'INVALID_INPUT',
      `姓名应为 1–${NAME_MAX} 个字符`,
      `A name must be 1–${NAME_MAX} characters`,
    );
  }
  return n;
}

/** A mobile number (digits, an optional leading +; spaces and hyphens dropped), or INVALID_INPUT. */
export function checkMobile(mobile: string): string {
  const m = mobile.replace(/[\s-]/gu, '');
  if (!/^\+?\d{6,20}$/u.test(m)) {
    throw new DomainError(
      'INVALID_INPUT',
      `手机号 ${mobile} 格式不对`,
      `The mobile number ${mobile} is malformed`,
    );
  }
  return m;
}

/**
 * INVALID_INPUT unless the password keeps the policy: 10–200 characters, not digits only, not one
 * character repeated, not the e-mail.
 */
export function checkPassword(password: string, email: string | null): void {
  const length = characters(password);
  if (length < PASSWORD_MIN) {
    throw new DomainError(
      'INVALID_INPUT',
      `口令至少 ${PASSWORD_MIN} 个字符`,
      `A password needs at least ${PASSWORD_MIN} characters`,
    );
  }
  if (length > PASSWORD_MAX) {
    throw new DomainError(
      'INVALID_INPUT',
      `口令最多 ${PASSWORD_MAX} 个字符`,
      `A password may have at most ${PASSWORD_MAX} characters`,
    );
  }
  if (/^\d+$/u.test(password)) {
    throw new DomainError(
      'INVALID_INPUT',
      '口令不能只由数字组成',
      'A password may not be digits only',
    );
  }
  if (new Set(password).size === 1) {
    throw new DomainError(
      'INVALID_INPUT',
      '口令不能是同一个字符的重复',
      'A password may not be one character repeated',
    );
  }
  if (email !== null && password.trim().toLowerCase() === email.toLowerCase()) {
    throw new DomainError(
      'INVALID_INPUT',
      '口令不能与电子邮件相同',
      'A password may not be the e-mail address',
    );
  }
}

export interface NewPersonInput {
  readonly email: string | null;
  readonly mobile?: string | null;
  readonly name: string;
  /** null: no password (single sign-on only, or set later through a sign-in link) */
  readonly password: string | null;
  readonly instanceAdmin?: boolean;
}

/**
 * A new person: e-mail checked and lower-cased (CONFLICT when taken), name 1–100 characters,
 * password per the policy and hashed with Argon2id.
 */
export async function createPerson(input: NewPersonInput, deps: AccountDeps): Promise<User> {
  const email = input.email === null ? null : checkEmail(input.email);
  const mobile =
    input.mobile === undefined || input.mobile === null ? null : checkMobile(input.mobile);
  const name = checkName(input.name);
  if (input.password !== null) checkPassword(input.password, email);
  if (email !== null && (await deps.accounts.findUserByEmail(email)) !== undefined) {
    throw new DomainError(
      'CONFLICT',
      `已有使用电子邮件 ${email} 的账号`,
      `An account with the e-mail ${email} exists already`,
    );
  }
  const passwordHash = input.password === null ? null : await deps.passwords.hash(input.password);
  const id = deps.secrets.newId();
  await deps.accounts.createUser({
    id,
    email,
    mobile,
    name,
    passwordHash,
    instanceAdmin: input.instanceAdmin ?? false,
    createdAt: deps.clock.now().toISOString(),
  });
  const user = await deps.accounts.findUser(id);
  if (user === undefined) {
    throw new DomainError(
      'STORAGE_FAILURE',
      `新账号 ${id} 未能保存`,
      `The new account ${id} was not saved`,
    );
  }
  return user;
}

/** The person, or UNAUTHENTICATED when they no longer exist or are disabled. */
export async function requirePerson(userId: string, deps: AccountDeps): Promise<User> {
  const user = await deps.accounts.findUser(userId);
  if (user === undefined || user.disabledAt !== null) {
    throw new DomainError(
      'UNAUTHENTICATED',
      '账号不存在或已停用',
      'The account is unknown or disabled',
    );
  }
  return user;
}

/** A person renames themselves. */
export async function renamePerson(userId: string, name: string, deps: AccountDeps): Promise<void> {
  await requirePerson(userId, deps);
  await deps.accounts.setName(userId, checkName(name));
}

/**
 * A person sets or changes their password: the current one is required when one is set (a wrong
 * one is UNAUTHENTICATED); every other session of theirs ends (`keepSession` stays).
 */
export async function changePassword(
  input: {
    readonly userId: string;
    readonly currentPassword?: string | undefined;
    readonly newPassword: string;
    readonly keepSession: string | null;
  },
  deps: AccountDeps,
): Promise<void> {
  const user = await requirePerson(input.userId, deps);
  if (user.passwordHash !== null) {
    if (input.currentPassword === undefined) {
      throw new DomainError(
        'INVALID_INPUT',
        '修改口令需要提供当前口令',
        'Changing the password needs the current password',
      );
    }
    if (!(await deps.passwords.verify(user.passwordHash, input.currentPassword))) {
      throw new DomainError('UNAUTHENTICATED', '当前口令错误', 'The current password is wrong');
    }
  }
  checkPassword(input.newPassword, user.email);
  const at = deps.clock.now().toISOString();
  await deps.accounts.setPassword(user.id, await deps.passwords.hash(input.newPassword), at);
  // anyone who knew the old password and signed in with it is signed out
  for (const s of await deps.accounts.listSessions(user.id)) {
    if (s.revokedAt === null && s.id !== input.keepSession) {
      await deps.accounts.revokeSession(s.id, at);
    }
  }
}
