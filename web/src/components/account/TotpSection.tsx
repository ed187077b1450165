/**
 * Two-step verification (TOTP, docs/accounts.md): turn it on — `POST /me/totp` gives the secret and
 * its otpauth:// URI, drawn as a QR code for the authenticator app (and shown as text to type in),
 * a code from the app confirms it (`POST /me/totp/confirm`) and the ten recovery codes are shown
 * once — or turn it off with a current code or a recovery code (`DELETE /me/totp`).
 */
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { api, ApiError, call } from '../../api/client';
import { defineMessages, useT } from '../../i18n';
import { loadSession } from '../../session';
import { ErrorNotice } from '../common';
import { FieldError, useAction } from '../forms';
import { ShownOnce } from '../settings/ShownOnce';
// static, not lazy: a chunk of the page's own chunk that needs CommonJS (qrcode) makes the build
// move React out of the shell's entry, which costs every page more than the QR code costs this one
import { QrCode } from './QrCode';

const m = defineMessages({
  on: [
    '两步验证已开启：登录时除口令外，还要输入验证器应用中的验证码。',
    'Two-step verification is on: signing in takes a code from your authenticator app as well as the password.',
  ],
  off: [
    '两步验证未开启。开启后，即使口令泄露，别人没有您的手机也无法登录。',
    'Two-step verification is off. With it on, nobody can sign in as you without your phone, even knowing your password.',
  ],
  begin: ['开启两步验证', 'Turn on two-step verification'],
  beginning: ['正在准备…', 'Preparing…'],
  step1: [
    '1. 用验证器应用（如 Microsoft Authenticator、Google 身份验证器、腾讯身份验证器）扫描这个二维码：',
    '1. Scan this QR code with an authenticator app (Microsoft Authenticator, Google Authenticator, Tencent Authenticator …):',
  ],
  qrLabel: ['供验证器应用扫描的二维码', 'QR code for the authenticator app'],
  manual: [
    '无法扫描时，在应用中手动添加账户，输入这个密钥（基于时间，6 位数字）：',
    'If you cannot scan it, add an account by hand in the app with this key (time-based, 6 digits):',
  ],
  step2: [
    '2. 输入应用为 xuke 显示的 6 位验证码，确认已添加成功：',
    '2. Enter the 6-digit code the app shows for xuke, to confirm it was added:',
  ],
  code: ['验证码', 'Code'],
  codeMissing: ['请输入 6 位验证码。', 'Enter the 6-digit code.'],
  confirm: ['确认并开启', 'Confirm and turn on'],
  confirming: ['正在确认…', 'Confirming…'],
  cancel: ['取消', 'Cancel'],
  codesLabel: ['恢复码', 'Recovery codes'],
  copyCodes: ['复制全部恢复码', 'Copy all recovery codes'],
  codesWarning: [
    '两步验证已开启。这 10 个恢复码只显示这一次：手机丢失或换机时，每个恢复码可以代替验证码登录一次。请现在保存到密码管理器或打印后妥善保管。',
    'Two-step verification is on. These 10 recovery codes are shown only this once: if you lose or replace your phone, each one signs you in once instead of a code. Save them in a password manager, or print them and keep them safe, now.',
  ],
  codesDone: ['我已保存恢复码', 'I have saved the recovery codes'],
  disable: ['关闭两步验证', 'Turn off two-step verification'],
  disableCode: ['当前验证码或一个恢复码', 'A current code or a recovery code'],
  disabling: ['正在关闭…', 'Turning off…'],
  disabled: ['两步验证已关闭。', 'Two-step verification is off.'],
});

type Step =
  | { step: 'idle' }
  | { step: 'scan'; secret: string; uri: string }
  | { step: 'codes'; codes: readonly string[] }
  | { step: 'disable' };

