/**
 * Use cases: invitations (docs/accounts.md, "Invitations and membership"). An admin invites a
 * person into its organisation with a role no wider than its own, by e-mail (sent when SMTP is
 * configured) or as a link; the link's code is a 32-byte random secret stored only as its sha256,
 * valid 7 days and accepted once (atomically, by the store). An invitation addressed to an e-mail
 * may only be accepted by the person with that e-mail. Accepting joins the organisation: a person
 * already a member keeps the wider of the two roles (an invitation never demotes; a demotion is an
 * admin's explicit role change).
 */
import { describeActor, personActor } from '../../core/actor.js';
import { DomainError } from '../../core/errors.js';
import { isRole, ROLES, type Role } from '../../ports/access-store.js';
import type { Invitation, User } from '../../ports/account-store.js';
import type { OrganisationStore } from '../../ports/organisation-store.js';
import type { Principal } from '../access/access-deps.js';
import { PERMISSIONS, type Action } from '../access/authorise-action.js';
import type { AccountDeps, MembershipAuditEntry } from './account-deps.js';
import { checkEmail, checkName, checkPassword, createPerson } from './users.js';

/** How long an invitation stays open. */
export const INVITATION_DAYS = 7;

/** The action inviting needs (admins, by the role table). */
export const INVITE_ACTION: Action = 'manage-organisation';

/** A role in words, zh-CN and English (docs/glossary.md). */
export const ROLE_WORDS: Readonly<Record<Role, readonly [zh: string, en: string]>> = {
  admin: ['管理员', 'administrator'],
  member: ['成员', 'member'],
  viewer: ['只读', 'viewer'],
};

/**
 * A membership change for the organisation's audit chain. The composition root wires it (an
 * append to the chain); without it nothing is audited here.
 */
/** The account dependencies (membership changes go to the audit chain through them). */
export type MembershipDeps = AccountDeps;

/** What the organisation-facing use cases also read: an organisation's name. */
export interface InvitationDeps {
  readonly organisations: Pick<OrganisationStore, 'findOrganisation'>;
}

export type InvitationStatus = 'open' | 'accepted' | 'expired' | 'revoked';

export interface InvitationView extends Invitation {
  readonly status: InvitationStatus;
}

export interface CreatedInvitation {
  readonly id: string;
  /** `${publicUrl}/invite#code=…`: shown once */
  readonly url: string;
  /** the secret: shown once, stored only as its sha256 */
  readonly code: string;
  readonly email: string | null;
  readonly role: Role;
  readonly expiresAt: string;
  /** whether an e-mail was sent (false without an address, a mail server, or when it failed) */
  readonly mailed: boolean;
}

export interface InvitationLookup {
  readonly organisation: { readonly id: string; readonly name: string };
  readonly role: Role;
  readonly email: string | null;
  readonly expiresAt: string;
}

/** Roles, widest first: the wider of two. */
export function widerRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;
}

/**
 * FORBIDDEN unless the principal may invite a person with `role`: it must be allowed to invite, and
 * the role may do nothing the principal's own role may not (as a token's ceiling, authoriseGrant).
 */
export function authoriseInvitation(
  principal: Pick<Principal, 'role'>,
  role: Role,
  permissions: Readonly<Record<Action, readonly Role[]>> = PERMISSIONS,
): void {
  if (!permissions[INVITE_ACTION].includes(principal.role)) {
    throw new DomainError(
      'FORBIDDEN',
      `角色 ${principal.role} 无权邀请成员（需要 ${INVITE_ACTION}）`,
      `Role ${principal.role} may not invite people (it needs ${INVITE_ACTION})`,
    );
  }
  const beyond = (Object.keys(permissions) as Action[]).filter(
    (a) => permissions[a].includes(role) && !permissions[a].includes(principal.role),
  );
  if (beyond.length > 0) {
    throw new DomainError(
      'FORBIDDEN',
      `角色 ${principal.role} 不能邀请 ${role}：${role} 可以 ${beyond.join('、')}`,
      `Role ${principal.role} may not invite a ${role}: ${role} may ${beyond.join(', ')}`,
    );
  }
}

export function parseRole(role: string): Role {
  if (!isRole(role)) {
    throw new DomainError(
      'INVALID_INPUT',
      `角色 ${role} 无效：应为 admin、member 或 viewer`,
      `Role ${role} is invalid: expected admin, member or viewer`,
    );
  }
  return role;
}

