/**
 * The pure half of PaddleOCR's PP-OCRv4 text-line recogniser: the model's input tensor from a grey
 * line image, CTC greedy decoding of its output, and a straightened crop of one text line from a
 * page by the boxes of its words. The ONNX session that runs the model is an adapter
 * (src/adapters/documents/ocr-paddle.ts). Pure: no I/O.
 *
 * The model (ch_PP-OCRv4_rec) takes `N × 3 × 48 × W` float32, each channel `(x / 255 − 0.5) / 0.5`
 * (PaddleOCR's `NormalizeImage` for the recogniser), the line resized to height 48 keeping its
 * aspect ratio, and gives `N × T × C` softmax probabilities over C = 1 + |ppocr_keys_v1| + 1
 * classes: the CTC blank at 0, the character list, and a space last.
 */
import type { GreyImage } from './page-image.js';

/** The recogniser's input height. */
export const REC_HEIGHT = 48;
/** Lines wider than this (after scaling to height 48) are squeezed to it; ~66 characters. */
export const REC_MAX_WIDTH = 3200;

/** The model's classes from the text of `ppocr_keys_v1.txt`: blank, the keys, space. */
export function recogniserClasses(keys: string): string[] {
  const list = keys.replace(/\r/gu, '').split('\n');
  if (list[list.length - 1] === '') list.pop();
  return ['', ...list, ' '];
}

/** An input tensor for one line: data laid out `3 × 48 × width`. */
export interface RecogniserInput {
  readonly data: Float32Array;
  readonly width: number;
}

/**
 * The tensor for one grey line image: scaled (bilinear) to height 48 and proportional width
 * (at least 16 px, at most `maxWidth`), the same grey in all three channels (PP-OCR reads BGR;
 * grey is the same either way), normalised to −1…1, the width padded to a multiple of 8 with 0
 * (PaddleOCR pads with zeros after normalising).
 */
