/**
 * The organisation's members (admins, `GET /members`): each person with their role in words,
 * whether they have a second factor and single sign-on linked, since when; change a role (the last
 * administrator keeps theirs: the server says so in words) and remove a member after a
 * confirmation — their sessions in the organisation end at once.
 */
import { allPages } from '../../api/all-pages';
import { useState, useSyncExternalStore } from 'react';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { useData } from '../../api/use-data';
import { useAction } from '../forms';
import { InlineConfirm } from '../InlineConfirm';
import { formatDate } from '../../format';
import { defineMessages, useLang, useT } from '../../i18n';
import { getSession, loadSession, onSessionChange } from '../../session';
import { isRole, roleLabels, type Role } from './roles';
import { RoleSelect } from './RoleSelect';
import { SettingsList } from './SettingsList';

const m = defineMessages({
  caption: ['成员', 'Members'],
  named: ['：{name}', ': {name}'],
  name: ['姓名', 'Name'],
  email: ['电子邮件', 'E-mail'],
  role: ['角色', 'Role'],
  secondFactor: ['两步验证', 'Two-step verification'],
  sso: ['单点登录', 'Single sign-on'],
  joined: ['加入时间', 'Joined'],
  actions: ['操作', 'Actions'],
  on: ['已开启', 'On'],
  off: ['未开启', 'Off'],
  linked: ['已关联', 'Linked'],
  notLinked: ['未关联', 'Not linked'],
  you: ['您', 'you'],
  changeRole: ['更改角色', 'Change role'],
  newRole: ['{name}的新角色', 'New role for {name}'],
  save: ['保存角色', 'Save the role'],
  saving: ['正在保存…', 'Saving…'],
  cancel: ['取消', 'Cancel'],
  changed: ['{name}现在是{role}。', '{name} is now {role}.'],
  remove: ['移除', 'Remove'],
  confirm: ['确认移除', 'Confirm removal'],
  removing: ['正在移除…', 'Removing…'],
  confirmText: [
    '把{name}移出本组织？他们在本组织的会话会立即结束，此后不能再访问本组织的数据。需要时可以再邀请。',
    'Remove {name} from the organisation? Their sessions here end at once and they can no longer reach its data. You can invite them again later.',
  ],
  confirmSelf: [
    '这是您自己：移除后您会立即失去对本组织的访问。',
    'This is you: once removed you lose access to the organisation at once.',
  ],
  removed: ['已移除{name}。', 'Removed {name}.'],
  none: ['还没有成员。', 'No members yet.'],
  forbidden: [
    '只有管理员可以查看和管理成员。服务器拒绝了请求（403）。',
    'Only administrators can see and manage members. The server refused the request (403).',
  ],
});

type Member = Schemas['Member'];

export function MembersSection() {
  const t = useT(m);
  const tr = useT(roleLabels);
  const { lang } = useLang();
  const self = useSyncExternalStore(onSessionChange, getSession)?.person.id;
  const members = useData(['members'], () =>
    allPages((query) => call(api.GET('/api/v1/members', { params: { query } }))),
  );
  // one change or removal open at a time: the member's id and what is being done
  const [open, setOpen] = useState<{ id: string; what: 'role' | 'remove' } | null>(null);
  const [role, setRole] = useState<Role>('member');
  const acting = useAction();
  const [message, setMessage] = useState('');

  if (members.error instanceof ApiError && members.error.status === 403) {
    return <p className="notice notice-info">{t('forbidden')}</p>;
  }

  const roleName = (r: string) => (isRole(r) ? tr(`role_${r}`) : r);
  const finish = async (member: Member, text: string) => {
    setOpen(null);
    setMessage(text);
    // a change to one's own membership changes what this session may do
    if (member.userId === self) await loadSession(true);
    await members.mutate();
  };
  const changeRole = (member: Member) =>
    acting.run(async () => {
      await call(
        api.PATCH('/api/v1/members/{userId}', {
          params: { path: { userId: member.userId } },
          body: { role },
        }),
      );
      await finish(member, t('changed', { name: member.name, role: roleName(role) }));
    });
  const remove = (member: Member) =>
    acting.run(async () => {
      await call(
        api.DELETE('/api/v1/members/{userId}', { params: { path: { userId: member.userId } } }),
      );
      await finish(member, t('removed', { name: member.name }));
    });

  const columns = {
    email: t('email'),
    role: t('role'),
    secondFactor: t('secondFactor'),
    sso: t('sso'),
    joined: t('joined'),
    actions: t('actions'),
  };
  return (
    <div className="stack-table">
      <SettingsList
        read={members}
        message={message}
        failure={acting.failure}
        none={t('none')}
        caption={t('caption')}
        columns={[t('name'), ...Object.values(columns)]}
        row={(member: Member) => {
          const isSelf = member.userId === self;
          const named = t('named', { name: member.name });
          const editing = open?.id === member.userId ? open.what : null;
          return (
            <tr key={member.userId}>
              <th scope="row">
                {member.name}
                {isSelf && <span className="badge badge-info settings-self">{t('you')}</span>}
              </th>
              <td data-label={columns.email}>{member.email ?? member.mobile ?? '—'}</td>
              <td data-label={columns.role}>{roleName(member.role)}</td>
              <td data-label={columns.secondFactor}>{t(member.secondFactor ? 'on' : 'off')}</td>
              <td data-label={columns.sso}>{t(member.ssoLinked ? 'linked' : 'notLinked')}</td>
              <td data-label={columns.joined}>{formatDate(member.createdAt, lang)}</td>
              <td className="settings-actions" data-label={columns.actions}>
                {editing === 'role' ? (
                  <div className="settings-inline">
                    <RoleSelect
                      ariaLabel={t('newRole', { name: member.name })}
                      value={role}
                      onChange={setRole}
                    />
                    <button
                      type="button"
                      className="primary"
                      disabled={acting.busy || role === member.role}
                      aria-label={`${t('save')}${named}`}
                      onClick={() => {
                        void changeRole(member);
                      }}
                    >
                      {acting.busy ? t('saving') : t('save')}
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        setOpen(null);
                      }}
                    >
                      {t('cancel')}
                    </button>
                  </div>
                ) : editing === 'remove' ? (
                  <InlineConfirm
                    className="settings-confirm"
                    groupLabel={t('confirm')}
                    confirm={t('confirm')}
                    item={member.name}
                    busy={acting.busy}
                    busyText={t('removing')}
                    danger
                    onConfirm={() => {
                      void remove(member);
                    }}
                    onCancel={() => {
                      setOpen(null);
                    }}
                  >
                    <p>{t('confirmText', { name: member.name })}</p>
                    {isSelf && (
                      <p>
                        <strong>{t('confirmSelf')}</strong>
                      </p>
                    )}
                  </InlineConfirm>
                ) : (
                  <div className="settings-buttons">
                    <button
                      type="button"
                      aria-label={`${t('changeRole')}${named}`}
                      onClick={() => {
                        setOpen({ id: member.userId, what: 'role' });
                        setRole(isRole(member.role) ? member.role : 'member');
                        setMessage('');
                        acting.clearFailure();
                      }}
                    >
                      {t('changeRole')}
                    </button>
                    <button
                      type="button"
                      aria-label={`${t('remove')}${named}`}
                      onClick={() => {
                        setOpen({ id: member.userId, what: 'remove' });
                        setMessage('');
                        acting.clearFailure();
                      }}
                    >
                      {t('remove')}
                    </button>
                  </div>
                )}
              </td>
            </tr>
          );
        }}
      />
    </div>
  );
}