export function invitationStatus(inv: Invitation, at: Date): InvitationStatus {
  if (inv.revokedAt !== null) return 'revoked';
  if (inv.acceptedAt !== null) return 'accepted';
  return Date.parse(inv.expiresAt) <= at.getTime() ? 'expired' : 'open';
}

/** The organisation's name, or its id when it has no record. */
async function organisationName(id: string, deps: InvitationDeps): Promise<string> {
  return (await deps.organisations.findOrganisation(id))?.name ?? id;
}

/** `2026年12月5日 10:00` and `5 December 2026, 10:00`, in Beijing time. */
export function beijingTime(iso: string): { zh: string; en: string } {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  const month = new Date(Date.UTC(2000, m - 1, 1)).toLocaleString('en-GB', {
    month: 'long',
    timeZone: 'UTC',
  });
  return { zh: `${y}年${m}月${day}日 ${hm}`, en: `${day} ${month} ${y}, ${hm}` };
}

/** The invitation e-mail: zh-CN, then English. */
export function invitationMail(m: {
  organisation: string;
  role: Role;
  inviter: { zh: string; en: string };
  url: string;
  expiresAt: string;
}): { subject: string; text: string } {
  const [roleZh, roleEn] = ROLE_WORDS[m.role];
  const until = beijingTime(m.expiresAt);
  return {
    subject: `邀请您加入“${m.organisation}” / Invitation to join ${m.organisation} on xuke`,
    text: [
      '您好，',
      '',
      `${m.inviter.zh} 邀请您以“${roleZh}”身份加入“${m.organisation}”（许可证管理系统 xuke）。`,
      '请打开以下链接接受邀请：',
      m.url,
      '',
      `此链接仅可使用一次，${until.zh}（北京时间）前有效。如您并未预期此邀请，请忽略本邮件。`,
      '',
      '---',
      '',
      'Hello,',
      '',
      `${m.inviter.en} invites you to join ${m.organisation} on xuke as ${roleEn === 'administrator' ? 'an' : 'a'} ${roleEn}.`,
      'Open this link to accept:',
      m.url,
      '',
      `The link works once and until ${until.en} (Beijing time). If you did not expect this invitation, ignore this e-mail.`,
      '',
    ].join('\n'),
  };
}

async function audit(deps: MembershipDeps, entry: MembershipAuditEntry): Promise<void> {
  await deps.membershipAudit(entry);
}

/**
 * A new invitation into the principal's organisation: admins only, a role no wider than the
 * inviter's, an optional e-mail (sent to when mail is configured), 7 days, single use.
 */
export async function createInvitation(
  input: { readonly email?: string | null; readonly role: string },
  who: Principal,
  deps: MembershipDeps & InvitationDeps,
): Promise<CreatedInvitation> {
  const role = parseRole(input.role);
  authoriseInvitation(who, role);
  const email =
    input.email === undefined || input.email === null || input.email.trim() === ''
      ? null
      : checkEmail(input.email);
  const now = deps.clock.now();
  const code = deps.secrets.newSecret();
  const invitation: Invitation = {
    id: deps.secrets.newId(),
    organisation: who.organisation,
    email,
    role,
    createdBy: who.actor,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
    acceptedAt: null,
    acceptedBy: null,
    revokedAt: null,
  };
  await deps.invitations.createInvitation({ ...invitation, tokenHash: deps.secrets.hash(code) });
  const base = (deps.publicUrl ?? '').replace(/\/+$/u, '');
  const url = `${base}/invite#code=${code}`;
  let mailed = false;
  if (email !== null && deps.mail !== null) {
    const mail = invitationMail({
      organisation: await organisationName(who.organisation, deps),
      role,
      inviter: { zh: describeActor(who.actor, 'zh'), en: describeActor(who.actor, 'en') },
      url,
      expiresAt: invitation.expiresAt,
    });
    try {
      await deps.mail.send(email, mail.subject, mail.text);
      mailed = true;
    } catch {
      // the mail server refused or was unreachable: the invitation stands, and the admin, told
      // `mailed: false`, shares the link another way
    }
  }
  await audit(deps, {
    organisation: who.organisation,
    at: invitation.createdAt,
    actor: who.actor,
    action: 'member.invited',
    subject: invitation.id,
    payload: { invitation: invitation.id, email, role, expiresAt: invitation.expiresAt, mailed },
  });
  return { id: invitation.id, url, code, email, role, expiresAt: invitation.expiresAt, mailed };
}

