/**
 * A licence record as the document states it: holder, validity, services with coverage and
 * exclusions, websites, apps, facilities, the special provisions (numbered, collapsible) and the
 * annual inspections. A value the document does not state is shown as such, never left blank
 * or filled in.
 */
import type { ReactNode } from 'react';
import { formatDate } from '../../format';
import { defineMessages, useLang, useT } from '../../i18n';
import { useNames } from './labels';
import type { LicenceRecord } from './types';

const m = defineMessages(
  {
    kind: '许可证类型',
    holder: '公司名称',
    creditCode: '统一社会信用代码',
    legalRepresentative: '法定代表人',
    address: '注册住所',
    issuer: '发证机关',
    issuedOn: '发证日期',
    validFrom: '有效期自',
    expiresOn: '有效期至',
    notStated: '未载明',
    services: '业务种类及覆盖范围',
    noServices: '文件未载明业务种类。',
    includes: '含',
    excludes: '不含',
    coverage: '覆盖范围',
    websites: '网站',
    noWebsites: '未载明网站。',
    siteName: '网站名称',
    domains: '域名',
    serverLocation: '服务器放置地',
    accessProvider: '接入服务提供单位',
    apps: '应用',
    noApps: '未载明应用。',
    stores: '应用商店',
    facilities: '机房所在地',
    noFacilities: '未载明机房。',
    provisions: '特别规定事项',
    provisionsShow: '查看全部 {n} 条特别规定事项',
    noProvisions: '文件未载明特别规定事项。',
    appliesTo: '适用于{what}',
    inspections: '年检记录',
    noInspections: '没有年检记录。',
    year: '年度',
    result: '结果',
    passed: '合格',
    stampedOn: '盖章日期',
  },
  {
    kind: 'Licence type',
    holder: 'Company',
    creditCode: 'Unified social credit code',
    legalRepresentative: 'Legal representative',
    address: 'Registered address',
    issuer: 'Issuer',
    issuedOn: 'Issued on',
    validFrom: 'Valid from',
    expiresOn: 'Expires on',
    notStated: 'Not stated',
    services: 'Services and coverage',
    noServices: 'The document states no service.',
    includes: 'Includes',
    excludes: 'Excludes',
    coverage: 'Coverage',
    websites: 'Websites',
    noWebsites: 'No website stated.',
    siteName: 'Site name',
    domains: 'Domains',
    serverLocation: 'Server location',
    accessProvider: 'Access provider',
    apps: 'Apps',
    noApps: 'No app stated.',
    stores: 'App stores',
    facilities: 'Facilities (machine rooms)',
    noFacilities: 'No facility stated.',
    provisions: 'Special provisions',
    provisionsShow: 'Show all {n} special provisions',
    noProvisions: 'The document states no special provision.',
    appliesTo: 'Applies to {what}',
    inspections: 'Annual inspections',
    noInspections: 'No annual inspection recorded.',
    year: 'Year',
    result: 'Result',
    passed: 'Passed',
    stampedOn: 'Stamped on',
  },
);

export function LicenceRecordView({ record }: { record: LicenceRecord }) {
  const t = useT(m);
  const { lang } = useLang();
  const name = useNames();
  const none = <span className="licence-unknown">{t('notStated')}</span>;
  const text = (value: string | null): ReactNode => (value === null || value === '' ? none : value);
  const date = (value: string | null): ReactNode =>
    value === null ? none : <time dateTime={value}>{formatDate(value, lang)}</time>;
  const list = (values: readonly string[]): ReactNode =>
    values.length === 0 ? none : values.join('、');

  return (
    <>
      <dl className="facts licence-facts">
        <dt>{t('kind')}</dt>
        <dd>{record.kind === null ? none : name('licence', record.kind)}</dd>
        <dt>{t('holder')}</dt>
        <dd>{text(record.holder.name)}</dd>
        <dt>{t('creditCode')}</dt>
        <dd className="mono">{text(record.holder.creditCode)}</dd>
        <dt>{t('legalRepresentative')}</dt>
        <dd>{text(record.holder.legalRepresentative)}</dd>
        <dt>{t('address')}</dt>
        <dd>{text(record.holder.address)}</dd>
        <dt>{t('issuer')}</dt>
        <dd>{text(record.issuer)}</dd>
        <dt>{t('issuedOn')}</dt>
        <dd>{date(record.issuedOn)}</dd>
        {record.validFrom !== null && (
          <>
            <dt>{t('validFrom')}</dt>
            <dd>{date(record.validFrom)}</dd>
          </>
        )}
        <dt>{t('expiresOn')}</dt>
        <dd>{date(record.expiresOn)}</dd>
      </dl>

      <h3>{t('services')}</h3>
      {record.services.length === 0 ? (
        <p className="licence-unknown">{t('noServices')}</p>
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
                    <dt>{t('includes')}</dt>
                    <dd>{s.includes.join('、')}</dd>
                  </>
                )}
                {s.excludes.length > 0 && (
                  <>
                    <dt>{t('excludes')}</dt>
                    <dd>{s.excludes.join('、')}</dd>
                  </>
                )}
                <dt>{t('coverage')}</dt>
                <dd>{list(s.coverage)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('websites')}</h3>
      {record.websites.length === 0 ? (
        <p className="licence-unknown">{t('noWebsites')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('siteName')}</th>
                <th scope="col">{t('domains')}</th>
                <th scope="col">{t('serverLocation')}</th>
                <th scope="col">{t('accessProvider')}</th>
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

      <h3>{t('apps')}</h3>
      {record.apps.length === 0 ? (
        <p className="licence-unknown">{t('noApps')}</p>
      ) : (
        <ul>
          {record.apps.map((a, i) => (
            <li key={i}>
              {text(a.name)}
              {a.stores.length > 0 && (
                <span className="hint">
                  {' '}
                  （{t('stores')}：{a.stores.join('、')}）
                </span>
              )}
            </li>
          ))}
        </ul>
      )}

      <h3>{t('facilities')}</h3>
      {record.facilities.length === 0 ? (
        <p className="licence-unknown">{t('noFacilities')}</p>
      ) : (
        <ul>
          {record.facilities.map((f, i) => (
            <li key={i}>{f}</li>
          ))}
        </ul>
      )}

      <h3>{t('provisions')}</h3>
      {record.provisions.length === 0 ? (
        <p className="licence-unknown">{t('noProvisions')}</p>
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

      <h3>{t('inspections')}</h3>
      {record.inspections.length === 0 ? (
        <p className="licence-unknown">{t('noInspections')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('year')}</th>
                <th scope="col">{t('result')}</th>
                <th scope="col">{t('stampedOn')}</th>
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
