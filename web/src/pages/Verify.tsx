/**
 * Public verification (/verify and /verify/{number}): anyone, signed in or not, enters a licence
 * number and sees, in plain words, whether the licence is in force, whose it is, what it covers and
 * until when, and, when there are any, its holder's credit-list entries and the published part of
 * its accepted annual reports. Reads `GET /api/v1/public/licences/{number}` without the
 * session.
 */
import { lazy, Suspense, useState } from 'react';
import { useLocation } from 'wouter';
import { api, ApiError, call, type Schemas } from '../api/client';
import { useData } from '../api/use-data';
import { ErrorNotice, Loading, PageHeader } from '../components/common';
import { isLicenceStatus, type LicenceStatus } from '../components/licence/statuses';
import { officialQueryUrl } from '../components/trust/glossary';
import { useWord } from '../components/trust/TrustViews';
import ElicenceCheck, { useQrFromLocation } from '../components/verify/ElicenceCheck';
import { fetchWithoutSession } from '../components/verify/public-fetch';
import { formatDate, formatTimestamp } from '../format';
import { defineMessages, pick, PUNCT, useLang, useT, type Translate } from '../i18n';
import './verify.css';

const m = defineMessages(
  {
    title: '许可证公开查验',
    intro: '输入增值电信业务经营许可证编号，查看它是否有效、持证单位、业务种类和有效期。无需登录。',
    numberLabel: '经营许可证编号',
    numberHint: '例如 京B2-20180910；全角、半角均可。',
    submit: '查验',
    checking: '正在查验 {number}…',
    headline_valid: '有效',
    'headline_renewal-pending': '有效（续期审批中）',
    headline_expired: '已过期',
    headline_suspended: '已暂停',
    headline_cancelled: '已注销',
    headline_revoked: '已吊销',
    lead_valid: '此许可证在有效期内。',
    'lead_renewal-pending': '此许可证在有效期内，持证单位已申请续期，正在审批。',
    lead_expired: '此许可证的有效期已经届满，不再有效。',
    lead_suspended: '此许可证已被发证机关暂停。',
    lead_cancelled: '此许可证已注销，不再有效。',
    lead_revoked: '此许可证已被发证机关吊销，不再有效。',
    lead_other: '此许可证的状态为“{status}”。',
    statusLabel: '许可证状态',
    facts: '许可证信息',
    number: '许可证编号',
    holder: '持证单位',
    issuer: '发证机关',
    issuedOn: '发证日期',
    validity: '有效期',
    validRange: '{from} 至 {to}',
    validUntil: '至 {to}',
    notStated: '未载明',
    services: '业务种类及覆盖范围',
    noServices: '登记中没有业务种类。',
    code: '业务代码 {code}',
    includes: '含：{items}',
    excludes: '不含：{items}',
    coverage: '覆盖范围：{items}',
    coverageUnknown: '覆盖范围：未载明',
    websites: '网站',
    noWebsites: '登记中没有网站。',
    websiteUnnamed: '（未载明网站名称）',
    domains: '域名：',
    noDomains: '域名：未载明',
    checkedAt: '查验时间：{time}。状态按北京时间当天计算，以发证机关登记为准。',
    print: '打印',
    notFoundTitle: '未找到此许可证',
    notFound:
      '登记簿中没有编号为“{number}”的许可证。请核对编号是否输入正确（注意省份简称、字母和年份）。',
    badNumberTitle: '编号格式不正确',
    rateLimitedTitle: '查询过于频繁',
    rateLimited: '同一网络的查询次数已达上限，请稍候一分钟再试。',
    another: '查验其他编号',
    notInRegisterTitle: '发证机关登记簿中没有此编号',
    notInRegister:
      '本站的发证机关登记簿中没有编号为“{number}”的许可证。这不等于许可证不存在：请在工业和信息化部的官方系统查询。',
    officialQuery: '在电信业务市场综合管理信息系统查询 {number}（新窗口）',
    authority: '登记机关',
    provenance: '来源',
    registerUpdated: '登记最后变更',
    registerVersion: '第 {v} 版',
    link: '本查验的固定链接',
    declaredTitle: '持证单位自行登记',
    declared: '由持证单位自行登记，未经发证机关核实',
  },
  {
    title: 'Verify a licence',
    intro:
      'Enter a value-added telecom business licence number to see whether it is valid, who holds it, what it covers and until when. No sign-in needed.',
    numberLabel: 'Licence number',
    numberHint: 'e.g. 京B2-20180910; full-width or half-width characters both work.',
    submit: 'Verify',
    checking: 'Verifying {number}…',
    headline_valid: 'Valid',
    'headline_renewal-pending': 'Valid (renewal under review)',
    headline_expired: 'Expired',
    headline_suspended: 'Suspended',
    headline_cancelled: 'Cancelled',
    headline_revoked: 'Revoked',
    lead_valid: 'This licence is within its term of validity.',
    'lead_renewal-pending':
      'This licence is within its term; the holder has applied to renew it and the application is under review.',
    lead_expired: 'This licence’s term has ended; it is no longer valid.',
    lead_suspended: 'The issuing authority has suspended this licence.',
    lead_cancelled: 'This licence has been cancelled; it is no longer valid.',
    lead_revoked: 'The issuing authority has revoked this licence; it is no longer valid.',
    lead_other: 'This licence’s status is “{status}”.',
    statusLabel: 'Licence status',
    facts: 'Licence details',
    number: 'Licence number',
    holder: 'Holder',
    issuer: 'Issuing authority',
    issuedOn: 'Issued on',
    validity: 'Valid',
    validRange: '{from} to {to}',
    validUntil: 'until {to}',
    notStated: 'Not stated',
    services: 'Services and coverage',
    noServices: 'No services on record.',
    code: 'code {code}',
    includes: 'Includes: {items}',
    excludes: 'Excludes: {items}',
    coverage: 'Coverage: {items}',
    coverageUnknown: 'Coverage: not stated',
    websites: 'Websites',
    noWebsites: 'No websites on record.',
    websiteUnnamed: '(website name not stated)',
    domains: 'Domains: ',
    noDomains: 'Domains: not stated',
    checkedAt:
      'Checked {time}. The status is as of today in Beijing time; the issuing authority’s register prevails.',
    print: 'Print',
    notFoundTitle: 'No such licence',
    notFound:
      'There is no licence numbered “{number}” in the register. Check the number (the province character, the letters and the year).',
    badNumberTitle: 'The number is not well-formed',
    rateLimitedTitle: 'Too many look-ups',
    rateLimited: 'Look-ups from this network have reached the limit; wait a minute and try again.',
    another: 'Verify another number',
    notInRegisterTitle: 'Not in the issuing authority’s register',
    notInRegister:
      'The issuing authority’s register on this site holds no licence numbered “{number}”. That does not mean it does not exist: look it up in the MIIT’s official system.',
    officialQuery: 'Look up {number} in the MIIT licence system (new window)',
    authority: 'Register of',
    provenance: 'Source',
    registerUpdated: 'Register last changed',
    registerVersion: 'version {v}',
    link: 'Stable link to this verification',
    declaredTitle: 'Recorded by the holder itself',
    declared: 'Recorded by the holder itself; not verified by the issuing authority',
  },
);