/** The organisation's invitations, newest first, each with its status; never a code or hash. */
export async function listInvitations(
  organisation: string,
  deps: AccountDeps,
): Promise<readonly InvitationView[]> {
  const now = deps.clock.now();
  const items = await deps.invitations.listInvitations(organisation);
  return [...items]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id))
    .map((inv) => ({ ...inv, status: invitationStatus(inv, now) }));
}

/** Revoke an open invitation of the principal's organisation; NOT_FOUND otherwise. */
export async function revokeInvitation(
  id: string,
  who: Principal,
  deps: MembershipDeps,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  const found = (await deps.invitations.listInvitations(who.organisation)).find((i) => i.id === id);
  const done =
    found !== undefined && (await deps.invitations.revokeInvitation(who.organisation, id, at));
  if (!done) {
    throw new DomainError(
      'NOT_FOUND',
      `本组织没有邀请 ${id}，或它已被撤销`,
      `This organisation has no invitation ${id}, or it was revoked already`,
    );
  }
  await audit(deps, {
    organisation: who.organisation,
    at,
    actor: who.actor,
    action: 'invitation.revoked',
    subject: id,
    payload: { invitation: id, email: found.email, role: found.role },
  });
}

/** The error for an invitation that exists but can no longer be accepted. */
function gone(status: Exclude<InvitationStatus, 'open'>): DomainError {
  const words: Record<typeof status, readonly [string, string]> = {
    accepted: [
      '此邀请已被接受，不能再次使用',
      'This invitation was accepted already: it works once',
    ],
    expired: [
      '此邀请已过期：请向管理员索取新的邀请',
      'This invitation has expired: ask an admin for a new one',
    ],
    revoked: [
      '此邀请已被撤销：请向管理员索取新的邀请',
      'This invitation was revoked: ask an admin for a new one',
    ],
  };
  const [zh, en] = words[status];
  return new DomainError('GONE', zh, en);
}

/** The open invitation a code stands for: NOT_FOUND when unknown, GONE when no longer open. */
async function openInvitation(code: string, deps: AccountDeps): Promise<Invitation> {
  const inv = await deps.invitations.findInvitationByHash(deps.secrets.hash(code));
  if (inv === undefined) {
    throw new DomainError(
      'NOT_FOUND',
      '没有这个邀请：请检查链接是否完整',
      'No such invitation: check that the link is complete',
    );
  }
  const status = invitationStatus(inv, deps.clock.now());
  if (status !== 'open') throw gone(status);
  return inv;
}

/** Public: what an invitation offers (before signing in or up). */
export async function lookupInvitation(
  code: string,
  deps: AccountDeps & InvitationDeps,
): Promise<InvitationLookup> {
  const inv = await openInvitation(code, deps);
  return {
    organisation: { id: inv.organisation, name: await organisationName(inv.organisation, deps) },
    role: inv.role,
    email: inv.email,
    expiresAt: inv.expiresAt,
  };
}

/**
 * An existing person accepts an invitation: once (the store's conditional update decides between
 * two at once), by the invited e-mail's owner when it names one. A member already keeps the wider
 * role. `address` is the client's, for the audit entry.
 */
export async function acceptInvitation(
  input: { readonly code: string; readonly userId: string; readonly address?: string | null },
  deps: MembershipDeps,
): Promise<{ organisation: string; role: Role }> {
  const inv = await openInvitation(input.code, deps);
  const user = await deps.accounts.findUser(input.userId);
  if (user === undefined || user.disabledAt !== null) {
    throw new DomainError(
      'FORBIDDEN',
      '此账户不存在或已停用，不能接受邀请',
      'This account does not exist or is disabled: it may not accept an invitation',
    );
  }
  if (inv.email !== null && user.email !== inv.email) {
    throw new DomainError(
      'FORBIDDEN',
      `此邀请发给 ${inv.email}：请以该电子邮件的账户接受`,
      `This invitation is for ${inv.email}: accept it with that e-mail's account`,
    );
  }
  const at = deps.clock.now().toISOString();
  await claim(inv, input.code, user.id, at, deps);
  return join(inv, user, at, input.address ?? null, deps);
}

