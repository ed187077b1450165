/**
 * A bulk check's report (xuke.bulk-check/v1, docs/bulk-check.md) on the bulk checks page: the
 * counts per result and per verdict, filters (verdict, result, domain coverage, a customer or
 * licence fragment) over the rows, the table of rows, and after a re-check what changed since the
 * previous run. A report holds up to 10,000 rows: the table shows the first 200 the filters keep,
 * more on request; the exports hold them all.
 */
import { useId, useMemo, useState } from 'react';
import type { paths } from '../../api/schema';
import { defineMessages, pick, useLang, useT, zhDates, type Lang } from '../../i18n';
import { ColumnHeads } from '../common';
import { glossary, glossaryKey, VERDICTS } from '../trust/glossary';

export type BulkJob =
  paths['/api/v1/bulk-checks/{id}']['get']['responses'][200]['content']['application/json'];
export type Report = NonNullable<BulkJob['report']>;
type Row = Report['rows'][number];

export const STATUSES = ['pass', 'review', 'fail', 'error'] as const;
const SHOWN = 200;

const m = defineMessages({
  counts: ['统计', 'Counts'],
  byStatus: ['按结果', 'By result'],
  byVerdict: ['按核验结论', 'By verdict'],
  status_pass: ['通过', 'Pass'],
  status_review: ['待复核', 'Review'],
  status_fail: ['不通过', 'Fail'],
  status_error: ['无法核验', 'Could not check'],
  noVerdict: ['无结论', 'No verdict'],
  notFound: ['未找到许可证 {n}', 'Licence not found: {n}'],
  uncovered: ['有未覆盖域名 {n}', 'With an uncovered domain: {n}'],
  count: ['{word} {n}', '{word}: {n}'],
  filters: ['筛选', 'Filters'],
  all: ['全部', 'All'],
  status: ['结果', 'Result'],
  domains: ['域名覆盖', 'Domain coverage'],
  someUncovered: ['有域名未覆盖', 'Some domain not covered'],
  allCovered: ['域名全部覆盖', 'Every domain covered'],
  customerFilter: ['客户或许可证编号', 'Customer or licence number'],
  shown: [
    '显示 {shown} 行，共 {total} 行符合筛选（报告共 {all} 行）。',
    'Showing {shown} of the {total} rows the filters keep ({all} in the report).',
  ],
  more: ['再显示 {n} 行', 'Show {n} more'],
  caption: ['核验结果', 'Results'],
  customer: ['客户', 'Customer'],
  licence: ['许可证编号', 'Licence number'],
  found: ['找到许可证', 'Licence found'],
  findings: ['发现', 'Findings'],
  yes: ['是', 'Yes'],
  no: ['否', 'No'],
  covered: ['{domain} 已覆盖', '{domain} covered'],
  notCovered: ['{domain} 未覆盖', '{domain} not covered'],
  none: ['没有符合筛选的行。', 'No row matches the filters.'],
  changes: ['与上次核验相比', 'Since the previous check'],
  since: ['上次核验：{at}', 'Previous check: {at}'],
  added: ['新增客户 {n}', 'Customers added: {n}'],
  removed: ['移除客户 {n}', 'Customers removed: {n}'],
  unchanged: ['未变化 {n}', 'Unchanged: {n}'],
  changedCaption: ['有变化的客户', 'Customers that changed'],
  field: ['项目', 'What'],
  before: ['之前', 'Before'],
  after: ['现在', 'Now'],
  noChange: ['与上次核验相比没有变化。', 'Nothing changed since the previous check.'],
  validity: ['有效期状态', 'Validity'],
  verdict: ['核验结论', 'Verdict'],
  field_verdict: ['核验结论', 'Verdict'],
  field_status: ['结果', 'Result'],
  field_validity: ['有效期状态', 'Validity'],
  field_found: ['找到许可证', 'Licence found'],
  field_domains: ['域名覆盖', 'Domain coverage'],
});

interface Filters {
  readonly verdict: string;
  readonly status: string;
  readonly domains: '' | 'uncovered' | 'covered';
  readonly text: string;
}
const NO_FILTERS: Filters = { verdict: '', status: '', domains: '', text: '' };

/**
 * The rows the filters keep. `verdict` 'none' is the rows without one (status error); 'covered'
 * is the rows with domains, all covered (a row with none is neither).
 */
