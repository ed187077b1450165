/**
 * How people join the organisation (admins, `GET`/`PUT /organisation/access`): by invitation only,
 * or also through single sign-on when their verified e-mail's domain is listed; the role such a
 * person gets; and whether every member must have a second factor.
 */
import { useId, useState } from 'react';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { useData } from '../../api/use-data';
import { ErrorNotice } from '../common';
import { FieldError, useAction } from '../forms';
import { Loaded } from '../Loaded';
import { defineMessages, useT } from '../../i18n';
import { useOidc } from '../account/oidc';
import { ROLES, isRole, roleLabels, type Role } from './roles';

const m = defineMessages({
  joinMode: ['加入方式', 'How people join'],
  mode_invitation: ['只能通过邀请加入', 'By invitation only'],
  mode_invitationHint: [
    '只有管理员邀请的人才能加入。',
    'Only people an administrator invites can join.',
  ],
  mode_domain: [
    '邀请，或用单点登录按电子邮件域名自动加入',
    'By invitation, or through single sign-on by e-mail domain',
  ],
  mode_domainHint: [
    '用单点登录登录、且身份提供方确认过其电子邮件地址的人，只要地址的域名在下面列出，就自动加入本组织。',
    'Whoever signs in through single sign-on with an e-mail address the identity provider has verified joins automatically when its domain is listed below.',
  ],
  noSso: [
    '本服务器没有配置单点登录：按域名自动加入要在配置单点登录之后才起作用。',
    'This server has no single sign-on configured: joining by domain works only once it is.',
  ],
  domains: ['允许自动加入的域名', 'Domains that may join'],
  domainsHint: [
    '每行一个，或用逗号、顿号分隔，例如 example.com（不带 @）。不能是公共邮箱的域名。',
    'One per line, or separated by commas, e.g. example.com (without @). Not a public mail provider’s domain.',
  ],
  domainsMissing: [
    '按域名加入时，请至少列出一个域名。',
    'To join by domain, list at least one domain.',
  ],
  joinRole: ['自动加入的人的角色', 'Role of those who join by domain'],
  requireSecondFactor: [
    '要求每位成员开启两步验证',
    'Require two-step verification of every member',
  ],
  requireSecondFactorHint: [
    '没有开启两步验证的成员登录后只能进入“您的账户与安全”，开启之后才能使用其他功能。',
    'A member without it, once signed in, can only reach “Your account and security” until they turn it on.',
  ],
  save: ['保存', 'Save'],
  saving: ['正在保存…', 'Saving…'],
  saved: ['已保存加入方式。', 'Saved how people join.'],
  forbidden: [
    '只有管理员可以更改加入方式。服务器拒绝了请求（403）。',
    'Only administrators can change how people join. The server refused the request (403).',
  ],
});

type Policy = Schemas['AccessPolicy'];

export function AccessPolicySection() {
  const t = useT(m);
  const policy = useData(['access-policy'], () => call(api.GET('/api/v1/organisation/access')));
  if (policy.error instanceof ApiError && policy.error.status === 403) {
    return <p className="notice notice-info">{t('forbidden')}</p>;
  }
  return (
    <Loaded read={policy}>
      {(data) => (
        <PolicyForm
          policy={data}
          onSaved={async (saved) => {
            await policy.mutate(saved, { revalidate: false });
          }}
        />
      )}
    </Loaded>
  );
}

/** `a.com, b.com、c.com` and lines → the domains, trimmed, without empties. */
export function splitDomains(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/u)
    .map((d) => d.trim().replace(/^@/u, ''))
    .filter((d) => d !== '');
}

function PolicyForm({
  policy,
  onSaved,
}: {
  policy: Policy;
  onSaved: (saved: Policy) => Promise<void>;
}) {
  const t = useT(m);
  const tr = useT(roleLabels);
  const oidc = useOidc();
  const ids = {
    legend: useId(),
    domains: useId(),
    domainsHint: useId(),
    role: useId(),
    second: useId(),
    secondHint: useId(),
  };
  const [mode, setMode] = useState(policy.joinMode);
  const [domains, setDomains] = useState(policy.joinDomains.join('\n'));
  const [role, setRole] = useState<Role>(isRole(policy.joinRole) ? policy.joinRole : 'viewer');
  const [second, setSecond] = useState(policy.requireSecondFactor);
  const [missing, setMissing] = useState(false);
  const [message, setMessage] = useState('');
  const saving = useAction();
  /** an edit: what was saved before is no longer what the form shows */
  const edit = () => {
    setMessage('');
  };

  async function submit() {
    const list = splitDomains(domains);
    const none = mode === 'domain' && list.length === 0;
    setMissing(none);
    if (none) {
      saving.clearFailure();
      return;
    }
    await saving.run(async () => {
      const saved = await call(
        api.PUT('/api/v1/organisation/access', {
          body: { joinMode: mode, joinDomains: list, joinRole: role, requireSecondFactor: second },
        }),
      );
      await onSaved(saved);
      setDomains(saved.joinDomains.join('\n'));
      setMessage(t('saved'));
    });
  }

  return (
    <form
      className="settings-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset className="settings-fieldset">
        <legend>{t('joinMode')}</legend>
        {(['invitation', 'domain'] as const).map((value) => (
          <div key={value}>
            <label className="settings-radio">
              <input
                type="radio"
                name={ids.legend}
                value={value}
                checked={mode === value}
                aria-describedby={`${ids.legend}-${value}`}
                onChange={() => {
                  edit();
                  setMode(value);
                }}
              />
              {t(`mode_${value}`)}
            </label>
            <p id={`${ids.legend}-${value}`} className="hint">
              {t(`mode_${value}Hint`)}
            </p>
          </div>
        ))}
      </fieldset>
      {mode === 'domain' && (
        <>
          {oidc === null && <p className="notice notice-info">{t('noSso')}</p>}
          <div className="field">
            <label htmlFor={ids.domains}>{t('domains')}</label>
            <textarea
              id={ids.domains}
              rows={3}
              value={domains}
              spellCheck={false}
              aria-invalid={missing}
              aria-describedby={
                missing ? `${ids.domainsHint} ${ids.domains}-error` : ids.domainsHint
              }
              onChange={(e) => {
                edit();
                setDomains(e.currentTarget.value);
              }}
            />
            <p id={ids.domainsHint} className="hint">
              {t('domainsHint')}
            </p>
            <FieldError
              id={`${ids.domains}-error`}
              text={missing ? t('domainsMissing') : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.role}>{t('joinRole')}</label>
            <select
              id={ids.role}
              value={role}
              onChange={(e) => {
                const value = e.currentTarget.value;
                edit();
                if (isRole(value)) setRole(value);
              }}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {tr(`role_${r}`)}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <div className="field">
        <label className="settings-radio">
          <input
            type="checkbox"
            checked={second}
            aria-describedby={ids.secondHint}
            onChange={(e) => {
              edit();
              setSecond(e.currentTarget.checked);
            }}
          />
          {t('requireSecondFactor')}
        </label>
        <p id={ids.secondHint} className="hint">
          {t('requireSecondFactorHint')}
        </p>
      </div>
      {saving.failure !== null && <ErrorNotice error={saving.failure} />}
      <p className="settings-status" role="status" aria-live="polite">
        {message}
      </p>
      <button type="submit" className="primary" disabled={saving.busy}>
        {saving.busy ? t('saving') : t('save')}
      </button>
    </form>
  );
}