type PublicLicence = Schemas['PublicLicence'];

// the annual reports and credit-list entries: loaded only for a licence that has any
const PublicAnnualRecords = lazy(() => import('../components/annual-report/PublicAnnualRecords'));

const STATUS_ICON: Readonly<Record<LicenceStatus, string>> = {
  valid: '✓',
  'renewal-pending': '✓',
  expired: '✕',
  suspended: '!',
  cancelled: '✕',
  revoked: '✕',
};

function lookUp(number: string): Promise<PublicLicence> {
  return call(
    api.GET('/api/v1/public/licences/{number}', {
      params: { path: { number } },
      fetch: fetchWithoutSession,
    }),
  );
}

export default function Verify({ number }: { number: string | null }) {
  const t = useT(m);
  const qr = useQrFromLocation();
  return (
    <div className="verify-page">
      <PageHeader title={t('title')} />
      <p className="verify-intro">{t('intro')}</p>
      <NumberForm key={number ?? ''} initial={number ?? ''} />
      {number !== null && <Result number={number} />}
      <ElicenceCheck qr={qr} />
    </div>
  );
}

function NumberForm({ initial }: { initial: string }) {
  const t = useT(m);
  const [, navigate] = useLocation();
  const [value, setValue] = useState(initial);
  return (
    <form
      className="verify-form"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const n = value.trim();
        if (n !== '') navigate(`/verify/${encodeURIComponent(n)}`);
      }}
    >
      <div className="field">
        <label htmlFor="verify-number">{t('numberLabel')}</label>
        <div className="verify-form-row">
          <input
            id="verify-number"
            name="number"
            type="text"
            required
            autoComplete="off"
            spellCheck={false}
            aria-describedby="verify-number-hint"
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
            }}
          />
          <button type="submit" className="primary">
            {t('submit')}
          </button>
        </div>
        <p id="verify-number-hint" className="hint">
          {t('numberHint')}
        </p>
      </div>
    </form>
  );
}

