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

function jpeg(width: number, height: number, app0 = new Array<number>(14).fill(0)): Uint8Array {
  // SOI, an APP0 segment of 16 bytes, then SOF0 with the frame size.
  return new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0,
    16,
    ...app0,
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

  it('reads the resolution a PNG (pHYs) or JPEG (JFIF) states in real units', () => {
    // IHDR, then pHYs: 7874 pixels per metre both ways, unit 1 (the metre) = 200 dpi
    const base = png(100, 100);
    const phys = new Uint8Array(21);
    const v = new DataView(phys.buffer);
    v.setUint32(0, 9);
    phys.set([0x70, 0x48, 0x59, 0x73], 4);
    v.setUint32(8, 7874);
    v.setUint32(12, 7874);
    phys[16] = 1;
    const withPhys = new Uint8Array([...base, ...phys]);
    expect(readImageInfo(withPhys, 'png')).toEqual({
      ok: true,
      pages: [{ width: 100, height: 100, dpi: 200 }],
    });
    phys[16] = 0; // unit unknown: an aspect ratio, not a resolution
    expect(readImageInfo(new Uint8Array([...base, ...phys]), 'png')).toEqual({
      ok: true,
      pages: [{ width: 100, height: 100 }],
    });
    // JFIF, version 1.2, units 2 (per centimetre), density 78 × 78, as the fixture scans state
    const jfif = [0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 2, 0, 78, 0, 78, 0, 0];
    expect(readImageInfo(jpeg(1732, 2226, jfif), 'jpeg')).toEqual({
      ok: true,
      pages: [{ width: 1732, height: 2226, dpi: 198 }],
    });
    jfif[7] = 0; // units 0: an aspect ratio
    expect(readImageInfo(jpeg(1732, 2226, jfif), 'jpeg')).toEqual({
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
