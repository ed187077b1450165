/**
 * QR codes drawn and read back: the SVG rasterised by sharp decodes to the same text, so does a
 * photo-like picture (the code turned, blurred and dimmed on a large noisy background); pictures
 * and PDFs without a code give null, oversized and non-image input is refused.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { formatQrUrl, holderDigestOf } from '../../core/elicence/qr-payload.js';
import { isDomainError } from '../../core/errors.js';
import { FIXTURES } from '../../../test/fixtures.js';
import { decodeQrFromImage, decodeQrFromPdf, MAX_QR_IMAGE_PIXELS, qrSvg } from './qr-image.js';

/** The seed licence's verify URL, made as certificate-pdf.test.ts makes it. */
const SEED_URL = formatQrUrl('https://xuke.example.gov.cn', {
  number: '京B2-20180910',
  version: 3,
  expiresOn: '2023-05-03',
  holderDigest: holderDigestOf(
    (bytes) => createHash('sm3').update(bytes).digest('hex'),
    '云智联网络科技（北京）有限公司',
  ),
  kid: 'bj-2026-01',
  // a DER signature's length (71 bytes), not a real one: nothing here verifies it
  signature: Buffer.from(Array.from({ length: 71 }, (_, i) => (i * 37) & 255)).toString(
    'base64url',
  ),
});
const fixtureDir = FIXTURES.huGb18030.slice(0, FIXTURES.huGb18030.lastIndexOf('/') + 1);

async function qrPng(text: string, size: number): Promise<Buffer> {
  return sharp(Buffer.from(await qrSvg(text)))
    .resize(size, size, { kernel: 'nearest' })
    .png()
    .toBuffer();
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isDomainError(e)) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

/** A PNG whose header claims `width` × `height`, with the image data of a few pixels only. */
function pngHeaderOnly(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(16))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('qrSvg', () => {
  it('draws the seed URL as a version 10 code at error correction M', async () => {
    const svg = await qrSvg(SEED_URL);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 65 65"/u);
    const qr = QRCode.create(SEED_URL, { errorCorrectionLevel: 'M' });
    expect([qr.version, qr.modules.size, qr.errorCorrectionLevel.bit]).toEqual([10, 57, 0]);
  });
});

describe('decodeQrFromImage', () => {
  it('reads back what qrSvg drew, rasterised by sharp', async () => {
    expect(await decodeQrFromImage(await qrPng(SEED_URL, 400))).toBe(SEED_URL);
    const jpeg = await sharp(await qrPng('xq1.short', 200))
      .jpeg({ quality: 70 })
      .toBuffer();
    expect(await decodeQrFromImage(jpeg)).toBe('xq1.short');
  });

  it('reads a code on a transparent background and a 16-bit PNG', async () => {
    // black modules on transparent black, as canvas exports are: without flattening onto white
    // the code would be black on black
    const grey = await sharp(await qrPng(SEED_URL, 300))
      .greyscale()
      .raw()
      .toBuffer();
    const rgba = Buffer.alloc(grey.length * 4);
    grey.forEach((g, i) => rgba.writeUInt8(255 - g, i * 4 + 3));
    const transparent = await sharp(rgba, { raw: { width: 300, height: 300, channels: 4 } })
      .png()
      .toBuffer();
    expect((await sharp(transparent).stats()).isOpaque).toBe(false);
    expect(await decodeQrFromImage(transparent)).toBe(SEED_URL);
    const deep = await sharp(await qrPng(SEED_URL, 300))
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect((await sharp(deep).metadata()).depth).toBe('ushort');
    expect(await decodeQrFromImage(deep)).toBe(SEED_URL);
  });

  it('reads a photo: the code turned, blurred and dimmed on a large noisy background', async () => {
    const code = await sharp(await qrPng(SEED_URL, 700))
      .rotate(9, { background: '#ffffff' })
      .blur(1.5)
      .png()
      .toBuffer();
    const background = await sharp({
      create: {
        width: 3000,
        height: 2000,
        channels: 3,
        background: '#6e6e6e',
        noise: { type: 'gaussian', mean: 110, sigma: 20 },
      },
    })
      .blur(0.8)
      .png()
      .toBuffer();
    const photo = await sharp(background)
      .composite([{ input: code, left: 1700, top: 900 }])
      .modulate({ brightness: 0.8 })
      .jpeg({ quality: 80 })
      .toBuffer();
    expect((await sharp(photo).metadata()).width).toBe(3000);
    expect(await decodeQrFromImage(photo)).toBe(SEED_URL);
  });

  it('gives null for a picture without a code (a scanned licence page)', async () => {
    const scan = readFileSync(`${fixtureDir}hu-b2-20200731.page1.jpg`);
    expect(await decodeQrFromImage(scan)).toBeNull();
  });

  it('refuses an image over 40 megapixels before decoding a pixel of it', async () => {
    const e = await refusal(decodeQrFromImage(pngHeaderOnly(8000, 6000)));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('8000×6000');
    expect(e.message).toContain('40 百万像素');
    // just under the limit, the same header is let through to decoding (and fails there)
    expect(MAX_QR_IMAGE_PIXELS).toBe(40_000_000);
    const under = await refusal(decodeQrFromImage(pngHeaderOnly(8000, 5000)));
    expect(under.code).toBe('UNREADABLE_DOCUMENT');
  });

  it('refuses bytes that are not an image', async () => {
    const e = await refusal(decodeQrFromImage(new TextEncoder().encode('not an image')));
    expect(e.code).toBe('UNREADABLE_DOCUMENT');
  });
});

describe('decodeQrFromPdf', () => {
  it('gives null for a PDF without a code', async () => {
    expect(await decodeQrFromPdf(readFileSync(`${fixtureDir}hu-b2-20200731.pdf`))).toBeNull();
  });

  it('refuses bytes that are not a PDF', async () => {
    const e = await refusal(decodeQrFromPdf(new TextEncoder().encode('%PDF-1.7 nonsense')));
    expect(e.code).toBe('UNREADABLE_DOCUMENT');
  });
});
