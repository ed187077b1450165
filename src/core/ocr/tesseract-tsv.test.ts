import { describe, expect, it } from 'vitest';
import type { GreyImage } from './page-image.js';
import { lineGaps, parseTesseractTsv, trimCellStart } from './tesseract-tsv.js';

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
) =>
  // lines 60 px apart (1.5 character heights), blocks 200 px: a paragraph break between blocks
  `5\t${page}\t${block}\t${par}\t${line}\t1\t${left}\t${200 * (block - 1) + 60 * (line - 1)}\t${width}\t40\t${conf}\t${text}`;
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
      word(1, 1, 1, 2, 100, 300, 80, 'www.example.cn'),
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

/** A word at `top`, 40 px high, on page 1, line `line` of block 1. */
const at = (line: number, left: number, width: number, text: string, top = 60 * (line - 1)) =>
  `5\t1\t1\t1\t${line}\t1\t${left}\t${top}\t${width}\t40\t95\t${text}`;

/** A white 1000 × 1000 page with ink under each box given. */
function pageWith(boxes: readonly (readonly [number, number, number, number])[]): GreyImage {
  const pixels = new Uint8Array(1000 * 1000).fill(255);
  for (const [x, y, w, h] of boxes) {
    for (let dy = 0; dy < h; dy++) pixels.fill(0, (y + dy) * 1000 + x, (y + dy) * 1000 + x + w);
  }
  return { width: 1000, height: 1000, pixels };
}

describe('parseTesseractTsv columns', () => {
  it('puts a word after a wide gap at its column, two or more blanks on, and says where cells start', () => {
    const tsv = tsvOf(
      pageRow(1),
      at(1, 0, 40, '业'),
      at(1, 40, 40, '务'),
      at(1, 400, 40, '广'),
      at(1, 440, 40, '东'),
      at(2, 400, 80, '浙江'),
    );
    const [page] = parseTesseractTsv(tsv);
    // a character height (40 px) is two columns: 400 px is column 20
    expect(page?.text).toBe(`业务${' '.repeat(16)}广东\n${' '.repeat(20)}浙江`);
    expect(page?.lines[0]?.cells).toEqual([2]);
    expect(page?.lines[1]?.cells).toBeUndefined();
    expect(page?.characterConfidence[0]).toHaveLength(4);
  });

  it('believes a gap only where the page is blank when it has the page', () => {
    const tsv = tsvOf(
      pageRow(1),
      at(1, 0, 40, '信'),
      at(1, 40, 40, '用'),
      // Tesseract's box of 代码 is a sliver far right of its ink, which runs on from 用
      at(1, 200, 5, '代码'),
      at(1, 700, 40, '号'),
    );
    const ink = pageWith([
      [2, 2, 36, 36],
      [42, 2, 36, 36],
      [82, 2, 36, 36],
      [122, 2, 36, 36],
      [702, 2, 36, 36],
    ]);
    const [page] = parseTesseractTsv(tsv, ink);
    expect(page?.text).toBe(`信用代码${' '.repeat(27)}号`);
    expect(page?.lines[0]?.cells).toEqual([3]);
    // without the page, the boxes are all there is
    expect(parseTesseractTsv(tsv)[0]?.text).toBe(`信用${' '.repeat(6)}代码${' '.repeat(21)}号`);
  });

  it('drops a rule read as | and punctuation read in a blank gap, and no cell starts with a comma', () => {
    const tsv = tsvOf(
      pageRow(1),
      at(1, 0, 40, '仅'),
      at(1, 60, 10, '|'),
      at(1, 100, 40, '含'),
      at(1, 300, 10, '。'),
      at(1, 500, 60, '，广东'),
    );
    const ink = pageWith([
      [2, 2, 36, 36],
      [102, 2, 36, 36],
      [502, 2, 56, 36],
    ]);
    const [page] = parseTesseractTsv(tsv, ink);
    // the cells start where their ink does: 含 at 102 px (column 5), 广东 at 502 (column 25)
    expect(page?.text).toBe(`仅   含${' '.repeat(18)}广东`);
    expect(page?.lines[0]?.cells).toEqual([1, 2]);
    expect(page?.characterConfidence[0]).toHaveLength(4);
  });

  it('keeps a label and its value one cell, however far apart', () => {
    const tsv = tsvOf(pageRow(1), at(1, 0, 160, '公司名称：'), at(1, 400, 80, '上海'));
    expect(parseTesseractTsv(tsv)[0]?.text).toBe('公司名称：上海');
  });

  it("joins a row's cells Tesseract took for lines of their own", () => {
    const tsv = tsvOf(
      pageRow(1),
      at(1, 0, 80, '名称'),
      at(1, 200, 80, '域名'),
      // the next cell of the row, 8 px lower, as its own line; then the next row
      at(2, 500, 120, '放置地', 8),
      at(3, 0, 80, '云网', 60),
    );
    const [page] = parseTesseractTsv(tsv);
    expect(page?.text.split('\n')).toEqual([
      `名称${' '.repeat(6)}域名${' '.repeat(11)}放置地`,
      '云网',
    ]);
  });

  it('puts no blank line between two rows of a table, however far apart', () => {
    const tsv = tsvOf(
      pageRow(1),
      at(1, 0, 40, '甲'),
      at(1, 400, 40, '乙'),
      at(2, 0, 40, '丙', 200),
      at(2, 400, 40, '丁', 200),
      at(3, 0, 40, '戊', 400),
    );
    const rows = parseTesseractTsv(tsv)[0]?.text.split('\n');
    expect(rows?.map((r) => r.replace(/ +/gu, ' '))).toEqual(['甲 乙', '丙 丁', '', '戊']);
  });

  it('breaks paragraphs where lines are far apart, not where Tesseract says', () => {
    const tsv = tsvOf(
      pageRow(1),
      at(1, 0, 40, '一'),
      `5\t1\t2\t1\t1\t1\t0\t60\t40\t40\t95\t二`,
      at(3, 0, 40, '三', 300),
    );
    expect(parseTesseractTsv(tsv)[0]?.text).toBe('一\n二\n\n三');
  });
});

describe('lineGaps', () => {
  it('finds the blank stretches of a line at least 0.85 character heights wide, inside its ink', () => {
    const ink = pageWith([
      [0, 100, 30, 30],
      [40, 100, 30, 30],
      [120, 100, 30, 30],
    ]);
    const words: [number, number, number, number][] = [
      [0, 100, 30, 30],
      [40, 100, 30, 30],
      [120, 100, 30, 30],
    ];
    expect(lineGaps(ink, 128, words, 0, 40)).toEqual([[70, 120]]);
    expect(lineGaps(ink, 128, words, 0, 80)).toEqual([]);
  });
});

describe('trimCellStart', () => {
  it('drops the commas, stops and closing marks a cell starts with, and counts them', () => {
    expect(trimCellStart('，、广东')).toEqual({ text: '广东', dropped: 2 });
    expect(trimCellStart('（仅限）')).toEqual({ text: '（仅限）', dropped: 0 });
  });
});
