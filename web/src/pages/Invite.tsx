/**
 * An invitation (`/invite#code=…`, docs/accounts.md): the code is read from the fragment (no server
 * log sees it) and taken out of the address bar; `POST /invitations/lookup` says which
 * organisation invites, with which role, until when. A new person gives their name (and e-mail,
 * when the invitation names none) and a password, or comes in through single sign-on with the
 * invitation; a signed-in person just accepts, and then acts in the organisation joined. An
 * expired, used or revoked invitation is said so, with what to do.
 */
import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import type { SubmitEvent } from 'react';
import { Link } from 'wouter';
import { api, ApiError, call } from '../api/client';
import { ErrorNotice, Loading, PageHeader } from '../components/common';
import { FieldError } from '../components/forms';
import { oidcStart, useOidc } from '../components/account/oidc';
import {
  PasswordFields,
  passwordProblem,
  type PasswordProblem,
} from '../components/account/PasswordFields';
import { isRole, roleLabels } from '../components/settings/roles';
import { defineMessages, useLang, useT, zhDates } from '../i18n';
import { getSession, loadSession, onSessionChange } from '../session';
import './sign-in.css';

const m = defineMessages({
  title: ['接受邀请', 'Accept an invitation'],
  checking: ['正在核对邀请…', 'Checking the invitation…'],
  noCode: [
    '这个地址没有带邀请码。请打开邀请邮件中的完整链接，或请管理员再发一次。',
    'This address carries no invitation code. Open the whole link from the invitation e-mail, or ask the administrator to send it again.',
  ],
  unknown: [
    '这个邀请不存在：链接可能不完整。请打开邀请邮件中的完整链接，或请管理员重新邀请您。',
    'There is no such invitation: the link may be incomplete. Open the whole link from the invitation e-mail, or ask the administrator to invite you again.',
  ],
  gone: [
    '这个邀请已过期、已被使用或已被撤销：邀请只能使用一次，有效 7 天。请向组织的管理员索取新的邀请。',
    'This invitation has expired, has been used or has been revoked: an invitation works once, for 7 days. Ask the organisation’s administrator for a new one.',
  ],
  offer: [
    '“{organisation}”邀请您以{role}身份加入。',
    '“{organisation}” invites you to join as {role}.',
  ],
  roleMeans: ['{role}可以：{allows}。', 'As {role} you may: {allows}.'],
  expires: ['邀请有效期至 {date}。', 'The invitation is valid until {date}.'],
  forEmail: ['邀请发给 {email}。', 'The invitation is for {email}.'],
  // a signed-in person
  signedInAs: ['您已作为 {name} 登录。', 'You are signed in as {name}.'],
  accept: ['接受邀请并加入', 'Accept and join'],
  accepting: ['正在加入…', 'Joining…'],
  otherPerson: [
    '不是您本人？请先退出，再打开邀请链接。',
    'Not you? Sign out first, then open the invitation link.',
  ],
  // a new person
  newTitle: ['创建您的账户', 'Create your account'],
  name: ['您的姓名', 'Your name'],
  nameHint: [
    '操作记录和审计日志中以此名字记录您的操作。',
    'Your actions are recorded under this name in the records and the audit log.',
  ],
  email: ['电子邮件地址', 'E-mail address'],
  emailHint: ['以后用它登录。', 'You sign in with it.'],
  nameMissing: ['请填写姓名。', 'Enter your name.'],
  emailMissing: ['请填写电子邮件地址。', 'Enter your e-mail address.'],
  create: ['创建账户并加入', 'Create the account and join'],
  orSso: [
    '或者不设口令，用单点登录（{name}）接受邀请：',
    'Or, instead of a password, accept with single sign-on ({name}):',
  ],
  sso: ['用单点登录接受邀请', 'Accept with single sign-on'],
  haveAccount: [
    '已经有账户？先登录，再回到这里接受邀请',
    'Have an account already? Sign in first, then come back here to accept',
  ],
});

/** The code, from the fragment (then out of the address bar) or kept for this tab while signing in. */
const KEPT = 'xuke.invitation';

