/**
 * Settings, the signed-in person's own part: their name (`PUT /me`), their password (`PUT
 * /me/password`: the other sessions end), two-step verification (TotpSection), linking single
 * sign-on when it is configured, and signing out everywhere (`DELETE /session?everywhere=true`).
 * Every member reaches it — also one whose organisation requires a second factor they have not
 * turned on yet, which is where they do.
 */
import { useId, useState, useSyncExternalStore } from 'react';
import { api, call } from '../api/client';
import { ErrorNotice, PageHeader } from '../components/common';
import { FieldError, useAction } from '../components/forms';
import { InlineConfirm } from '../components/InlineConfirm';
import { oidcStart, useOidc } from '../components/account/oidc';
import {
  PasswordFields,
  passwordProblem,
  type PasswordProblem,
} from '../components/account/PasswordFields';
import { TotpSection } from '../components/account/TotpSection';
import { SettingsNav } from '../components/settings/SettingsNav';
import { defineMessages, useT } from '../i18n';
import { getSession, loadSession, onSessionChange, type Session } from '../session';
import './settings.css';

const m = defineMessages({
  title: ['您的账户与安全', 'Your account and security'],
  account: ['您的账户', 'Your account'],
  name: ['姓名', 'Name'],
  nameHint: [
    '操作记录和审计日志中以此名字记录您此后的操作。',
    'Your actions from now on are recorded under this name in the records and the audit log.',
  ],
  nameMissing: ['请填写姓名。', 'Enter your name.'],
  saveName: ['保存姓名', 'Save the name'],
  nameSaved: ['已保存姓名。', 'Saved the name.'],
  email: ['电子邮件地址', 'E-mail address'],
  emailNone: ['（无）', '(none)'],
  signedInBy: ['本次登录方式', 'Signed in with'],
  method_password: ['口令', 'password'],
  method_link: ['一次性登录链接', 'a one-time sign-in link'],
  method_oidc: ['单点登录', 'single sign-on'],
  method_invitation: ['接受邀请', 'an invitation'],
  saving: ['正在保存…', 'Saving…'],
  password: ['口令', 'Password'],
  passwordNone: [
    '您还没有设置口令：设置后可以用电子邮件地址和口令登录。',
    'You have no password yet: set one to sign in with your e-mail address and password.',
  ],
  current: ['当前口令', 'Current password'],
  currentMissing: ['请输入当前口令。', 'Enter your current password.'],
  savePassword: ['更改口令', 'Change the password'],
  setPassword: ['设置口令', 'Set the password'],
  passwordSaved: [
    '口令已保存。您在其他浏览器和设备上的会话已经结束。',
    'The password is saved. Your sessions in other browsers and on other devices have ended.',
  ],
  secondFactor: ['两步验证', 'Two-step verification'],
  sso: ['单点登录', 'Single sign-on'],
  ssoIntro: [
    '把您在 {name} 的账户关联到 xuke 后，可以用单点登录代替口令登录。',
    'Link your {name} account to xuke to sign in with single sign-on instead of a password.',
  ],
  ssoLink: ['关联单点登录账户', 'Link your single sign-on account'],
  sessions: ['登录会话', 'Sessions'],
  sessionsIntro: [
    '在公用电脑上忘了退出，或手机丢失时：结束您在所有浏览器和设备上的会话，包括这一个。',
    'If you forgot to sign out on a shared computer, or lost a phone: end your sessions in every browser and on every device, this one included.',
  ],
  everywhere: ['在所有设备上退出', 'Sign out everywhere'],
  everywhereConfirm: ['确认全部退出', 'Confirm signing out everywhere'],
  everywhereItem: ['所有会话', 'every session'],
  everywhereText: [
    '您在所有浏览器和设备上的会话都会立即结束，之后需要重新登录。',
    'Your sessions in every browser and on every device end at once; you sign in again afterwards.',
  ],
  signingOut: ['正在退出…', 'Signing out…'],
});

export default function Security() {
  const t = useT(m);
  const session = useSyncExternalStore(onSessionChange, getSession);
  const oidc = useOidc();
  const ids = { account: useId(), password: useId(), totp: useId(), sso: useId(), all: useId() };
  if (session == null) return null;
  return (
    <div className="settings">
      <PageHeader title={t('title')} />
      <SettingsNav current="/settings/security" />

      <section aria-labelledby={ids.account} className="card settings-section">
        <h2 id={ids.account}>{t('account')}</h2>
        <AccountForm session={session} />
      </section>

      <section aria-labelledby={ids.password} className="card settings-section">
        <h2 id={ids.password}>{t('password')}</h2>
        <PasswordForm passwordSet={session.passwordSet} />
      </section>

      <section aria-labelledby={ids.totp} className="card settings-section">
        <h2 id={ids.totp}>{t('secondFactor')}</h2>
        <TotpSection enabled={session.totpEnabled} />
      </section>

      {oidc !== null && (
        <section aria-labelledby={ids.sso} className="card settings-section">
          <h2 id={ids.sso}>{t('sso')}</h2>
          <p>{t('ssoIntro', { name: oidc.name })}</p>
          <a className="button" href={oidcStart({ link: true })}>
            {t('ssoLink')}
          </a>
        </section>
      )}

      <section aria-labelledby={ids.all} className="card settings-section">
        <h2 id={ids.all}>{t('sessions')}</h2>
        <p>{t('sessionsIntro')}</p>
        <SignOutEverywhere />
      </section>
    </div>
  );
}

