/**
 * Random spot checks as stored (docs/spot-checks.md): an authority's draws, each with its seed,
 * inputs and result, and one row per drawn licence that goes from planned to done with the
 * inspection's outcome. One implementation (adapters/db) serves SQLite and PostgreSQL; every write
 * lands with its entry in the authority's audit chain, in one transaction.
 */
import type { IsoDate } from '../core/licence.js';
import type { HmacSha256 } from '../core/spot-check/draw-stream.js';
import type {
  DrawInputs,
  DrawResult,
  SpotCheckOutcome,
  SpotCheckStatus,
} from '../core/spot-check/types.js';

/** A draw as recorded. */
export interface SpotCheckDraw {
  readonly id: string;
  /** the authority organisation that drew it */
  readonly authority: string;
  /** the year the checks concern (the annual-report year, 年度) */
  readonly year: number;
  /** the day of the draw; the register's validity is judged on it */
  readonly drawnOn: IsoDate;
  /** 32 random bytes, 64 lower-case hex digits */
  readonly seed: string;
  /** in canonical order (canonicalDrawInputs) */
  readonly inputs: DrawInputs;
  readonly result: DrawResult;
  readonly createdBy: string;
  /** ISO instant */
  readonly createdAt: string;
}

/** One drawn licence's inspection. */
export interface SpotCheckResult {
  readonly number: string;
  /** 1-based, the order drawn */
  readonly position: number;
  readonly status: SpotCheckStatus;
  /** null while planned */
  readonly outcome: SpotCheckOutcome | null;
  readonly note: string | null;
  readonly finding: string | null;
  readonly doneOn: IsoDate | null;
  readonly recordedBy: string | null;
  readonly recordedAt: string | null;
}

export interface StoredSpotCheck extends SpotCheckDraw {
  /** one per drawn licence, in the order drawn */
  readonly results: readonly SpotCheckResult[];
}

/** A draw without its inputs: what a list shows. */
export interface SpotCheckSummary {
  readonly id: string;
  readonly authority: string;
  readonly year: number;
  readonly drawnOn: IsoDate;
  readonly seed: string;
  /** how many licences were drawn, and of those how many are done */
  readonly checks: number;
  readonly done: number;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** An inspection's result, as the authority records it. */
export interface SpotCheckResultRecord {
  readonly outcome: SpotCheckOutcome;
  readonly note: string;
  readonly finding: string | null;
  readonly doneOn: IsoDate;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface SpotCheckStore {
  /**
   * Record a draw and one planned row per drawn licence (audited `spot-check.drawn` in the
   * authority's chain). CONFLICT when the id exists.
   */
  createDraw(draw: SpotCheckDraw): Promise<StoredSpotCheck>;
  /**
   * planned → done with the result (audited `spot-check.result`). NOT_FOUND when the draw (of this
   * authority) did not draw the number; CONFLICT when its result is already recorded.
   */
  recordResult(
    authority: string,
    drawId: string,
    number: string,
    result: SpotCheckResultRecord,
  ): Promise<StoredSpotCheck>;
  /** The draw with its results, whichever authority drew it. */
  findDraw(id: string): Promise<StoredSpotCheck | undefined>;
  /** An authority's draws, newest first; of one year when given. */
  listDraws(authority: string, filter?: { readonly year?: number }): Promise<SpotCheckSummary[]>;
}

/** The draw's randomness: a fresh seed, and the stream's HMAC to draw and to verify with. */
export interface DrawRandomness {
  /** 32 bytes from the operating system's CSPRNG, 64 lower-case hex digits */
  newSeed(): string;
  readonly hmacSha256: HmacSha256;
}