function Result({ number }: { number: string }) {
  const t = useT(m);
  const { lang } = useLang();
  const { data, error, mutate } = useData(['public-licence', number], () => lookUp(number));
  // one live region that exists before the answer arrives, so the answer is announced; errors are
  // alerts of their own
  const announcement =
    error !== undefined
      ? ''
      : data === undefined
        ? t('checking', { number })
        : `${data.number}${lang === 'zh' ? '：' : ': '}${headline(data.status, t).headline}`;
  return (
    <div className="verify-result">
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {data === undefined && error === undefined && (
        <p className="loading verify-loading" aria-hidden="true">
          {t('checking', { number })}
        </p>
      )}
      {error !== undefined && (
        <Failure
          error={error}
          number={number}
          onRetry={() => {
            void mutate();
          }}
        />
      )}
      {data !== undefined && error === undefined && <LicenceView licence={data} />}
    </div>
  );
}

function Failure({
  error,
  number,
  onRetry,
}: {
  error: ApiError;
  number: string;
  onRetry: () => void;
}) {
  const t = useT(m);
  const { lang } = useLang();
  if (error.status === 404) {
    const official = error.problem?.links?.['officialQuery'] ?? officialQueryUrl(number);
    const inRegister = error.problem?.code === 'NOT_IN_REGISTER';
    return (
      <div className="notice notice-warn verify-missing" role="alert">
        <h2>
          <span aria-hidden="true">? </span>
          {inRegister ? t('notInRegisterTitle') : t('notFoundTitle')}
        </h2>
        <p>{inRegister ? t('notInRegister', { number }) : t('notFound', { number })}</p>
        <p>
          <a href={official} target="_blank" rel="noopener noreferrer">
            {t('officialQuery', { number })}
          </a>
        </p>
      </div>
    );
  }
  if (error.status === 429) {
    return (
      <div className="notice notice-warn" role="alert">
        <h2>{t('rateLimitedTitle')}</h2>
        <p>{t('rateLimited')}</p>
        <button type="button" onClick={onRetry}>
          {t('submit')}
        </button>
      </div>
    );
  }
  if (error.status >= 400 && error.status < 500) {
    // input that cannot succeed: the reason, and no retry
    const p = error.problem;
    return (
      <div className="notice notice-error verify-invalid" role="alert">
        <h2>{t('badNumberTitle')}</h2>
        <p>{pick(lang, p?.detailZh ?? p?.detail ?? '', p?.detail)}</p>
      </div>
    );
  }
  return <ErrorNotice error={error} onRetry={onRetry} />;
}

function headline(status: string, t: Translate<typeof m.zh>): { headline: string; lead: string } {
  if (isLicenceStatus(status)) {
    return { headline: t(`headline_${status}`), lead: t(`lead_${status}`) };
  }
  return { headline: status, lead: t('lead_other', { status }) };
}

