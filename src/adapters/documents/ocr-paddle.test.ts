import { getEventListeners } from 'node:events';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cropLine, pageSlope, type PixelBox } from '../../core/ocr/paddle-rec.js';
import type { GreyImage } from '../../core/ocr/page-image.js';
import { createPaddleRecogniser, createPaddleWorkerRecogniser } from './ocr-paddle.js';

/** `text` drawn in WenQuanYi Micro Hei at `size` px on a white page, as grey pixels. */
async function renderText(
  text: string,
  options: { size?: number; width?: number; height?: number; y?: number; rotate?: number } = {},
): Promise<GreyImage> {
  const size = options.size ?? 32;
  const width = options.width ?? Math.ceil(size * (text.length + 2));
  const height = options.height ?? Math.ceil(size * 2);
  const y = options.y ?? Math.round(height / 2 + size * 0.35);
  const escaped = text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;');
  const rotate = options.rotate ? ` transform="rotate(${options.rotate} 0 0)"` : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#fff"/>
    <text x="${size / 2}" y="${y}" font-family="WenQuanYi Micro Hei" font-size="${size}" fill="#000"${rotate}>${escaped}</text>
  </svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, pixels: new Uint8Array(data) };
}

const recogniser = createPaddleRecogniser();

describe('the PaddleOCR recogniser', () => {
  it('reads a rendered line of a licence exactly', async () => {
    const line = await renderText('经营许可证编号：京B2-20231234');
    const read = await recogniser.recogniseLine(line);
    // PP-OCR's character list has the ASCII colon; the full-width one reads as either.
    expect(read.text.replace('：', ':')).toBe('经营许可证编号:京B2-20231234');
    expect(read.confidence).toBeGreaterThan(0.9);
    expect(read.probabilities).toHaveLength(Array.from(read.text).length);
  });

  it('reads a company name with its region in parentheses', async () => {
    const read = await recogniser.recogniseLine(await renderText('北京云智联网络科技有限公司'));
    expect(read.text).toBe('北京云智联网络科技有限公司');
  });

  it('reads a line cut out of a slanted page along its slant', async () => {
    // Two lines on a page turned by 2°: the crop follows the first line's words.
    const text = '统一社会信用代码：91110108MA01ABCD3X';
    const size = 30;
    const page = await renderText(text, { size, width: 1300, height: 200, y: 60, rotate: 2 });
    // The words' boxes as Tesseract would give them: each character's cell along the slant.
    const slope = Math.tan((2 * Math.PI) / 180);
    const words: PixelBox[] = Array.from({ length: 14 }, (_, i) => {
      const x = size / 2 + i * size * 1.6;
      const cy = 60 - size * 0.35 + x * slope;
      return [Math.round(x), Math.round(cy - size / 2), size, size] as const;
    });
    expect(pageSlope([words])).toBeCloseTo(slope, 2);
    const crop = cropLine(page, words, pageSlope([words]));
    expect(crop.height).toBeLessThan(2 * size);
    const read = await recogniser.recogniseLine(crop);
    expect(read.text.replace('：', ':')).toContain('91110108MA01ABCD3X');
  });

  it('gives an empty, unconfident reading for a blank line', async () => {
    const blank: GreyImage = { width: 200, height: 40, pixels: new Uint8Array(8000).fill(255) };
    const read = await recogniser.recogniseLine(blank);
    expect(read.text).toBe('');
    expect(read.confidence).toBe(0);
  });
});

describe('the PaddleOCR recogniser in its own thread', () => {
  it('reads lines as the recogniser in this thread does, several at once, and leaves them intact', async () => {
    const worker = createPaddleWorkerRecogniser();
    const lines = await Promise.all(
      [
        '经营许可证编号：京B2-20231234',
        '北京云智联网络科技有限公司',
        '有效期至：2030年07月31日',
      ].map((t) => renderText(t)),
    );
    const copies = lines.map((l) => new Uint8Array(l.pixels));
    const [inThread, inWorker] = await Promise.all([
      Promise.all(lines.map((l) => recogniser.recogniseLine(l))),
      Promise.all(lines.map((l) => worker.recogniseLine(l))),
    ]);
    expect(inWorker.map((r) => r.text)).toEqual(inThread.map((r) => r.text));
    expect(inWorker[1]?.text).toBe('北京云智联网络科技有限公司');
    // the caller's pixels are copied to the thread, not taken from it
    lines.forEach((l, i) => {
      expect(l.pixels).toEqual(copies[i]);
    });
  });

  it('leaves no listener on the page’s signal once its lines are read', async () => {
    const worker = createPaddleWorkerRecogniser();
    const line = await renderText('京');
    const page = new AbortController();
    for (let k = 0; k < 12; k++) await worker.recogniseLine(line, page.signal);
    expect(getEventListeners(page.signal, 'abort')).toHaveLength(0);
  });

  it('fails a line with UNSUPPORTED_FORMAT when the model cannot load, and stops on an abort', async () => {
    const broken = createPaddleWorkerRecogniser({
      recognitionPath: '/nonexistent/rec.onnx',
      dictionaryPath: '/nonexistent/keys.txt',
    });
    const line = await renderText('京');
    await expect(broken.recogniseLine(line)).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    const aborted = AbortSignal.abort(new Error('gone'));
    await expect(broken.recogniseLine(line, aborted)).rejects.toThrow('gone');
  });
});
