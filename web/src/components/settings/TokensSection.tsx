/**
 * The organisation's API tokens (admins only): who holds which role, since when, revoked or not;
 * create one (its secret shown once) and revoke one after a confirmation. On a phone each token is
 * a block of labelled lines (`stack-table`), so its revoke button is on screen, not in a column
 * scrolled out of view.
 */
import { useId, useState } from 'react';
import { api, ApiError, call, type Schemas } from '../../api/client';
import type { Assert, SameMembers } from '../../api/same-members';
import { useData } from '../../api/use-data';
import { FieldError, useAction } from '../forms';
import { tokenName } from '../actors';
import { InlineConfirm } from '../InlineConfirm';
import { formatTimestamp } from '../../format';
import { defineMessages, useLang, useT } from '../../i18n';
import { ROLES, isRole, roleLabels, type Role } from './roles';
import { NewSecret } from './NewSecret';
import { CreateForm, SettingsList } from './SettingsList';

const m = defineMessages(
  {
    caption: 'API 令牌',
    named: '：{name}',
    name: '名称',
    role: '角色',
    kind: '类型',
    created: '创建时间',
    state: '状态',
    actions: '操作',
    kind_api: 'API 令牌',
    'kind_sign-in': '一次性登录链接',
    kind_calendar: '日历订阅',
    active: '有效',
    revokedAt: '已撤销（{at}）',
    current: '当前登录',
    revoke: '撤销',
    confirm: '确认撤销',
    revoking: '正在撤销…',
    confirmText: '撤销“{name}”？使用它的程序和人员将立即无法访问。此操作不能恢复。',
    confirmSelf: '这是您当前登录所用的令牌：撤销后您会立即退出。',
    revoked: '已撤销“{name}”。',
    none: '还没有令牌。',
    create: '新建令牌',
    newName: '名称',
    newNameHint: '写明谁或哪个程序使用它，例如“合规部 张三”“上架审核系统”。',
    newRole: '角色',
    submit: '创建令牌',
    creating: '正在创建…',
    nameMissing: '请填写名称。',
    createdLabel: '新令牌“{name}”',
    copy: '复制新令牌',
    createdWarning:
      '这个令牌只显示这一次，请现在复制并交给使用者（通过安全的渠道）。它可以登录网页、调用 API，权限为“{role}”。',
    forbidden: '只有管理员可以查看和管理 API 令牌。服务器拒绝了请求（403）。',
  },
  {
    caption: 'API tokens',
    named: ': {name}',
    name: 'Name',
    role: 'Role',
    kind: 'Kind',
    created: 'Created',
    state: 'State',
    actions: 'Actions',
    kind_api: 'API token',
    'kind_sign-in': 'One-time sign-in link',
    kind_calendar: 'Calendar feed',
    active: 'Active',
    revokedAt: 'Revoked ({at})',
    current: 'this session',
    revoke: 'Revoke',
    confirm: 'Confirm revoke',
    revoking: 'Revoking…',
    confirmText:
      'Revoke “{name}”? Programs and people using it lose access at once. This cannot be undone.',
    confirmSelf: 'This is the token you are signed in with: revoking it signs you out at once.',
    revoked: 'Revoked “{name}”.',
    none: 'No tokens yet.',
    create: 'New token',
    newName: 'Name',
    newNameHint:
      'Who or which program uses it, e.g. “Compliance – Zhang San”, “App review system”.',
    newRole: 'Role',
    submit: 'Create the token',
    creating: 'Creating…',
    nameMissing: 'Enter a name.',
    createdLabel: 'New token “{name}”',
    copy: 'Copy the new token',
    createdWarning:
      'This token is shown only this once: copy it now and hand it to its user over a safe channel. It signs in to the web UI and calls the API with the role “{role}”.',
    forbidden:
      'Only administrators can see and manage API tokens. The server refused the request (403).',
  },
);

const KINDS = ['api', 'sign-in', 'calendar'] as const;
export type TokenKindsChecked = Assert<SameMembers<typeof KINDS, Schemas['Token']['kind']>>;

