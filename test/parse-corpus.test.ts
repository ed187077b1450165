/**
 * The layout corpus (issue 17): licence records generated from a fixed seed, rendered into 30 text
 * layout families, read through the product's path (bytes → parseDocument with the real text
 * adapter) and compared field by field with the record each document states. Every family must
 * give at least 99% of its fields exact, and no generated clean licence may draw a warning or an
 * error from the checks.
 *
 * Set CORPUS_REPORT=/path/report.md to write the per-family report with failing examples.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLicence } from '../src/core/checks/check-licence.js';
import { compareRecords } from './corpus/compare.js';
import { FAMILIES } from './corpus/families.js';
import { CORPUS_TODAY, generateRecords } from './corpus/records.js';
import { createRng } from './corpus/rng.js';
import {
  CORPUS_SEED,
  familyExamples,
  familyTable,
  pct,
  runTextCorpus,
  topPaths,
  writeReport,
  type FamilyOutcome,
} from './corpus/run-text.js';

const PER_FAMILY = 35;
const THRESHOLD = 0.99;

let outcomes: FamilyOutcome[] = [];

beforeAll(async () => {
  outcomes = await runTextCorpus(CORPUS_SEED, PER_FAMILY);
  const path = process.env['CORPUS_REPORT'];
  if (path !== undefined && path !== '') {
    writeReport(
      outcomes,
      path,
      `Generated ${new Date().toISOString()} by \`CORPUS_REPORT=${path} npx vitest run test/parse-corpus.test.ts\` (seed ${CORPUS_SEED}, ${PER_FAMILY} documents per family).`,
    );
  }
}, 120_000);

function explain(o: FamilyOutcome): string {
  return [
    familyTable(outcomes),
    '',
    `${o.family.id}: ${o.family.name}`,
    `most failing: ${topPaths(o)}`,
    ...familyExamples(o, 5),
  ].join('\n');
}

describe('the generator', () => {
  it('makes clean licences: valid on the corpus day, no warning or error from the checks', () => {
    const alarms = generateRecords(CORPUS_SEED, 300).flatMap((licence, i) =>
      checkLicence({ licence, today: CORPUS_TODAY })
        .findings.filter((f) => f.severity !== 'info')
        .map((f) => `record ${i} ${licence.number ?? ''}: ${f.ruleId} ${f.message}`),
    );
    expect(alarms).toEqual([]);
  });

  it('states clean licences: the record each document states draws no warning or error either', () => {
    const alarms = outcomes.flatMap((o) =>
      o.documents.flatMap((d) =>
        checkLicence({ licence: d.expected, today: CORPUS_TODAY })
          .findings.filter((f) => f.severity !== 'info')
          .map((f) => `${o.family.id} doc ${d.index}: ${f.ruleId} ${f.message}`),
      ),
    );
    expect(alarms).toEqual([]);
  });

  it('compares field by field: a changed, missed or invented value fails exactly its field', () => {
    const [record] = generateRecords(11, 1);
    if (!record) throw new Error('no record');
    expect(compareRecords(record, record).fields.every((f) => f.exact)).toBe(true);
    const parsed = structuredClone(record);
    parsed.holder.name = `${parsed.holder.name ?? ''}X`;
    const first = parsed.services[0];
    if (!first) throw new Error('a record without services');
    first.coverage = [];
    parsed.provisions.push({ id: '99', text: '页眉', appliesTo: null });
    const wrong = compareRecords(record, parsed).fields.filter((f) => !f.exact);
    expect(wrong.map((f) => f.path)).toEqual([
      'holder.name',
      'services[0].coverage',
      `provisions[${record.provisions.length}]`,
    ]);
    expect(wrong[0]?.key).toBe(true);
  });

  it('is deterministic: the same seed renders the same documents', () => {
    const [a] = generateRecords(7, 1);
    const [b] = generateRecords(7, 1);
    expect(a).toEqual(b);
    for (const family of FAMILIES) {
      if (!a) break;
      const x = family.render(a, createRng(1)).text;
      const y = family.render(a, createRng(1)).text;
      expect(x).toBe(y);
    }
  });

  it('damages every document of a damage family, in the way the family says', () => {
    const signs: Record<string, RegExp> = {
      'ocr-punctuation': /[A-Za-z\p{Script=Han}][:(),]|；[^\n]|[０-９Ｂ]/u,
      'ocr-radicals': /[\u2e80-\u2fdf]/u,
      'ocr-spaces': /\p{Script=Han} \p{Script=Han}|\d \d|\d [A-Z]|[A-Z] \d/u,
      'ocr-drop-double': /[：:]{2}|、、|(?:名称|代表人|代码|住所|地址|范围|日期|域名)[^：:\s]/u,
      'ocr-lookalikes': /\d[OlI]|[OlI]\d|[OIZS]\d|\d[OIZS]|曰|[AB][12]\s*[一—]/u,
    };
    for (const [id, sign] of Object.entries(signs)) {
      const o = outcomes.find((x) => x.family.id === id);
      expect(o, id).toBeDefined();
      const damaged = o?.documents.filter((d) => sign.test(d.text)).length ?? 0;
      expect(damaged, `${id}: ${damaged} of ${o?.documents.length ?? 0} documents damaged`).toBe(
        o?.documents.length,
      );
    }
  });

  it('covers at least 15 families and 600 documents', () => {
    expect(FAMILIES.length).toBeGreaterThanOrEqual(15);
    expect(new Set(FAMILIES.map((f) => f.id)).size).toBe(FAMILIES.length);
    expect(outcomes.reduce((n, o) => n + o.documents.length, 0)).toBeGreaterThanOrEqual(600);
  });
});

describe('the parser on the layout corpus', () => {
  it.each(FAMILIES.map((f) => [f.id]))('reads %s with at least 99% of fields exact', (id) => {
    const o = outcomes.find((x) => x.family.id === id);
    expect(o, id).toBeDefined();
    if (!o) return;
    expect(o.fields).toBeGreaterThan(0);
    const share = o.exact / o.fields;
    expect(share >= THRESHOLD, `${id}: ${pct(o.exact, o.fields)} exact\n${explain(o)}`).toBe(true);
  });

  it('reads at least 99% of all fields exact', () => {
    const fields = outcomes.reduce((n, o) => n + o.fields, 0);
    const exact = outcomes.reduce((n, o) => n + o.exact, 0);
    expect(exact / fields >= THRESHOLD, familyTable(outcomes)).toBe(true);
  });

  it('raises no false warning or error on a generated clean licence', () => {
    const alarms = outcomes.flatMap((o) =>
      o.documents.flatMap((d) =>
        d.falseFindings.map(
          (f) => `${o.family.id} doc ${d.index}: ${f.severity} ${f.rule}: ${f.message}`,
        ),
      ),
    );
    expect(alarms.slice(0, 40), `${alarms.length} false findings`).toEqual([]);
  });
});
