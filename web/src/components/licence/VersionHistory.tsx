/**
 * A licence's lifecycle events (and, beside them, what the page puts there: its obligation events)
 * and every version of its record, newest first, each version with what changed from the one before
 * it: field path, before, after (computed here, record-diff.ts).
 */
import type { ReactNode } from 'react';
import { parseFieldPath } from '../../../../src/core/field-path';
import { formatDate, formatTimestamp } from '../../format';
import { defineMessages, useLang, useT } from '../../i18n';
import { StatusBadge } from '../common';
import { useNames } from './labels';
import { RecordedEvent } from './RecordedEvent';
import { diffRecords, type FieldChange, type Leaf } from './record-diff';
import type { LifecycleEvent, Version } from './types';

const m = defineMessages(
  {
    events: '生命周期事件',
    noEvents: '还没有记录生命周期事件。',
    resultVersion: '第 {v} 版',
    versions: '版本',
    version: '第 {v} 版',
    recorded: '记录于 {at}',
    document: '来源文件 {sha}',
    noDocument: '无来源文件',
    madeBy: '由事件产生：',
    first: '首个版本：记录第一次入库。',
    same: '记录内容与第 {v} 版相同。',
    changes: '与第 {v} 版相比有 {n} 处变化',
    field: '字段',
    before: '之前',
    after: '之后',
    empty: '（空）',
    absent: '（无此项）',
    emptyList: '（无）',
    status: '状态',
    field_status: '状态',
    field_kind: '许可证类型',
    field_number: '编号',
    field_holder: '持证公司',
    field_services: '业务种类',
    field_issuer: '发证机关',
    field_issuedOn: '发证日期',
    field_validFrom: '有效期自',
    field_expiresOn: '有效期至',
    field_websites: '网站',
    field_apps: '应用',
    field_facilities: '机房',
    field_provisions: '特别规定事项',
    field_inspections: '年检记录',
    field_signatures: '签署',
    leaf_name: '名称',
    leaf_legalRepresentative: '法定代表人',
    leaf_creditCode: '统一社会信用代码',
    leaf_address: '注册住所',
    leaf_code: '代码',
    leaf_qualifier: '限定',
    leaf_includes: '含',
    leaf_excludes: '不含',
    leaf_coverage: '覆盖范围',
    leaf_domains: '域名',
    leaf_serverLocation: '服务器放置地',
    leaf_accessProvider: '接入服务提供单位',
    leaf_stores: '应用商店',
    leaf_id: '序号',
    leaf_text: '内容',
    leaf_appliesTo: '适用范围',
    leaf_year: '年度',
    leaf_stampedOn: '盖章日期',
    leaf_role: '身份',
    leaf_date: '日期',
  },
  {
    events: 'Lifecycle events',
    noEvents: 'No lifecycle event recorded yet.',
    resultVersion: 'Version {v}',
    versions: 'Versions',
    version: 'Version {v}',
    recorded: 'Recorded {at}',
    document: 'Source document {sha}',
    noDocument: 'No source document',
    madeBy: 'Made by: ',
    first: 'First version: the record entered the registry.',
    same: 'The record is the same as in version {v}.',
    changes: '{n} changes from version {v}',
    field: 'Field',
    before: 'Before',
    after: 'After',
    empty: '(empty)',
    absent: '(not there)',
    emptyList: '(none)',
    status: 'Status',
    field_status: 'Status',
    field_kind: 'Licence type',
    field_number: 'Number',
    field_holder: 'Holder',
    field_services: 'Services',
    field_issuer: 'Issuer',
    field_issuedOn: 'Issued on',
    field_validFrom: 'Valid from',
    field_expiresOn: 'Expires on',
    field_websites: 'Websites',
    field_apps: 'Apps',
    field_facilities: 'Facilities',
    field_provisions: 'Special provisions',
    field_inspections: 'Annual inspections',
    field_signatures: 'Signatures',
    leaf_name: 'name',
    leaf_legalRepresentative: 'legal representative',
    leaf_creditCode: 'credit code',
    leaf_address: 'address',
    leaf_code: 'code',
    leaf_qualifier: 'qualifier',
    leaf_includes: 'includes',
    leaf_excludes: 'excludes',
    leaf_coverage: 'coverage',
    leaf_domains: 'domains',
    leaf_serverLocation: 'server location',
    leaf_accessProvider: 'access provider',
    leaf_stores: 'stores',
    leaf_id: 'number',
    leaf_text: 'text',
    leaf_appliesTo: 'applies to',
    leaf_year: 'year',
    leaf_stampedOn: 'stamped on',
    leaf_role: 'role',
    leaf_date: 'date',
  },
);

type MessageKey = Extract<keyof typeof m.zh, string>;

function isMessageKey(key: string): key is MessageKey {
  return key in m.zh;
}