export function TotpSection({ enabled: read }: { enabled: boolean }) {
  const t = useT(m);
  // what this page turned on or off, until the session says so too
  const [changed, setChanged] = useState<boolean | null>(null);
  const enabled = changed ?? read;
  const ids = { code: useId(), heading: useId() };
  const [step, setStep] = useState<Step>({ step: 'idle' });
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const [message, setMessage] = useState('');
  const action = useAction();

  const reset = () => {
    setStep({ step: 'idle' });
    setCode('');
    setMissing(false);
    action.clearFailure();
  };
  const begin = () =>
    action.run(async () => {
      setMessage('');
      try {
        const started = await call(api.POST('/api/v1/me/totp'));
        setStep({ step: 'scan', secret: started.secret, uri: started.uri });
      } catch (e) {
        // on already (turned on in another tab, or in a session that did not sign in with it): the
        // server says so, and the page offers to turn it off
        if (e instanceof ApiError && e.status === 409) setChanged(true);
        throw e;
      }
    });
  const send = (what: 'confirm' | 'disable') => {
    const value = code.trim();
    setMissing(value === '');
    if (value === '') return Promise.resolve();
    return action.run(async () => {
      if (what === 'confirm') {
        const done = await call(api.POST('/api/v1/me/totp/confirm', { body: { code: value } }));
        setStep({ step: 'codes', codes: done.recoveryCodes });
        setChanged(true);
      } else {
        await call(api.DELETE('/api/v1/me/totp', { body: { code: value } }));
        setStep({ step: 'idle' });
        setChanged(false);
        setMessage(t('disabled'));
      }
      setCode('');
      await loadSession(true);
    });
  };

  const codeField = (label: string) => (
    <div className="field">
      <label htmlFor={ids.code}>{label}</label>
      <input
        id={ids.code}
        className="mono"
        value={code}
        autoComplete="one-time-code"
        spellCheck={false}
        maxLength={40}
        aria-invalid={missing}
        aria-describedby={missing ? `${ids.code}-error` : undefined}
        onChange={(e) => {
          setCode(e.currentTarget.value);
        }}
      />
      <FieldError id={`${ids.code}-error`} text={missing ? t('codeMissing') : undefined} />
    </div>
  );

  const form = (what: 'confirm' | 'disable', children: ReactNode) => (
    <form
      className="settings-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void send(what);
      }}
    >
      {children}
      {action.failure !== null && <ErrorNotice error={action.failure} />}
      <div className="settings-buttons">
        <button type="submit" className="primary" disabled={action.busy}>
          {what === 'confirm'
            ? t(action.busy ? 'confirming' : 'confirm')
            : t(action.busy ? 'disabling' : 'disable')}
        </button>
        <button type="button" onClick={reset}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );

  if (step.step === 'scan') {
    return form(
      'confirm',
      <>
        <p>{t('step1')}</p>
        <QrCode text={step.uri} label={t('qrLabel')} />
        <p>{t('manual')}</p>
        <p className="mono settings-url">{step.secret}</p>
        <p>{t('step2')}</p>
        {codeField(t('code'))}
      </>,
    );
  }
  if (step.step === 'codes') {
    return (
      <>
        <ShownOnce label={t('codesLabel')} value={step.codes.join(' ')} copyLabel={t('copyCodes')}>
          <p>
            <strong>{t('codesWarning')}</strong>
          </p>
          <ol className="settings-codes">
            {step.codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
        </ShownOnce>
        <button type="button" onClick={reset}>
          {t('codesDone')}
        </button>
      </>
    );
  }
  if (step.step === 'disable') return form('disable', codeField(t('disableCode')));
  return (
    <>
      <p className="settings-status" role="status" aria-live="polite">
        {message}
      </p>
      <p>{t(enabled ? 'on' : 'off')}</p>
      {action.failure !== null && <ErrorNotice error={action.failure} />}
      <button
        type="button"
        className={enabled ? undefined : 'primary'}
        disabled={action.busy}
        onClick={() => {
          if (enabled) {
            setMessage('');
            setStep({ step: 'disable' });
          } else void begin();
        }}
      >
        {enabled ? t('disable') : action.busy ? t('beginning') : t('begin')}
      </button>
    </>
  );
}
