/**
 * The organisation's API tokens, for its programs (admins only): which role each has, who created
 * it and when, when it was last used, until when it works, revoked or not; create one (its secret
 * shown once, with an optional expiry date) and revoke one after a confirmation. On a phone each
 * token is a block of labelled lines (`stack-table`), so its revoke button is on screen, not in a
 * column scrolled out of view.
 */
import { allPages } from '../../api/all-pages';
import { useId, useState } from 'react';
import { api, ApiError, call, type Schemas } from '../../api/client';
import type { Assert, SameMembers } from '../../api/same-members';
import { useData } from '../../api/use-data';
import { FieldError, useAction } from '../forms';
import { tokenName } from '../actors';
import { InlineConfirm } from '../InlineConfirm';
import { formatTimestamp, todayInShanghai } from '../../format';
import { defineMessages, useLang, useT } from '../../i18n';
import { isRole, roleLabels, type Role } from './roles';
import { NewSecret } from './NewSecret';
import { RoleSelect } from './RoleSelect';
import { CreateForm, SettingsList } from './SettingsList';

const m = defineMessages(
  {
    caption: 'API 令牌',
    named: '：{name}',
    name: '名称',
    role: '角色',
    kind: '类型',
    created: '创建时间',
    createdBy: '创建人',
    lastUsed: '最近使用',
    never: '从未使用',
    expires: '有效期至',
    noExpiry: '长期（直到撤销）',
    state: '状态',
    actions: '操作',
    kind_api: 'API 令牌',
    'kind_sign-in': '一次性登录链接',
    kind_calendar: '日历订阅',
    active: '有效',
    expired: '已过期',
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
    newExpires: '有效期至（可不填）',
    newExpiresHint: '到这一天结束（北京时间）后令牌失效。不填则一直有效，直到撤销。',
    expiresPast: '有效期必须在今天之后。',
    submit: '创建令牌',
    creating: '正在创建…',
    nameMissing: '请填写名称。',
    createdLabel: '新令牌“{name}”',
    copy: '复制新令牌',
    createdWarning:
      '这个令牌只显示这一次，请现在复制，并通过安全的渠道交给使用它的程序的负责人。程序用它调用 API，权限为“{role}”。',
    forbidden: '只有管理员可以查看和管理 API 令牌。服务器拒绝了请求（403）。',
  },
  {
    caption: 'API tokens',
    named: ': {name}',
    name: 'Name',
    role: 'Role',
    kind: 'Kind',
    created: 'Created',
    createdBy: 'Created by',
    lastUsed: 'Last used',
    never: 'Never used',
    expires: 'Valid until',
    noExpiry: 'Until revoked',
    state: 'State',
    actions: 'Actions',
    kind_api: 'API token',
    'kind_sign-in': 'One-time sign-in link',
    kind_calendar: 'Calendar feed',
    active: 'Active',
    expired: 'Expired',
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
    newExpires: 'Valid until (optional)',
    newExpiresHint:
      'The token stops working after the end of this day (Beijing time). Without a date it works until it is revoked.',
    expiresPast: 'The date must be after today.',
    submit: 'Create the token',
    creating: 'Creating…',
    nameMissing: 'Enter a name.',
    createdLabel: 'New token “{name}”',
    copy: 'Copy the new token',
    createdWarning:
      'This token is shown only this once: copy it now and hand it, over a safe channel, to whoever runs the program that uses it. The program calls the API with it, with the role “{role}”.',
    forbidden:
      'Only administrators can see and manage API tokens. The server refused the request (403).',
  },
);

const KINDS = ['api', 'sign-in', 'calendar'] as const;
export type TokenKindsChecked = Assert<SameMembers<typeof KINDS, Schemas['Token']['kind']>>;

export function TokensSection({ currentTokenId }: { currentTokenId: string | null }) {
  const t = useT(m);
  const tr = useT(roleLabels);
  const { lang } = useLang();
  const tokens = useData(['tokens'], () =>
    allPages((query) => call(api.GET('/api/v1/tokens', { params: { query } }))),
  );
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
    createdBy: t('createdBy'),
    created: t('created'),
    lastUsed: t('lastUsed'),
    expires: t('expires'),
    state: t('state'),
    actions: t('actions'),
  };
  const now = new Date().toISOString();
  return (
    <>
      <div className="stack-table">
        <SettingsList
          read={tokens}
          message={message}
          failure={revoking.failure}
          none={t('none')}
          caption={t('caption')}
          columns={[t('name'), ...Object.values(columns)]}
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
                <td data-label={columns.createdBy}>{token.createdBy?.name ?? '—'}</td>
                <td data-label={columns.created}>{formatTimestamp(token.createdAt, lang)}</td>
                <td data-label={columns.lastUsed}>
                  {token.lastUsedAt === null ? t('never') : formatTimestamp(token.lastUsedAt, lang)}
                </td>
                <td data-label={columns.expires}>
                  {token.expiresAt === null
                    ? t('noExpiry')
                    : formatTimestamp(token.expiresAt, lang)}
                </td>
                <td data-label={columns.state}>
                  {token.revokedAt !== null ? (
                    <span className="badge badge-unknown">
                      {t('revokedAt', { at: formatTimestamp(token.revokedAt, lang) })}
                    </span>
                  ) : token.expiresAt !== null && token.expiresAt <= now ? (
                    <span className="badge badge-unknown">{t('expired')}</span>
                  ) : (
                    <span className="badge badge-ok">{t('active')}</span>
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
  const ids = {
    name: useId(),
    hint: useId(),
    role: useId(),
    roleHint: useId(),
    expires: useId(),
    expiresHint: useId(),
  };
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [expires, setExpires] = useState('');
  const [missing, setMissing] = useState(false);
  const [past, setPast] = useState(false);
  const creating = useAction();
  const [created, setCreated] = useState<{ name: string; role: string; token: string } | null>(
    null,
  );

  async function submit() {
    const noName = name.trim() === '';
    // the day chosen, to its end in Beijing; a day before tomorrow would expire at once
    const expiresAt = expires === '' ? undefined : `${expires}T23:59:59+08:00`;
    const tooEarly = expires !== '' && expires <= todayInShanghai();
    setMissing(noName);
    setPast(tooEarly);
    if (noName || tooEarly) {
      creating.clearFailure();
      return;
    }
    await creating.run(async () => {
      const body = { name: name.trim(), role };
      const result = await call(
        api.POST('/api/v1/tokens', {
          body: expiresAt === undefined ? body : { ...body, expiresAt },
        }),
      );
      setCreated({ name: result.name, role: result.role, token: result.token });
      setName('');
      setExpires('');
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
        <RoleSelect id={ids.role} value={role} onChange={setRole} hintId={ids.roleHint} />
      </div>
      <div className="field">
        <label htmlFor={ids.expires}>{t('newExpires')}</label>
        <input
          id={ids.expires}
          type="date"
          value={expires}
          aria-invalid={past}
          aria-describedby={past ? `${ids.expiresHint} ${ids.expires}-error` : ids.expiresHint}
          onChange={(e) => {
            setExpires(e.currentTarget.value);
          }}
        />
        <p id={ids.expiresHint} className="hint">
          {t('newExpiresHint')}
        </p>
        <FieldError id={`${ids.expires}-error`} text={past ? t('expiresPast') : undefined} />
      </div>
    </CreateForm>
  );
}
