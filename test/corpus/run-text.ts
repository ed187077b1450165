/**
 * Run the text corpus: generate records, render each family, read every document through the
 * product's path (bytes → parseDocument with the real text adapter), compare with the expected
 * record and check the parsed licence. Shared by test/parse-corpus.test.ts and bench/corpus.bench.ts.
 */
import { writeFileSync } from 'node:fs';
import { textDocumentSource } from '../../src/adapters/documents/text-document.js';
import { nodeHasher } from '../../src/adapters/node-hasher.js';
import {
  DEFAULT_MAX_DOCUMENT_BYTES,
  parseDocument,
  type ParseDocumentDeps,
} from '../../src/app/documents/parse-document.js';
import { checkInputFromParseResult, checkLicence } from '../../src/core/checks/check-licence.js';
import { emptyLicence, type Licence, type ParseResult } from '../../src/core/licence.js';
import { compareRecords, countedFields, type FieldComparison } from './compare.js';
import { FAMILIES, type Family, type RenderedDocument } from './families.js';
import { CORPUS_TODAY, generateRecord } from './records.js';
import { createRng } from './rng.js';

export const CORPUS_SEED = 20261207;

const DEPS: ParseDocumentDeps = {
  sources: { text: textDocumentSource },
  hasher: nodeHasher,
  maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
};

export interface DocumentOutcome {
  family: string;
  index: number;
  text: string;
  expected: Licence;
  fields: FieldComparison[];
  /** warning- and error-level findings of the check on the parsed licence (false alarms) */
  falseFindings: { rule: string; severity: string; message: string }[];
  /** the parse threw */
  error?: string;
}

export interface FamilyOutcome {
  family: Family;
  documents: DocumentOutcome[];
  fields: number;
  exact: number;
  keyFields: number;
  keyExact: number;
  /** documents with a false warning or error */
  falseAlarms: number;
  failures: number;
}

/** Document `index` of `family` for `seed`: its record and rendering (each document stands alone). */
export function corpusDocument(
  family: Family,
  seed: number,
  index: number,
): { record: Licence; rendered: RenderedDocument } {
  const rng = createRng(((seed ^ hash(family.id)) + Math.imul(index, 0x9e3779b1)) >>> 0);
  const record = generateRecord(rng.fork(1));
  return { record, rendered: family.render(record, rng.fork(2)) };
}

export async function runFamily(
  family: Family,
  seed: number,
  count: number,
): Promise<FamilyOutcome> {
  const documents: DocumentOutcome[] = [];
  for (let i = 0; i < count; i++) {
    const { record, rendered } = corpusDocument(family, seed, i);
    const expected = rendered.expected ?? record;
    const bytes = rendered.bytes ?? new TextEncoder().encode(rendered.text);
    let outcome: DocumentOutcome;
    try {
      const result = await parseDocument(bytes, `${family.id}-${i}.txt`, DEPS);
      const fields = countedFields(compareRecords(expected, result.licence), rendered.counts);
      if (rendered.encoding !== undefined) {
        // the byte families are also about the text reader's encoding detection
        const actual = result.source.encoding ?? '∅';
        fields.push({
          path: 'source.encoding',
          key: false,
          exact: actual === rendered.encoding,
          expected: rendered.encoding,
          actual,
        });
      }
      const report = checkLicence(checkInputFromParseResult(result, CORPUS_TODAY));
      outcome = {
        family: family.id,
        index: i,
        text: rendered.text,
        expected,
        fields,
        falseFindings: report.findings
          .filter((f) => f.severity !== 'info')
          .map((f) => ({ rule: f.ruleId, severity: f.severity, message: f.message })),
      };
    } catch (e) {
      outcome = {
        family: family.id,
        index: i,
        text: rendered.text,
        expected,
        fields: countedFields(compareRecords(expected, emptyLicence()), rendered.counts).map(
          (f) => ({
            ...f,
            exact: false,
          }),
        ),
        falseFindings: [],
        error: e instanceof Error ? e.message : String(e),
      };
    }
    documents.push(outcome);
  }
  const all = documents.flatMap((d) => d.fields);
  const key = all.filter((f) => f.key);
  return {
    family,
    documents,
    fields: all.length,
    exact: all.filter((f) => f.exact).length,
    keyFields: key.length,
    keyExact: key.filter((f) => f.exact).length,
    falseAlarms: documents.filter((d) => d.falseFindings.length > 0).length,
    failures: documents.filter((d) => d.error !== undefined).length,
  };
}

