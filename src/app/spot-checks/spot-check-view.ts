/**
 * A draw as it is shown: the published record (`xuke.spot-check/v1`, what 一公开 publishes and
 * `xuke spot-check verify` recomputes) and the authority's own view, which adds who drew and who
 * recorded each result. Built field by field: a field added to the stored draw later is never
 * published by default.
 */
import { SPOT_CHECK_ALGORITHM, SPOT_CHECK_RECORD_SCHEMA } from '../../core/spot-check/types.js';
import type { SpotCheckRecord } from '../../core/spot-check/record.js';
import type { Organisation } from '../../ports/organisation-store.js';
import type { SpotCheckSummary, StoredSpotCheck } from '../../ports/spot-check-store.js';

type AuthorityRef = Pick<Organisation, 'id' | 'name'>;

/** The published record: seed, inputs, result and each check's progress; no actor. */
export function publishedSpotCheck(s: StoredSpotCheck, authority: AuthorityRef): SpotCheckRecord {
  const names = new Map(s.inputs.inspectors.map((i) => [i.id, i.name]));
  const holders = new Map(s.inputs.population.map((p) => [p.number, p.holder]));
  const results = new Map(s.results.map((r) => [r.number, r]));
  return {
    schema: SPOT_CHECK_RECORD_SCHEMA,
    algorithm: SPOT_CHECK_ALGORITHM,
    id: s.id,
    authority: { id: authority.id, name: authority.name },
    year: s.year,
    drawnOn: s.drawnOn,
    seed: s.seed,
    inputs: {
      count: s.inputs.count,
      inspectorsPerCheck: s.inputs.inspectorsPerCheck,
      population: s.inputs.population.map((p) => ({
        number: p.number,
        holder: p.holder,
        creditCode: p.creditCode,
      })),
      inspectors: s.inputs.inspectors.map((i) => ({ id: i.id, name: i.name })),
      conflicts: s.inputs.conflicts.map((c) =>
        'number' in c
          ? { inspector: c.inspector, number: c.number }
          : { inspector: c.inspector, creditCode: c.creditCode },
      ),
    },
    result: {
      checks: s.result.checks.map((c) => ({ number: c.number, inspectors: [...c.inspectors] })),
    },
    checks: s.result.checks.map((c, i) => {
      const r = results.get(c.number);
      return {
        position: i + 1,
        number: c.number,
        holder: holders.get(c.number) ?? null,
        inspectors: c.inspectors.map((id) => ({ id, name: names.get(id) ?? '' })),
        status: r?.status ?? 'planned',
        outcome: r?.outcome ?? null,
        note: r?.note ?? null,
        finding: r?.finding ?? null,
        doneOn: r?.doneOn ?? null,
      };
    }),
  };
}

/** The authority's own view: the published record, who drew it and who recorded each result. */
export interface SpotCheckView extends Omit<SpotCheckRecord, 'checks'> {
  readonly createdBy: string;
  readonly createdAt: string;
  readonly checks: readonly (SpotCheckRecord['checks'][number] & {
    readonly recordedBy: string | null;
    readonly recordedAt: string | null;
  })[];
}

export function spotCheckView(s: StoredSpotCheck, authority: AuthorityRef): SpotCheckView {
  const published = publishedSpotCheck(s, authority);
  const results = new Map(s.results.map((r) => [r.number, r]));
  return {
    ...published,
    createdBy: s.createdBy,
    createdAt: s.createdAt,
    checks: published.checks.map((c) => ({
      ...c,
      recordedBy: results.get(c.number)?.recordedBy ?? null,
      recordedAt: results.get(c.number)?.recordedAt ?? null,
    })),
  };
}

/** A draw in a public list: no actor. */
export interface PublicSpotCheckSummary {
  readonly id: string;
  readonly authority: AuthorityRef;
  readonly year: number;
  readonly drawnOn: string;
  readonly seed: string;
  readonly checks: number;
  readonly done: number;
}

export function publicSummary(
  s: SpotCheckSummary,
  authority: AuthorityRef,
): PublicSpotCheckSummary {
  return {
    id: s.id,
    authority: { id: authority.id, name: authority.name },
    year: s.year,
    drawnOn: s.drawnOn,
    seed: s.seed,
    checks: s.checks,
    done: s.done,
  };
}