function LicenceView({ licence: l }: { licence: PublicLicence }) {
  const t = useT(m);
  const { lang } = useLang();
  const [checkedAt] = useState(() => new Date().toISOString());
  const { headline: head, lead } = headline(l.status, t);
  const word = useWord();
  const inForce = l.status === 'valid' || l.status === 'renewal-pending';
  // a green mark only for the issuing authority's own record of a licence in force
  const good = inForce && l.provenance === 'issued';
  const declared = l.provenance !== 'issued';
  const stable = new URL(l.verificationUrl, window.location.origin).href;
  const date = (iso: string | null) => (iso === null ? t('notStated') : formatDate(iso, lang));
  const validity =
    l.expiresOn === null
      ? t('notStated')
      : l.validFrom === null
        ? t('validUntil', { to: date(l.expiresOn) })
        : t('validRange', { from: date(l.validFrom), to: date(l.expiresOn) });
  const list = (items: readonly string[]) => items.join(PUNCT[lang].list);
  return (
    <article className="verify-licence" aria-labelledby="verify-status-heading">
      {declared && (
        <div className="notice notice-warn verify-declared" role="note">
          <p>
            <strong>{t('declaredTitle')}</strong>
          </p>
          <p>{pick(lang, l.notice ?? t('declared'), l.noticeEn)}</p>
        </div>
      )}
      <section
        className={`verify-status ${good ? 'is-good' : inForce ? 'is-neutral' : 'is-bad'} is-${l.status}`}
      >
        <span
          className={good ? 'verify-status-icon verified-mark' : 'verify-status-icon'}
          aria-hidden="true"
        >
          {good
            ? '✓'
            : inForce
              ? '?'
              : ((STATUS_ICON as Readonly<Record<string, string>>)[l.status] ?? '?')}
        </span>
        <div>
          <p className="verify-status-label">{t('statusLabel')}</p>
          <h2 id="verify-status-heading" className="verify-status-headline">
            {head}
          </h2>
          <p className="verify-status-lead">{lead}</p>
          {l.expiresOn !== null && (
            <p className="verify-status-validity">
              {t('validity')}
              {lang === 'zh' ? '：' : ': '}
              {validity}
            </p>
          )}
        </div>
      </section>

      <section aria-labelledby="verify-facts-heading">
        <h2 id="verify-facts-heading">{t('facts')}</h2>
        <dl className="facts verify-facts">
          <dt>{t('number')}</dt>
          <dd className="verify-number">{l.number}</dd>
          <dt>{t('provenance')}</dt>
          <dd>{word('provenance', l.provenance)}</dd>
          <dt>{t('authority')}</dt>
          <dd className="verify-authority">{l.authority?.name ?? t('notStated')}</dd>
          <dt>{t('registerUpdated')}</dt>
          <dd>
            {formatTimestamp(l.registerUpdatedAt, lang)}
            {PUNCT[lang].open}
            {t('registerVersion', { v: l.registerVersion })}
            {PUNCT[lang].close}
          </dd>
          <dt>{t('link')}</dt>
          <dd>
            <a href={stable} className="verify-link">
              {stable}
            </a>
          </dd>
          <dt>{t('holder')}</dt>
          <dd>{l.holder ?? t('notStated')}</dd>
          <dt>{t('issuer')}</dt>
          <dd>{l.issuer ?? t('notStated')}</dd>
          <dt>{t('issuedOn')}</dt>
          <dd>{date(l.issuedOn)}</dd>
          <dt>{t('validity')}</dt>
          <dd>{validity}</dd>
        </dl>
      </section>

      <section aria-labelledby="verify-services-heading">
        <h2 id="verify-services-heading">{t('services')}</h2>
        {l.services.length === 0 ? (
          <p>{t('noServices')}</p>
        ) : (
          <ul className="verify-list">
            {l.services.map((s, i) => (
              <li key={i}>
                <p className="verify-item-title">
                  {s.name}
                  {s.qualifier !== null && `（${s.qualifier}）`}
                  {s.code !== null && (
                    <span className="verify-code"> {t('code', { code: s.code })}</span>
                  )}
                </p>
                {s.includes.length > 0 && <p>{t('includes', { items: list(s.includes) })}</p>}
                {s.excludes.length > 0 && <p>{t('excludes', { items: list(s.excludes) })}</p>}
                <p>
                  {s.coverage.length > 0
                    ? t('coverage', { items: list(s.coverage) })
                    : t('coverageUnknown')}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="verify-websites-heading">
        <h2 id="verify-websites-heading">{t('websites')}</h2>
        {l.websites.length === 0 ? (
          <p>{t('noWebsites')}</p>
        ) : (
          <ul className="verify-list">
            {l.websites.map((w, i) => (
              <li key={i}>
                <p className="verify-item-title">{w.name ?? t('websiteUnnamed')}</p>
                <p>
                  {w.domains.length > 0 ? (
                    <>
                      {t('domains')}
                      {w.domains.map((d, k) => (
                        <span key={d}>
                          {k > 0 && PUNCT[lang].list}
                          <span className="verify-domain">{d}</span>
                        </span>
                      ))}
                    </>
                  ) : (
                    t('noDomains')
                  )}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {(l.annualReports.length > 0 || l.creditListings.length > 0) && (
        <Suspense fallback={<Loading />}>
          <PublicAnnualRecords
            reports={l.annualReports}
            listings={l.creditListings}
            services={l.services}
          />
        </Suspense>
      )}

      <footer className="verify-footer">
        <p className="hint">{t('checkedAt', { time: formatTimestamp(checkedAt, lang) })}</p>
        <button
          type="button"
          className="verify-print"
          onClick={() => {
            window.print();
          }}
        >
          {t('print')}
        </button>
      </footer>
    </article>
  );
}