/** Uses the invitation up for this person, once: GONE when someone else was first. */
async function claim(
  inv: Invitation,
  code: string,
  userId: string,
  at: string,
  deps: AccountDeps,
): Promise<void> {
  if (await deps.invitations.acceptInvitation(inv.id, userId, at)) return;
  // someone else accepted it (or it was revoked, or it expired) since it was read
  const again = await deps.invitations.findInvitationByHash(deps.secrets.hash(code));
  const status = again === undefined ? 'revoked' : invitationStatus(again, new Date(at));
  throw gone(status === 'open' ? 'accepted' : status);
}

/** The person joins the invitation's organisation (a member keeps the wider role), audited. */
async function join(
  inv: Invitation,
  user: User,
  at: string,
  address: string | null,
  deps: MembershipDeps,
): Promise<{ organisation: string; role: Role }> {
  const existing = await deps.accounts.findMembership(user.id, inv.organisation);
  const role = existing === undefined ? inv.role : widerRole(existing.role, inv.role);
  await deps.accounts.putMembership({
    userId: user.id,
    organisation: inv.organisation,
    role,
    createdAt: existing?.createdAt ?? at,
    createdBy: existing === undefined ? inv.createdBy : existing.createdBy,
  });
  await audit(deps, {
    organisation: inv.organisation,
    at,
    actor: personActor(user, address),
    action: 'member.joined',
    subject: user.id,
    payload: {
      invitation: inv.id,
      invitedBy: inv.createdBy,
      role,
      previousRole: existing?.role ?? null,
    },
  });
  return { organisation: inv.organisation, role };
}

/**
 * A new person accepts an invitation: name and password, the e-mail the invitation names (or the
 * one given when it names none). CONFLICT when the e-mail has an account: that person signs in and
 * accepts.
 */
export async function acceptInvitationAsNewPerson(
  input: {
    readonly code: string;
    readonly name: string;
    readonly password: string;
    readonly email?: string | null;
    readonly address?: string | null;
  },
  deps: MembershipDeps,
): Promise<{ userId: string; organisation: string; role: Role }> {
  const inv = await openInvitation(input.code, deps);
  const given =
    input.email === undefined || input.email === null || input.email.trim() === ''
      ? null
      : checkEmail(input.email);
  if (inv.email !== null && given !== null && given !== inv.email) {
    throw new DomainError(
      'INVALID_INPUT',
      `此邀请发给 ${inv.email}，不能用 ${given} 接受`,
      `This invitation is for ${inv.email}: it cannot be accepted as ${given}`,
    );
  }
  const email = inv.email ?? given;
  if (email === null) {
    throw new DomainError(
      'INVALID_INPUT',
      '需要电子邮件地址：登录时要用到它',
      'An e-mail address is needed: it is what you sign in with',
    );
  }
  if ((await deps.accounts.findUserByEmail(email)) !== undefined) {
    throw new DomainError(
      'CONFLICT',
      `${email} 已有账户：请先登录，再接受邀请`,
      `${email} has an account already: sign in first, then accept the invitation`,
    );
  }
  // Checked before the invitation is used up, so a refusal leaves it open; used up before the
  // person is stored, so a second submission of the same form (or a second person with the same
  // link) is refused without leaving an account behind that belongs nowhere.
  const name = checkName(input.name);
  checkPassword(input.password, email);
  const id = deps.secrets.newId();
  const at = deps.clock.now().toISOString();
  await claim(inv, input.code, id, at, deps);
  // createPerson makes one id: this one, so the invitation names the person it made
  const user = await createPerson(
    { email, name, password: input.password },
    {
      ...deps,
      secrets: {
        newSecret: () => deps.secrets.newSecret(),
        hash: (secret) => deps.secrets.hash(secret),
        newId: () => id,
      },
    },
  );
  if (user.id !== id) {
    throw new DomainError(
      'STORAGE_FAILURE',
      `新账户的编号 ${user.id} 与邀请记录的 ${id} 不符`,
      `The new account's id ${user.id} is not the ${id} the invitation records`,
    );
  }
  const joined = await join(inv, user, at, input.address ?? null, deps);
  return { userId: user.id, ...joined };
}
