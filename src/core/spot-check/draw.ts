/**
 * The spot-check draw (双随机: random holders, random inspectors), pure and reproducible: the same
 * seed and inputs give the same checks, on any machine, in any language that follows
 * docs/spot-checks.md. Steps:
 *
 *   1. the inputs in canonical order (population by number, inspectors by id, by code points);
 *   2. every input checked before any randomness is read, so whether a draw is possible never
 *      depends on the seed: a licence no K inspectors can staff is refused whatever would be drawn;
 *   3. `count` licences by a partial Fisher–Yates shuffle of the population;
 *   4. for each drawn licence in order, K inspectors by a partial Fisher–Yates shuffle of those not
 *      in conflict with it (by its number or its holder's credit code).
 *
 * Every random index comes from one stream (draw-stream.ts), consumed in that order.
 */
import { DomainError } from '../errors.js';
import { fromHex } from '../transparency/bytes.js';
import { DrawStream, type HmacSha256 } from './draw-stream.js';
import {
  MAX_CONFLICTS,
  MAX_INSPECTORS,
  MAX_INSPECTORS_PER_CHECK,
  MAX_POPULATION,
  type Conflict,
  type DrawInputs,
  type DrawResult,
  type DrawnCheck,
  type Inspector,
  type PopulationEntry,
} from './types.js';

/** A seed as recorded: 32 bytes, 64 lower-case hex digits. */
export const SEED_PATTERN = /^[0-9a-f]{64}$/u;

/**
 * Strings by Unicode code points (= by their UTF-8 bytes; Python's `sorted`), not by UTF-16 code
 * units as JavaScript's default sort: the two differ once a string has a character past U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i) ?? 0;
    const cb = b.codePointAt(j) ?? 0;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  const restA = a.length - i;
  const restB = b.length - j;
  return restA === restB ? 0 : restA < restB ? -1 : 1;
}

function conflictKey(c: Conflict): string {
  return 'number' in c
    ? `${c.inspector}\u0000n\u0000${c.number}`
    : `${c.inspector}\u0000c\u0000${c.creditCode}`;
}

/**
 * The inputs in canonical order: the population by number, the inspectors by id, the conflicts by
 * inspector then number (numbers before credit codes); duplicate conflicts dropped. The draw sorts
 * anyway; a recorded draw keeps this form so that reading it shows the order the draw used.
 */
