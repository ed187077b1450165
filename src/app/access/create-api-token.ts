/** Use case: a new API token (or sign-in code, or feed key). The secret is returned once, never stored. */
import { DomainError } from '../../core/errors.js';
import { isRole, type Role, type TokenKind } from '../../ports/access-store.js';
import type { AccessDeps } from './access-deps.js';

export interface CreateTokenInput {
  readonly organisation: string;
  readonly role: string;
  readonly name: string;
  readonly kind?: TokenKind;
  /** the person creating it (a user id); null or absent: the operator */
  readonly createdBy?: string | null;
  /** ISO date-time after which it authenticates nothing; must be in the future */
  readonly expiresAt?: string | null;
}

export interface CreatedToken {
  readonly id: string;
  /** the secret: shown once */
  readonly token: string;
  /** as stored: trimmed */
  readonly name: string;
  readonly role: Role;
  readonly organisation: string;
  readonly createdBy: string | null;
  readonly expiresAt: string | null;
}

export async function createApiToken(
  input: CreateTokenInput,
  deps: AccessDeps,
): Promise<CreatedToken> {
  const { role } = input;
  if (!isRole(role)) {
    throw new DomainError(
      'INVALID_INPUT',
      `角色 ${role} 无效：应为 admin、member 或 viewer（发证权来自发证机关机构，不来自角色）`,
      `Role ${role} is invalid: expected admin, member or viewer (issuing power comes from an authority organisation, not a role)`,
    );
  }
  const name = input.name.trim();
  if (name === '' || name.length > 200) {
    throw new DomainError(
      'INVALID_INPUT',
      '令牌名称应为 1–200 个字符',
      'A token name must be 1–200 characters',
    );
  }
  const now = deps.clock.now();
  let expiresAt: string | null = null;
  if (input.expiresAt !== undefined && input.expiresAt !== null) {
    const t = Date.parse(input.expiresAt);
    if (Number.isNaN(t)) {
      throw new DomainError(
        'INVALID_INPUT',
        `令牌的过期时间 ${input.expiresAt} 不是日期时间：应形如 2027-01-31T00:00:00Z`,
        `The token's expiry ${input.expiresAt} is not a date-time: expected e.g. 2027-01-31T00:00:00Z`,
      );
    }
    if (t <= now.getTime()) {
      throw new DomainError(
        'INVALID_INPUT',
        `令牌的过期时间 ${input.expiresAt} 应晚于现在`,
        `The token's expiry ${input.expiresAt} must be in the future`,
      );
    }
    expiresAt = new Date(t).toISOString();
  }
  const token = deps.secrets.newSecret();
  const id = deps.secrets.newId();
  const createdBy = input.createdBy ?? null;
  await deps.access.createToken({
    id,
    organisation: input.organisation,
    role,
    kind: input.kind ?? 'api',
    name,
    tokenHash: deps.secrets.hash(token),
    createdAt: now.toISOString(),
    createdBy,
    expiresAt,
  });
  return { id, token, name, role, organisation: input.organisation, createdBy, expiresAt };
}
