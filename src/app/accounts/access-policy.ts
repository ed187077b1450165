/**
 * Use cases: an organisation's access policy (docs/accounts.md): who may join (`invitation`: only
 * invited people; `domain`: also anyone signing in through single sign-on with a verified e-mail of
 * a listed domain, with `joinRole`), and whether every member must sign in with a second factor.
 *
 * Domains are stored lower-cased, without `@`, in their ASCII form (an internationalised name as
 * punycode, as `domainToASCII` writes it), so an e-mail's domain is compared in the same form.
 * Two refusals keep a domain policy from opening the organisation to everyone: a public mail
 * provider's domain (qq.com, 163.com, gmail.com …) is not a company's, and people joining by domain
 * join as `member` or `viewer`, never `admin` (an admin is invited or promoted by another admin).
 */
import { domainToASCII } from 'node:url';
import { DomainError } from '../../core/errors.js';
import type { Role } from '../../ports/access-store.js';
import type { JoinMode, OrganisationAccess } from '../../ports/account-store.js';
import type { Principal } from '../access/access-deps.js';
import type { AccountDeps } from './account-deps.js';
import { parseRole, type MembershipDeps } from './invitations.js';

export interface AccessPolicy {
  readonly joinMode: JoinMode;
  readonly joinDomains: readonly string[];
  readonly joinRole: Role;
  readonly requireSecondFactor: boolean;
}

/** An organisation without a stored policy: invitations only, no second factor required. */
export const DEFAULT_ACCESS_POLICY: AccessPolicy = {
  joinMode: 'invitation',
  joinDomains: [],
  joinRole: 'member',
  requireSecondFactor: false,
};

export const MAX_JOIN_DOMAINS = 20;

/** Public mail providers: anyone may have an address there, so none may open an organisation. */
export const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  '126.com',
  '139.com',
  '163.com',
  '188.com',
  'aliyun.com',
  'foxmail.com',
  'gmail.com',
  'googlemail.com',
  'hotmail.com',
  'icloud.com',
  'live.com',
  'me.com',
  'msn.com',
  'outlook.com',
  'qq.com',
  'sina.cn',
  'sina.com',
  'sohu.com',
  'tom.com',
  'vip.163.com',
  'vip.qq.com',
  'wo.cn',
  'yahoo.com',
  'yeah.net',
]);

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/u;

/**
 * A domain as a policy stores it: trimmed, without a leading `@`, lower-cased, ASCII. INVALID_INPUT
 * when it is not a domain name of two labels or more, or is a public mail provider's.
 */
export function normaliseJoinDomain(domain: string): string {
  const bare = domain.trim().replace(/^@/u, '').replace(/\.$/u, '');
  const ascii = bare === '' ? '' : domainToASCII(bare.toLowerCase());
  const labels = ascii.split('.');
  const valid =
    ascii.length > 0 &&
    ascii.length <= 253 &&
    labels.length >= 2 &&
    labels.every((l) => LABEL.test(l)) &&
    !/^\d+$/u.test(labels.at(-1) ?? '');
  if (!valid) {
    throw new DomainError(
      'INVALID_INPUT',
      `“${domain}”不是有效的域名（例如 example.com，不带 @）`,
      `“${domain}” is not a valid domain name (such as example.com, without @)`,
    );
  }
  if (PUBLIC_MAIL_DOMAINS.has(ascii)) {
    throw new DomainError(
      'INVALID_INPUT',
      `${ascii} 是公共邮箱的域名，任何人都可注册：不能按它加入组织`,
      `${ascii} is a public mail provider’s domain anyone may have an address at: it cannot let people join`,
    );
  }
  return ascii;
}

/** The organisation's policy, or the default when none is stored. */
export async function getAccessPolicy(
  organisation: string,
  deps: AccountDeps,
): Promise<AccessPolicy> {
  const p = await deps.invitations.findAccessPolicy(organisation);
  if (p === undefined) return DEFAULT_ACCESS_POLICY;
  return {
    joinMode: p.joinMode,
    joinDomains: p.joinDomains,
    joinRole: p.joinRole,
    requireSecondFactor: p.requireSecondFactor,
  };
}

/** Replace the principal's organisation's policy (checked first); the policy as stored. */
export async function putAccessPolicy(
  input: {
    readonly joinMode: string;
    readonly joinDomains: readonly string[];
    readonly joinRole: string;
    readonly requireSecondFactor: boolean;
  },
  who: Principal,
  deps: MembershipDeps,
): Promise<AccessPolicy> {
  if (input.joinMode !== 'invitation' && input.joinMode !== 'domain') {
    throw new DomainError(
      'INVALID_INPUT',
      `加入方式 ${input.joinMode} 无效：应为 invitation 或 domain`,
      `Join mode ${input.joinMode} is invalid: expected invitation or domain`,
    );
  }
  const joinMode: JoinMode = input.joinMode;
  const joinRole = parseRole(input.joinRole);
  if (joinRole === 'admin') {
    throw new DomainError(
      'INVALID_INPUT',
      '按域名加入的人不能直接成为管理员：请选 member 或 viewer',
      'People joining by domain may not join as admin: choose member or viewer',
    );
  }
  if (input.joinDomains.length > MAX_JOIN_DOMAINS) {
    throw new DomainError(
      'INVALID_INPUT',
      `域名最多 ${MAX_JOIN_DOMAINS} 个`,
      `At most ${MAX_JOIN_DOMAINS} domains`,
    );
  }
  const joinDomains = [...new Set(input.joinDomains.map(normaliseJoinDomain))].sort();
  if (joinMode === 'domain' && joinDomains.length === 0) {
    throw new DomainError(
      'INVALID_INPUT',
      '按域名加入时至少需要一个域名',
      'Joining by domain needs at least one domain',
    );
  }
  const policy: OrganisationAccess = {
    organisation: who.organisation,
    joinMode,
    joinDomains,
    joinRole,
    requireSecondFactor: input.requireSecondFactor,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.invitations.putAccessPolicy(policy);
  const stored: AccessPolicy = {
    joinMode,
    joinDomains,
    joinRole,
    requireSecondFactor: input.requireSecondFactor,
  };
  await deps.membershipAudit({
    organisation: who.organisation,
    at: policy.updatedAt,
    actor: who.actor,
    action: 'organisation.access-changed',
    subject: who.organisation,
    payload: { ...stored },
  });
  return stored;
}