export function recogniserInput(line: GreyImage, maxWidth = REC_MAX_WIDTH): RecogniserInput {
  const { width: w0, height: h0, pixels } = line;
  const scaledWidth = Math.max(
    16,
    Math.min(maxWidth, Math.ceil((REC_HEIGHT * Math.max(1, w0)) / Math.max(1, h0))),
  );
  const width = Math.ceil(scaledWidth / 8) * 8;
  const plane = REC_HEIGHT * width;
  const data = new Float32Array(3 * plane);
  const sx = w0 / scaledWidth;
  const sy = h0 / REC_HEIGHT;
  for (let y = 0; y < REC_HEIGHT; y++) {
    const fy = Math.min(h0 - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(h0 - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < scaledWidth; x++) {
      const fx = Math.min(w0 - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(w0 - 1, x0 + 1);
      const wx = fx - x0;
      const top = (pixels[y0 * w0 + x0] ?? 255) * (1 - wx) + (pixels[y0 * w0 + x1] ?? 255) * wx;
      const bottom = (pixels[y1 * w0 + x0] ?? 255) * (1 - wx) + (pixels[y1 * w0 + x1] ?? 255) * wx;
      const v = ((top * (1 - wy) + bottom * wy) / 255 - 0.5) / 0.5;
      const at = y * width + x;
      data[at] = v;
      data[plane + at] = v;
      data[2 * plane + at] = v;
    }
  }
  return { data, width };
}

/** A decoded line: its text and the probability of each character in it. */
export interface DecodedLine {
  readonly text: string;
  readonly probabilities: readonly number[];
}

/**
 * CTC greedy decoding of one line's `steps × classes` probabilities (row-major, from `offset`):
 * the most probable class at each step, repeats merged, blanks dropped. Each character's
 * probability is the highest of the steps that emitted it.
 */
export function ctcGreedyDecode(
  probabilities: Float32Array,
  steps: number,
  classes: readonly string[],
  offset = 0,
): DecodedLine {
  const count = classes.length;
  let text = '';
  const probs: number[] = [];
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const base = offset + t * count;
    let best = 0;
    let bestP = -1;
    for (let c = 0; c < count; c++) {
      const p = probabilities[base + c] ?? 0;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best === previous) {
      const last = probs.length - 1;
      if (last >= 0 && bestP > (probs[last] ?? 0)) probs[last] = bestP;
    } else if (best !== 0) {
      text += classes[best] ?? '';
      probs.push(bestP);
    }
    previous = best;
  }
  return { text, probabilities: probs };
}

/** A box in page pixels: left, top, width, height. */
export type PixelBox = readonly [number, number, number, number];

/** The median of the numbers (0 for none). */
function medianOf(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** A line's words' boxes → its slope (dy/dx of the words' centres), or null with too few words. */
export function lineSlope(words: readonly PixelBox[]): number | null {
  const height = medianOf(words.map((w) => w[3]));
  // Punctuation sits high or low: only full-height words place the line.
  const full = words.filter((w) => w[3] >= 0.6 * height);
  if (full.length < 3) return null;
  const xs = full.map((w) => w[0] + w[2] / 2);
  const ys = full.map((w) => w[1] + w[3] / 2);
  const span = Math.max(...xs) - Math.min(...xs);
  if (span < 4 * height) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * ((ys[i] ?? my) - my);
    den += (x - mx) * (x - mx);
  });
  return den === 0 ? null : num / den;
}

/** The page's skew: the median slope of its lines that show one (0 when none does). */
export function pageSlope(lines: readonly (readonly PixelBox[])[]): number {
  const slopes = lines.map(lineSlope).filter((s): s is number => s !== null);
  return slopes.length === 0 ? 0 : medianOf(slopes);
}

/**
 * One text line cut out of the page along the page's skew, so a line of a page scanned at a slant
 * comes out level and without the neighbouring lines a box around it would take in. The band
 * follows the words' centres (`slope` from {@link pageSlope}), is `band` (1.5 by default) × the
 * words' median height tall, and reaches half a height beyond the first and last word; outside the
 * page is paper.
 */
export function cropLine(
  page: GreyImage,
  words: readonly PixelBox[],
  slope: number,
  band = 1.5,
): GreyImage {
  const height = Math.max(4, medianOf(words.map((w) => w[3])));
  const full = words.filter((w) => w[3] >= 0.6 * height);
  const placed = full.length > 0 ? full : words;
  // The line's centre at x = 0, from its full-height words.
  const intercept =
    placed.reduce((a, w) => a + (w[1] + w[3] / 2 - slope * (w[0] + w[2] / 2)), 0) /
    Math.max(1, placed.length);
  const pad = Math.round(height / 2);
  const left = Math.max(0, Math.min(...words.map((w) => w[0])) - pad);
  const right = Math.min(page.width, Math.max(...words.map((w) => w[0] + w[2])) + pad);
  const width = Math.max(1, right - left);
  const rows = Math.max(8, Math.round(band * height));
  const pixels = new Uint8Array(width * rows).fill(255);
  for (let x = 0; x < width; x++) {
    const px = left + x;
    const top = Math.round(intercept + slope * px - rows / 2);
    for (let y = 0; y < rows; y++) {
      const py = top + y;
      if (py >= 0 && py < page.height)
        pixels[y * width + x] = page.pixels[py * page.width + px] ?? 255;
    }
  }
  return { width, height: rows, pixels };
}

/**
 * A box of the page cut out along the page's skew: each column shifted by `slope` about the box's
 * centre, so lines of text inside it run level. Outside the page is paper.
 */
export function straightenBox(page: GreyImage, box: PixelBox, slope: number): GreyImage {
  const [left0, top0, w0, h0] = box;
  const left = Math.max(0, Math.floor(left0));
  const right = Math.min(page.width, Math.ceil(left0 + w0));
  const width = Math.max(1, right - left);
  const height = Math.max(1, Math.round(h0));
  const centre = left0 + w0 / 2;
  const pixels = new Uint8Array(width * height).fill(255);
  for (let x = 0; x < width; x++) {
    const px = left + x;
    const top = Math.round(top0 + slope * (px - centre));
    for (let y = 0; y < height; y++) {
      const py = top + y;
      if (py >= 0 && py < page.height)
        pixels[y * width + x] = page.pixels[py * page.width + px] ?? 255;
    }
  }
  return { width, height, pixels };
}

/** Rows of a level image that hold text: runs of rows with ink, at least `minHeight` tall. */
export function textRows(
  image: GreyImage,
  minHeight: number,
): { readonly top: number; readonly bottom: number }[] {
  const { width, height, pixels } = image;
  const ink = new Array<number>(height).fill(0);
  for (let y = 0; y < height; y++) {
    let n = 0;
    for (let x = 0; x < width; x++) if ((pixels[y * width + x] ?? 255) < 128) n++;
    ink[y] = n;
  }
  // a row is text when it has more than a speck of ink: 0.5 % of the width, at least 2 pixels
  const floor = Math.max(2, width * 0.005);
  const rows: { top: number; bottom: number }[] = [];
  let start = -1;
  for (let y = 0; y <= height; y++) {
    const on = y < height && (ink[y] ?? 0) > floor;
    if (on && start < 0) start = y;
    if (!on && start >= 0) {
      if (y - start >= minHeight) rows.push({ top: start, bottom: y });
      start = -1;
    }
  }
  return rows;
}

/** Rows `top`–`bottom` of an image, with `pad` rows of paper (or image) above and below. */
export function cropRows(image: GreyImage, top: number, bottom: number, pad: number): GreyImage {
  const from = top - pad;
  const height = bottom - top + 2 * pad;
  const pixels = new Uint8Array(image.width * height).fill(255);
  for (let y = 0; y < height; y++) {
    const sy = from + y;
    if (sy < 0 || sy >= image.height) continue;
    pixels.set(image.pixels.subarray(sy * image.width, (sy + 1) * image.width), y * image.width);
  }
  return { width: image.width, height, pixels };
}

/** The median height of a line's full-height words (its text height), at least 4 px. */
export function textHeight(words: readonly PixelBox[]): number {
  return Math.max(4, medianOf(words.map((w) => w[3])));
}
