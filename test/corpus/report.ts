/**
 * Write the corpus report: the test's run (fixed seed, 35 documents a family) and the bench's
 * (100 a family), each family with its failing fields and the text around them.
 *
 *   npx tsx test/corpus/report.ts /tmp/corpus-report.md
 */
import { writeFileSync } from 'node:fs';
import { CORPUS_SEED, reportMarkdown, runTextCorpus } from './run-text.js';

const [path = 'corpus-report.md'] = process.argv.slice(2);
const started = new Date().toISOString();
const test = await runTextCorpus(CORPUS_SEED, 35);
const bench = await runTextCorpus(CORPUS_SEED + 1, 100);
writeFileSync(
  path,
  [
    reportMarkdown(
      test,
      `Generated ${started} by \`npx tsx test/corpus/report.ts ${path}\`. Part 1: the test's run (test/parse-corpus.test.ts: seed ${CORPUS_SEED}, 35 documents a family).`,
    ),
    '',
    '---',
    '',
    reportMarkdown(
      bench,
      `Part 2: a larger run (seed ${CORPUS_SEED + 1}, 100 documents a family), to find what the test's sample misses. Reproduce a document with \`npx tsx test/corpus/show.ts <family> <doc> ${CORPUS_SEED + 1}\`.`,
    ),
  ].join('\n'),
);
console.log(`wrote ${path}`);