function hash(s: string): number {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619);
  return h >>> 0;
}

/** Read one rendered document through the product's path (bytes → parseDocument, text adapter). */
export function readCorpusDocument(rendered: RenderedDocument, name: string): Promise<ParseResult> {
  const bytes = rendered.bytes ?? new TextEncoder().encode(rendered.text);
  return parseDocument(bytes, name, DEPS);
}

export async function runTextCorpus(seed = CORPUS_SEED, perFamily = 30): Promise<FamilyOutcome[]> {
  const out: FamilyOutcome[] = [];
  for (const family of FAMILIES) out.push(await runFamily(family, seed, perFamily));
  return out;
}

export function pct(n: number, d: number): string {
  return d === 0 ? '—' : `${((100 * n) / d).toFixed(2)}%`;
}

/** One line per family: fields exact, key fields exact, false alarms. */
/** The families' outcomes summed: fields and key fields exact, documents, false alarms. */
export function corpusTotals(outcomes: readonly FamilyOutcome[]) {
  const sum = (f: (o: FamilyOutcome) => number) => outcomes.reduce((a, o) => a + f(o), 0);
  return {
    fields: sum((o) => o.fields),
    exact: sum((o) => o.exact),
    keyFields: sum((o) => o.keyFields),
    keyExact: sum((o) => o.keyExact),
    docs: sum((o) => o.documents.length),
    alarms: sum((o) => o.falseAlarms),
  };
}

export function familyTable(outcomes: readonly FamilyOutcome[]): string {
  const rows = outcomes.map(
    (o) =>
      `${o.family.id.padEnd(26)} ${String(o.documents.length).padStart(4)} docs  fields ${pct(o.exact, o.fields).padStart(8)} (${o.fields - o.exact} wrong)  key ${pct(o.keyExact, o.keyFields).padStart(8)}  false alarms ${o.falseAlarms}${o.failures > 0 ? `  THREW ${o.failures}` : ''}`,
  );
  const { fields, exact, keyFields, keyExact, docs, alarms } = corpusTotals(outcomes);
  rows.push(
    `${'ALL'.padEnd(26)} ${String(docs).padStart(4)} docs  fields ${pct(exact, fields).padStart(8)} (${fields - exact} wrong)  key ${pct(keyExact, keyFields).padStart(8)}  false alarms ${alarms}`,
  );
  return rows.join('\n');
}

/** The text around the first line that mentions any of `needles` (a few lines either side). */
export function snippet(text: string, needles: readonly string[], around = 2): string {
  const lines = text.split(/\r?\n/u);
  const probe = needles.map((n) => n.slice(0, 8)).filter((n) => n.length >= 2 && n !== '∅');
  let at = lines.findIndex((l) => probe.some((p) => l.includes(p)));
  if (at < 0) at = 0;
  return lines
    .slice(Math.max(0, at - around), at + around + 1)
    .map((l) => `    | ${l}`)
    .join('\n');
}

/** What to look for in the text to show a failing field: its values, then its item's other values. */
function needles(d: DocumentOutcome, f: FieldComparison): string[] {
  const item = f.path.replace(/\.[A-Za-z]+$/u, '');
  const siblings = d.fields
    .filter((x) => x.path.startsWith(item) && x !== f)
    .map((x) => x.expected);
  return [f.expected, ...siblings, f.actual]
    .flatMap((v) => v.split('、'))
    .filter((v) => /\p{Script=Han}|\d/u.test(v));
}

