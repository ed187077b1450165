/**
 * A licence record as the document states it: holder, validity, services with coverage and
 * exclusions, websites, apps, facilities, the special provisions (numbered, collapsible) and the
 * annual inspections. A value the document does not state is shown as such, never left blank
 * or filled in.
 */
import type { ReactNode } from 'react';
import { formatDate } from '../../format';
import { defineMessages, PUNCT, useLang, useT } from '../../i18n';
import { fieldLabel } from './field-names';
import { useNames } from './labels';
import type { LicenceRecord } from './types';

const m = defineMessages(
  {
    notStated: '未载明',
    none: '未载明{what}。',
    services: '业务种类及覆盖范围',
    provisionsShow: '查看全部 {n} 条特别规定事项',
    appliesTo: '适用于{what}',
    passed: '合格',
  },
  {
    notStated: 'Not stated',
    none: 'No {what} stated.',
    services: 'Services and coverage',
    provisionsShow: 'Show all {n} special provisions',
    appliesTo: 'Applies to {what}',
    passed: 'Passed',
  },
);

export function LicenceRecordView({ record }: { record: LicenceRecord }) {
  const t = useT(m);
  const { lang } = useLang();
  const f = (path: string) => fieldLabel(path, lang);
  /** 未载明网站。 / No websites stated. */
  const absent = (list: string) =>
    t('none', { what: lang === 'zh' ? f(list) : f(list).toLowerCase() });
  const name = useNames();
  const none = <span className="licence-unknown">{t('notStated')}</span>;
  const text = (value: string | null): ReactNode => (value === null || value === '' ? none : value);
  const date = (value: string | null): ReactNode =>
    value === null ? none : <time dateTime={value}>{formatDate(value, lang)}</time>;
  const list = (values: readonly string[]): ReactNode =>
    values.length === 0 ? none : values.join(PUNCT[lang].list);

  return (
    <>
      <dl className="facts licence-facts">
        <dt>{f('kind')}</dt>
        <dd>{record.kind === null ? none : name('licence', record.kind)}</dd>
        <dt>{f('holder.name')}</dt>
        <dd>{text(record.holder.name)}</dd>
        <dt>{f('holder.creditCode')}</dt>
        <dd className="mono">{text(record.holder.creditCode)}</dd>
        <dt>{f('holder.legalRepresentative')}</dt>
        <dd>{text(record.holder.legalRepresentative)}</dd>
        <dt>{f('holder.address')}</dt>
        <dd>{text(record.holder.address)}</dd>
        <dt>{f('issuer')}</dt>
        <dd>{text(record.issuer)}</dd>
        <dt>{f('issuedOn')}</dt>
        <dd>{date(record.issuedOn)}</dd>
        {record.validFrom !== null && (
          <>
            <dt>{f('validFrom')}</dt>
            <dd>{date(record.validFrom)}</dd>
          </>
        )}
        <dt>{f('expiresOn')}</dt>
        <dd>{date(record.expiresOn)}</dd>
      </dl>

      <h3>{t('services')}</h3>
      {record.services.length === 0 ? (
        <p className="licence-unknown">{absent('services')}</p>
      ) : (
        <ul className="licence-services">
          {record.services.map((s, i) => (
            <li key={i} className="licence-service">
              <p className="licence-service-name">
                {s.code !== null && <span className="badge badge-info">{s.code}</span>} {s.name}
                {s.qualifier !== null && <span>（{s.qualifier}）</span>}
              </p>
              <dl className="facts">
                {s.includes.length > 0 && (
                  <>
                    <dt>{f('includes')}</dt>
                    <dd>{list(s.includes)}</dd>
                  </>
                )}
                {s.excludes.length > 0 && (
                  <>
                    <dt>{f('excludes')}</dt>
                    <dd>{list(s.excludes)}</dd>
                  </>
                )}
                <dt>{f('coverage')}</dt>
                <dd>{list(s.coverage)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}

      <h3>{f('websites')}</h3>
      {record.websites.length === 0 ? (
        <p className="licence-unknown">{absent('websites')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{f('name')}</th>
                <th scope="col">{f('domains')}</th>
                <th scope="col">{f('serverLocation')}</th>
                <th scope="col">{f('accessProvider')}</th>
              </tr>
            </thead>
            <tbody>
              {record.websites.map((w, i) => (
                <tr key={i}>
                  <td>{text(w.name)}</td>
                  <td className="mono licence-domains">
                    {w.domains.length === 0 ? none : w.domains.join(' ')}
                  </td>
                  <td>{text(w.serverLocation)}</td>
                  <td>{text(w.accessProvider)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>{f('apps')}</h3>
      {record.apps.length === 0 ? (
        <p className="licence-unknown">{absent('apps')}</p>
      ) : (
        <ul>
          {record.apps.map((a, i) => (
            <li key={i}>
              {text(a.name)}
              {a.stores.length > 0 && (
                <span className="hint">
                  {PUNCT[lang].open}
                  {f('stores')}
                  {PUNCT[lang].colon}
                  {a.stores.join(PUNCT[lang].list)}
                  {PUNCT[lang].close}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}

      <h3>{f('facilities')}</h3>
      {record.facilities.length === 0 ? (
        <p className="licence-unknown">{absent('facilities')}</p>
      ) : (
        <ul>
          {record.facilities.map((f, i) => (
            <li key={i}>{f}</li>
          ))}
        </ul>
      )}

      <h3>{f('provisions')}</h3>
      {record.provisions.length === 0 ? (
        <p className="licence-unknown">{absent('provisions')}</p>
      ) : (
        <details className="licence-provisions">
          <summary>{t('provisionsShow', { n: record.provisions.length })}</summary>
          <ol>
            {record.provisions.map((p) => (
              <li key={p.id} className={p.id.includes('.') ? 'licence-provision-sub' : undefined}>
                <span className="licence-provision-id">{p.id}</span>
                <span>
                  {p.appliesTo !== null && (
                    <span className="badge badge-info">
                      {t('appliesTo', { what: p.appliesTo })}
                    </span>
                  )}{' '}
                  {p.text}
                </span>
              </li>
            ))}
          </ol>
        </details>
      )}

      <h3>{f('inspections')}</h3>
      {record.inspections.length === 0 ? (
        <p className="licence-unknown">{absent('inspections')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{f('year')}</th>
                <th scope="col">{f('result')}</th>
                <th scope="col">{f('stampedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {record.inspections.map((x) => (
                <tr key={x.year}>
                  <td>{x.year}</td>
                  <td>{t('passed')}</td>
                  <td>{date(x.stampedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
