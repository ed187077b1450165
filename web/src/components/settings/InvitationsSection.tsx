/**
 * Invitations (admins): invite a person by e-mail or as a link (`POST /invitations`: 7 days, one
 * use; the link shown once, with a copy button), the list with each one's status in words
 * (待接受 / 已接受 / 已过期 / 已撤销; never a code) and revoking an open one after a confirmation.
 */
import { allPages } from '../../api/all-pages';
import { useId, useState } from 'react';
import { api, ApiError, call, type Schemas } from '../../api/client';
import type { Assert, SameMembers } from '../../api/same-members';
import { useData } from '../../api/use-data';
import { FieldError, useAction } from '../forms';
import { InlineConfirm } from '../InlineConfirm';
import { actorName } from '../actors';
import { formatDate, formatTimestamp } from '../../format';
import { defineMessages, useLang, useT } from '../../i18n';
import { NewSecret } from './NewSecret';
import { RoleSelect } from './RoleSelect';
import { isRole, roleLabels, type Role } from './roles';
import { CreateForm, SettingsList } from './SettingsList';

const m = defineMessages({
  caption: ['邀请', 'Invitations'],
  named: ['：{name}', ': {name}'],
  invitee: ['受邀人', 'Invitee'],
  invitedBy: ['邀请人', 'Invited by'],
  asLink: ['链接邀请（未指定电子邮件）', 'A link (no e-mail given)'],
  role: ['角色', 'Role'],
  sent: ['发出时间', 'Sent'],
  expires: ['有效期至', 'Valid until'],
  state: ['状态', 'Status'],
  actions: ['操作', 'Actions'],
  status_open: ['待接受', 'Waiting'],
  status_accepted: ['已接受', 'Accepted'],
  status_expired: ['已过期', 'Expired'],
  status_revoked: ['已撤销', 'Revoked'],
  revoke: ['撤销', 'Revoke'],
  confirm: ['确认撤销', 'Confirm revoke'],
  revoking: ['正在撤销…', 'Revoking…'],
  confirmText: [
    '撤销给{name}的邀请？邀请链接将立即失效。',
    'Revoke the invitation for {name}? Its link stops working at once.',
  ],
  revoked: ['已撤销给{name}的邀请。', 'Revoked the invitation for {name}.'],
  none: ['还没有发出邀请。', 'No invitations yet.'],
  create: ['邀请新成员', 'Invite a new member'],
  email: ['电子邮件地址（可不填）', 'E-mail address (optional)'],
  emailHint: [
    '填写后只有这个地址的人能接受邀请；服务器配置了邮件发送时，会把邀请发到这个地址。不填则生成一个邀请链接，由您转交。',
    'With an address only that person can accept, and when the server sends e-mail the invitation goes there. Without one you get a link to pass on yourself.',
  ],
  emailInvalid: [
    '这不是有效的电子邮件地址，例如 zhang@example.com。',
    'This is not a valid e-mail address, e.g. zhang@example.com.',
  ],
  newRole: ['角色', 'Role'],
  submit: ['发出邀请', 'Send the invitation'],
  creating: ['正在发出…', 'Sending…'],
  linkLabel: ['邀请链接：{name}', 'Invitation link: {name}'],
  copy: ['复制邀请链接', 'Copy the invitation link'],
  linkWarning: [
    '这个链接只显示这一次，7 天内有效，只能使用一次：拿到它的人可以以“{role}”身份加入本组织。请通过安全的渠道发给受邀人。',
    'This link is shown only this once; it works once, for 7 days: whoever has it can join the organisation as “{role}”. Send it to the invitee over a safe channel.',
  ],
  mailed: ['邀请邮件已发到 {email}。', 'The invitation has been e-mailed to {email}.'],
  notMailed: [
    '本服务器没有配置邮件发送，邀请没有发到 {email}：请把上面的链接发给对方。',
    'This server sends no e-mail, so the invitation has not gone to {email}: send them the link above.',
  ],
  forbidden: [
    '只有管理员可以邀请成员。服务器拒绝了请求（403）。',
    'Only administrators can invite members. The server refused the request (403).',
  ],
});

const STATUSES = ['open', 'accepted', 'expired', 'revoked'] as const;
export type InvitationStatusesChecked = Assert<
  SameMembers<typeof STATUSES, Schemas['Invitation']['status']>
>;

type Invitation = Schemas['Invitation'];

const BADGE: Readonly<Record<string, string>> = {
  open: 'badge-info',
  accepted: 'badge-ok',
};