export function TokensSection({ currentTokenId }: { currentTokenId: string }) {
  const t = useT(m);
  const tr = useT(roleLabels);
  const { lang } = useLang();
  const tokens = useData(['tokens'], () => call(api.GET('/api/v1/tokens')));
  const [confirming, setConfirming] = useState<string | null>(null);
  const revoking = useAction();
  const [message, setMessage] = useState('');

  if (tokens.error instanceof ApiError && tokens.error.status === 403) {
    return <p className="notice notice-info">{t('forbidden')}</p>;
  }

  const revoke = (id: string, name: string) =>
    revoking.run(async () => {
      await call(api.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } }));
      setConfirming(null);
      setMessage(t('revoked', { name }));
      await tokens.mutate();
    });

  const roleName = (role: string) => (isRole(role) ? tr(`role_${role}`) : role);
  const kindName = (kind: string) =>
    (KINDS as readonly string[]).includes(kind)
      ? t(`kind_${kind as (typeof KINDS)[number]}`)
      : kind;

  const columns = {
    role: t('role'),
    kind: t('kind'),
    created: t('created'),
    state: t('state'),
    actions: t('actions'),
  };
  return (
    <>
      <div className="stack-table">
        <SettingsList
          read={tokens}
          message={message}
          failure={revoking.failure}
          none={t('none')}
          caption={t('caption')}
          columns={[
            t('name'),
            columns.role,
            columns.kind,
            columns.created,
            columns.state,
            columns.actions,
          ]}
          row={(token) => {
            const self = token.id === currentTokenId;
            const name = tokenName(token.name, lang);
            return (
              <tr key={token.id} className={token.revokedAt === null ? '' : 'is-revoked'}>
                <th scope="row">
                  {name}
                  {self && <span className="badge badge-info settings-self">{t('current')}</span>}
                </th>
                <td data-label={columns.role}>{roleName(token.role)}</td>
                <td data-label={columns.kind}>{kindName(token.kind)}</td>
                <td data-label={columns.created}>{formatTimestamp(token.createdAt, lang)}</td>
                <td data-label={columns.state}>
                  {token.revokedAt === null ? (
                    <span className="badge badge-ok">{t('active')}</span>
                  ) : (
                    <span className="badge badge-unknown">
                      {t('revokedAt', { at: formatTimestamp(token.revokedAt, lang) })}
                    </span>
                  )}
                </td>
                <td className="settings-actions" data-label={columns.actions}>
                  {token.revokedAt !== null ? null : confirming === token.id ? (
                    <InlineConfirm
                      className="settings-confirm"
                      groupLabel={t('confirm')}
                      confirm={t('confirm')}
                      item={name}
                      busy={revoking.busy}
                      busyText={t('revoking')}
                      danger
                      onConfirm={() => {
                        void revoke(token.id, name);
                      }}
                      onCancel={() => {
                        setConfirming(null);
                      }}
                    >
                      <p>{t('confirmText', { name })}</p>
                      {self && (
                        <p>
                          <strong>{t('confirmSelf')}</strong>
                        </p>
                      )}
                    </InlineConfirm>
                  ) : (
                    <button
                      type="button"
                      onClick={() => {
                        setConfirming(token.id);
                        setMessage('');
                      }}
                      aria-label={`${t('revoke')}${t('named', { name })}`}
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
      <CreateToken
        onCreated={async () => {
          setMessage('');
          await tokens.mutate();
        }}
      />
    </>
  );
}

function CreateToken({ onCreated }: { onCreated: () => Promise<void> }) {
  const t = useT(m);
  const tr = useT(roleLabels);
  const ids = { name: useId(), hint: useId(), role: useId(), roleHint: useId() };
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [missing, setMissing] = useState(false);
  const creating = useAction();
  const [created, setCreated] = useState<{ name: string; role: string; token: string } | null>(
    null,
  );

  async function submit() {
    if (name.trim() === '') {
      creating.clearFailure();
      setMissing(true);
      return;
    }
    setMissing(false);
    await creating.run(async () => {
      const result = await call(api.POST('/api/v1/tokens', { body: { name: name.trim(), role } }));
      setCreated({ name: result.name, role: result.role, token: result.token });
      setName('');
      await onCreated();
    });
  }

  return (
    <CreateForm
      title={t('create')}
      created={
        created !== null && (
          <NewSecret
            label={t('createdLabel', { name: created.name })}
            value={created.token}
            copyLabel={t('copy')}
            onDismiss={() => {
              setCreated(null);
            }}
          >
            <p>
              <strong>
                {t('createdWarning', {
                  role: isRole(created.role) ? tr(`role_${created.role}`) : created.role,
                })}
              </strong>
            </p>
          </NewSecret>
        )
      }
      action={creating}
      submit={t('submit')}
      busyText={t('creating')}
      onSubmit={submit}
    >
      <div className="field">
        <label htmlFor={ids.name}>{t('newName')}</label>
        <input
          id={ids.name}
          value={name}
          maxLength={100}
          required
          aria-invalid={missing}
          aria-describedby={missing ? `${ids.hint} ${ids.name}-error` : ids.hint}
          onChange={(e) => {
            setName(e.currentTarget.value);
          }}
        />
        <p id={ids.hint} className="hint">
          {t('newNameHint')}
        </p>
        <FieldError id={`${ids.name}-error`} text={missing ? t('nameMissing') : undefined} />
      </div>
      <div className="field">
        <label htmlFor={ids.role}>{t('newRole')}</label>
        <select
          id={ids.role}
          value={role}
          aria-describedby={ids.roleHint}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (isRole(value)) setRole(value);
          }}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {tr(`role_${r}`)}
            </option>
          ))}
        </select>
        <p id={ids.roleHint} className="hint">
          {tr(`roleHint_${role}`)}
        </p>
      </div>
    </CreateForm>
  );
}
