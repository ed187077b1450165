/**
 * Use cases: an organisation's members (docs/accounts.md, "Invitations and membership"). Admins
 * list them, change a role and remove a member. The role is read from the membership at every
 * request, so a change applies at the member's next request; a removal also revokes the person's
 * sessions in the organisation at once. The organisation always keeps an admin: the last one may be
 * neither demoted nor removed (CONFLICT). The store has no conditional write for that, so the count
 * is checked before the change and again after it, and a change that left no admin (two admins
 * demoting each other at once) is put back.
 */
import { DomainError } from '../../core/errors.js';
import type { Role } from '../../ports/access-store.js';
import type { Member, Membership } from '../../ports/account-store.js';
import type { Principal } from '../access/access-deps.js';
import type { AccountDeps } from './account-deps.js';
import { authoriseInvitation, parseRole, type MembershipDeps } from './invitations.js';

/** The organisation's members, with what an admin sees of each. */
export async function listMembers(
  organisation: string,
  deps: AccountDeps,
): Promise<readonly Member[]> {
  return deps.accounts.listMembers(organisation);
}

function notAMember(userId: string): DomainError {
  return new DomainError(
    'NOT_FOUND',
    `本组织没有成员 ${userId}`,
    `This organisation has no member ${userId}`,
  );
}

function lastAdmin(what: 'demote' | 'remove'): DomainError {
  return what === 'demote'
    ? new DomainError(
        'CONFLICT',
        '不能更改最后一位管理员的角色：请先让另一位成员成为管理员',
        'The last admin’s role may not change: make another member an admin first',
      )
    : new DomainError(
        'CONFLICT',
        '不能移除最后一位管理员：请先让另一位成员成为管理员',
        'The last admin may not be removed: make another member an admin first',
      );
}

async function membershipOf(
  userId: string,
  organisation: string,
  deps: AccountDeps,
): Promise<Membership> {
  const m = await deps.accounts.findMembership(userId, organisation);
  if (m === undefined) throw notAMember(userId);
  return m;
}

async function memberView(userId: string, organisation: string, deps: AccountDeps) {
  const member = (await deps.accounts.listMembers(organisation)).find((m) => m.userId === userId);
  if (member === undefined) throw notAMember(userId);
  return member;
}

/**
 * A member's role in the principal's organisation, changed (a role no wider than the principal's);
 * the member as it is now. It applies at the member's next request.
 */
export async function changeRole(
  input: { readonly userId: string; readonly role: string },
  who: Principal,
  deps: MembershipDeps,
): Promise<Member> {
  const role: Role = parseRole(input.role);
  authoriseInvitation(who, role);
  const org = who.organisation;
  const before = await membershipOf(input.userId, org, deps);
  if (before.role === role) return memberView(input.userId, org, deps);
  const demotesAdmin = before.role === 'admin';
  if (demotesAdmin && (await deps.accounts.countAdmins(org)) <= 1) throw lastAdmin('demote');
  await deps.accounts.putMembership({ ...before, role });
  if (demotesAdmin && (await deps.accounts.countAdmins(org)) === 0) {
    await deps.accounts.putMembership(before);
    throw lastAdmin('demote');
  }
  await deps.membershipAudit({
    organisation: org,
    at: deps.clock.now().toISOString(),
    actor: who.actor,
    action: 'member.role-changed',
    subject: input.userId,
    payload: { userId: input.userId, from: before.role, to: role },
  });
  return memberView(input.userId, org, deps);
}

/**
 * A member leaves the principal's organisation: the membership goes and the person's sessions in
 * the organisation end at once (their next request there is 401). Their other organisations are
 * untouched. Returns how many sessions ended.
 */
export async function removeMember(
  userId: string,
  who: Principal,
  deps: MembershipDeps,
): Promise<{ sessionsEnded: number }> {
  const org = who.organisation;
  const before = await membershipOf(userId, org, deps);
  const wasAdmin = before.role === 'admin';
  if (wasAdmin && (await deps.accounts.countAdmins(org)) <= 1) throw lastAdmin('remove');
  if (!(await deps.accounts.removeMembership(userId, org))) throw notAMember(userId);
  if (wasAdmin && (await deps.accounts.countAdmins(org)) === 0) {
    await deps.accounts.putMembership(before);
    throw lastAdmin('remove');
  }
  const at = deps.clock.now().toISOString();
  const sessionsEnded = await deps.accounts.revokeSessionsOf(userId, at, org);
  await deps.membershipAudit({
    organisation: org,
    at,
    actor: who.actor,
    action: 'member.removed',
    subject: userId,
    payload: { userId, role: before.role, sessionsEnded },
  });
  return { sessionsEnded };
}
