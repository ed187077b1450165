/**
 * Random spot checks (双随机、一公开, docs/spot-checks.md): an authority draws, from the licences in
 * its register, the holders to inspect and, from its staff, the inspectors of each, reproducibly
 * from a published seed; then records each inspection's result. The values here are what the draw
 * takes and gives; draw.ts is the algorithm.
 */

/** The algorithm's name, in the published record and in the random stream's label. */
export const SPOT_CHECK_ALGORITHM = 'xuke.spot-check.v1';

/** The published record's schema (what `xuke spot-check verify` reads). */
export const SPOT_CHECK_RECORD_SCHEMA = 'xuke.spot-check/v1';

/** Inspectors per check when the authority does not say (两名以上执法人员). */
export const DEFAULT_INSPECTORS_PER_CHECK = 2;

/** Bounds of one draw: far above any register or staff list, and well under 2^32. */
export const MAX_POPULATION = 200_000;
export const MAX_INSPECTORS = 10_000;
export const MAX_CONFLICTS = 200_000;
export const MAX_INSPECTORS_PER_CHECK = 20;

/** One licence the draw may pick: its number, and its holder (for conflicts by credit code). */
export interface PopulationEntry {
  /** the canonical licence number */
  readonly number: string;
  /** the holder's name as the register records it (shown, not used by the draw) */
  readonly holder: string | null;
  /** the holder's 统一社会信用代码, upper case; null when the register has none */
  readonly creditCode: string | null;
}

/** A member of the authority's staff who may inspect; the name is published (一公开). */
export interface Inspector {
  readonly id: string;
  readonly name: string;
}

/** An inspector who must not inspect a licence, or any licence of a holder (回避). */
export type Conflict =
  | { readonly inspector: string; readonly number: string }
  | { readonly inspector: string; readonly creditCode: string };

/** Everything the draw depends on besides the seed. */
export interface DrawInputs {
  /** how many licences to draw: 1 … population size */
  readonly count: number;
  /** inspectors per drawn licence, none in conflict with it */
  readonly inspectorsPerCheck: number;
  readonly population: readonly PopulationEntry[];
  readonly inspectors: readonly Inspector[];
  readonly conflicts: readonly Conflict[];
}

/** One drawn licence and its inspectors (ids), in the order the draw picked them. */
export interface DrawnCheck {
  readonly number: string;
  readonly inspectors: readonly string[];
}

/** What the draw gives: the checks in draw order. */
export interface DrawResult {
  readonly checks: readonly DrawnCheck[];
}

export const SpotCheckStatus = {
  /** drawn, not yet inspected */
  planned: 'planned',
  /** inspected, the outcome recorded */
  done: 'done',
} as const;
export type SpotCheckStatus = (typeof SpotCheckStatus)[keyof typeof SpotCheckStatus];
export const SPOT_CHECK_STATUSES: readonly SpotCheckStatus[] = Object.values(SpotCheckStatus);

export const SpotCheckOutcome = {
  /** 未发现问题 */
  compliant: 'compliant',
  /** 发现问题 */
  issuesFound: 'issues-found',
} as const;
export type SpotCheckOutcome = (typeof SpotCheckOutcome)[keyof typeof SpotCheckOutcome];
export const SPOT_CHECK_OUTCOMES: readonly SpotCheckOutcome[] = Object.values(SpotCheckOutcome);

export function isSpotCheckOutcome(s: string): s is SpotCheckOutcome {
  return (SPOT_CHECK_OUTCOMES as readonly string[]).includes(s);
}

export const OUTCOME_NAMES: Readonly<Record<SpotCheckOutcome, { zh: string; en: string }>> = {
  compliant: { zh: '未发现问题', en: 'compliant' },
  'issues-found': { zh: '发现问题', en: 'issues found' },
};
