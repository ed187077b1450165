/**
 * The published record of a draw (`xuke.spot-check/v1`, docs/spot-checks.md §4) as zod schemas,
 * and its check: recompute the draw from the record's seed and inputs and compare with its result.
 * The HTTP API answers with this record and `xuke spot-check verify` reads it back.
 */
import { z } from 'zod';
import { isDomainError } from '../errors.js';
import { drawSpotChecks } from './draw.js';
import type { HmacSha256 } from './draw-stream.js';
import {
  MAX_CONFLICTS,
  MAX_INSPECTORS,
  MAX_INSPECTORS_PER_CHECK,
  MAX_POPULATION,
  SPOT_CHECK_ALGORITHM,
  SPOT_CHECK_OUTCOMES,
  SPOT_CHECK_RECORD_SCHEMA,
  SPOT_CHECK_STATUSES,
  type DrawInputs,
  type DrawResult,
} from './types.js';

const Text = z.string().min(1).max(200);

export const PopulationEntrySchema = z.object({
  number: Text,
  holder: z.string().max(500).nullable(),
  creditCode: z.string().max(50).nullable(),
});

export const InspectorSchema = z.object({
  id: Text.describe('the inspector’s staff id'),
  name: Text.describe('the inspector’s name (published: 一公开)'),
});

export const ConflictSchema = z.union([
  z.strictObject({ inspector: Text, number: Text.describe('a licence number') }),
  z.strictObject({
    inspector: Text,
    creditCode: Text.describe('a holder’s 统一社会信用代码: every licence of that holder'),
  }),
]);

export const DrawInputsSchema = z.object({
  count: z.number().int().min(1).max(MAX_POPULATION),
  inspectorsPerCheck: z.number().int().min(1).max(MAX_INSPECTORS_PER_CHECK),
  population: z
    .array(PopulationEntrySchema)
    .max(MAX_POPULATION)
    .readonly()
    .describe('the licences drawn from, by number'),
  inspectors: z.array(InspectorSchema).max(MAX_INSPECTORS).readonly().describe('by id'),
  conflicts: z.array(ConflictSchema).max(MAX_CONFLICTS).readonly(),
});

export const DrawnCheckSchema = z.object({
  number: z.string(),
  inspectors: z.array(z.string()).readonly().describe('inspector ids, in the order drawn'),
});

export const DrawResultSchema = z.object({
  checks: z.array(DrawnCheckSchema).readonly().describe('in the order drawn'),
});

/** One drawn check as published: the draw's pick, with names, and the inspection's result. */
export const PublishedCheckSchema = z.object({
  position: z.number().int().describe('1-based, the order drawn'),
  number: z.string(),
  holder: z.string().nullable(),
  inspectors: z.array(InspectorSchema).readonly(),
  status: z.enum(SPOT_CHECK_STATUSES as [string, ...string[]]),
  outcome: z.enum(SPOT_CHECK_OUTCOMES as [string, ...string[]]).nullable(),
  note: z.string().nullable(),
  finding: z.string().nullable(),
  doneOn: z.string().nullable(),
});

/**
 * The published record. Reading it back (verify) takes any extra field (an authority's own view
 * adds who drew and recorded); what the check needs is the seed, the inputs and the result.
 */
export const SpotCheckRecordSchema = z.object({
  schema: z.literal(SPOT_CHECK_RECORD_SCHEMA),
  algorithm: z.literal(SPOT_CHECK_ALGORITHM),
  id: z.string(),
  authority: z.object({ id: z.string(), name: z.string() }),
  year: z.number().int(),
  drawnOn: z.string(),
  seed: z.string().describe('32 random bytes, hex: the stream’s HMAC-SHA256 key'),
  inputs: DrawInputsSchema,
  result: DrawResultSchema,
  checks: z.array(PublishedCheckSchema).readonly(),
});
export type SpotCheckRecord = z.infer<typeof SpotCheckRecordSchema>;

export type Reproduction =
  | { readonly reproduced: true; readonly checks: number }
  | {
      readonly reproduced: false;
      /** zh-CN: the first difference, or why the draw cannot be recomputed */
      readonly reason: string;
      readonly reasonEn: string;
      /** what the seed and inputs give; null when they give nothing (refused inputs) */
      readonly expected: DrawResult | null;
    };

