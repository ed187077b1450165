/**
 * What changed between two runs of a batch, per customer (or document): verdict, status, validity,
 * whether the licence was found, and which domains are covered. A customer is keyed by its id; a
 * customer listed on several rows, by its id and licence number.
 */
import type { BulkDiff, BulkRow, RowChange } from './types.js';

/** Each row's key within its report. */
export function rowKeys(rows: readonly Pick<BulkRow, 'customer' | 'licence'>[]): string[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.customer, (counts.get(r.customer) ?? 0) + 1);
  return rows.map((r) =>
    (counts.get(r.customer) ?? 0) > 1 ? `${r.customer} ${r.licence ?? ''}`.trim() : r.customer,
  );
}

function uncovered(row: BulkRow): string {
  const missing = row.domains.filter((d) => !d.covered).map((d) => d.domain);
  return missing.length === 0 ? '' : missing.join(' ');
}

function coverageWords(row: BulkRow): string {
  const missing = uncovered(row);
  return missing === '' ? 'all covered' : `not covered: ${missing}`;
}

export function diffBulkRows(
  previous: readonly BulkRow[],
  current: readonly BulkRow[],
  since: BulkDiff['since'],
): BulkDiff {
  const before = new Map<string, BulkRow>();
  rowKeys(previous).forEach((k, i) => {
    const row = previous[i];
    if (row !== undefined) before.set(k, row);
  });
  const seen = new Set<string>();
  const added: BulkDiff['added'][number][] = [];
  const changed: RowChange[] = [];
  let unchanged = 0;
  rowKeys(current).forEach((key, i) => {
    const now = current[i];
    if (now === undefined) return;
    seen.add(key);
    const was = before.get(key);
    if (was === undefined) {
      added.push({ key, status: now.status });
      return;
    }
    const changes: RowChange['changes'][number][] = [];
    const compare = (
      field: RowChange['changes'][number]['field'],
      a: string | null | boolean,
      b: string | null | boolean,
    ) => {
      if (a !== b) changes.push({ field, before: String(a), after: String(b) });
    };
    compare('verdict', was.verdict, now.verdict);
    compare('status', was.status, now.status);
    compare('validity', was.validity, now.validity);
    compare('found', was.found, now.found);
    if (uncovered(was) !== uncovered(now) || was.domains.length !== now.domains.length) {
      changes.push({ field: 'domains', before: coverageWords(was), after: coverageWords(now) });
    }
    if (changes.length === 0) unchanged++;
    else changed.push({ key, customer: now.customer, licence: now.licence, changes });
  });
  const removed = [...before.entries()]
    .filter(([k]) => !seen.has(k))
    .map(([key, row]) => ({ key, status: row.status }));
  return { since, added, removed, changed, unchanged };
}
