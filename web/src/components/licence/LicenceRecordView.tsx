/**
 * A licence record as the document states it: holder, validity, services with coverage and
 * exclusions, websites, apps, facilities, the special provisions (numbered, collapsible) and the
 * annual inspections. A value the document does not state is shown as such, never left blank
 * or filled in.
 */
import type { ReactNode } from 'react';
import { formatDate } from '../../format';
import { ColumnHeads } from '../common';
import { defineMessages, PUNCT, useLang, useT } from '../../i18n';
import { fieldLabel } from './field-names';
import { useNames } from './labels';
import type { LicenceRecord } from './types';

const m = defineMessages({
  notStated: ['未载明', 'Not stated'],
  none: ['未载明{what}。', 'No {what} stated.'],
  services: ['业务种类及覆盖范围', 'Services and coverage'],
  provisionsShow: ['查看全部 {n} 条特别规定事项', 'Show all {n} special provisions'],
  appliesTo: ['适用于{what}', 'Applies to {what}'],
  passed: ['合格', 'Passed'],
});

export function LicenceRecordView({ record }: { record: LicenceRecord }) {
  const t = useT(m);
  const { lang } = useLang();
  const f = (path: string) => fieldLabel(path, lang);
  const name = useNames();
  const none = <span className="licence-unknown">{t('notStated')}</span>;
  const text = (value: string | null): ReactNode => (value === null || value === '' ? none : value);
  const date = (value: string | null): ReactNode =>
    value === null ? none : <time dateTime={value}>{formatDate(value, lang)}</time>;
  const list = (values: readonly string[]): ReactNode =>
    values.length === 0 ? none : values.join(PUNCT[lang].list);
  /** a fact: the field's name, then its value */
  const fact = (path: string, value: ReactNode, className?: string) => (
    <>
      <dt>{f(path)}</dt>
      <dd className={className}>{value}</dd>
    </>
  );
  /** a list of the record under its heading, or that the document states none (未载明网站。) */
  const part = (
    path: string,
    items: readonly unknown[],
    shown: () => ReactNode,
    heading = f(path),
  ) => (
    <>
      <h3>{heading}</h3>
      {items.length === 0 ? (
        <p className="licence-unknown">
          {t('none', { what: lang === 'zh' ? f(path) : f(path).toLowerCase() })}
        </p>
      ) : (
        shown()
      )}
    </>
  );

  return (
    <>
      <dl className="facts licence-facts">
        {fact('kind', record.kind === null ? none : name('licence', record.kind))}
        {fact('holder.name', text(record.holder.name))}
        {fact('holder.creditCode', text(record.holder.creditCode), 'mono')}
        {fact('holder.legalRepresentative', text(record.holder.legalRepresentative))}
        {fact('holder.address', text(record.holder.address))}
        {fact('issuer', text(record.issuer))}
        {fact('issuedOn', date(record.issuedOn))}
        {record.validFrom !== null && fact('validFrom', date(record.validFrom))}
        {fact('expiresOn', date(record.expiresOn))}
      </dl>

      {part(
        'services',
        record.services,
        () => (
          <ul className="licence-services">
            {record.services.map((s, i) => (
              <li key={i} className="licence-service">
                <p className="licence-service-name">
                  {s.code !== null && <span className="badge badge-info">{s.code}</span>} {s.name}
                  {s.qualifier !== null && <span>（{s.qualifier}）</span>}
                </p>
                <dl className="facts">
                  {s.includes.length > 0 && fact('includes', list(s.includes))}
                  {s.excludes.length > 0 && fact('excludes', list(s.excludes))}
                  {fact('coverage', list(s.coverage))}
                </dl>
              </li>
            ))}
          </ul>
        ),
        t('services'),
      )}

      {part('websites', record.websites, () => (
        <div className="table-wrap">
          <table>
            <ColumnHeads
              names={[f('name'), f('domains'), f('serverLocation'), f('accessProvider')]}
            />
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
      ))}

      {part('apps', record.apps, () => (
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
      ))}

      {part('facilities', record.facilities, () => (
        <ul>
          {record.facilities.map((f, i) => (
            <li key={i}>{f}</li>
          ))}
        </ul>
      ))}

      {part('provisions', record.provisions, () => (
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
      ))}

      {part('inspections', record.inspections, () => (
        <div className="table-wrap">
          <table>
            <ColumnHeads names={[f('year'), f('result'), f('stampedOn')]} />
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
      ))}
    </>
  );
}