export function InvitationsSection() {
  const t = useT(m);
  const tr = useT(roleLabels);
  const { lang } = useLang();
  const invitations = useData(['invitations'], () =>
    allPages((query) => call(api.GET('/api/v1/invitations', { params: { query } }))),
  );
  const [confirming, setConfirming] = useState<string | null>(null);
  const revoking = useAction();
  const [message, setMessage] = useState('');

  if (invitations.error instanceof ApiError && invitations.error.status === 403) {
    return <p className="notice notice-info">{t('forbidden')}</p>;
  }

  const inviteeOf = (i: Invitation) => i.email ?? t('asLink');
  const revoke = (invitation: Invitation) =>
    revoking.run(async () => {
      await call(
        api.DELETE('/api/v1/invitations/{id}', { params: { path: { id: invitation.id } } }),
      );
      setConfirming(null);
      setMessage(t('revoked', { name: inviteeOf(invitation) }));
      await invitations.mutate();
    });

  const columns = {
    role: t('role'),
    invitedBy: t('invitedBy'),
    sent: t('sent'),
    expires: t('expires'),
    state: t('state'),
    actions: t('actions'),
  };
  return (
    <>
      <div className="stack-table">
        <SettingsList
          read={invitations}
          message={message}
          failure={revoking.failure}
          none={t('none')}
          caption={t('caption')}
          columns={[t('invitee'), ...Object.values(columns)]}
          row={(invitation: Invitation) => {
            const name = inviteeOf(invitation);
            const status = (STATUSES as readonly string[]).includes(invitation.status)
              ? t(`status_${invitation.status}`)
              : invitation.status;
            return (
              <tr key={invitation.id} className={invitation.status === 'open' ? '' : 'is-revoked'}>
                <th scope="row">{name}</th>
                <td data-label={columns.role}>
                  {isRole(invitation.role) ? tr(`role_${invitation.role}`) : invitation.role}
                </td>
                <td data-label={columns.invitedBy} title={invitation.createdBy}>
                  {actorName(invitation.createdBy, lang)}
                </td>
                <td data-label={columns.sent}>{formatTimestamp(invitation.createdAt, lang)}</td>
                <td data-label={columns.expires}>{formatDate(invitation.expiresAt, lang)}</td>
                <td data-label={columns.state}>
                  <span className={`badge ${BADGE[invitation.status] ?? 'badge-unknown'}`}>
                    {status}
                  </span>
                </td>
                <td className="settings-actions" data-label={columns.actions}>
                  {invitation.status !== 'open' ? null : confirming === invitation.id ? (
                    <InlineConfirm
                      className="settings-confirm"
                      groupLabel={t('confirm')}
                      confirm={t('confirm')}
                      item={name}
                      busy={revoking.busy}
                      busyText={t('revoking')}
                      danger
                      onConfirm={() => {
                        void revoke(invitation);
                      }}
                      onCancel={() => {
                        setConfirming(null);
                      }}
                    >
                      <p>{t('confirmText', { name })}</p>
                    </InlineConfirm>
                  ) : (
                    <button
                      type="button"
                      aria-label={`${t('revoke')}${t('named', { name })}`}
                      onClick={() => {
                        setConfirming(invitation.id);
                        setMessage('');
                      }}
                    >
                      {t('revoke')}
                    </button>
                  )}
                </td>
              </tr>
            );
          }}
        />
      </div>
      <CreateInvitation
        onCreated={async () => {
          setMessage('');
          await invitations.mutate();
        }}
      />
    </>
  );
}

/** Something, one @, something: the form the server accepts (src/app/accounts/users.ts). */
const EMAIL = /^[^\s@]+@[^\s@]+$/u;

function CreateInvitation({ onCreated }: { onCreated: () => Promise<void> }) {
  const t = useT(m);
  const tr = useT(roleLabels);
  const ids = { email: useId(), hint: useId(), role: useId(), roleHint: useId() };
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [invalid, setInvalid] = useState(false);
  const creating = useAction();
  const [created, setCreated] = useState<{
    url: string;
    email: string | null;
    role: string;
    mailed: boolean;
  } | null>(null);

  async function submit() {
    const address = email.trim();
    const bad = address !== '' && !EMAIL.test(address);
    setInvalid(bad);
    if (bad) {
      creating.clearFailure();
      return;
    }
    await creating.run(async () => {
      const result = await call(
        api.POST('/api/v1/invitations', {
          body: address === '' ? { role } : { email: address, role },
        }),
      );
      // the server's URL may be a path (`/invite#code=…`): shown whole, to be sent on
      setCreated({
        url: new URL(result.url, window.location.origin).href,
        email: result.email,
        role: result.role,
        mailed: result.mailed,
      });
      setEmail('');
      await onCreated();
    });
  }

  const roleWord = (r: string) => (isRole(r) ? tr(`role_${r}`) : r);
  return (
    <CreateForm
      title={t('create')}
      created={
        created !== null && (
          <NewSecret
            label={t('linkLabel', { name: created.email ?? t('asLink') })}
            value={created.url}
            copyLabel={t('copy')}
            onDismiss={() => {
              setCreated(null);
            }}
          >
            <p>
              <strong>{t('linkWarning', { role: roleWord(created.role) })}</strong>
            </p>
            {created.email !== null && (
              <p>{t(created.mailed ? 'mailed' : 'notMailed', { email: created.email })}</p>
            )}
          </NewSecret>
        )
      }
      action={creating}
      submit={t('submit')}
      busyText={t('creating')}
      onSubmit={submit}
    >
      <div className="field">
        <label htmlFor={ids.email}>{t('email')}</label>
        <input
          id={ids.email}
          type="email"
          value={email}
          maxLength={254}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={invalid}
          aria-describedby={invalid ? `${ids.hint} ${ids.email}-error` : ids.hint}
          onChange={(e) => {
            setEmail(e.currentTarget.value);
          }}
        />
        <p id={ids.hint} className="hint">
          {t('emailHint')}
        </p>
        <FieldError id={`${ids.email}-error`} text={invalid ? t('emailInvalid') : undefined} />
      </div>
      <div className="field">
        <label htmlFor={ids.role}>{t('newRole')}</label>
        <RoleSelect id={ids.role} value={role} onChange={setRole} hintId={ids.roleHint} />
      </div>
    </CreateForm>
  );
}
