/**
 * Sign-in (docs/accounts.md): e-mail and password, then the second factor's code when the account
 * has one; the company's single sign-on when it is configured; and the first start's one-time link
 * `/sign-in#code=…`, whose code is read from the fragment (which never reaches a server log),
 * removed from the address bar at once and exchanged for a session — then, as the person has no
 * password yet, they set one (or link single sign-on). Single sign-on that failed comes back as
 * `#error=REASON`, said here in words. Afterwards to `?next=` (a path on this site only) or the
 * dashboard. An API token is not a way to sign in here: tokens are for machines.
 */
import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import type { SubmitEvent } from 'react';
import { Link, useSearch } from 'wouter';
import { api, ApiError, call } from '../api/client';
import { ErrorNotice, Loading, PageHeader } from '../components/common';
import { FieldError } from '../components/forms';
import { oidcStart, useOidc, type Oidc } from '../components/account/oidc';
import {
  PasswordFields,
  passwordProblem,
  type PasswordProblem,
} from '../components/account/PasswordFields';
import { defineMessages, useLang, useT } from '../i18n';
import { getSession, loadSession, onSessionChange, type Session } from '../session';
import './sign-in.css';

const m = defineMessages({
  title: ['登录', 'Sign in'],
  email: ['电子邮件地址', 'E-mail address'],
  password: ['口令', 'Password'],
  otp: ['验证码', 'Code'],
  otpHint: [
    '打开您的验证器应用，输入它为 xuke 显示的 6 位数字；手机不在身边时，输入一个恢复码。',
    'Open your authenticator app and enter the 6 digits it shows for xuke; without your phone, enter a recovery code.',
  ],
  otpAsked: [
    '您的账户开启了两步验证：请再输入验证码。',
    'Your account has two-step verification: enter the code as well.',
  ],
  submit: ['登录', 'Sign in'],
  checking: ['正在登录…', 'Signing in…'],
  missing: ['请填写电子邮件地址和口令。', 'Enter your e-mail address and password.'],
  otpMissing: ['请输入验证码。', 'Enter the code.'],
  wrong: ['电子邮件地址或口令不正确。', 'The e-mail address or the password is not right.'],
  wrongOtp: [
    '验证码不正确或已用过。请输入验证器应用当前显示的数字，或一个未用过的恢复码。',
    'The code is not right or was used already. Enter the digits your authenticator app shows now, or an unused recovery code.',
  ],
  locked: [
    '登录失败次数过多，已暂时锁定：请在 {minutes} 分钟后（{at} 以后）再试。',
    'Too many failed sign-ins; locked for now: try again in {minutes} minutes (after {at}).',
  ],
  lockedNoTime: [
    '登录失败次数过多，已暂时锁定：请稍后再试。',
    'Too many failed sign-ins; locked for now: try again later.',
  ],
  forgot: [
    '忘记口令时，请本组织的管理员或服务器的运维人员为您生成一个一次性登录链接，用它登录后再设置新口令。',
    'Forgot your password? Ask an administrator of your organisation, or whoever runs the server, for a one-time sign-in link; sign in with it and set a new password.',
  ],
  or: ['或者', 'or'],
  sso: ['单点登录', 'Single sign-on'],
  ssoNamed: ['单点登录：{name}', 'Single sign-on: {name}'],
  exchanging: ['正在用登录链接登录…', 'Signing in with the link…'],
  linkUsed: [
    '此登录链接已经使用过、已过期或无效：登录链接只能用一次，有效 15 分钟。请用电子邮件地址和口令登录，或请管理员生成一个新链接。',
    'This sign-in link has been used, has expired or is not valid: a sign-in link works once, for 15 minutes. Sign in with your e-mail address and password, or ask an administrator for a new link.',
  ],
  already: ['您已登录。', 'You are signed in.'],
  continueSignedIn: ['继续使用', 'Continue'],
  publicVerify: ['不需要登录：公开查验一张许可证', 'No sign-in needed: verify a licence publicly'],
  // the first start: a password (or single sign-on) for next time
  setTitle: ['设置口令', 'Set a password'],
  setIntro: [
    '您已用一次性登录链接登录。链接只能用一次：请现在设置口令，以后用电子邮件地址 {email} 和口令登录。',
    'You are signed in with a one-time link, which works only once: set a password now, and sign in next time with your e-mail address {email} and the password.',
  ],
  name: ['您的姓名', 'Your name'],
  nameHint: [
    '操作记录和审计日志中以此名字记录您的操作。',
    'Your actions are recorded under this name in the records and the audit log.',
  ],
  nameMissing: ['请填写姓名。', 'Enter your name.'],
  save: ['保存并继续', 'Save and continue'],
  saving: ['正在保存…', 'Saving…'],
  orSso: [
    '或者不设口令，改用单点登录（{name}）：',
    'Or, instead of a password, use single sign-on ({name}):',
  ],
  linkSso: ['关联单点登录账户', 'Link your single sign-on account'],
  later: ['以后再设置', 'Set it later'],
  laterWarning: [
    '不设口令也不关联单点登录，本次会话结束后您将无法再登录，只能请人再生成一个登录链接。',
    'Without a password or single sign-on you cannot sign in again once this session ends, except with a new sign-in link.',
  ],
  // why single sign-on did not sign in (#error=…, src/app/accounts/oidc-sign-in.ts)
  ssoFailed: ['单点登录未成功：', 'Single sign-on did not sign you in: '],
  'sso_invalid-state': [
    '登录请求已过期或已用过（超过 10 分钟，或重复打开了返回链接）。请重新点击单点登录。',
    'the sign-in request has expired or was used already (more than 10 minutes, or the return link was opened twice). Click single sign-on again.',
  ],
  'sso_access-denied': ['您在身份提供方拒绝了授权。', 'you declined at the identity provider.'],
  'sso_provider-error': [
    '身份提供方拒绝了请求或暂时无法连接。请稍后再试；问题持续时请联系管理员。',
    'the identity provider refused the request or could not be reached. Try again later; if it persists, tell an administrator.',
  ],
  'sso_invalid-token': [
    '身份提供方返回的身份凭证未通过核验。请联系管理员检查单点登录的配置。',
    'the identity provider’s token did not pass the checks. Ask an administrator to check the single sign-on settings.',
  ],
  'sso_not-invited': [
    '您还没有受邀加入任何组织，您的电子邮件域名也不在允许自动加入的范围内。请向组织的管理员索取邀请。',
    'nobody has invited you, and no organisation lets your e-mail domain join. Ask an organisation’s administrator for an invitation.',
  ],
  'sso_invitation-invalid': [
    '这个邀请已过期、已使用或已撤销。请向管理员索取新的邀请。',
    'the invitation has expired, was used or was revoked. Ask the administrator for a new one.',
  ],
  'sso_invitation-email-mismatch': [
    '这个邀请发给了另一个电子邮件地址，与您单点登录账户的地址不同。',
    'the invitation was sent to another e-mail address than your single sign-on account’s.',
  ],
  'sso_email-in-use': [
    '已有一个使用此电子邮件地址的账户。请先用口令登录，再在“设置 → 账户安全”中关联单点登录。',
    'an account with this e-mail address exists. Sign in with your password first, then link single sign-on under Settings → Security.',
  ],
  'sso_already-linked': [
    '这个单点登录账户已经关联到另一个人的账户。',
    'this single sign-on account is already linked to another person’s account.',
  ],
  'sso_account-disabled': [
    '您的账户已被停用。请联系管理员。',
    'your account has been disabled. Ask an administrator.',
  ],
  'sso_server-error': [
    '服务器处理登录时出错。请稍后再试；问题持续时请联系管理员。',
    'the server failed while signing you in. Try again later; if it persists, tell an administrator.',
  ],
  sso_other: ['原因代码 {code}。', 'reason code {code}.'],
});