/**
 * Recompute the draw from `seed` and `inputs` and compare with `recorded`, check by check: the
 * same licences, in the same order, each with the same inspectors in the same order.
 */
export function reproduceDraw(
  record: { readonly seed: string; readonly inputs: DrawInputs; readonly result: DrawResult },
  hmac: HmacSha256,
): Reproduction {
  let expected: DrawResult;
  try {
    expected = drawSpotChecks(record.inputs, record.seed, hmac);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return {
      reproduced: false,
      reason: `无法按公布的种子和输入重新抽取：${e.message}`,
      reasonEn: `The published seed and inputs do not give a draw: ${e.messageEn}`,
      expected: null,
    };
  }
  const recorded = record.result.checks;
  const n = Math.max(expected.checks.length, recorded.length);
  for (let i = 0; i < n; i++) {
    const want = expected.checks[i];
    const got = recorded[i];
    const where = `第 ${i + 1} 项`;
    const whereEn = `Check ${i + 1}`;
    if (want === undefined || got === undefined) {
      return {
        reproduced: false,
        reason: `重新抽取得到 ${expected.checks.length} 项检查，公布的结果有 ${recorded.length} 项`,
        reasonEn: `The recomputed draw has ${expected.checks.length} checks; the published result has ${recorded.length}`,
        expected,
      };
    }
    if (want.number !== got.number) {
      return {
        reproduced: false,
        reason: `${where}：重新抽取得到 ${want.number}，公布的是 ${got.number}`,
        reasonEn: `${whereEn}: the recomputed draw gives ${want.number}; the published result says ${got.number}`,
        expected,
      };
    }
    if (want.inspectors.join('\u0000') !== got.inspectors.join('\u0000')) {
      return {
        reproduced: false,
        reason: `${where}（${want.number}）：重新抽取的检查人员为 ${want.inspectors.join('、')}，公布的是 ${got.inspectors.join('、')}`,
        reasonEn: `${whereEn} (${want.number}): the recomputed inspectors are ${want.inspectors.join(', ')}; the published ones ${got.inspectors.join(', ')}`,
        expected,
      };
    }
  }
  return { reproduced: true, checks: expected.checks.length };
}

/**
 * The whole published record's check: the draw reproduced from its seed and inputs (reproduceDraw),
 * and its list of checks saying the same as its result: each position's licence, its holder as in
 * the inputs, and its inspectors with their names as in the inputs. A reader who looks only at the
 * list is shown what the draw gave, or the record does not verify.
 */
export function verifySpotCheckRecord(record: SpotCheckRecord, hmac: HmacSha256): Reproduction {
  const reproduced = reproduceDraw(record, hmac);
  if (!reproduced.reproduced) return reproduced;
  const names = new Map(record.inputs.inspectors.map((i) => [i.id, i.name]));
  const holders = new Map(record.inputs.population.map((p) => [p.number, p.holder]));
  const listed = record.checks;
  const drawn = record.result.checks;
  const mismatch = (zh: string, en: string): Reproduction => ({
    reproduced: false,
    reason: `抽取结果可以复现，但公布的检查清单与之不符：${zh}`,
    reasonEn: `The draw reproduces, but the published list of checks differs from it: ${en}`,
    expected: { checks: drawn },
  });
  if (listed.length !== drawn.length) {
    return mismatch(
      `清单有 ${listed.length} 项，抽取结果有 ${drawn.length} 项`,
      `the list has ${listed.length} checks, the result ${drawn.length}`,
    );
  }
  for (const [i, check] of listed.entries()) {
    const want = drawn[i];
    const ids = check.inspectors.map((x) => x.id);
    if (
      want === undefined ||
      check.position !== i + 1 ||
      check.number !== want.number ||
      check.holder !== (holders.get(want.number) ?? null) ||
      ids.join('\u0000') !== want.inspectors.join('\u0000') ||
      check.inspectors.some((x) => names.get(x.id) !== x.name)
    ) {
      return mismatch(`第 ${i + 1} 项`, `check ${i + 1}`);
    }
  }
  return reproduced;
}