export function canonicalDrawInputs(inputs: DrawInputs): DrawInputs {
  const seen = new Set<string>();
  const conflicts = inputs.conflicts.filter((c) => {
    const k = conflictKey(c);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return {
    count: inputs.count,
    inspectorsPerCheck: inputs.inspectorsPerCheck,
    population: [...inputs.population].sort((a, b) => compareCodePoints(a.number, b.number)),
    inspectors: [...inputs.inspectors].sort((a, b) => compareCodePoints(a.id, b.id)),
    conflicts: conflicts.sort(
      (a, b) =>
        compareCodePoints(a.inspector, b.inspector) ||
        ('number' in a ? 0 : 1) - ('number' in b ? 0 : 1) ||
        compareCodePoints(
          'number' in a ? a.number : a.creditCode,
          'number' in b ? b.number : b.creditCode,
        ),
    ),
  };
}

function invalid(zh: string, en: string): DomainError {
  return new DomainError('INVALID_INPUT', zh, en);
}

/** Whether `inspector` must not inspect `licence`: by its number, or by its holder's credit code. */
export type ConflictTest = (inspector: string, licence: PopulationEntry) => boolean;

export function conflictTest(conflicts: readonly Conflict[]): ConflictTest {
  const keys = new Set(conflicts.map(conflictKey));
  return (inspector, licence) =>
    keys.has(conflictKey({ inspector, number: licence.number })) ||
    (licence.creditCode !== null &&
      keys.has(conflictKey({ inspector, creditCode: licence.creditCode })));
}

/** The inspectors (in the order given) not in conflict with `licence`. */
function eligible(
  inspectors: readonly Inspector[],
  licence: PopulationEntry,
  inConflict: ConflictTest,
): Inspector[] {
  return inspectors.filter((i) => !inConflict(i.id, licence));
}

/**
 * INVALID_INPUT unless a draw is possible with these inputs whatever the seed: counts in range,
 * numbers and inspector ids unique and non-empty, every conflict naming a listed inspector, and
 * every licence of the population with at least K inspectors not in conflict with it (the error
 * names the first that has too few).
 */
export function checkDrawInputs(inputs: DrawInputs): void {
  const { count, inspectorsPerCheck: k, population, inspectors, conflicts } = inputs;
  if (population.length > MAX_POPULATION) {
    throw invalid(
      `抽查范围超过上限 ${MAX_POPULATION} 个许可证：${population.length}`,
      `The population is over the limit of ${MAX_POPULATION} licences: ${population.length}`,
    );
  }
  if (inspectors.length > MAX_INSPECTORS) {
    throw invalid(
      `检查人员超过上限 ${MAX_INSPECTORS} 名：${inspectors.length}`,
      `Over the limit of ${MAX_INSPECTORS} inspectors: ${inspectors.length}`,
    );
  }
  if (conflicts.length > MAX_CONFLICTS) {
    throw invalid(
      `回避关系超过上限 ${MAX_CONFLICTS} 条：${conflicts.length}`,
      `Over the limit of ${MAX_CONFLICTS} conflicts: ${conflicts.length}`,
    );
  }
  if (population.length === 0) {
    throw invalid(
      '抽查范围为空：登记簿中没有可抽取的许可证',
      'The population is empty: there is no licence to draw from',
    );
  }
  if (!Number.isInteger(count) || count < 1 || count > population.length) {
    throw invalid(
      `抽取数量应为 1–${population.length}（抽查范围内的许可证数）的整数：${count}`,
      `The count must be an integer from 1 to ${population.length} (the population's size): ${count}`,
    );
  }
  if (!Number.isInteger(k) || k < 1 || k > MAX_INSPECTORS_PER_CHECK) {
    throw invalid(
      `每项检查的检查人员数应为 1–${MAX_INSPECTORS_PER_CHECK} 的整数：${k}`,
      `Inspectors per check must be an integer from 1 to ${MAX_INSPECTORS_PER_CHECK}: ${k}`,
    );
  }
  if (inspectors.length < k) {
    throw invalid(
      `检查人员名单只有 ${inspectors.length} 人，少于每项检查所需的 ${k} 人`,
      `The list has ${inspectors.length} inspectors, fewer than the ${k} each check needs`,
    );
  }
  const numbers = new Set<string>();
  for (const p of population) {
    if (p.number.trim() === '')
      throw invalid('抽查范围中有空的许可证编号', 'The population has an empty licence number');
    if (numbers.has(p.number)) {
      throw invalid(
        `抽查范围中许可证 ${p.number} 重复`,
        `Licence ${p.number} is in the population twice`,
      );
    }
    numbers.add(p.number);
  }
  const ids = new Set<string>();
  for (const i of inspectors) {
    if (i.id.trim() === '' || i.name.trim() === '') {
      throw invalid('检查人员须有编号和姓名', 'Every inspector needs an id and a name');
    }
    if (ids.has(i.id)) {
      throw invalid(`检查人员 ${i.id} 重复`, `Inspector ${i.id} is listed twice`);
    }
    ids.add(i.id);
  }
  for (const c of conflicts) {
    if (!ids.has(c.inspector)) {
      throw invalid(
        `回避关系中的检查人员 ${c.inspector} 不在检查人员名单中`,
        `The conflict names inspector ${c.inspector}, who is not in the list of inspectors`,
      );
    }
  }
  const inConflict = conflictTest(conflicts);
  const sorted = [...population].sort((a, b) => compareCodePoints(a.number, b.number));
  const unstaffable = sorted.filter((p) => eligible(inspectors, p, inConflict).length < k);
  const first = unstaffable[0];
  if (first !== undefined) {
    const n = eligible(inspectors, first, inConflict).length;
    const holder = first.holder === null ? '' : `（${first.holder}）`;
    const others = unstaffable.length - 1;
    throw invalid(
      `无法为经营许可证 ${first.number}${holder} 安排 ${k} 名无回避关系的检查人员：只有 ${n} 名` +
        (others > 0 ? `；另有 ${others} 个许可证同样如此` : '') +
        '。请增加检查人员、减少每项检查的人数，或将其移出抽查范围',
      `Licence ${first.number}${first.holder === null ? '' : ` (${first.holder})`} cannot be staffed with ${k} inspectors free of conflict: only ${n} are` +
        (others > 0 ? `; ${others} more licence${others === 1 ? '' : 's'} likewise` : '') +
        '. Add inspectors, lower the inspectors per check, or leave it out of the population',
    );
  }
}

/** INVALID_INPUT unless `seed` is 64 lower-case hex digits. */
export function seedBytes(seed: string): Uint8Array {
  if (!SEED_PATTERN.test(seed)) {
    throw invalid(
      `种子应为 64 位小写十六进制（32 字节）：${seed.slice(0, 80)}`,
      `The seed must be 64 lower-case hex digits (32 bytes): ${seed.slice(0, 80)}`,
    );
  }
  return fromHex(seed);
}

/**
 * The draw: `count` licences of the population and K inspectors for each, none in conflict with
 * it, from the stream of `seed` (docs/spot-checks.md §3). INVALID_INPUT when the seed or the
 * inputs do not allow a draw (checkDrawInputs).
 */
export function drawSpotChecks(inputs: DrawInputs, seed: string, hmac: HmacSha256): DrawResult {
  const key = seedBytes(seed);
  checkDrawInputs(inputs);
  const canonical = canonicalDrawInputs(inputs);
  const stream = new DrawStream(key, hmac);
  const inConflict = conflictTest(canonical.conflicts);

  // §3.3: a partial Fisher–Yates shuffle of the population picks the licences, in order
  const pool = [...canonical.population];
  for (let i = 0; i < canonical.count; i++) {
    swap(pool, i, i + stream.uniform(pool.length - i));
  }
  const drawn = pool.slice(0, canonical.count);

  // §3.4: for each drawn licence in turn, the same over the inspectors free of conflict with it
  const k = canonical.inspectorsPerCheck;
  const checks: DrawnCheck[] = drawn.map((licence) => {
    const candidates = eligible(canonical.inspectors, licence, inConflict);
    for (let t = 0; t < k; t++) {
      swap(candidates, t, t + stream.uniform(candidates.length - t));
    }
    return { number: licence.number, inspectors: candidates.slice(0, k).map((i) => i.id) };
  });
  return { checks };
}

function swap(a: unknown[], i: number, j: number): void {
  if (i === j) return;
  const x = a[i];
  const y = a[j];
  if (x === undefined || y === undefined) throw new RangeError(`swap(${i}, ${j}) of ${a.length}`);
  a[i] = y;
  a[j] = x;
}
