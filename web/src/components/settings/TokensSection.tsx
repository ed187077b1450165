/**
 * The organisation's API tokens (admins only): who holds which role, since when, revoked or not;
 * create one (its secret shown once) and revoke one after a confirmation.
 */
import { useId, useState } from 'react';
import type { SubmitEvent } from 'react';
import { api, ApiError, call } from '../../api/client';
import { useData } from '../../api/use-data';
import { ErrorNotice, Loading } from '../common';
import { formatTimestamp } from '../../format';
import { defineMessages, useLang, useT } from '../../i18n';
import { ROLES, isRole, roleLabels, type Role } from './roles';
import { ShownOnce } from './ShownOnce';

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
    cancel: '取消',
    confirmText: '撤销「{name}」？使用它的程序和人员将立即无法访问。此操作不能恢复。',
    confirmSelf: '这是您当前登录所用的令牌：撤销后您会立即退出。',
    revoked: '已撤销「{name}」。',
    none: '还没有令牌。',
    create: '新建令牌',
    newName: '名称',
    newNameHint: '写明谁或哪个程序使用它，例如“合规部 张三”“上架审核系统”。',
    newRole: '角色',
    submit: '创建令牌',
    creating: '正在创建…',
    nameMissing: '请填写名称。',
    createdLabel: '新令牌「{name}」',
    copy: '复制新令牌',
    createdWarning:
      '这个令牌只显示这一次，请现在复制并交给使用者（通过安全的渠道）。它可以登录网页、调用 API，权限为“{role}”。',
    dismiss: '我已保存，关闭',
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
    cancel: 'Cancel',
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
    dismiss: 'I have saved it, close',
    forbidden:
      'Only administrators can see and manage API tokens. The server refused the request (403).',
  },
);

const KINDS = ['api', 'sign-in', 'calendar'] as const;

export function TokensSection({ currentTokenId }: { currentTokenId: string }) {
  const t = useT(m);
  const tr = useT(roleLabels);
  const { lang } = useLang();
  const tokens = useData(['tokens'], () => call(api.GET('/api/v1/tokens')));
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [message, setMessage] = useState('');

  if (tokens.error instanceof ApiError && tokens.error.status === 403) {
    return <p className="notice notice-info">{t('forbidden')}</p>;
  }

  async function revoke(id: string, name: string) {
    setBusy(true);
    setFailure(null);
    try {
      await call(api.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } }));
      setConfirming(null);
      setMessage(t('revoked', { name }));
      await tokens.mutate();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  const roleName = (role: string) => (isRole(role) ? tr(`role_${role}`) : role);
  const kindName = (kind: string) =>
    (KINDS as readonly string[]).includes(kind)
      ? t(`kind_${kind as (typeof KINDS)[number]}`)
      : kind;

  return (
    <>
      <p className="settings-status" role="status" aria-live="polite">
        {message}
      </p>
      {failure !== null && <ErrorNotice error={failure} />}
      {tokens.error !== undefined ? (
        <ErrorNotice
          error={tokens.error}
          onRetry={() => {
            void tokens.mutate();
          }}
        />
      ) : tokens.data === undefined ? (
        <Loading />
      ) : tokens.data.items.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="settings-table">
            <caption className="visually-hidden">{t('caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('role')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('created')}</th>
                <th scope="col">{t('state')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.items.map((token) => {
                const self = token.id === currentTokenId;
                return (
                  <tr key={token.id} className={token.revokedAt === null ? '' : 'is-revoked'}>
                    <th scope="row">
                      {token.name}
                      {self && (
                        <span className="badge badge-info settings-self">{t('current')}</span>
                      )}
                    </th>
                    <td>{roleName(token.role)}</td>
                    <td>{kindName(token.kind)}</td>
                    <td>{formatTimestamp(token.createdAt, lang)}</td>
                    <td>
                      {token.revokedAt === null ? (
                        <span className="badge badge-ok">{t('active')}</span>
                      ) : (
                        <span className="badge badge-unknown">
                          {t('revokedAt', { at: formatTimestamp(token.revokedAt, lang) })}
                        </span>
                      )}
                    </td>
                    <td className="settings-actions">
                      {token.revokedAt !== null ? null : confirming === token.id ? (
                        <div className="settings-confirm" role="group" aria-label={t('confirm')}>
                          <p>{t('confirmText', { name: token.name })}</p>
                          {self && (
                            <p>
                              <strong>{t('confirmSelf')}</strong>
                            </p>
                          )}
                          <button
                            type="button"
                            className="danger"
                            disabled={busy}
                            onClick={() => {
                              void revoke(token.id, token.name);
                            }}
                            aria-label={`${t('confirm')}${t('named', { name: token.name })}`}
                          >
                            {busy ? t('revoking') : t('confirm')}
                          </button>{' '}
                          <button
                            type="button"
                            onClick={() => {
                              setConfirming(null);
                            }}
                          >
                            {t('cancel')}
                          </button>
                        </div>
                      ) : (
                        <button
                          type="button"
                          onClick={() => {
                            setConfirming(token.id);
                            setMessage('');
                          }}
                          aria-label={`${t('revoke')}${t('named', { name: token.name })}`}
                        >
                          {t('revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
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
  const ids = { heading: useId(), name: useId(), hint: useId(), role: useId(), roleHint: useId() };
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [created, setCreated] = useState<{ name: string; role: string; token: string } | null>(
    null,
  );

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    if (name.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      const result = await call(api.POST('/api/v1/tokens', { body: { name: name.trim(), role } }));
      setCreated({ name: result.name, role: result.role, token: result.token });
      setName('');
      await onCreated();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="settings-create">
      <h3 id={ids.heading}>{t('create')}</h3>
      {created !== null && (
        <>
          <ShownOnce
            label={t('createdLabel', { name: created.name })}
            value={created.token}
            copyLabel={t('copy')}
          >
            <p>
              <strong>
                {t('createdWarning', {
                  role: isRole(created.role) ? tr(`role_${created.role}`) : created.role,
                })}
              </strong>
            </p>
          </ShownOnce>
          <button
            type="button"
            onClick={() => {
              setCreated(null);
            }}
          >
            {t('dismiss')}
          </button>
        </>
      )}
      <form
        className="settings-form"
        aria-labelledby={ids.heading}
        noValidate
        onSubmit={(e) => {
          void submit(e);
        }}
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
          {missing && (
            <p id={`${ids.name}-error`} className="field-error" role="alert">
              {t('nameMissing')}
            </p>
          )}
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
        {failure !== null && <ErrorNotice error={failure} />}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('creating') : t('submit')}
        </button>
      </form>
    </div>
  );
}