function readCode(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.replace(/^#/u, '')).get('code');
  if (fromHash !== null && fromHash !== '') {
    // kept first, so that a second call (React's strict mode calls it twice) finds it there
    keep(fromHash);
    window.history.replaceState(window.history.state, '', window.location.pathname);
    return fromHash;
  }
  try {
    return sessionStorage.getItem(KEPT);
  } catch {
    return null;
  }
}

/** Kept in this tab only, so that signing in first comes back to the same invitation. */
function keep(code: string | null): void {
  try {
    if (code === null) sessionStorage.removeItem(KEPT);
    else sessionStorage.setItem(KEPT, code);
  } catch {
    // storage disabled: the link has to be opened again after signing in
  }
}

type Offer =
  import('../api/schema').paths['/api/v1/invitations/lookup']['post']['responses'][200]['content']['application/json'];

export default function Invite() {
  const t = useT(m);
  const tr = useT(roleLabels);
  const { lang } = useLang();
  const [code] = useState(readCode);
  const session = useSyncExternalStore(onSessionChange, getSession);
  const [offer, setOffer] = useState<Offer | { failed: unknown } | null>(null);

  useEffect(() => {
    if (code === null) return;
    let live = true;
    call(api.POST('/api/v1/invitations/lookup', { body: { code } })).then(
      (found) => {
        if (live) setOffer(found);
      },
      (failed: unknown) => {
        if (live) setOffer({ failed });
      },
    );
    return () => {
      live = false;
    };
  }, [code]);

  const body = () => {
    if (code === null) return <p className="notice notice-error">{t('noCode')}</p>;
    if (offer === null || session === undefined) return <Loading label={t('checking')} />;
    if ('failed' in offer) {
      const status = offer.failed instanceof ApiError ? offer.failed.status : 0;
      if (status === 404 || status === 410) {
        return (
          <div className="notice notice-error" role="alert">
            <p>{t(status === 404 ? 'unknown' : 'gone')}</p>
          </div>
        );
      }
      return <ErrorNotice error={offer.failed} />;
    }
    const role = isRole(offer.role) ? tr(`role_${offer.role}`) : offer.role;
    return (
      <>
        <div className="card">
          <p>
            <strong>{t('offer', { organisation: offer.organisation.name, role })}</strong>
          </p>
          {isRole(offer.role) && (
            <p>{t('roleMeans', { role, allows: tr(`roleHint_${offer.role}`) })}</p>
          )}
          {offer.email !== null && <p>{t('forEmail', { email: offer.email })}</p>}
          <p>
            {t('expires', {
              // the day as format.ts writes it, without loading it for this one date
              date:
                lang === 'zh'
                  ? zhDates(offer.expiresAt.slice(0, 10))
                  : offer.expiresAt.slice(0, 10),
            })}
          </p>
        </div>
        {session === null ? (
          <NewPerson code={code} offer={offer} />
        ) : (
          <Join code={code} offer={offer} name={session.person.name} />
        )}
      </>
    );
  };

  return (
    <div className="sign-in">
      <PageHeader title={t('title')} />
      {body()}
    </div>
  );
}

/**
 * Once joined: act in the organisation joined (the session may still be in another one), and open
 * it afresh.
 */
async function enter(organisation: string): Promise<void> {
  keep(null);
  await loadSession(true);
  if (getSession()?.organisation.id !== organisation) {
    await call(api.PUT('/api/v1/session/organisation', { body: { organisation } }));
  }
  window.location.assign('/');
}

function Join({ code, offer, name }: { code: string; offer: Offer; name: string }) {
  const t = useT(m);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const accept = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await call(api.POST('/api/v1/invitations/accept', { body: { code } }));
      await enter(offer.organisation.id);
    } catch (e) {
      setFailure(e);
      setBusy(false);
    }
  };
  return (
    <div className="card">
      <p>{t('signedInAs', { name })}</p>
      {failure !== null && <ErrorNotice error={failure} />}
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() => {
          void accept();
        }}
      >
        {busy ? t('accepting') : t('accept')}
      </button>
      <p className="hint">{t('otherPerson')}</p>
    </div>
  );
}

function NewPerson({ code, offer }: { code: string; offer: Offer }) {
  const t = useT(m);
  const oidc = useOidc();
  const ids = { name: useId(), email: useId(), heading: useId() };
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<PasswordProblem | 'nameMissing' | 'emailMissing' | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const askEmail = offer.email === null;

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const found =
      name.trim() === ''
        ? 'nameMissing'
        : askEmail && email.trim() === ''
          ? 'emailMissing'
          : passwordProblem(password, again);
    setProblem(found);
    if (found !== null) return;
    setBusy(true);
    try {
      const body = { code, name: name.trim(), password };
      await call(
        api.POST('/api/v1/invitations/accept', {
          body: askEmail ? { ...body, email: email.trim() } : body,
        }),
      );
      await enter(offer.organisation.id);
    } catch (e) {
      setFailure(e);
      setBusy(false);
    }
  }

  const field = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    missing: 'nameMissing' | 'emailMissing',
    hint: string,
    type: 'text' | 'email',
  ) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        className="sign-in-wide"
        value={value}
        maxLength={type === 'email' ? 254 : 100}
        autoComplete={type === 'email' ? 'email' : 'name'}
        aria-invalid={problem === missing}
        aria-describedby={`${id}-hint${problem === missing ? ` ${id}-error` : ''}`}
        onChange={(e) => {
          set(e.currentTarget.value);
        }}
      />
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      <FieldError id={`${id}-error`} text={problem === missing ? t(missing) : undefined} />
    </div>
  );

  return (
    <>
      <form
        className="card sign-in-form"
        aria-labelledby={ids.heading}
        noValidate
        onSubmit={(e) => {
          void submit(e);
        }}
      >
        <h2 id={ids.heading}>{t('newTitle')}</h2>
        {field(ids.name, t('name'), name, setName, 'nameMissing', t('nameHint'), 'text')}
        {askEmail &&
          field(ids.email, t('email'), email, setEmail, 'emailMissing', t('emailHint'), 'email')}
        <PasswordFields
          password={password}
          again={again}
          onPassword={setPassword}
          onAgain={setAgain}
          problem={problem === 'nameMissing' || problem === 'emailMissing' ? null : problem}
        />
        {failure !== null && <ErrorNotice error={failure} />}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('accepting') : t('create')}
        </button>
      </form>
      {oidc !== null && (
        <p>
          {t('orSso', { name: oidc.name })}{' '}
          <a className="button" href={oidcStart({ invitation: code })}>
            {t('sso')}
          </a>
        </p>
      )}
      <p>
        <Link href="/sign-in?next=%2Finvite">{t('haveAccount')}</Link>
      </p>
    </>
  );
}