export function filterRows(rows: readonly Row[], f: Filters): Row[] {
  const text = f.text.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (f.verdict === '' || (r.verdict ?? 'none') === f.verdict) &&
      (f.status === '' || r.status === f.status) &&
      (f.domains === '' ||
        (f.domains === 'uncovered'
          ? r.domains.some((d) => !d.covered)
          : r.domains.length > 0 && r.domains.every((d) => d.covered))) &&
      (text === '' ||
        r.customer.toLowerCase().includes(text) ||
        (r.licence ?? '').toLowerCase().includes(text)),
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A timestamp to the minute in the viewer's zone, as format.ts's formatTimestamp writes it. Not
 * imported from there: format.ts shares a chunk with SWR, and splitting it out for this page
 * would add its glue to every page's script (the budget, docs/web-ui.md).
 */
export function when(iso: string, lang: Lang): string {
  const d = new Date(iso);
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${lang === 'zh' ? zhDates(day) : day} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** a wrapping row (the page has no stylesheet of its own: one less file for the shell to name) */
const ROW = {
  display: 'flex',
  flexWrap: 'wrap',
  gap: '0.4rem 1rem',
  padding: 0,
  listStyle: 'none',
} as const;

const BADGE: Readonly<Record<string, string>> = {
  pass: 'ok',
  review: 'warning',
  fail: 'error',
  error: 'unknown',
};

export function BulkReport({ report }: { report: Report }) {
  const t = useT(m);
  const g = useT(glossary);
  const { lang } = useLang();
  const id = useId();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [limit, setLimit] = useState(SHOWN);
  const rows = useMemo(() => filterRows(report.rows, filters), [report.rows, filters]);
  const byVerdict = useMemo(() => {
    const n: Record<string, number> = {};
    for (const r of report.rows) n[r.verdict ?? 'none'] = (n[r.verdict ?? 'none'] ?? 0) + 1;
    return n;
  }, [report.rows]);
  const verdictWord = (v: string | null) => {
    const key = v === null ? null : glossaryKey('verdict', v);
    return key === null ? (v ?? t('noVerdict')) : g(key);
  };
  /** a status, verdict or validity code in words (the changes' before and after) */
  const word = (field: string, code: string) => {
    if (field === 'status' && (STATUSES as readonly string[]).includes(code))
      return t(`status_${code as Row['status']}`);
    if (field === 'found') return code === 'true' ? t('yes') : code === 'false' ? t('no') : code;
    const key = glossaryKey(field === 'verdict' ? 'verdict' : 'validity', code);
    return field !== 'domains' && key !== null ? g(key) : code;
  };
  const set = (f: keyof Filters) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setFilters((d) => ({ ...d, [f]: value }));
    setLimit(SHOWN);
  };
  const s = report.summary;
  const shown = rows.slice(0, limit);
  return (
    <>
      <section aria-labelledby={`${id}-counts`}>
        <h3 id={`${id}-counts`}>{t('counts')}</h3>
        <ul aria-label={t('byStatus')} style={ROW}>
          {STATUSES.map((st) => (
            <li key={st}>
              <span className={`badge badge-${BADGE[st] ?? 'unknown'}`}>
                {t('count', { word: t(`status_${st}`), n: s[st] })}
              </span>
            </li>
          ))}
          <li>{t('notFound', { n: s.notFound })}</li>
          <li>{t('uncovered', { n: s.uncoveredDomains })}</li>
        </ul>
        <ul aria-label={t('byVerdict')} style={ROW}>
          {[...VERDICTS, 'none' as const].map((v) => (
            <li key={v}>
              {t('count', { word: verdictWord(v === 'none' ? null : v), n: byVerdict[v] ?? 0 })}
            </li>
          ))}
        </ul>
      </section>
      {report.changes !== null && <Changes changes={report.changes} word={word} />}
      <fieldset className="card" style={{ ...ROW, margin: '1rem 0 0.5rem' }}>
        <legend>{t('filters')}</legend>
        <div className="field">
          <label htmlFor={`${id}-v`}>{t('verdict')}</label>
          <select id={`${id}-v`} value={filters.verdict} onChange={set('verdict')}>
            <option value="">{t('all')}</option>
            {[...VERDICTS, 'none' as const].map((v) => (
              <option key={v} value={v}>
                {verdictWord(v === 'none' ? null : v)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-s`}>{t('status')}</label>
          <select id={`${id}-s`} value={filters.status} onChange={set('status')}>
            <option value="">{t('all')}</option>
            {STATUSES.map((st) => (
              <option key={st} value={st}>
                {t(`status_${st}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-d`}>{t('domains')}</label>
          <select id={`${id}-d`} value={filters.domains} onChange={set('domains')}>
            <option value="">{t('all')}</option>
            <option value="uncovered">{t('someUncovered')}</option>
            <option value="covered">{t('allCovered')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-t`}>{t('customerFilter')}</label>
          <input
            id={`${id}-t`}
            type="search"
            value={filters.text}
            maxLength={100}
            onChange={set('text')}
          />
        </div>
      </fieldset>
      <p role="status">
        {t('shown', { shown: shown.length, total: rows.length, all: report.rows.length })}
      </p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('caption')}</caption>
          <ColumnHeads
            names={[
              t('customer'),
              t('licence'),
              t('found'),
              t('verdict'),
              t('validity'),
              t('status'),
              t('domains'),
              t('findings'),
            ]}
          />
          <tbody>
            {shown.map((r) => (
              <tr key={r.source.kind === 'list' ? r.source.row : r.source.entry}>
                <th scope="row">{r.customer}</th>
                <td className="mono">{r.licence ?? '—'}</td>
                <td>{r.found ? t('yes') : t('no')}</td>
                <td
                  title={
                    r.verdictReason === null
                      ? undefined
                      : pick(lang, r.verdictReason, r.verdictReasonEn)
                  }
                >
                  {verdictWord(r.verdict)}
                </td>
                <td>{r.validity === null ? '—' : word('validity', r.validity)}</td>
                <td>
                  <span className={`badge badge-${BADGE[r.status] ?? 'unknown'}`}>
                    {t(`status_${r.status}`)}
                  </span>
                </td>
                <td>
                  {r.domains.map((d) => (
                    <div key={d.domain} className={d.covered ? undefined : 'field-error'}>
                      {d.covered ? '✓ ' : '✗ '}
                      {t(d.covered ? 'covered' : 'notCovered', { domain: d.domain })}
                    </div>
                  ))}
                </td>
                <td>
                  {r.problem !== null && (
                    <p>{pick(lang, r.problem.message, r.problem.messageEn)}</p>
                  )}
                  {r.findings.map((f, i) => (
                    <p key={i} title={f.ruleId}>
                      {pick(lang, f.message, f.messageEn)}
                    </p>
                  ))}
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={8}>{t('none')}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {rows.length > limit && (
        <button
          type="button"
          onClick={() => {
            setLimit((n) => n + SHOWN);
          }}
        >
          {t('more', { n: Math.min(SHOWN, rows.length - limit) })}
        </button>
      )}
    </>
  );
}

/** What a re-check found changed since the run it re-checked. */
function Changes({
  changes,
  word,
}: {
  changes: NonNullable<Report['changes']>;
  word: (field: string, code: string) => string;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const id = useId();
  return (
    <section aria-labelledby={id} className="card">
      <h3 id={id}>{t('changes')}</h3>
      {changes.since.createdAt !== null && (
        <p className="hint">{t('since', { at: when(changes.since.createdAt, lang) })}</p>
      )}
      <p>
        {t('added', { n: changes.added.length })} · {t('removed', { n: changes.removed.length })} ·{' '}
        {t('unchanged', { n: changes.unchanged })}
      </p>
      {changes.changed.length === 0 ? (
        changes.added.length + changes.removed.length === 0 && <p>{t('noChange')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t('changedCaption')}</caption>
            <ColumnHeads
              names={[t('customer'), t('licence'), t('field'), t('before'), t('after')]}
            />
            <tbody>
              {changes.changed.flatMap((c) =>
                c.changes.map((d) => (
                  <tr key={`${c.key} ${d.field}`}>
                    <th scope="row">{c.customer}</th>
                    <td className="mono">{c.licence ?? '—'}</td>
                    <td>{t(`field_${d.field}`)}</td>
                    <td>{word(d.field, d.before)}</td>
                    <td>{word(d.field, d.after)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
