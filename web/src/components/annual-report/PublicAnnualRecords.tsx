/**
 * What the public verification page shows of the annual-report cycle, when there is any: the
 * holder's entries on the credit lists (current and removed: list, reason, dates, who listed it),
 * and its accepted annual reports with their published items only (art. 35 para. 2): items 1–3
 * less the fields withheld as trade secrets (named as withheld), items 5–6 when the holder chose to
 * publish them, never item 4. Loaded by the verify page only for a licence that has them.
 */
import type { Schemas } from '../../api/client';
import { formatDate } from '../../format';
import { defineMessages, pick, PUNCT, useLang, useT } from '../../i18n';
import { fieldLabel, withheldLabel } from './public-field-labels';
import { listWord, reasonWord } from './words';
import './annual-report.css';

const m = defineMessages(
  {
    listings: '不良名单和失信名单',
    current: '在名单中',
    removed: '已移出',
    reason: '列入事由',
    decidedOn: '处理日期',
    listedOn: '列入日期',
    listedBy: '列入单位',
    removedOn: '移出日期',
    reports: '年报公示',
    reportsNote:
      '只显示依法公示的内容：第一至三项（持证单位作为商业秘密的栏目除外），以及持证单位选择公示的第五、六项。',
    reportTitle: '{year} 年度年报',
    filed: '报送于 {filed}，受理于 {accepted}',
    itemTitle: '第 {no} 项　{title}',
    withheld: '商业秘密，不予公示',
    nothing: '未填写',
  },
  {
    listings: 'Credit lists (不良名单, 失信名单)',
    current: 'Listed',
    removed: 'Taken off',
    reason: 'Reason',
    decidedOn: 'Decided on',
    listedOn: 'Listed on',
    listedBy: 'Listed by',
    removedOn: 'Taken off on',
    reports: 'Published annual reports',
    reportsNote:
      'Only what is published by law: items 1 to 3 (less the fields the holder withholds as trade secrets), and items 5 and 6 when the holder chooses to publish them.',
    reportTitle: 'Annual report {year}',
    filed: 'Filed {filed}, accepted {accepted}',
    itemTitle: 'Item {no}: {title}',
    withheld: 'Trade secret, not published',
    nothing: 'Not filled in',
  },
);

type PublicLicence = Schemas['PublicLicence'];

export default function PublicAnnualRecords({
  reports,
  listings,
  services,
}: {
  reports: PublicLicence['annualReports'];
  listings: PublicLicence['creditListings'];
  services: PublicLicence['services'];
}) {
  const t = useT(m);
  const { lang } = useLang();
  const day = (iso: string | null) => formatDate(iso, lang);
  const serviceOf = (key: string) => {
    const s = services.find((x) => (x.code ?? x.name) === key);
    return s === undefined || s.name === key
      ? key
      : `${s.name}${PUNCT[lang].open}${key}${PUNCT[lang].close}`;
  };
  const value = (v: unknown) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      return (
        <ul className="ar-per-service">
          {Object.entries(v as Record<string, unknown>).map(([k, n]) => (
            <li key={k}>
              {serviceOf(k)}
              {PUNCT[lang].colon}
              {String(n)}
            </li>
          ))}
        </ul>
      );
    }
    return <p className="ar-value">{typeof v === 'string' ? v : String(v)}</p>;
  };
  return (
    <>
      {listings.length > 0 && (
        <section aria-labelledby="verify-listings-heading" className="ar-public-listings">
          <h2 id="verify-listings-heading">{t('listings')}</h2>
          <ul className="verify-list">
            {listings.map((l, i) => (
              <li key={i} className={l.removedOn === null ? 'is-listed' : 'is-removed'}>
                <p className="verify-item-title">
                  {listWord(l.list, lang)}{' '}
                  <span
                    className={`badge ${l.removedOn === null ? 'badge-error' : 'badge-upcoming'}`}
                  >
                    {l.removedOn === null ? t('current') : t('removed')}
                  </span>
                </p>
                <dl className="facts">
                  <dt>{t('reason')}</dt>
                  <dd>
                    {reasonWord(l.reasonKind, lang)}
                    {PUNCT[lang].colon}
                    {pick(lang, l.reason, null)}
                  </dd>
                  <dt>{t('decidedOn')}</dt>
                  <dd>{day(l.decidedOn)}</dd>
                  <dt>{t('listedOn')}</dt>
                  <dd>{day(l.listedOn)}</dd>
                  <dt>{t('listedBy')}</dt>
                  <dd>{l.listedBy}</dd>
                  {l.removedOn !== null && (
                    <>
                      <dt>{t('removedOn')}</dt>
                      <dd>{day(l.removedOn)}</dd>
                    </>
                  )}
                </dl>
              </li>
            ))}
          </ul>
        </section>
      )}
      {reports.length > 0 && (
        <section aria-labelledby="verify-reports-heading" className="ar-public-reports">
          <h2 id="verify-reports-heading">{t('reports')}</h2>
          <p className="hint">{t('reportsNote')}</p>
          {[...reports]
            .sort((a, b) => b.year - a.year)
            .map((r) => (
              <article
                key={r.year}
                className="ar-public-report"
                aria-labelledby={`verify-report-${r.year}`}
              >
                <h3 id={`verify-report-${r.year}`}>{t('reportTitle', { year: r.year })}</h3>
                <p className="hint">
                  {t('filed', { filed: day(r.filedOn), accepted: day(r.acceptedOn) })}
                </p>
                {r.items.map((item) => (
                  <section key={item.no} aria-labelledby={`verify-report-${r.year}-${item.no}`}>
                    <h4 id={`verify-report-${r.year}-${item.no}`}>
                      {t('itemTitle', { no: item.no, title: pick(lang, item.title, item.titleEn) })}
                    </h4>
                    <dl className="facts">
                      {Object.entries(item.fields).map(([key, v]) => (
                        <div key={key} className="ar-public-field">
                          <dt>{fieldLabel(key, lang)}</dt>
                          <dd>{value(v)}</dd>
                        </div>
                      ))}
                      {item.withheld.map((label) => (
                        <div key={label} className="ar-public-field is-withheld">
                          <dt>{withheldLabel(label, lang)}</dt>
                          <dd>{t('withheld')}</dd>
                        </div>
                      ))}
                    </dl>
                    {Object.keys(item.fields).length === 0 && item.withheld.length === 0 && (
                      <p className="hint">{t('nothing')}</p>
                    )}
                  </section>
                ))}
              </article>
            ))}
        </section>
      )}
    </>
  );
}