/** What changed from one version to the next: the record's fields, and the status. */
export function versionChanges(before: Version, after: Version): FieldChange[] {
  const status: FieldChange[] =
    before.status === after.status
      ? []
      : [{ path: 'status', kind: 'changed', before: before.status, after: after.status }];
  return [...status, ...diffRecords(before.licence, after.licence)];
}

function ChangeTable({ changes }: { changes: readonly FieldChange[] }) {
  const t = useT(m);
  const name = useNames();
  /** `websites[0].domains` → "网站 1 · 域名"; a part without words is left to the path */
  const label = (path: string): string => {
    const parts = parseFieldPath(path) ?? [];
    const index = typeof parts[1] === 'number' ? parts[1] : undefined;
    const leaf = parts[index === undefined ? 1 : 2];
    const words = [`field_${parts[0] ?? ''}`, `leaf_${typeof leaf === 'string' ? leaf : ''}`].map(
      (k) => (isMessageKey(k) ? t(k) : null),
    );
    if (words[0] === null) return '';
    const item = index === undefined ? '' : ` ${index + 1}`;
    return `${words[0]}${item}${words[1] === null ? '' : ` · ${words[1]}`}`;
  };
  const show = (path: string, v: Leaf | undefined) => {
    if (v === undefined) return <span className="licence-unknown">{t('absent')}</span>;
    if (v === null || v === '') return <span className="licence-unknown">{t('empty')}</span>;
    if (Array.isArray(v)) {
      return v.length === 0 ? (
        <span className="licence-unknown">{t('emptyList')}</span>
      ) : (
        v.map(String).join('、')
      );
    }
    return path === 'status' ? name('status', String(v)) : String(v);
  };
  return (
    <div className="table-wrap">
      <table className="licence-diff">
        <thead>
          <tr>
            <th scope="col">{t('field')}</th>
            <th scope="col">{t('before')}</th>
            <th scope="col">{t('after')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => {
            const words = label(c.path);
            return (
              <tr key={c.path} className={`licence-diff-${c.kind}`}>
                <th scope="row">
                  {words !== '' && <span>{words} </span>}
                  <code>{c.path}</code>
                </th>
                <td data-label={t('before')}>
                  <del>{show(c.path, c.before)}</del>
                </td>
                <td data-label={t('after')}>
                  <ins>{show(c.path, c.after)}</ins>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function VersionHistory({
  versions,
  events,
  besideEvents,
}: {
  versions: readonly Version[];
  events: readonly LifecycleEvent[];
  /** shown after the lifecycle events, before the versions */
  besideEvents?: ReactNode;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const name = useNames();
  const ordered = [...versions].sort((a, b) => a.version - b.version);
  const newestFirst = ordered
    .map((v, i) => ({ v, previous: i > 0 ? ordered[i - 1] : undefined }))
    .reverse();
  return (
    <>
      <h3>{t('events')}</h3>
      {events.length === 0 ? (
        <p>{t('noEvents')}</p>
      ) : (
        <ul className="licence-events">
          {[...events].reverse().map((e) => (
            <li key={`${e.version}-${e.recordedAt}`}>
              <RecordedEvent event={e}>
                {' → '}
                <a href={`#version-${e.version}`}>{t('resultVersion', { v: e.version })}</a>{' '}
                <StatusBadge status={e.status} />
              </RecordedEvent>
            </li>
          ))}
        </ul>
      )}

      {besideEvents}

      <h3>{t('versions')}</h3>
      <ol className="licence-versions">
        {newestFirst.map(({ v, previous }, i) => {
          const madeBy = events.filter((e) => e.version === v.version);
          const changes = previous === undefined ? [] : versionChanges(previous, v);
          return (
            <li key={v.version} id={`version-${v.version}`} className="licence-version">
              <h4>{t('version', { v: v.version })}</h4>
              <p className="licence-version-meta">
                {t('recorded', { at: formatTimestamp(v.recordedAt, lang) })} ·{' '}
                <StatusBadge status={v.status} /> ·{' '}
                {v.documentSha256 === null ? (
                  t('noDocument')
                ) : (
                  <span title={v.documentSha256}>
                    {t('document', { sha: v.documentSha256.slice(0, 12) })}
                  </span>
                )}
              </p>
              {madeBy.length > 0 && (
                <p>
                  {t('madeBy')}
                  {madeBy
                    .map((e) => `${name('kind', e.kind)}（${formatDate(e.on, lang)}）`)
                    .join('；')}
                </p>
              )}
              {previous === undefined ? (
                <p>{t('first')}</p>
              ) : changes.length === 0 ? (
                <p>{t('same', { v: previous.version })}</p>
              ) : (
                <details open={i === 0}>
                  <summary>{t('changes', { v: previous.version, n: changes.length })}</summary>
                  <ChangeTable changes={changes} />
                </details>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}
