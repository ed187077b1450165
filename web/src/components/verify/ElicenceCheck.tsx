/**
 * The second way to verify on /verify: an e-licence (电子证照) itself. Its JSON file, its PDF or a
 * photo of its QR code is sent as base64 to `POST /api/v1/public/elicence/verify` (without the
 * session), or, when the page was opened from the printed QR code (`/verify#xq1.…`), the
 * page's own address. The answer leads with the signature's verdict and why, then the signer and
 * its key's validity, what the e-licence states, and where the register stands on that version.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Link } from 'wouter';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { formatDate, formatTimestamp } from '../../format';
import { defineMessages, pick, useLang, useT, type Lang, type Translate } from '../../i18n';
import { ErrorNotice } from '../common';
import { useNames } from '../licence/labels';
import { fetchWithoutSession } from './public-fetch';
import { readBase64 } from '../../read-file';

const m = defineMessages(
  {
    heading: '核验电子证照',
    intro:
      '上传电子证照的 JSON 文件或 PDF，或证照上二维码的照片：核验发证机关的 SM2 数字签名，并查看登记簿是否仍为此版本。文件只用于本次核验，不会保存。',
    fileLabel: '电子证照文件',
    fileHint: 'JSON、PDF 或二维码照片（PNG、JPEG 等），不超过 10 MB。',
    camera: '拍摄二维码',
    cameraHint: '在手机上可直接用相机拍摄证照上的二维码。',
    checkingFile: '正在核验 {name}…',
    checkingQr: '正在核验本页地址中的二维码内容…',
    tooLarge: '{name} 超过 10 MB，不能核验。请上传电子证照的 JSON 文件、PDF 或二维码的照片。',
    checkedFile: '核验的文件：{name}',
    checkedQr: '核验的内容：本页地址中的二维码内容',
    sigLabel: '电子证照签名',
    valid: '签名有效',
    invalid: '签名无效',
    unreadable: '无法核验',
    lead_json: '此电子证照由{org}签名，签名后内容未被改动。',
    lead_qr: '此二维码由{org}签名，其中的许可证编号、版本、有效期和持证单位摘要未被改动。',
    why_unreadable: '没有读到可核验的电子证照：文件不是电子证照，或内容不完整。',
    'why_unknown-key': '签名所用的密钥不在本站已知的发证机关公钥中，无法确认签发者。',
    'why_revoked-key': '签名所用的密钥已被吊销，它的签名不再可信。',
    'why_key-not-valid': '签名时间不在该密钥的有效期内。',
    'why_bad-signature': '签名与内容不符：电子证照在签名后被改动过，或是伪造的。',
    why_other: '签名未通过核验。',
    detail: '详情：{reason}',
    facts: '签名与证照内容',
    signer: '签发机关',
    kid: '密钥',
    keyValidity: '密钥有效期',
    keyFrom: '{from} 起',
    keyRange: '{from} 至 {to}',
    keyRevoked: '已于 {at} 吊销',
    keyRevokedWhy: '已于 {at} 吊销（{reason}）',
    unknownSigner: '未知（本站没有此密钥）',
    number: '许可证编号',
    version: '登记版本',
    versionN: '第 {v} 版',
    holder: '持证单位',
    holderDigestOnly: '二维码只含持证单位名称的摘要：请与证照上印的名称和登记簿核对。',
    expiresOn: '有效期至',
    notStated: '未载明',
    signedAt: '签名时间',
    register: '登记簿',
    reg_current: '登记簿仍为此版本（第 {v} 版），状态：{status}。',
    reg_superseded:
      '登记簿已更新至第 {v} 版（{since}），当前状态：{status}。此电子证照所载不是最新登记，以登记簿为准。',
    reg_absent: '登记簿中已无此编号。',
    reg_unknown: '本站无此发证机关的登记簿，仅能核验签名。',
    registerLink: '查看登记簿中的许可证 {number}',
  },
  {
    heading: 'Check an e-licence',
    intro:
      'Upload an e-licence’s JSON file or PDF, or a photo of the QR code on it, to check the issuing authority’s SM2 digital signature and whether the register still holds that version. The file is used for this check only and is not kept.',
    fileLabel: 'E-licence file',
    fileHint: 'JSON, PDF or a photo of the QR code (PNG, JPEG …), up to 10 MB.',
    camera: 'Photograph the QR code',
    cameraHint: 'On a phone, photograph the QR code on the certificate with the camera.',
    checkingFile: 'Checking {name}…',
    checkingQr: 'Checking the QR code content in this page’s address…',
    tooLarge:
      '{name} is over 10 MB and cannot be checked. Upload the e-licence’s JSON file, its PDF or a photo of its QR code.',
    checkedFile: 'File checked: {name}',
    checkedQr: 'Checked: the QR code content in this page’s address',
    sigLabel: 'E-licence signature',
    valid: 'Valid signature',
    invalid: 'Invalid signature',
    unreadable: 'Cannot be checked',
    lead_json: 'This e-licence was signed by {org} and has not been altered since.',
    lead_qr:
      'This QR code was signed by {org}: its licence number, version, expiry and holder digest have not been altered.',
    why_unreadable:
      'No e-licence to check was read: the file is not an e-licence, or it is incomplete.',
    'why_unknown-key':
      'The signing key is not among the issuing authorities’ public keys known here: the signer cannot be established.',
    'why_revoked-key': 'The signing key has been revoked: its signatures can no longer be trusted.',
    'why_key-not-valid': 'It was signed outside the signing key’s period of validity.',
    'why_bad-signature':
      'The signature does not match the content: the e-licence was altered after signing, or forged.',
    why_other: 'The signature did not pass the check.',
    detail: 'Details: {reason}',
    facts: 'Signature and contents',
    signer: 'Signed by',
    kid: 'Key',
    keyValidity: 'Key validity',
    keyFrom: 'from {from}',
    keyRange: '{from} to {to}',
    keyRevoked: 'revoked {at}',
    keyRevokedWhy: 'revoked {at} ({reason})',
    unknownSigner: 'Unknown (this key is not known here)',
    number: 'Licence number',
    version: 'Register version',
    versionN: 'version {v}',
    holder: 'Holder',
    holderDigestOnly:
      'The QR code holds only a digest of the holder’s name: compare the name printed on the certificate and the register’s.',
    expiresOn: 'Valid until',
    notStated: 'Not stated',
    signedAt: 'Signed',
    register: 'Register',
    reg_current: 'The register still holds this version (version {v}); status: {status}.',
    reg_superseded:
      'The register has moved on to version {v} ({since}); its status now: {status}. This e-licence is not the latest record; the register prevails.',
    reg_absent: 'The register no longer holds this number.',
    reg_unknown:
      'This site holds no register of this issuing authority; only the signature can be checked.',
    registerLink: 'See licence {number} in the register',
  },
);

type VerifyBody = NonNullable<
  paths['/api/v1/public/elicence/verify']['post']['requestBody']
>['content']['application/json'];
export type Verification =
  paths['/api/v1/public/elicence/verify']['post']['responses'][200]['content']['application/json'];

/** Where the register stands on the verified version (the API types it loosely). */
type Standing =
  | { readonly state: 'current'; readonly version: number; readonly status: string }
  | {
      readonly state: 'superseded';
      readonly version: number;
      readonly status: string;
      readonly since: string;
    }
  | { readonly state: 'absent' }
  | { readonly state: 'unknown' };

