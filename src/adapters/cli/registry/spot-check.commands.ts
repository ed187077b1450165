/**
 * `xuke spot-check draw|result|show|list|verify` (docs/spot-checks.md): an authority's random spot
 * checks. draw, result, show and list run one use case in the registry's frame; verify recomputes a
 * published draw offline from its JSON alone: exit 0 reproduced, 1 differs, 2 unreadable.
 */
import { z } from 'zod';
import { drawSpotCheck, type DrawRequest } from '../../../app/spot-checks/draw-spot-check.js';
import { getSpotCheck, listSpotChecks } from '../../../app/spot-checks/get-spot-check.js';
import { recordSpotCheckResult } from '../../../app/spot-checks/record-spot-check-result.js';
import type { SpotCheckView } from '../../../app/spot-checks/spot-check-view.js';
import {
  parseSpotCheckRecord,
  verifySpotCheckDraw,
} from '../../../app/spot-checks/verify-spot-check-draw.js';
import { DomainError } from '../../../core/errors.js';
import {
  ConflictSchema,
  InspectorSchema,
  type Reproduction,
  type SpotCheckRecord,
} from '../../../core/spot-check/record.js';
import {
  MAX_CONFLICTS,
  MAX_INSPECTORS,
  MAX_POPULATION,
  OUTCOME_NAMES,
  isSpotCheckOutcome,
} from '../../../core/spot-check/types.js';
import type { SpotCheckSummary } from '../../../ports/spot-check-store.js';
import type { CliContext } from '../cli-context.js';
import type { Lang } from '../lang.js';
import { runCommand } from '../run-command.js';
import { date, year as parseYear } from './event.command.js';
import type { OutputOptions } from './query.commands.js';
import { runRegistryCommand } from './run-registry-command.js';

/** The largest JSON file read: a register of 200 000 licences fits. */
const MAX_FILE = 64 * 1024 * 1024;

/** A file's JSON; UNREADABLE_DOCUMENT (exit 2) when it is not. */
async function readJson(path: string, ctx: CliContext): Promise<unknown> {
  const bytes = await ctx.io.readFile(path, MAX_FILE);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch (e) {
    throw new DomainError(
      'UNREADABLE_DOCUMENT',
      `${path}：不是 UTF-8 JSON`,
      `${path}: not UTF-8 JSON`,
      { cause: e },
    );
  }
}

/** A list in its file: the array itself, or the array under `key` (`{ "inspectors": [...] }`). */
async function readList<T extends z.ZodType>(
  path: string,
  key: string,
  item: T,
  max: number,
  ctx: CliContext,
): Promise<z.infer<T>[]> {
  const json = await readJson(path, ctx);
  const list =
    json !== null && typeof json === 'object' && !Array.isArray(json)
      ? (json as Record<string, unknown>)[key]
      : json;
  const parsed = z.array(item).max(max).safeParse(list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new DomainError(
      'INVALID_INPUT',
      `${path}：应为 ${key} 的 JSON 数组（或 {"${key}": [...]}）；第 ${where} 项 ${issue?.message ?? ''}`,
      `${path}: expected a JSON array of ${key} (or {"${key}": [...]}); at ${where}: ${issue?.message ?? ''}`,
    );
  }
  return parsed.data;
}

function positiveInteger(flag: string, value: string): number {
  if (!/^\d{1,7}$/u.test(value) || Number(value) < 1) {
    throw new DomainError(
      'INVALID_INPUT',
      `${flag} 应为正整数：${value}`,
      `${flag} must be a positive integer: ${value}`,
    );
  }
  return Number(value);
}

// ---------------------------------------------------------------------------------------------
// output

function outcomeText(c: SpotCheckRecord['checks'][number], lang: Lang): string {
  const en = lang === 'en';
  if (c.status !== 'done' || c.outcome === null || !isSpotCheckOutcome(c.outcome)) {
    return en ? 'planned' : '待检查';
  }
  const name = OUTCOME_NAMES[c.outcome][lang];
  return en ? `done: ${name} (${c.doneOn ?? '—'})` : `已完成：${name}（${c.doneOn ?? '—'}）`;
}

/** A draw as text: what was drawn from, the seed, each check with its inspectors and progress. */
export function formatSpotCheck(s: SpotCheckRecord, lang: Lang): string {
  const en = lang === 'en';
  const i = s.inputs;
  const lines = [
    en
      ? `Spot check ${s.id}  ${s.authority.name}  year ${s.year}  drawn on ${s.drawnOn}`
      : `抽查 ${s.id}  ${s.authority.name}  ${s.year} 年度  抽取日 ${s.drawnOn}`,
    en ? `seed ${s.seed}` : `种子 ${s.seed}`,
    en
      ? `${i.count} of ${i.population.length} licences, ${i.inspectorsPerCheck} inspectors each from ${i.inspectors.length}; ${i.conflicts.length} conflicts`
      : `从 ${i.population.length} 个许可证中抽取 ${i.count} 个，每项从 ${i.inspectors.length} 名检查人员中抽取 ${i.inspectorsPerCheck} 名；回避关系 ${i.conflicts.length} 条`,
  ];
  for (const c of s.checks) {
    const who = c.inspectors.map((x) => x.name).join(en ? ', ' : '、');
    lines.push(
      `  ${c.position}. ${c.number}  ${c.holder ?? '—'}  ${en ? 'inspectors' : '检查人员'} ${who}  ${outcomeText(c, lang)}`,
    );
    if (c.note !== null) lines.push(`     ${en ? 'note: ' : '说明：'}${c.note}`);
    if (c.finding !== null) lines.push(`     ${en ? 'finding: ' : '发现：'}${c.finding}`);
  }
  lines.push(
    en
      ? `Anyone can recompute it: xuke spot-check verify FILE (the JSON of GET /api/v1/public/spot-checks/${s.id})`
      : `任何人均可复核：xuke spot-check verify FILE（GET /api/v1/public/spot-checks/${s.id} 的 JSON）`,
  );
  return lines.join('\n');
}