/** Up to `max` failing fields of a family, each with its document's text around it. */
export function familyExamples(o: FamilyOutcome, max: number): string[] {
  const out: string[] = [];
  for (const d of o.documents) {
    if (d.error !== undefined) {
      out.push(`  doc ${d.index}: parse threw: ${d.error}`);
      if (out.length >= max) break;
      continue;
    }
    const wrong = d.fields.filter((f) => !f.exact);
    if (wrong.length === 0 && d.falseFindings.length === 0) continue;
    const f = wrong[0];
    if (f) {
      out.push(
        `  doc ${d.index}: ${f.path}${
          wrong.length > 1
            ? ` (+${wrong.length - 1} more: ${wrong
                .slice(1, 4)
                .map((w) => w.path)
                .join(', ')})`
            : ''
        }\n` +
          `    expected: ${f.expected}\n    actual:   ${f.actual}\n${snippet(d.text, needles(d, f))}`,
      );
    } else {
      const ff = d.falseFindings[0];
      out.push(
        `  doc ${d.index}: false ${ff?.severity ?? ''} ${ff?.rule ?? ''}: ${ff?.message ?? ''}`,
      );
    }
    if (out.length >= max) break;
  }
  return out;
}

/** Field paths (indices folded) that fail most in a family. */
export function topPaths(o: FamilyOutcome, max = 5): string {
  const counts = new Map<string, number>();
  for (const d of o.documents) {
    for (const f of d.fields) {
      if (f.exact) continue;
      const p = f.path.replace(/\[\d+\]/gu, '[]');
      counts.set(p, (counts.get(p) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, max)
    .map(([p, n]) => `${p}×${n}`)
    .join(', ');
}

/** The markdown report for the parser helper. */
export function reportMarkdown(outcomes: readonly FamilyOutcome[], header: string): string {
  const parts = [
    `# Layout corpus report (text)`,
    '',
    header,
    '',
    'See one document and all its wrong fields: `npx tsx test/corpus/show.ts <family> <doc>`.',
    'Fields: every scalar of the record, each list item compared item by item (items paired by',
    'content, so one missed item fails only itself); provisions are one field each',
    '(`id|appliesTo|text`). Damage families (`ocr-*`) do not count provisions (their bodies get',
    'dropped/doubled characters). Key fields: number, holder name, legal representative, credit',
    'code, service code and name, issuedOn, validFrom, expiresOn, website domains. False alarms:',
    'documents whose parsed licence gets a warning or error from `checkLicence` on 2026-12-01',
    '(every generated licence is clean and valid on that day).',
    '',
    '```',
    familyTable(outcomes),
    '```',
    '',
  ];
  for (const o of outcomes) {
    parts.push(
      `## ${o.family.id} — ${pct(o.exact, o.fields)} fields, key ${pct(o.keyExact, o.keyFields)}, false alarms ${o.falseAlarms}/${o.documents.length}`,
    );
    parts.push('', o.family.name, '');
    const top = topPaths(o);
    if (top !== '') parts.push(`Most failing paths: ${top}`, '');
    const alarms = new Map<string, number>();
    for (const d of o.documents)
      for (const f of d.falseFindings)
        alarms.set(`${f.severity} ${f.rule}`, (alarms.get(`${f.severity} ${f.rule}`) ?? 0) + 1);
    if (alarms.size > 0)
      parts.push(`False findings: ${[...alarms].map(([k, n]) => `${k}×${n}`).join(', ')}`, '');
    const ex = familyExamples(o, 5);
    if (ex.length > 0) parts.push('```', ...ex, '```', '');
  }
  return parts.join('\n');
}

export function writeReport(
  outcomes: readonly FamilyOutcome[],
  path: string,
  header: string,
): void {
  writeFileSync(path, reportMarkdown(outcomes, header));
}