function standing(r: Readonly<Record<string, unknown>>): Standing {
  const version = r['version'];
  const status = r['status'];
  const since = r['since'];
  if (typeof version === 'number' && typeof status === 'string') {
    if (r['state'] === 'current') return { state: 'current', version, status };
    if (r['state'] === 'superseded' && typeof since === 'string') {
      return { state: 'superseded', version, status, since };
    }
  }
  return r['state'] === 'absent' ? { state: 'absent' } : { state: 'unknown' };
}

const FAILURES = [
  'unreadable',
  'unknown-key',
  'revoked-key',
  'key-not-valid',
  'bad-signature',
] as const;
type Failure = (typeof FAILURES)[number];
const isFailure = (f: string): f is Failure => (FAILURES as readonly string[]).includes(f);

/** What the server accepts: 14,000,000 base64 characters, a little over 10 MiB of file. */
const MAX_FILE = 10 * 1024 * 1024;

function verifyElicence(body: VerifyBody): Promise<Verification> {
  return call(api.POST('/api/v1/public/elicence/verify', { body, fetch: fetchWithoutSession }));
}

type Source =
  { readonly kind: 'file'; readonly file: File } | { readonly kind: 'qr'; readonly text: string };
type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'too-large'; readonly name: string }
  | { readonly kind: 'checking'; readonly source: Source }
  | { readonly kind: 'done'; readonly source: Source; readonly result: Verification }
  | { readonly kind: 'failed'; readonly source: Source; readonly error: unknown };

/** The QR statement in a verify URL's fragment, as the printed QR code opens it. */
export function qrFromLocation(href: string): string | null {
  return /#xq1\./u.test(href) ? href : null;
}

function onHashChange(changed: () => void): () => void {
  window.addEventListener('hashchange', changed);
  return () => {
    window.removeEventListener('hashchange', changed);
  };
}

