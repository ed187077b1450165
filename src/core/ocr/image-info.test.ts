import { describe, expect, it } from 'vitest';
import { readImageInfo } from './image-info.js';

function png(width: number, height: number): Uint8Array {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const v = new DataView(b.buffer);
  v.setUint32(16, width);
  v.setUint32(20, height);
  return b;
}

function jpeg(width: number, height: number): Uint8Array {
  // SOI, an APP0 segment of 16 bytes, then SOF0 with the frame size.
  return new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0,
    16,
    ...new Array<number>(14).fill(0),
    0xff,
    0xc0,
    0,
    17,
    8,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    3,
    ...new Array<number>(9).fill(0),
  ]);
}

function tiff(pages: readonly [number, number][]): Uint8Array {
  const b = new Uint8Array(8 + pages.length * 30);
  const v = new DataView(b.buffer);
  b.set([0x4d, 0x4d, 0x00, 0x2a]); // big-endian this time
  v.setUint32(4, 8);
  pages.forEach(([w, h], i) => {
    const at = 8 + i * 30;
    v.setUint16(at, 2);
    v.setUint16(at + 2, 256);
    v.setUint16(at + 4, 3);
    v.setUint32(at + 6, 1);
    v.setUint16(at + 10, w);
    v.setUint16(at + 14, 257);
    v.setUint16(at + 16, 4);
    v.setUint32(at + 18, 1);
    v.setUint32(at + 22, h);
    v.setUint32(at + 26, i + 1 < pages.length ? at + 30 : 0);
  });
  return b;
}

describe('readImageInfo', () => {
  it('reads the size of a PNG and a JPEG', () => {
    expect(readImageInfo(png(1732, 2226), 'png')).toEqual({
      ok: true,
      pages: [{ width: 1732, height: 2226 }],
    });
    expect(readImageInfo(jpeg(1732, 2226), 'jpeg')).toEqual({
      ok: true,
      pages: [{ width: 1732, height: 2226 }],
    });
  });

  it('reads every page of a multi-page TIFF', () => {
    expect(
      readImageInfo(
        tiff([
          [100, 200],
          [300, 400],
          [5, 6],
        ]),
        'tiff',
      ),
    ).toEqual({
      ok: true,
      pages: [
        { width: 100, height: 200 },
        { width: 300, height: 400 },
        { width: 5, height: 6 },
      ],
    });
  });

  it('rejects a TIFF whose page directories loop, and a truncated JPEG', () => {
    const looping = tiff([[1, 1]]);
    new DataView(looping.buffer).setUint32(8 + 26, 8);
    expect(readImageInfo(looping, 'tiff').ok).toBe(false);
    expect(readImageInfo(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]), 'jpeg').ok).toBe(false);
  });
});
