import { describe, expect, it } from 'vitest';
import { sniffDocumentFormat } from './document-format.js';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('sniffDocumentFormat', () => {
  it.each([
    ['a PDF', ascii('%PDF-1.7\n...'), 'pdf'],
    ['a PDF after a little junk', ascii('\n\n%PDF-1.4'), 'pdf'],
    ['a PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'png'],
    ['a JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 'jpeg'],
    ['a little-endian TIFF', bytes(0x49, 0x49, 0x2a, 0x00, 8, 0), 'tiff'],
    ['a big-endian TIFF', bytes(0x4d, 0x4d, 0x00, 0x2a, 0, 8), 'tiff'],
    ['UTF-8 text', ascii('经营许可证编号：京B2-20180910'), 'text'],
    ['UTF-16 text with a BOM (it has NUL bytes)', bytes(0xff, 0xfe, 0x2c, 0x7f, 0, 0), 'text'],
    ['a GIF', ascii('GIF89a\u0001\u0000'), 'gif'],
    ['a WebP', new Uint8Array([...ascii('RIFF'), 0x24, 0, 0, 0, ...ascii('WEBPVP8 ')]), 'webp'],
    ['a BMP', new Uint8Array([...ascii('BM'), 0x36, 0x10, 0, 0, 0, 0, 0, 0]), 'bmp'],
    ['a HEIC photo', new Uint8Array([0, 0, 0, 0x18, ...ascii('ftypheic'), 0, 0, 0, 0]), 'heif'],
    ['an AVIF', new Uint8Array([0, 0, 0, 0x1c, ...ascii('ftypavif'), 0, 0, 0, 0]), 'heif'],
    ['a JPEG 2000', bytes(0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a), 'jpeg2000'],
    ['text that starts with BM', ascii('BM 公司名称：某某'), 'text'],
    [
      'an MP4 (ftyp, not a HEIF brand)',
      new Uint8Array([0, 0, 0, 0x18, ...ascii('ftypisom'), 0, 0, 0, 0]),
      'binary',
    ],
    ['bytes with NULs', bytes(1, 2, 0, 4), 'binary'],
    ['control characters', bytes(...Array.from({ length: 40 }, () => 3)), 'binary'],
  ])('tells %s by its content', (_, b, format) => {
    expect(sniffDocumentFormat(b)).toBe(format);
  });

  it('does not take a name-like text mentioning %PDF- later on for a PDF', () => {
    expect(sniffDocumentFormat(ascii(`${'公司'.repeat(20)} %PDF-1.4`))).toBe('text');
  });
});
