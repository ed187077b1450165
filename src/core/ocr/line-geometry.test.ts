import { describe, expect, it } from 'vitest';
import { documentLineGeometry } from './line-geometry.js';

describe('where the lines of a document are', () => {
  it('gives OCR pages’ lines their page and box as fractions; text-layer lines none', () => {
    const geometry = documentLineGeometry([
      { text: 'a text layer\nline 2' },
      {
        text: '编号：京B2-20180910\n\n公司名称',
        width: 1000,
        height: 2000,
        lines: [
          { box: [100, 200, 500, 40], words: [] },
          null,
          { box: [100, 300, 980, 40], words: [] },
        ],
      },
    ]);
    expect(geometry).toEqual([
      null,
      null,
      { page: 2, box: [0.1, 0.1, 0.5, 0.02] },
      null,
      // clipped to the page
      { page: 2, box: [0.1, 0.15, 0.9, 0.02] },
    ]);
  });

  it('leaves a page unplaced when its boxes do not match its lines', () => {
    const geometry = documentLineGeometry([
      { text: 'one\ntwo', width: 10, height: 10, lines: [{ box: [0, 0, 1, 1], words: [] }] },
    ]);
    expect(geometry).toEqual([null, null]);
  });
});