/**
 * The page's address when its fragment holds a QR statement (`/verify#xq1.…`), else null; a second
 * code scanned into the same tab changes only the fragment, and is followed.
 */
export function useQrFromLocation(): string | null {
  return useSyncExternalStore(onHashChange, () => qrFromLocation(window.location.href));
}

export default function ElicenceCheck({ qr }: { qr: string | null }) {
  const t = useT(m);
  const { lang } = useLang();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  // only the latest check's answer is shown
  const latest = useRef(0);
  const run = useCallback(async (source: Source) => {
    const id = ++latest.current;
    setPhase({ kind: 'checking', source });
    try {
      const body =
        source.kind === 'qr' ? { qr: source.text } : { file: await readBase64(source.file) };
      const result = await verifyElicence(body);
      if (id === latest.current) setPhase({ kind: 'done', source, result });
    } catch (error) {
      if (id === latest.current) setPhase({ kind: 'failed', source, error });
    }
  }, []);
  useEffect(() => {
    if (qr !== null) void run({ kind: 'qr', text: qr });
  }, [qr, run]);
  // opened from a QR code, the answer is what the visitor came for: bring it into view
  const answer = useRef<HTMLDivElement>(null);
  const arrived = phase.kind === 'done' && phase.source.kind === 'qr' ? phase.result : null;
  useEffect(() => {
    if (arrived !== null) answer.current?.scrollIntoView({ block: 'start' });
  }, [arrived]);

  const choose = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    // the same file chosen again is a new check
    input.value = '';
    if (file === undefined) return;
    if (file.size > MAX_FILE) {
      latest.current++;
      setPhase({ kind: 'too-large', name: file.name });
      return;
    }
    void run({ kind: 'file', file });
  };

  const checking =
    phase.kind === 'checking'
      ? phase.source.kind === 'file'
        ? t('checkingFile', { name: phase.source.file.name })
        : t('checkingQr')
      : '';
  return (
    <section className="elicence-check" aria-labelledby="elicence-heading">
      <h2 id="elicence-heading">{t('heading')}</h2>
      <p className="verify-intro">{t('intro')}</p>
      <div className="field elicence-inputs">
        <label htmlFor="elicence-file">{t('fileLabel')}</label>
        <input
          id="elicence-file"
          type="file"
          accept=".json,application/json,application/pdf,image/*"
          aria-describedby="elicence-file-hint"
          onChange={(e) => {
            choose(e.currentTarget);
          }}
        />
        <p id="elicence-file-hint" className="hint">
          {t('fileHint')}
        </p>
        <label className="button elicence-camera">
          <input
            type="file"
            accept="image/*"
            capture="environment"
            className="visually-hidden"
            aria-describedby="elicence-camera-hint"
            onChange={(e) => {
              choose(e.currentTarget);
            }}
          />
          {t('camera')}
        </label>
        <p id="elicence-camera-hint" className="hint">
          {t('cameraHint')}
        </p>
      </div>
      {/* announced when the answer arrives; errors are alerts of their own */}
      <p className="visually-hidden" aria-live="polite">
        {phase.kind === 'done' ? announce(phase.result, lang, t) : checking}
      </p>
      {phase.kind === 'checking' && (
        <p className="loading" aria-hidden="true">
          {checking}
        </p>
      )}
      {phase.kind === 'too-large' && (
        <div className="notice notice-error" role="alert">
          <p>{t('tooLarge', { name: phase.name })}</p>
        </div>
      )}
      {phase.kind === 'failed' && (
        <ErrorNotice
          error={phase.error}
          {...(retryable(phase.error)
            ? {
                onRetry: () => {
                  void run(phase.source);
                },
              }
            : {})}
        />
      )}
      <div ref={answer}>
        {phase.kind === 'done' && <ResultView result={phase.result} source={phase.source} />}
      </div>
    </section>
  );
}

/** A network failure, a server error or a rate limit may pass on a retry; a refused file will not. */
function retryable(error: unknown): boolean {
  const status =
    typeof error === 'object' && error !== null && 'status' in error ? error.status : null;
  return typeof status === 'number' && (status === 0 || status === 429 || status >= 500);
}

function headline(r: Verification, t: Translate<typeof m.zh>): string {
  return r.valid ? t('valid') : r.failure === 'unreadable' ? t('unreadable') : t('invalid');
}

function announce(r: Verification, lang: Lang, t: Translate<typeof m.zh>): string {
  return r.number === null
    ? headline(r, t)
    : `${r.number}${lang === 'zh' ? '：' : ': '}${headline(r, t)}`;
}

