/**
 * Transport schemas of random spot checks (双随机、一公开, docs/spot-checks.md): the draw's request,
 * a result's request, the authority's view of a draw, the published record and the lists. The
 * published record's shape is the core's (core/spot-check/record.ts): what the API answers is what
 * `xuke spot-check verify` reads back.
 */
import { z } from 'zod';
import { PageNext } from './paging.js';
import {
  ConflictSchema,
  InspectorSchema,
  PublishedCheckSchema,
  SpotCheckRecordSchema,
} from '../../core/spot-check/record.js';
import {
  DEFAULT_INSPECTORS_PER_CHECK,
  MAX_CONFLICTS,
  MAX_INSPECTORS,
  MAX_INSPECTORS_PER_CHECK,
  MAX_POPULATION,
  SPOT_CHECK_OUTCOMES,
} from '../../core/spot-check/types.js';
import { IsoDate, list } from './schema-helpers.js';

const Year = z.number().int().min(1990).max(2100);

export const SpotCheckDrawBodySchema = z.object({
  year: Year.describe('the year the checks concern (the annual-report year, 年度)'),
  count: z.number().int().min(1).max(MAX_POPULATION).describe('how many licences to draw'),
  inspectorsPerCheck: z
    .number()
    .int()
    .min(1)
    .max(MAX_INSPECTORS_PER_CHECK)
    .optional()
    .describe(
      `inspectors per drawn licence, none in conflict with it (default ${DEFAULT_INSPECTORS_PER_CHECK})`,
    ),
  inspectors: z
    .array(InspectorSchema)
    .min(1)
    .max(MAX_INSPECTORS)
    .describe('the staff who may inspect; ids and names are published with the draw'),
  conflicts: z
    .array(ConflictSchema)
    .max(MAX_CONFLICTS)
    .optional()
    .describe(
      '回避: an inspector and a licence number, or an inspector and a holder’s credit code',
    ),
  population: z
    .array(z.string().min(1).max(100))
    .max(MAX_POPULATION)
    .optional()
    .describe(
      'the licence numbers to draw from, each in the caller’s register (e.g. those whose annual report for the year was filed); default: the register’s licences valid on the draw day',
    ),
});

export const SpotCheckResultBodySchema = z.object({
  number: z.string().min(1).max(100).describe('a drawn licence, any written form'),
  outcome: z.enum(SPOT_CHECK_OUTCOMES as [string, ...string[]]),
  note: z.string().min(1).max(2000).describe('what was checked and how (published)'),
  on: IsoDate.optional().describe(
    'the day of the inspection, from the draw day to today (default today)',
  ),
  finding: z.string().max(10_000).optional().describe('the finding’s text (published)'),
});

export const SpotCheckParams = z.object({ id: z.string().min(1).max(100) });

export const SpotCheckQuerySchema = z.object({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
});

export const PublicSpotCheckQuerySchema = SpotCheckQuerySchema.extend({
  authority: z.string().min(1).max(64).describe('the authority organisation’s id'),
});

/** The published record (一公开): everything needed to recompute the draw, no actor. */
export const PublicSpotCheckSchema = SpotCheckRecordSchema.meta({ id: 'PublicSpotCheck' });

/** The authority's own view: the published record, who drew it and who recorded each result. */
export const SpotCheckSchema = SpotCheckRecordSchema.extend({
  createdBy: z.string(),
  createdAt: z.string(),
  checks: list(
    PublishedCheckSchema.extend({
      recordedBy: z.string().nullable(),
      recordedAt: z.string().nullable(),
    }),
  ),
}).meta({ id: 'SpotCheck' });

const SummaryFields = {
  id: z.string(),
  year: z.number().int(),
  drawnOn: z.string(),
  seed: z.string(),
  checks: z.number().int().describe('licences drawn'),
  done: z.number().int().describe('of those, inspected with a recorded result'),
};

export const SpotCheckListSchema = z.object({
  next: PageNext,
  items: list(
    z.object({
      ...SummaryFields,
      authority: z.string(),
      createdBy: z.string(),
      createdAt: z.string(),
    }),
  ),
});

export const PublicSpotCheckListSchema = z.object({
  next: PageNext,
  items: list(
    z.object({
      ...SummaryFields,
      authority: z.object({ id: z.string(), name: z.string() }),
    }),
  ),
});
