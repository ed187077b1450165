import { describe, expect, it } from 'vitest';
import { boundedLines, splitLines } from './lines.js';

describe('boundedLines', () => {
  it.each([
    ['a\nb\r\nc\rd\fe\u2028f\u2029g\u0085h\vi', 9],
    ['one line', 1],
    ['', 1],
    ['ends with a break\n', 2],
    ['\r\n\r\n', 3],
  ])('numbers the lines of %j as splitLines does', (text, count) => {
    const bounded = boundedLines(text, 1000);
    expect(bounded).toEqual({
      lines: splitLines(text).map((l) => l.raw),
      lineCount: count,
      truncated: false,
    });
  });

  it('keeps whole lines within the UTF-8 bound (a byte for each line) and counts the rest', () => {
    // 许 is 3 bytes, é 2, 𠀀 (a surrogate pair) 4: the lines take 10, 12, 9, 5 and 5 bytes
    const text = '许可证\néé许𠀀\nabcdefgh\nrest\nmore';
    const lines = ['许可证', 'éé许𠀀', 'abcdefgh', 'rest', 'more'];
    expect(boundedLines(text, 41)).toEqual({ lines, lineCount: 5, truncated: false });
    expect(boundedLines(text, 40)).toEqual({
      lines: lines.slice(0, 4),
      lineCount: 5,
      truncated: true,
    });
    expect(boundedLines(text, 31).lines).toEqual(lines.slice(0, 3));
    expect(boundedLines(text, 30).lines).toEqual(lines.slice(0, 2));
    expect(boundedLines(text, 9)).toEqual({ lines: [], lineCount: 5, truncated: true });
    // a lone surrogate counts as the replacement character it will be encoded as
    expect(boundedLines('\ud800x\ny', 5).lines).toEqual(['\ud800x']);
  });
});
