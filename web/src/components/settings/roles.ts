/**
 * The three roles of a member or an API token (docs/http-api.md, docs/accounts.md) and what each
 * may do, in both languages.
 * Issuing power is not a role: it comes from the organisation being an issuing authority.
 */
import type { Schemas } from '../../api/client';
import type { Assert, SameMembers } from '../../api/same-members';
import { defineMessages } from '../../i18n';

export const ROLES = ['admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export type RolesChecked = Assert<SameMembers<typeof ROLES, Schemas['Token']['role']>>;

export const roleLabels = defineMessages(
  {
    role_admin: '管理员',
    role_member: '成员',
    role_viewer: '只读',
    roleHint_admin:
      '本组织内的一切：许可证、事件、成员与邀请、审计日志、API 令牌、Webhook、日历订阅',
    roleHint_member: '查看；登记文件；持证方的事件与期限；Webhook；日历订阅',
    roleHint_viewer: '只能查看许可证、历史与期限，核对（不保存）文件',
  },
  {
    role_admin: 'Administrator',
    role_member: 'Member',
    role_viewer: 'Viewer',
    roleHint_admin:
      'Everything in the organisation: licences, events, members and invitations, the audit log, API tokens, webhooks, calendar feeds',
    roleHint_member:
      'Read; register documents; the holder’s events and deadlines; webhooks; calendar feeds',
    roleHint_viewer: 'Read licences, history and deadlines; check (not save) documents',
  },
);

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
