import { describe, expect, it } from 'vitest';
import { parseTesseractTsv } from './tesseract-tsv.js';

const HEADER =
  'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const word = (
  page: number,
  block: number,
  par: number,
  line: number,
  left: number,
  width: number,
  conf: number,
  text: string,
) => `5\t${page}\t${block}\t${par}\t${line}\t1\t${left}\t0\t${width}\t40\t${conf}\t${text}`;
/** The row that announces a page (level 1). */
const pageRow = (page: number) => `1\t${page}\t0\t0\t0\t0\t0\t0\t1000\t1000\t-1\t`;
/** TSV output: the header, then the rows. */
const tsvOf = (...rows: string[]) => [HEADER, ...rows].join('\n');

describe('parseTesseractTsv', () => {
  it('joins Chinese words without spaces, keeps real gaps, and weights confidence by characters', () => {
    const tsv = tsvOf(
      pageRow(1),
      word(1, 1, 1, 1, 0, 160, 90, '公司名称'),
      word(1, 1, 1, 1, 162, 40, 60, ':'),
      word(1, 1, 1, 1, 205, 80, 90, '上海'),
      word(1, 1, 1, 2, 0, 80, 80, '网站'),
      word(1, 1, 1, 2, 200, 300, 80, 'www.example.cn'),
      word(1, 2, 1, 1, 0, 80, 70, '附件'),
    );
    const [page] = parseTesseractTsv(tsv);
    expect(page?.text).toBe('公司名称:上海\n网站 www.example.cn\n\n附件');
    // (4·90 + 1·60 + 2·90 + 2·80 + 14·80 + 2·70) / 25 = 80.8
    expect(page?.confidence).toBeCloseTo(0.808, 3);
  });

  it('returns one entry per page of a multi-page image, empty pages included', () => {
    const tsv = tsvOf(
      pageRow(1),
      word(1, 1, 1, 1, 0, 40, 90, '一'),
      pageRow(2),
      pageRow(3),
      word(3, 1, 1, 1, 0, 40, 90, '三'),
    );
    expect(parseTesseractTsv(tsv).map((p) => p.text)).toEqual(['一', '', '三']);
    expect(parseTesseractTsv(tsv)[1]?.confidence).toBe(0);
  });
});

describe('parseTesseractTsv character confidence', () => {
  it('scores each non-blank character of a line with its word, aligned with the cleaned text', () => {
    const tsv = tsvOf(
      pageRow(1),
      word(1, 1, 1, 1, 0, 80, 90, '网 站'),
      word(1, 1, 1, 1, 82, 20, 40, ':'),
      word(1, 1, 1, 1, 300, 200, 5, 'a.cn'),
      word(1, 1, 1, 2, 0, 40, 100, '⼾'),
      word(1, 2, 1, 1, 0, 40, 70, '附件'),
    );
    const [page] = parseTesseractTsv(tsv);
    // the space inside the first word and the one before the domain carry no score; the Kangxi
    // radical folds to one character; the blank line between blocks has no characters
    expect(page?.text).toBe('网站: a.cn\n户\n\n附件');
    expect(page?.characterConfidence).toEqual([
      [0.9, 0.9, 0.4, 0.05, 0.05, 0.05, 0.05],
      [1],
      [],
      [0.7, 0.7],
    ]);
  });
});