function AccountForm({ session }: { session: Session }) {
  const t = useT(m);
  const nameId = useId();
  const [name, setName] = useState(session.person.name);
  const [missing, setMissing] = useState(false);
  const [message, setMessage] = useState('');
  const saving = useAction();
  const save = () => {
    const value = name.trim();
    setMissing(value === '');
    setMessage('');
    if (value === '') return;
    void saving.run(async () => {
      await call(api.PUT('/api/v1/me', { body: { name: value } }));
      await loadSession(true);
      setMessage(t('nameSaved'));
    });
  };
  return (
    <>
      <dl className="facts">
        <dt>{t('email')}</dt>
        <dd>{session.person.email ?? t('emailNone')}</dd>
        <dt>{t('signedInBy')}</dt>
        <dd>{t(`method_${session.method}`)}</dd>
      </dl>
      <form
        className="settings-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="field">
          <label htmlFor={nameId}>{t('name')}</label>
          <input
            id={nameId}
            value={name}
            maxLength={100}
            autoComplete="name"
            aria-invalid={missing}
            aria-describedby={`${nameId}-hint${missing ? ` ${nameId}-error` : ''}`}
            onChange={(e) => {
              setName(e.currentTarget.value);
            }}
          />
          <p id={`${nameId}-hint`} className="hint">
            {t('nameHint')}
          </p>
          <FieldError id={`${nameId}-error`} text={missing ? t('nameMissing') : undefined} />
        </div>
        {saving.failure !== null && <ErrorNotice error={saving.failure} />}
        <p className="settings-status" role="status" aria-live="polite">
          {message}
        </p>
        <button type="submit" disabled={saving.busy}>
          {saving.busy ? t('saving') : t('saveName')}
        </button>
      </form>
    </>
  );
}

function PasswordForm({ passwordSet }: { passwordSet: boolean }) {
  const t = useT(m);
  const currentId = useId();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<PasswordProblem | 'currentMissing' | null>(null);
  const [message, setMessage] = useState('');
  const saving = useAction();
  const save = () => {
    const found =
      passwordSet && current === '' ? 'currentMissing' : passwordProblem(password, again);
    setProblem(found);
    setMessage('');
    if (found !== null) {
      saving.clearFailure();
      return;
    }
    void saving.run(async () => {
      await call(
        api.PUT('/api/v1/me/password', {
          body: passwordSet
            ? { currentPassword: current, newPassword: password }
            : { newPassword: password },
        }),
      );
      setCurrent('');
      setPassword('');
      setAgain('');
      await loadSession(true);
      setMessage(t('passwordSaved'));
    });
  };
  return (
    <form
      className="settings-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      {!passwordSet && <p>{t('passwordNone')}</p>}
      {passwordSet && (
        <div className="field">
          <label htmlFor={currentId}>{t('current')}</label>
          <input
            id={currentId}
            type="password"
            value={current}
            autoComplete="current-password"
            aria-invalid={problem === 'currentMissing'}
            aria-describedby={problem === 'currentMissing' ? `${currentId}-error` : undefined}
            onChange={(e) => {
              setCurrent(e.currentTarget.value);
            }}
          />
          <FieldError
            id={`${currentId}-error`}
            text={problem === 'currentMissing' ? t('currentMissing') : undefined}
          />
        </div>
      )}
      <PasswordFields
        password={password}
        again={again}
        onPassword={setPassword}
        onAgain={setAgain}
        problem={problem === 'currentMissing' ? null : problem}
      />
      {saving.failure !== null && <ErrorNotice error={saving.failure} />}
      <p className="settings-status" role="status" aria-live="polite">
        {message}
      </p>
      <button type="submit" className="primary" disabled={saving.busy}>
        {saving.busy ? t('saving') : t(passwordSet ? 'savePassword' : 'setPassword')}
      </button>
    </form>
  );
}

function SignOutEverywhere() {
  const t = useT(m);
  const [confirming, setConfirming] = useState(false);
  const ending = useAction();
  const end = () =>
    ending.run(async () => {
      await call(api.DELETE('/api/v1/session', { params: { query: { everywhere: 'true' } } }));
      // this session has ended too: reading it again sends the person to sign in
      await loadSession(true);
    });
  return (
    <>
      {ending.failure !== null && <ErrorNotice error={ending.failure} />}
      {confirming ? (
        <InlineConfirm
          className="settings-confirm"
          confirm={t('everywhereConfirm')}
          item={t('everywhereItem')}
          busy={ending.busy}
          busyText={t('signingOut')}
          danger
          onConfirm={() => {
            void end();
          }}
          onCancel={() => {
            setConfirming(false);
          }}
        >
          <p>{t('everywhereText')}</p>
        </InlineConfirm>
      ) : (
        <button
          type="button"
          onClick={() => {
            setConfirming(true);
          }}
        >
          {t('everywhere')}
        </button>
      )}
    </>
  );
}