const SSO_FAILURES = [
  'invalid-state',
  'access-denied',
  'provider-error',
  'invalid-token',
  'not-invited',
  'invitation-invalid',
  'invitation-email-mismatch',
  'email-in-use',
  'already-linked',
  'account-disabled',
  'server-error',
] as const;

/**
 * Where to go after signing in: `next` only when it is a path on this site (one leading `/`, no
 * backslash or control character, same origin once resolved); otherwise the dashboard. Never an
 * absolute URL, `//host` or `/\host`: an open redirect would let a crafted link send a fresh
 * session to another site.
 */
export function safeNext(next: string | null | undefined, origin: string): string {
  if (next === null || next === undefined || next === '') return '/';
  // eslint-disable-next-line no-control-regex -- control characters are what is refused here
  if (!next.startsWith('/') || /^\/[/\\]|[\\\u0000-\u001f\u007f]/u.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  if (url.origin !== new URL(origin).origin) return '/';
  if (url.pathname === '/sign-in' || url.pathname.startsWith('/sign-in/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * What the fragment brought (`#code=…`, the first start's link; `#error=…`, single sign-on that
 * failed), or the query as older links had the code. Pure: `forgetFragment` takes them out of the
 * address bar.
 */
function readFragment(): { code: string | null; error: string | null } {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/u, ''));
  const code = hash.get('code') ?? new URLSearchParams(window.location.search).get('code');
  const error = hash.get('error');
  return { code: code === '' ? null : code, error: error === '' ? null : error };
}

/** Take the code and the reason out of the address bar (and so out of the history), keeping `next`. */
function forgetFragment(): void {
  const search = new URLSearchParams(window.location.search);
  search.delete('code');
  const rest = search.toString();
  window.history.replaceState(
    window.history.state,
    '',
    `${window.location.pathname}${rest === '' ? '' : `?${rest}`}`,
  );
}

/** A 429's `Retry-After` (seconds) in words: the minutes to wait and the time (hh:mm) it ends. */
function useLockedText(): (response: Response) => string {
  const t = useT(m);
  const { lang } = useLang();
  return (response) => {
    const seconds = Number(response.headers.get('retry-after'));
    if (!Number.isFinite(seconds) || seconds <= 0) return t('lockedNoTime');
    const at = new Date(Date.now() + seconds * 1000).toLocaleTimeString(
      lang === 'zh' ? 'zh-CN' : 'en-GB',
      { hour: '2-digit', minute: '2-digit', hour12: false },
    );
    return t('locked', { minutes: Math.max(1, Math.ceil(seconds / 60)), at });
  };
}

const useSession = () => useSyncExternalStore(onSessionChange, getSession);

export default function SignIn() {
  const t = useT(m);
  const search = useSearch();
  const next = safeNext(new URLSearchParams(search).get('next'), window.location.origin);
  const [fragment] = useState(readFragment);
  const started = useRef(false);
  const oidc = useOidc();
  const session = useSession();
  const [exchange, setExchange] = useState<'running' | 'set-password' | { failed: unknown } | null>(
    fragment.code === null ? null : 'running',
  );
  // a full load: nothing read before (by another person, in this tab) is shown afterwards
  const done = () => {
    window.location.assign(next);
  };

  useEffect(() => {
    forgetFragment();
    const code = fragment.code;
    if (code === null || started.current) return;
    started.current = true;
    void (async () => {
      try {
        await call(api.POST('/api/v1/sign-in', { body: { code } }));
        await loadSession(true);
        if (getSession()?.passwordSet === false) setExchange('set-password');
        else window.location.assign(next);
      } catch (failed) {
        setExchange({ failed });
      }
    })();
  }, [fragment.code, next]);

  if (exchange === 'running') {
    return (
      <div className="sign-in">
        <PageHeader title={t('title')} />
        <Loading label={t('exchanging')} />
      </div>
    );
  }
  if (exchange === 'set-password' && session != null) {
    return <SetPassword session={session} oidc={oidc} onDone={done} />;
  }

  const ssoError = fragment.error;
  return (
    <div className="sign-in">
      <PageHeader title={t('title')} />
      {exchange !== null &&
        typeof exchange === 'object' &&
        (exchange.failed instanceof ApiError && exchange.failed.status === 401 ? (
          <div className="notice notice-error" role="alert">
            <p>{t('linkUsed')}</p>
          </div>
        ) : (
          <ErrorNotice error={exchange.failed} />
        ))}
      {ssoError !== null && (
        <div className="notice notice-error" role="alert">
          <p>
            {t('ssoFailed')}
            {(SSO_FAILURES as readonly string[]).includes(ssoError)
              ? t(`sso_${ssoError as (typeof SSO_FAILURES)[number]}`)
              : t('sso_other', { code: ssoError })}
          </p>
        </div>
      )}
      {session != null && (
        <div className="notice notice-info">
          <p>
            {t('already')} <Link href={next}>{t('continueSignedIn')}</Link>
          </p>
        </div>
      )}
      <PasswordForm onSignedIn={done} />
      {oidc !== null && (
        <div className="sign-in-sso">
          <p>{t('or')}</p>
          <a className="button" href={oidcStart()}>
            {oidc.name === '' || oidc.name === '单点登录'
              ? t('sso')
              : t('ssoNamed', { name: oidc.name })}
          </a>
        </div>
      )}
      <p className="sign-in-public">
        <Link href="/verify">{t('publicVerify')}</Link>
      </p>
    </div>
  );
}

type Refusal = 'missing' | 'otpMissing' | 'wrong' | 'wrongOtp' | { locked: string } | null;

function PasswordForm({ onSignedIn }: { onSignedIn: () => void }) {
  const t = useT(m);
  const lockedText = useLockedText();
  const ids = {
    email: useId(),
    password: useId(),
    otp: useId(),
    otpHint: useId(),
    error: useId(),
    forgot: useId(),
  };
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // shown once the server asked for the second factor
  const [otp, setOtp] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const otpInput = useRef<HTMLInputElement>(null);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    if (email.trim() === '' || password === '') {
      setRefusal('missing');
      return;
    }
    if (otp?.trim() === '') {
      setRefusal('otpMissing');
      return;
    }
    setRefusal(null);
    setBusy(true);
    try {
      const body = { email: email.trim(), password, ...(otp === null ? {} : { otp: otp.trim() }) };
      const { response, error } = await api.POST('/api/v1/session', { body });
      if (response.ok) {
        onSignedIn();
        return;
      }
      const code = (error as { code?: string } | undefined)?.code;
      if (response.status === 401 && code === 'SECOND_FACTOR_REQUIRED') {
        // a code was asked for: the field appears; a code sent and refused is a wrong code
        setRefusal(otp === null ? null : 'wrongOtp');
        setOtp('');
        setTimeout(() => otpInput.current?.focus(), 0);
      } else if (response.status === 401) {
        setRefusal(otp === null ? 'wrong' : 'wrongOtp');
      } else if (response.status === 429) {
        setRefusal({ locked: lockedText(response) });
      } else {
        setFailure(new ApiError(response.status, error as ApiError['problem']));
      }
    } catch (e) {
      setFailure(new ApiError(0, { detail: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  }

  const invalid = refusal === 'missing' || refusal === 'wrong';
  const otpInvalid = refusal === 'otpMissing' || refusal === 'wrongOtp';
  return (
    <form
      className="card sign-in-form"
      noValidate
      onSubmit={(e) => {
        void submit(e);
      }}
    >
      <div className="field">
        <label htmlFor={ids.email}>{t('email')}</label>
        <input
          id={ids.email}
          type="email"
          className="sign-in-wide"
          value={email}
          autoComplete="username"
          spellCheck={false}
          aria-invalid={invalid}
          aria-describedby={invalid ? ids.error : undefined}
          onChange={(e) => {
            setEmail(e.currentTarget.value);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.password}>{t('password')}</label>
        <input
          id={ids.password}
          type="password"
          className="sign-in-wide"
          value={password}
          autoComplete="current-password"
          aria-invalid={invalid}
          aria-describedby={invalid ? `${ids.error} ${ids.forgot}` : ids.forgot}
          onChange={(e) => {
            setPassword(e.currentTarget.value);
          }}
        />
      </div>
      {otp !== null && (
        <div className="field">
          <p className="notice notice-info" role="status">
            {t('otpAsked')}
          </p>
          <label htmlFor={ids.otp}>{t('otp')}</label>
          <input
            ref={otpInput}
            id={ids.otp}
            className="mono"
            value={otp}
            inputMode="text"
            autoComplete="one-time-code"
            spellCheck={false}
            maxLength={40}
            aria-invalid={otpInvalid}
            aria-describedby={otpInvalid ? `${ids.otpHint} ${ids.error}` : ids.otpHint}
            onChange={(e) => {
              setOtp(e.currentTarget.value);
            }}
          />
          <p id={ids.otpHint} className="hint">
            {t('otpHint')}
          </p>
        </div>
      )}
      <div id={ids.error}>
        {refusal !== null && (
          <FieldError
            id={`${ids.error}-text`}
            text={typeof refusal === 'string' ? t(refusal) : refusal.locked}
          />
        )}
        {failure !== null && <ErrorNotice error={failure} />}
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('checking') : t('submit')}
      </button>
      <p id={ids.forgot} className="hint">
        {t('forgot')}
      </p>
    </form>
  );
}

/** After the first start's link: the person's name and a password for next time, or SSO. */
function SetPassword({
  session,
  oidc,
  onDone,
}: {
  session: Session;
  oidc: Oidc | null;
  onDone: () => void;
}) {
  const t = useT(m);
  const nameId = useId();
  const [name, setName] = useState(session.person.name);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<PasswordProblem | 'nameMissing' | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const found = name.trim() === '' ? 'nameMissing' : passwordProblem(password, again);
    setProblem(found);
    if (found !== null) return;
    setBusy(true);
    try {
      if (name.trim() !== session.person.name) {
        await call(api.PUT('/api/v1/me', { body: { name: name.trim() } }));
      }
      await call(api.PUT('/api/v1/me/password', { body: { newPassword: password } }));
      onDone();
    } catch (e) {
      setFailure(e);
      setBusy(false);
    }
  }

  return (
    <div className="sign-in">
      <PageHeader title={t('setTitle')} />
      <form
        className="card sign-in-form"
        noValidate
        onSubmit={(e) => {
          void submit(e);
        }}
      >
        <p>{t('setIntro', { email: session.person.email ?? '—' })}</p>
        <div className="field">
          <label htmlFor={nameId}>{t('name')}</label>
          <input
            id={nameId}
            className="sign-in-wide"
            value={name}
            maxLength={100}
            autoComplete="name"
            aria-invalid={problem === 'nameMissing'}
            aria-describedby={`${nameId}-hint${problem === 'nameMissing' ? ` ${nameId}-error` : ''}`}
            onChange={(e) => {
              setName(e.currentTarget.value);
            }}
          />
          <p id={`${nameId}-hint`} className="hint">
            {t('nameHint')}
          </p>
          <FieldError
            id={`${nameId}-error`}
            text={problem === 'nameMissing' ? t('nameMissing') : undefined}
          />
        </div>
        <PasswordFields
          password={password}
          again={again}
          onPassword={setPassword}
          onAgain={setAgain}
          problem={problem === 'nameMissing' ? null : problem}
        />
        {failure !== null && <ErrorNotice error={failure} />}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </button>
      </form>
      {oidc !== null && (
        <p>
          {t('orSso', { name: oidc.name })}{' '}
          <a className="button" href={oidcStart({ link: true })}>
            {t('linkSso')}
          </a>
        </p>
      )}
      <p className="hint">{t('laterWarning')}</p>
      <button type="button" className="link-button" onClick={onDone}>
        {t('later')}
      </button>
    </div>
  );
}
