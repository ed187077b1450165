/**
 * A scanned page turned level before OCR. A page fed through a scanner at a slant (issue 17's scans
 * are skewed up to 3°) drifts a line's height every 20–30 characters: Tesseract then breaks a long
 * line into pieces, files a piece in a block of its own, or reads a label's characters as lines of
 * their own (`网站域名：www…` came out as `2 www…` and `站`), and the line's field is lost.
 *
 * The skew is found by the projection-profile method: the page's ink, reduced to at most
 * {@link SAMPLE_WIDTH} pixels wide, is projected onto the vertical along each candidate angle
 * within ±{@link MAX_DEGREES}; along the text's own slant the rows of ink and the gaps between lines
 * separate best, which the sum of the squared row counts measures. A coarse search in quarter
 * degrees is refined in twentieths around the best. The page is then turned about its centre by
 * bilinear interpolation, keeping its size (what turns out of the frame is margin), and whatever
 * turns in from outside is paper. Pure.
 */
import { otsuThreshold, type GreyImage } from './page-image.js';
import type { PixelBox } from './paddle-rec.js';

/** The widest the page is sampled at to find its skew. */
const SAMPLE_WIDTH = 800;
/** The largest skew looked for, in degrees either way. */
const MAX_DEGREES = 4;
/** A page less skewed than this is read as it is. */
const LEVEL_DEGREES = 0.15;

/** The ink of the page sampled on a grid: each cell that holds ink, as its (x, y) in cells. */
function inkSample(
  image: GreyImage,
  threshold: number,
): { xs: Int32Array; ys: Int32Array; rows: number } {
  const { width, height, pixels } = image;
  const step = Math.max(1, Math.ceil(width / SAMPLE_WIDTH));
  const cols = Math.ceil(width / step);
  const rows = Math.ceil(height / step);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let cy = 0; cy < rows; cy++) {
    for (let cx = 0; cx < cols; cx++) {
      let ink = false;
      for (let y = cy * step; y < Math.min(height, (cy + 1) * step) && !ink; y++) {
        const base = y * width;
        for (let x = cx * step; x < Math.min(width, (cx + 1) * step); x++) {
          if ((pixels[base + x] ?? 255) <= threshold) {
            ink = true;
            break;
          }
        }
      }
      if (ink) {
        xs.push(cx);
        ys.push(cy);
      }
    }
  }
  return { xs: Int32Array.from(xs), ys: Int32Array.from(ys), rows };
}

/** How sharply the ink's rows separate when projected along `degrees`. */
function profileScore(xs: Int32Array, ys: Int32Array, rows: number, degrees: number): number {
  const slope = Math.tan((degrees * Math.PI) / 180);
  const margin = Math.ceil(Math.abs(slope) * SAMPLE_WIDTH) + 1;
  const bins = new Float64Array(rows + 2 * margin);
  for (let i = 0; i < xs.length; i++) {
    const row = Math.round((ys[i] ?? 0) - slope * (xs[i] ?? 0)) + margin;
    if (row >= 0 && row < bins.length) bins[row] = (bins[row] ?? 0) + 1;
  }
  let score = 0;
  for (const b of bins) score += b * b;
  return score;
}

/**
 * The page's skew in degrees: positive when its lines run down to the right (y grows with x).
 * 0 for a page with too little ink to tell.
 */
export function estimateSkew(image: GreyImage, threshold = otsuThreshold(image.pixels)): number {
  const { xs, ys, rows } = inkSample(image, threshold);
  if (xs.length < 200) return 0;
  let best = 0;
  let bestScore = -1;
  const search = (from: number, to: number, step: number) => {
    for (let d = from; d <= to + 1e-9; d += step) {
      const score = profileScore(xs, ys, rows, d);
      if (score > bestScore) {
        bestScore = score;
        best = d;
      }
    }
  };
  search(-MAX_DEGREES, MAX_DEGREES, 0.25);
  const coarse = best;
  search(coarse - 0.25, coarse + 0.25, 0.05);
  return Math.round(best * 100) / 100;
}

/** `image` turned by −`degrees` about its centre, the same size, paper where nothing turns in. */
export function rotateLevel(image: GreyImage, degrees: number): GreyImage {
  const { width, height, pixels } = image;
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const out = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    // the source of output (x, y) is the point turned by +degrees; it moves by (cos, sin) along x
    let sx = cx - cx * cos - dy * sin;
    let sy = cy - cx * sin + dy * cos;
    const row = y * width;
    for (let x = 0; x < width; x++, sx += cos, sy += sin) {
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      const a = pixels[i] ?? 255;
      const b = pixels[i + 1] ?? 255;
      const c = pixels[i + width] ?? 255;
      const d = pixels[i + width + 1] ?? 255;
      const top = a + (b - a) * fx;
      out[row + x] = (top + (c + (d - c) * fx - top) * fy + 0.5) | 0;
    }
  }
  return { width, height, pixels: out };
}

/**
 * A box on the page turned level by {@link rotateLevel} (`degrees`, a page `width` × `height`) as
 * a box on the page before: its corners turned back, and the box around them.
 */
export function unlevelBox(
  box: PixelBox,
  degrees: number,
  width: number,
  height: number,
): PixelBox {
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const [left, top, w, h] = box;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, y] of [
    [left, top],
    [left + w, top],
    [left, top + h],
    [left + w, top + h],
  ] as const) {
    xs.push(cx + (x - cx) * cos - (y - cy) * sin);
    ys.push(cy + (x - cx) * sin + (y - cy) * cos);
  }
  const x0 = Math.max(0, Math.min(...xs));
  const y0 = Math.max(0, Math.min(...ys));
  const x1 = Math.min(width, Math.max(...xs));
  const y1 = Math.min(height, Math.max(...ys));
  return [Math.round(x0), Math.round(y0), Math.round(x1 - x0), Math.round(y1 - y0)];
}

/** The page turned level, and the skew it had (0 when it was level enough already). */
export function deskew(
  image: GreyImage,
  threshold = otsuThreshold(image.pixels),
): { image: GreyImage; degrees: number } {
  const degrees = estimateSkew(image, threshold);
  if (Math.abs(degrees) < LEVEL_DEGREES) return { image, degrees: 0 };
  return { image: rotateLevel(image, degrees), degrees };
}
