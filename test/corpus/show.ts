/**
 * Show one corpus document: its text, and every field the parser gets wrong.
 *
 *   npx tsx test/corpus/show.ts <family-id> <index> [seed]
 *
 * Index and seed are those of the report (/tmp/h/corpus-report.md, test/parse-corpus.test.ts).
 */
import { compareRecords, countedFields } from './compare.js';
import { FAMILIES } from './families.js';
import { CORPUS_SEED, corpusDocument, readCorpusDocument } from './run-text.js';

const [id = '', index = '0', seed = String(CORPUS_SEED)] = process.argv.slice(2);
const family = FAMILIES.find((f) => f.id === id);
if (!family) {
  console.error(`unknown family "${id}"; families: ${FAMILIES.map((f) => f.id).join(', ')}`);
  process.exit(2);
}
const { record, rendered } = corpusDocument(family, Number(seed), Number(index));
console.log(rendered.text.replace(/\f/gu, '<FF>\n'));
const result = await readCorpusDocument(rendered, `${id}-${index}.txt`);
const fields = countedFields(
  compareRecords(rendered.expected ?? record, result.licence),
  rendered.counts,
);
const wrong = fields.filter((f) => !f.exact);
console.log(`\n${fields.length - wrong.length}/${fields.length} fields exact`);
for (const f of wrong) console.log(`${f.path}\n  expected: ${f.expected}\n  actual:   ${f.actual}`);
