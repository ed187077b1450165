/**
 * Sign-in. The first start prints a one-time link `/sign-in#code=…`: the code is read from the
 * fragment (which never reaches a server log), removed from the address bar at once, and exchanged
 * for an admin token that is shown once. Otherwise a form takes an API token, checked with
 * GET /api/v1/me before it is kept. Afterwards to `?next=` (a path on this site only) or the
 * dashboard.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, ApiError, call, type Schemas } from '../api/client';
import { ErrorNotice, Loading, PageHeader } from '../components/common';
import { isRole, roleLabels } from '../components/settings/roles';
import { ShownOnce } from '../components/settings/ShownOnce';
import { defineMessages, useT } from '../i18n';
import { getToken, setToken } from '../session';
import './sign-in.css';

const m = defineMessages(
  {
    title: '登录',
    exchanging: '正在用登录链接登录…',
    linkUsed: '此登录链接已经使用过（或无效）：登录链接只能用一次。请用您的 API 令牌登录。',
    signedInTitle: '已登录',
    signedInAs: '您已作为“{organisation}”的{role}登录。',
    tokenLabel: '您的新管理员令牌',
    copyToken: '复制令牌',
    tokenWarning:
      '这个令牌只显示这一次，请现在复制并保存到密码管理器。登录链接只能使用一次：以后在其他浏览器或设备上登录，或本浏览器清除数据后，都要用这个令牌。',
    tokenWarningStrong: '请妥善保管：持有它的人可以管理本组织的全部数据。',
    rememberCode: '在此设备上保持登录',
    continue: '继续',
    intro:
      '用 API 令牌登录。令牌由本组织的管理员在“设置 → API 令牌”中创建，或在服务器上运行 xuke token create 得到；它以 xk_ 开头。',
    token: 'API 令牌',
    remember: '在此设备上保持登录',
    rememberHint:
      '勾选：令牌保存在本浏览器中，关闭浏览器后仍然登录。不勾选：只保存在当前标签页，关闭标签页即退出。公用或他人的电脑请不要勾选。',
    submit: '登录',
    checking: '正在核对令牌…',
    empty: '请输入令牌。',
    badToken: '令牌无效或已被撤销。请确认完整复制了令牌（以 xk_ 开头），或请管理员新建一个。',
    already: '您已登录。',
    continueSignedIn: '继续使用',
    publicVerify: '不需要登录：公开查验一张许可证',
  },
  {
    title: 'Sign in',
    exchanging: 'Signing in with the link…',
    linkUsed:
      'This sign-in link has been used already (or is not valid): a sign-in link works once. Sign in with your API token.',
    signedInTitle: 'Signed in',
    signedInAs: 'You are signed in to “{organisation}” as {role}.',
    tokenLabel: 'Your new administrator token',
    copyToken: 'Copy the token',
    tokenWarning:
      'This token is shown only this once: copy it now and keep it in a password manager. The sign-in link works once, so this token is how you sign in again — in another browser, on another device, or after this browser’s data is cleared.',
    tokenWarningStrong: 'Keep it safe: whoever holds it can manage all of the organisation’s data.',
    rememberCode: 'Keep me signed in on this device',
    continue: 'Continue',
    intro:
      'Sign in with an API token. An administrator of your organisation creates one under Settings → API tokens, or on the server with xuke token create; it starts with xk_.',
    token: 'API token',
    remember: 'Keep me signed in on this device',
    rememberHint:
      'Ticked: the token is kept in this browser and you stay signed in after closing it. Unticked: it is kept for this tab only and closing the tab signs you out. Do not tick it on a shared computer.',
    submit: 'Sign in',
    checking: 'Checking the token…',
    empty: 'Enter a token.',
    badToken:
      'The token is not valid or has been revoked. Check that you copied all of it (it starts with xk_), or ask an administrator for a new one.',
    already: 'You are signed in.',
    continueSignedIn: 'Continue',
    publicVerify: 'No sign-in needed: verify a licence publicly',
  },
);

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

/** The one-time code from the fragment (`#code=…`), or from the query as older links had it. */
function readCode(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.replace(/^#/u, '')).get('code');
  if (fromHash !== null && fromHash !== '') return fromHash;
  const fromQuery = new URLSearchParams(window.location.search).get('code');
  return fromQuery !== null && fromQuery !== '' ? fromQuery : null;
}

/** Take the code out of the address bar (and so out of the history), keeping `next`. */
function forgetCode(): void {
  const params = new URLSearchParams(window.location.search);
  params.delete('code');
  const search = params.toString();
  window.history.replaceState(
    window.history.state,
    '',
    `${window.location.pathname}${search === '' ? '' : `?${search}`}`,
  );
}

type SignedIn = Schemas['SignedIn'];

export default function SignIn() {
  const t = useT(m);
  const search = useSearch();
  const [, navigate] = useLocation();
  const next = safeNext(new URLSearchParams(search).get('next'), window.location.origin);
  const [code] = useState(readCode);
  const started = useRef(false);
  const [exchange, setExchange] = useState<
    | { state: 'running' }
    | { state: 'done'; signedIn: SignedIn }
    | { state: 'failed'; error: unknown }
    | null
  >(code === null ? null : { state: 'running' });

  useEffect(() => {
    if (code === null || started.current) return;
    started.current = true;
    forgetCode();
    call(api.POST('/api/v1/sign-in', { body: { code } })).then(
      (signedIn) => {
        setToken(signedIn.token, false);
        setExchange({ state: 'done', signedIn });
      },
      (error: unknown) => {
        setExchange({ state: 'failed', error });
      },
    );
  }, [code]);

  if (exchange?.state === 'running') {
    return (
      <div className="sign-in">
        <PageHeader title={t('title')} />
        <Loading label={t('exchanging')} />
      </div>
    );
  }

  if (exchange?.state === 'done') {
    return (
      <NewToken
        signedIn={exchange.signedIn}
        onContinue={() => {
          navigate(next, { replace: true });
        }}
      />
    );
  }

  return (
    <div className="sign-in">
      <PageHeader title={t('title')} />
      {exchange?.state === 'failed' &&
        (exchange.error instanceof ApiError && exchange.error.status === 401 ? (
          <div className="notice notice-error" role="alert">
            <p>{t('linkUsed')}</p>
          </div>
        ) : (
          <ErrorNotice error={exchange.error} />
        ))}
      <TokenForm
        onSignedIn={() => {
          navigate(next, { replace: true });
        }}
        next={next}
      />
      <p className="sign-in-public">
        <Link href="/verify">{t('publicVerify')}</Link>
      </p>
    </div>
  );
}

/** After the link: the new admin token, once, with the way to keep it. */
function NewToken({ signedIn, onContinue }: { signedIn: SignedIn; onContinue: () => void }) {
  const t = useT(m);
  const tr = useT(roleLabels);
  const rememberId = useId();
  const [remember, setRemember] = useState(false);
  const role = isRole(signedIn.role) ? tr(`role_${signedIn.role}`) : signedIn.role;
  return (
    <div className="sign-in">
      <PageHeader title={t('signedInTitle')} />
      <p className="notice notice-ok" role="status">
        {t('signedInAs', { organisation: signedIn.organisation, role })}
      </p>
      <ShownOnce label={t('tokenLabel')} value={signedIn.token} copyLabel={t('copyToken')}>
        <p>{t('tokenWarning')}</p>
        <p>
          <strong>{t('tokenWarningStrong')}</strong>
        </p>
      </ShownOnce>
      <div className="field sign-in-check">
        <input
          id={rememberId}
          type="checkbox"
          checked={remember}
          onChange={(e) => {
            setRemember(e.currentTarget.checked);
            setToken(signedIn.token, e.currentTarget.checked);
          }}
        />
        <label htmlFor={rememberId}>{t('rememberCode')}</label>
      </div>
      <p className="hint">{t('rememberHint')}</p>
      <button type="button" className="primary" onClick={onContinue}>
        {t('continue')}
      </button>
    </div>
  );
}

function TokenForm({ onSignedIn, next }: { onSignedIn: () => void; next: string }) {
  const t = useT(m);
  const tokenId = useId();
  const rememberId = useId();
  const hintId = useId();
  const errorId = useId();
  const [token, setTokenText] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [empty, setEmpty] = useState(false);
  const alreadySignedIn = getToken() !== null;

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = token.trim();
    setError(null);
    if (value === '') {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    setBusy(true);
    try {
      await call(api.GET('/api/v1/me', { headers: { authorization: `Bearer ${value}` } }));
      setToken(value, remember);
      onSignedIn();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  const invalid = empty || error !== null;
  return (
    <>
      {alreadySignedIn && (
        <div className="notice notice-info">
          <p>
            {t('already')} <Link href={next}>{t('continueSignedIn')}</Link>
          </p>
        </div>
      )}
      <form
        className="card sign-in-form"
        noValidate
        onSubmit={(e) => {
          void submit(e);
        }}
      >
        <p>{t('intro')}</p>
        <div className="field">
          <label htmlFor={tokenId}>{t('token')}</label>
          <input
            id={tokenId}
            type="password"
            className="mono sign-in-token"
            value={token}
            autoComplete="current-password"
            spellCheck={false}
            aria-invalid={invalid}
            aria-describedby={invalid ? errorId : undefined}
            onChange={(e) => {
              setTokenText(e.currentTarget.value);
            }}
          />
        </div>
        <div className="field sign-in-check">
          <input
            id={rememberId}
            type="checkbox"
            checked={remember}
            aria-describedby={hintId}
            onChange={(e) => {
              setRemember(e.currentTarget.checked);
            }}
          />
          <label htmlFor={rememberId}>{t('remember')}</label>
        </div>
        <p id={hintId} className="hint">
          {t('rememberHint')}
        </p>
        <div id={errorId} className="sign-in-error">
          {empty && (
            <div className="notice notice-error" role="alert">
              <p>{t('empty')}</p>
            </div>
          )}
          {error !== null &&
            (error instanceof ApiError && error.status === 401 ? (
              <div className="notice notice-error" role="alert">
                <p>{t('badToken')}</p>
              </div>
            ) : (
              <ErrorNotice error={error} />
            ))}
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('checking') : t('submit')}
        </button>
      </form>
    </>
  );
}