function ResultView({ result: r, source }: { result: Verification; source: Source }) {
  const t = useT(m);
  const { lang } = useLang();
  const name = useNames();
  const register = standing(r.register);
  const org = r.signer?.organisationName ?? '';
  const inForce =
    register.state === 'current' &&
    (register.status === 'valid' || register.status === 'renewal-pending');
  // green only for a good signature over what the register still holds in force
  const tone = !r.valid ? 'is-bad' : inForce ? 'is-good' : 'is-neutral';
  const why = r.valid
    ? t(r.form === 'qr' ? 'lead_qr' : 'lead_json', { org })
    : t(r.failure !== null && isFailure(r.failure) ? `why_${r.failure}` : 'why_other');
  const reason = pick(lang, r.reason, r.reasonEn);
  const key = r.signer;
  const keyValidity =
    key === null
      ? null
      : key.revokedAt !== null
        ? key.revocationReason === null || key.revocationReason === ''
          ? t('keyRevoked', { at: formatTimestamp(key.revokedAt, lang) })
          : t('keyRevokedWhy', {
              at: formatTimestamp(key.revokedAt, lang),
              reason: key.revocationReason,
            })
        : key.validUntil === null
          ? t('keyFrom', { from: formatTimestamp(key.validFrom, lang) })
          : t('keyRange', {
              from: formatTimestamp(key.validFrom, lang),
              to: formatTimestamp(key.validUntil, lang),
            });
  return (
    <article className="elicence-result" aria-labelledby="elicence-verdict">
      <p className="hint">
        {source.kind === 'file' ? t('checkedFile', { name: source.file.name }) : t('checkedQr')}
      </p>
      <section className={`verify-status ${tone}`}>
        <span
          className={tone === 'is-good' ? 'verify-status-icon verified-mark' : 'verify-status-icon'}
          aria-hidden="true"
        >
          {r.valid ? (tone === 'is-good' ? '✓' : '?') : '✕'}
        </span>
        <div>
          <p className="verify-status-label">{t('sigLabel')}</p>
          <h3 id="elicence-verdict" className="verify-status-headline">
            {headline(r, t)}
          </h3>
          <p className="verify-status-lead">{why}</p>
          {!r.valid && reason !== '' && (
            <p className="elicence-reason">{t('detail', { reason })}</p>
          )}
        </div>
      </section>

      {r.number !== null && (
        <section aria-labelledby="elicence-register-heading" className="elicence-register">
          <h3 id="elicence-register-heading">{t('register')}</h3>
          <p
            className={
              register.state === 'current' || register.state === 'unknown'
                ? 'elicence-standing'
                : 'elicence-standing notice notice-warn'
            }
          >
            {register.state === 'current'
              ? t('reg_current', { v: register.version, status: name('status', register.status) })
              : register.state === 'superseded'
                ? t('reg_superseded', {
                    v: register.version,
                    since: formatTimestamp(register.since, lang),
                    status: name('status', register.status),
                  })
                : t(`reg_${register.state}`)}
          </p>
          {(register.state === 'current' || register.state === 'superseded') && (
            <p>
              <Link href={`/verify/${encodeURIComponent(r.number)}`}>
                {t('registerLink', { number: r.number })}
              </Link>
            </p>
          )}
        </section>
      )}

      {(key !== null || r.number !== null) && (
        <section aria-labelledby="elicence-facts-heading">
          <h3 id="elicence-facts-heading">{t('facts')}</h3>
          <dl className="facts verify-facts">
            <dt>{t('signer')}</dt>
            <dd className="elicence-signer">{key?.organisationName ?? t('unknownSigner')}</dd>
            {key !== null && (
              <>
                <dt>{t('kid')}</dt>
                <dd>
                  <code className="elicence-kid">{key.kid}</code> {key.alg}
                </dd>
                <dt>{t('keyValidity')}</dt>
                <dd>{keyValidity}</dd>
              </>
            )}
            {r.number !== null && (
              <>
                <dt>{t('number')}</dt>
                <dd className="verify-number">{r.number}</dd>
              </>
            )}
            {r.version !== null && (
              <>
                <dt>{t('version')}</dt>
                <dd>{t('versionN', { v: r.version })}</dd>
              </>
            )}
            {r.number !== null && (
              <>
                <dt>{t('holder')}</dt>
                <dd>
                  {r.holderName ?? (r.form === 'qr' ? t('holderDigestOnly') : t('notStated'))}
                </dd>
                <dt>{t('expiresOn')}</dt>
                <dd>{r.expiresOn === null ? t('notStated') : formatDate(r.expiresOn, lang)}</dd>
              </>
            )}
            {r.signedAt !== null && (
              <>
                <dt>{t('signedAt')}</dt>
                <dd>{formatTimestamp(r.signedAt, lang)}</dd>
              </>
            )}
          </dl>
        </section>
      )}
    </article>
  );
}