function formatList(items: readonly SpotCheckSummary[], lang: Lang): string {
  if (items.length === 0) return lang === 'en' ? 'No spot checks.' : '没有抽查。';
  return items
    .map((d) =>
      lang === 'en'
        ? `${d.id}  year ${d.year}  drawn on ${d.drawnOn}  ${d.done}/${d.checks} done`
        : `${d.id}  ${d.year} 年度  抽取日 ${d.drawnOn}  已完成 ${d.done}/${d.checks}`,
    )
    .join('\n');
}

function printSpotCheck(s: SpotCheckView, o: OutputOptions, ctx: CliContext): void {
  ctx.io.stdout(o.json ? `${JSON.stringify(s, null, 2)}\n` : `${formatSpotCheck(s, o.lang)}\n`);
}

// ---------------------------------------------------------------------------------------------
// xuke spot-check draw | result | show | list

export interface DrawOptions extends OutputOptions {
  readonly year: string;
  readonly count: string;
  readonly inspectors: string;
  readonly conflicts?: string;
  readonly perCheck?: string;
  readonly population?: string;
}

export function runSpotCheckDrawCommand(o: DrawOptions, ctx: CliContext): Promise<number> {
  return runRegistryCommand('spot-check draw', o.lang, o, ctx, async ({ spotChecks, who }) => {
    let request: DrawRequest = {
      year: parseYear(o.year),
      count: positiveInteger('--count', o.count),
      inspectors: await readList(o.inspectors, 'inspectors', InspectorSchema, MAX_INSPECTORS, ctx),
    };
    if (o.perCheck !== undefined) {
      request = { ...request, inspectorsPerCheck: positiveInteger('--per-check', o.perCheck) };
    }
    if (o.conflicts !== undefined) {
      const conflicts = await readList(
        o.conflicts,
        'conflicts',
        ConflictSchema,
        MAX_CONFLICTS,
        ctx,
      );
      request = { ...request, conflicts };
    }
    if (o.population !== undefined) {
      const population = await readList(
        o.population,
        'population',
        z.string().min(1).max(100),
        MAX_POPULATION,
        ctx,
      );
      request = { ...request, population };
    }
    printSpotCheck(await drawSpotCheck(request, who, spotChecks), o, ctx);
    return 0;
  });
}

export interface ResultOptions extends OutputOptions {
  readonly outcome: string;
  readonly note: string;
  readonly finding?: string;
  readonly on?: string;
}

export function runSpotCheckResultCommand(
  id: string,
  number: string,
  o: ResultOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand('spot-check result', o.lang, o, ctx, async ({ spotChecks, who }) => {
    const updated = await recordSpotCheckResult(
      id,
      {
        number,
        outcome: o.outcome,
        note: o.note,
        ...(o.on === undefined ? {} : { on: date('--on', o.on) }),
        ...(o.finding === undefined ? {} : { finding: o.finding }),
      },
      who,
      spotChecks,
    );
    printSpotCheck(updated, o, ctx);
    return 0;
  });
}

export function runSpotCheckShowCommand(
  id: string,
  o: OutputOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand('spot-check show', o.lang, o, ctx, async ({ spotChecks, who }) => {
    printSpotCheck(await getSpotCheck(id, who, spotChecks), o, ctx);
    return 0;
  });
}

export function runSpotCheckListCommand(
  o: OutputOptions & { readonly year?: string },
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand('spot-check list', o.lang, o, ctx, async ({ spotChecks, who }) => {
    const items = await listSpotChecks(
      who,
      o.year === undefined ? {} : { year: parseYear(o.year) },
      spotChecks,
    );
    ctx.io.stdout(
      o.json ? `${JSON.stringify({ items }, null, 2)}\n` : `${formatList(items, o.lang)}\n`,
    );
    return 0;
  });
}

// ---------------------------------------------------------------------------------------------
// xuke spot-check verify

function verificationText(record: SpotCheckRecord, v: Reproduction, lang: Lang): string {
  const en = lang === 'en';
  const what = en
    ? `spot check ${record.id} (${record.authority.name}, year ${record.year}, drawn on ${record.drawnOn})`
    : `抽查 ${record.id}（${record.authority.name}，${record.year} 年度，抽取日 ${record.drawnOn}）`;
  if (v.reproduced) {
    return en
      ? `reproduced: ${what}: the published seed and inputs give the same ${v.checks} checks\n`
      : `已复现：${what}：按公布的种子和输入重新抽取，得到相同的 ${v.checks} 项检查\n`;
  }
  return en ? `DIFFERS: ${what}: ${v.reasonEn}\n` : `不一致：${what}：${v.reason}\n`;
}

/** Recompute a published draw: 0 reproduced, 1 differs, 2 unreadable (not a spot-check record). */
export function runSpotCheckVerifyCommand(
  file: string,
  o: { readonly json: boolean; readonly lang: Lang },
  ctx: CliContext,
): Promise<number> {
  return runCommand(ctx.io, 'spot-check verify', o.lang, async () => {
    const record = parseSpotCheckRecord(await readJson(file, ctx));
    const v = verifySpotCheckDraw(record, ctx.services.drawRandomness);
    ctx.io.stdout(
      o.json
        ? `${JSON.stringify({ id: record.id, ...v }, null, 2)}\n`
        : verificationText(record, v, o.lang),
    );
    return v.reproduced ? 0 : 1;
  });
}
