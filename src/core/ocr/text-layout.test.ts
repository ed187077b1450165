import { describe, expect, it } from 'vitest';
import { layoutTextRuns, type TextRun } from './text-layout.js';

const run = (text: string, x: number, y: number, width = text.length * 13): TextRun => ({
  text,
  x,
  y,
  width,
  size: 13,
});

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

  it('joins runs of one baseline, puts a space at a wide gap and a blank line at a paragraph break', () => {
    const runs = [
      run('年', 63, 700),
      run('月', 120, 700.4),
      run('日', 133, 700),
      run('附件1', 63, 681.25),
      run('正文', 63, 643.75),
    ];
    expect(layoutTextRuns(runs)).toBe('年 月日\n附件1\n\n正文');
  });
});
