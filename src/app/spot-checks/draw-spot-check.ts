/**
 * Use case: an authority draws its spot checks (双随机, docs/spot-checks.md §1): from the licences in
 * its register valid on the draw day (or a population the caller names), `count` holders to
 * inspect, and for each K inspectors from the staff it lists, none in conflict with it; from a
 * fresh 32-byte seed. The seed and every input are recorded (and published) with the result, so
 * anyone can recompute the draw.
 */
import { DomainError } from '../../core/errors.js';
import { effectiveStatus } from '../../core/lifecycle/lifecycle.js';
import { canonicalDrawInputs, drawSpotChecks } from '../../core/spot-check/draw.js';
import {
  DEFAULT_INSPECTORS_PER_CHECK,
  MAX_POPULATION,
  type Conflict,
  type Inspector,
  type PopulationEntry,
} from '../../core/spot-check/types.js';
import type { StoredLicence } from '../../ports/licence-store.js';
import { canonicalLicenceNumber, type Actor } from '../registry/registry-deps.js';
import { requireSpotCheckAuthority, type SpotCheckDeps } from './spot-check-deps.js';
import { spotCheckView, type SpotCheckView } from './spot-check-view.js';

/** A conflict as given: an inspector and either a licence number or a holder's credit code. */
export interface ConflictInput {
  readonly inspector: string;
  readonly number?: string;
  readonly creditCode?: string;
}

export interface DrawRequest {
  /** the year the checks concern (the annual-report year, 年度) */
  readonly year: number;
  /** how many licences to draw */
  readonly count: number;
  /** default 2 */
  readonly inspectorsPerCheck?: number;
  /** the staff who may inspect (ids and names, published) */
  readonly inspectors: readonly Inspector[];
  /** inspector × licence number, or inspector × holder credit code (回避) */
  readonly conflicts?: readonly ConflictInput[];
  /**
   * The licences to draw from, by number, when not the whole register valid on the draw day: e.g.
   * those whose annual report for `year` was filed. Each must be in the authority's register.
   */
  readonly population?: readonly string[];
}

/** The holder's credit code as the conflicts compare it: trimmed, upper case; null when none. */
export function normaliseCreditCode(code: string | null): string | null {
  if (code === null) return null;
  const c = code.trim().toUpperCase();
  return c === '' ? null : c;
}

function entryOf(l: StoredLicence): PopulationEntry {
  return {
    number: l.number,
    holder: l.licence.holder.name,
    creditCode: normaliseCreditCode(l.licence.holder.creditCode),
  };
}

/** Every entry of the authority's register, a page at a time. */
async function registerEntries(authority: string, deps: SpotCheckDeps): Promise<StoredLicence[]> {
  const today = deps.clock.today();
  const entries: StoredLicence[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.findLicences(authority, {
      today,
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    entries.push(...page.items.filter((l) => l.provenance === 'issued'));
    cursor = page.next ?? undefined;
    if (entries.length > MAX_POPULATION) break;
  } while (cursor !== undefined);
  return entries;
}

function checkYear(year: number, today: string): void {
  const max = Number(today.slice(0, 4)) + 1;
  if (!Number.isInteger(year) || year < 1990 || year > max) {
    throw new DomainError(
      'INVALID_INPUT',
      `抽查年度应为 1990–${max} 的整数：${year}`,
      `The spot check's year must be an integer from 1990 to ${max}: ${year}`,
    );
  }
}

function normaliseInspectors(inspectors: readonly Inspector[]): Inspector[] {
  return inspectors.map((i) => ({ id: i.id.trim(), name: i.name.trim() }));
}

function normaliseConflicts(conflicts: readonly ConflictInput[]): Conflict[] {
  return conflicts.map((c, i) => {
    const inspector = c.inspector.trim();
    const hasNumber = c.number !== undefined && c.number.trim() !== '';
    const hasCode = c.creditCode !== undefined && c.creditCode.trim() !== '';
    if (hasNumber === hasCode) {
      throw new DomainError(
        'INVALID_INPUT',
        `conflicts[${i}]：回避关系须写明许可证编号（number）或持证单位的统一社会信用代码（creditCode），二者选一`,
        `conflicts[${i}]: a conflict names either a licence number (number) or a holder's credit code (creditCode), one of them`,
      );
    }
    if (hasNumber) return { inspector, number: canonicalLicenceNumber(c.number ?? '') };
    return { inspector, creditCode: normaliseCreditCode(c.creditCode ?? '') ?? '' };
  });
}

/** The population the caller names: each number once, each in the register. */
function namedPopulation(
  numbers: readonly string[],
  register: readonly StoredLicence[],
): PopulationEntry[] {
  const byNumber = new Map(register.map((l) => [l.number, l]));
  const seen = new Set<string>();
  return numbers.map((raw) => {
    const number = canonicalLicenceNumber(raw);
    if (seen.has(number)) {
      throw new DomainError(
        'INVALID_INPUT',
        `population：许可证 ${number} 重复`,
        `population: licence ${number} is listed twice`,
      );
    }
    seen.add(number);
    const l = byNumber.get(number);
    if (l === undefined) {
      throw new DomainError(
        'INVALID_INPUT',
        `population：经营许可证 ${number} 不在本机关的登记簿中`,
        `population: licence ${number} is not in the authority's register`,
      );
    }
    return entryOf(l);
  });
}

/** Draw, record (audited) and return the draw with its planned checks. */
export async function drawSpotCheck(
  request: DrawRequest,
  who: Actor,
  deps: SpotCheckDeps,
): Promise<SpotCheckView> {
  const authority = await requireSpotCheckAuthority(who, deps);
  const today = deps.clock.today();
  checkYear(request.year, today);
  const inspectors = normaliseInspectors(request.inspectors);
  const conflicts = normaliseConflicts(request.conflicts ?? []);
  const register = await registerEntries(authority.id, deps);
  const population =
    request.population === undefined
      ? register
          .filter((l) => {
            const s = effectiveStatus(l.status, l.licence.expiresOn, today);
            return s === 'valid' || s === 'renewal-pending';
          })
          .map(entryOf)
      : namedPopulation(request.population, register);
  const inputs = canonicalDrawInputs({
    count: request.count,
    inspectorsPerCheck: request.inspectorsPerCheck ?? DEFAULT_INSPECTORS_PER_CHECK,
    population,
    inspectors,
    conflicts,
  });
  const seed = deps.randomness.newSeed();
  const result = drawSpotChecks(inputs, seed, deps.randomness.hmacSha256);
  const stored = await deps.spotChecks.createDraw({
    id: deps.newId(),
    authority: authority.id,
    year: request.year,
    drawnOn: today,
    seed,
    inputs,
    result,
    createdBy: who.actor,
    createdAt: deps.clock.now().toISOString(),
  });
  return spotCheckView(stored, authority);
}
