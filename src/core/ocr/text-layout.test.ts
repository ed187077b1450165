import { describe, expect, it } from 'vitest';
import { cleanExtractedText } from './cjk-text.js';
import { layoutTextRuns, type TextRun } from './text-layout.js';

/** A run at 13 pt whose characters are a full em wide (CJK), unless a width is given. */
const run = (text: string, x: number, y: number, width = text.length * 13): TextRun => ({
  text,
  x,
  y,
  width,
  size: 13,
});

/** The parser's column gap (core/parse/layout.ts): a tab or two or more blanks. */
const CELLS = /\t|[ \u00a0\u3000]{2,}/u;

describe('layoutTextRuns', () => {
  it('orders runs top to bottom and left to right, whatever order they were drawn in', () => {
    const runs = [
      run('网络科技', 89, 681.25),
      run('公司名称：', 63, 700),
      run('上海青禾', 63, 681.25),
      run('编号', 128, 700),
    ];
    expect(layoutTextRuns(runs)).toBe('公司名称：编号\n上海青禾网络科技');
  });

  it('joins touching CJK runs with nothing and puts a blank line at a paragraph break', () => {
    const runs = [
      run('信息服务', 63, 700),
      run('业务', 115.5, 700.4),
      run('附件1', 63, 681.25),
      run('正文', 63, 643.75),
    ];
    expect(layoutTextRuns(runs)).toBe('信息服务业务\n附件1\n\n正文');
  });

  it('puts one space at a word gap between Latin runs', () => {
    // 0.3 em between the runs: an ordinary word space
    const runs = [run('www.a.cn,', 63, 700, 50), run('www.b.cn', 63 + 50 + 4, 700, 48)];
    expect(layoutTextRuns(runs)).toBe('www.a.cn, www.b.cn');
  });

  it('separates table cells and a right-hand column by spaces that survive cleaning', () => {
    // a services table's header and a row; the cells are 1 em and more apart
    const runs = [
      run('序号', 63, 700),
      run('业务种类', 63 + 26 + 13, 700),
      run('覆盖范围', 300, 700),
      run('1', 63, 681.25, 7),
      run('信息服务业务（不含互联网信息服务）', 63 + 26 + 13, 681.25),
      run('全国', 300 + 13 * 20, 681.25),
    ];
    const text = cleanExtractedText(layoutTextRuns(runs));
    const [header = '', row = ''] = text.split('\n');
    expect(header.split(CELLS)).toEqual(['序号', '业务种类', '覆盖范围']);
    expect(row.split(CELLS)).toEqual(['1', '信息服务业务（不含互联网信息服务）', '全国']);
  });

  it('prints each run at its column on the page, half an em a column, as the cells line up', () => {
    const runs = [
      run('网站名称', 63, 700),
      run('网站域名', 63 + 13 * 6, 700),
      run('创景云', 63, 681.25),
      run('www.a.cn', 63 + 13 * 6, 681.25, 50),
      // a cell's second line: indented to its column
      run('www.b.cn', 63 + 13 * 6, 662.5, 50),
    ];
    expect(layoutTextRuns(runs).split('\n')).toEqual([
      '网站名称    网站域名',
      '创景云      www.a.cn',
      '            www.b.cn',
    ]);
  });

  it('keeps two blanks between cells however little room the first cell leaves', () => {
    // the first run's text runs past where the next one starts (a wider font than measured)
    const runs = [run('第二类增值电信业务', 63, 700, 60), run('全国', 63 + 60 + 13, 700)];
    expect(layoutTextRuns(runs)).toBe('第二类增值电信业务  全国');
  });

  it('leaves cleaning to drop only a single blank between CJK characters, never a column gap', () => {
    expect(cleanExtractedText('公 司 名 称：甲  全国\t北京')).toBe('公司名称：甲  全国\t北京');
  });
});
