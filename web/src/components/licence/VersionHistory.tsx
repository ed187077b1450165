/**
 * A licence's lifecycle events (and, beside them, what the page puts there: its obligation events)
 * and every version of its record, newest first, each version with what changed from the one before
 * it: the field in words (its path in the tooltip, for support), before, after (computed here,
 * record-diff.ts).
 */
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { parseFieldPath } from '../../../../src/core/field-path';
import { formatDate, formatTimestamp } from '../../format';
import { defineMessages, PUNCT, useLang, useT } from '../../i18n';
import { ColumnHeads, StatusBadge } from '../common';
import { fieldLabel } from './field-names';
import { useNames } from './labels';
import { RecordedEvent } from './RecordedEvent';
import { diffRecords, type FieldChange, type Leaf } from './record-diff';
import type { LifecycleEvent, Version } from './types';

const m = defineMessages({
  events: ['生命周期事件', 'Lifecycle events'],
  noEvents: ['还没有记录生命周期事件。', 'No lifecycle event recorded yet.'],
  versions: ['版本', 'Versions'],
  version: ['第 {v} 版', 'Version {v}'],
  recorded: ['记录于 {at}', 'Recorded {at}'],
  document: ['对照原件 {sha}', 'Original {sha}'],
  noDocument: ['无来源文件', 'No source document'],
  madeBy: ['由事件产生：', 'Made by: '],
  first: ['首个版本：记录第一次入库。', 'First version: the record entered the registry.'],
  same: ['记录内容与第 {v} 版相同。', 'The record is the same as in version {v}.'],
  changes: ['与第 {v} 版相比有 {n} 处变化', '{n} changes from version {v}'],
  field: ['字段', 'Field'],
  before: ['之前', 'Before'],
  after: ['之后', 'After'],
  empty: ['（空）', '(empty)'],
  absent: ['（无此项）', '(not there)'],
  emptyList: ['（无）', '(none)'],
});

/** Fields whose values are days, shown as the UI shows dates. */
const DATE_LEAVES: ReadonlySet<string> = new Set([
  'issuedOn',
  'validFrom',
  'expiresOn',
  'stampedOn',
  'date',
]);

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
  const { lang } = useLang();
  const name = useNames();
  const unknown = (key: 'absent' | 'empty' | 'emptyList') => (
    <span className="licence-unknown">{t(key)}</span>
  );
  const show = (path: string, v: Leaf | undefined) => {
    if (v === undefined) return unknown('absent');
    if (v === null || v === '') return unknown('empty');
    if (Array.isArray(v)) {
      return v.length === 0 ? unknown('emptyList') : v.map(String).join(PUNCT[lang].list);
    }
    if (path === 'status') return name('status', String(v));
    const leaf = (parseFieldPath(path) ?? []).at(-1);
    return typeof leaf === 'string' && DATE_LEAVES.has(leaf)
      ? formatDate(String(v), lang)
      : String(v);
  };
  return (
    <div className="table-wrap">
      <table className="licence-diff">
        <ColumnHeads names={[t('field'), t('before'), t('after')]} />
        <tbody>
          {changes.map((c) => (
            <tr key={c.path} className={`licence-diff-${c.kind}`}>
              <th scope="row" title={c.path}>
                {fieldLabel(c.path, lang)}
              </th>
              <td data-label={t('before')}>
                <del>{show(c.path, c.before)}</del>
              </td>
              <td data-label={t('after')}>
                <ins>{show(c.path, c.after)}</ins>
              </td>
            </tr>
          ))}
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
                <a href={`#version-${e.version}`}>{t('version', { v: e.version })}</a>{' '}
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
                  // its pages beside this version's fields: a page of its own (pages/Original.tsx;
                  // this page's script budget has no room for a viewer, docs/web-ui.md)
                  <Link
                    href={`/licences/${encodeURIComponent(v.number)}/original/${v.documentSha256}`}
                    title={v.documentSha256}
                  >
                    {t('document', { sha: v.documentSha256.slice(0, 12) })}
                  </Link>
                )}
              </p>
              {madeBy.length > 0 && (
                <p>
                  {t('madeBy')}
                  {madeBy
                    .map((e) => {
                      const p = PUNCT[lang];
                      return `${name('kind', e.kind)}${p.open}${formatDate(e.on, lang)}${p.close}`;
                    })
                    .join(PUNCT[lang].semi)}
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
