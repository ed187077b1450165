/**
 * Ruled lines taken off a page before OCR. Licences print their services and websites in ruled
 * tables, and a scan keeps the rules: Tesseract reads a cell border as `「`, `」`, `|` or `1`
 * between two cells' text (`…与交」「广东`), and a row's ink no longer falls apart into cells, so
 * nothing of the table's columns survives into the text. Taking the rules off first leaves each
 * row's cells apart by a blank gap, which the TSV reader turns into a column gap the parser splits
 * cells at (tesseract-tsv.ts), as a PDF's text layer has it (text-layout.ts).
 *
 * A rule is found as a connected component of ink (8-connected, at Otsu's threshold) that is long
 * — at least an eighth of the page's width, where no character or run of touching characters
 * reaches — and either thin (a straight line) or sparse in its bounding box (a table's grid, a
 * skewed line, a frame): text that bleeds into one long component is dense. Every pixel of such a
 * component becomes paper; nothing else changes. Pure.
 */
import { otsuThreshold, type GreyImage } from './page-image.js';

/** A component at least this share of the page's width long may be a rule. */
const LONG = 1 / 8;
/** …and is one when it is no thicker than this share of the page's width (a straight line)… */
const THIN = 1 / 150;
/** …or when less than this share of its bounding box is ink (a grid, a slanted line). */
const SPARSE = 0.1;

export interface RuleErasure {
  /** the page with its rules turned to paper (the input itself when it had none) */
  readonly image: GreyImage;
  /** how many components were taken off */
  readonly rules: number;
  /** how many pixels turned to paper */
  readonly erased: number;
}

/** Union-find root with path halving. */
function find(parent: Int32Array, i: number): number {
  let r = i;
  while (parent[r] !== r) {
    const p = parent[r] ?? r;
    parent[r] = parent[p] ?? p;
    r = parent[r] ?? r;
  }
  return r;
}

/** Take the ruled lines off `image` (see the module's comment). */
export function eraseRules(image: GreyImage, threshold = otsuThreshold(image.pixels)): RuleErasure {
  const { width, height, pixels } = image;
  // Runs of ink, row by row: start, end (exclusive), row; and each row's first run.
  const starts: number[] = [];
  const ends: number[] = [];
  const rows: number[] = [];
  const rowFirst = new Int32Array(height + 1);
  for (let y = 0; y < height; y++) {
    rowFirst[y] = starts.length;
    const base = y * width;
    let x = 0;
    while (x < width) {
      if ((pixels[base + x] ?? 255) > threshold) {
        x++;
        continue;
      }
      const start = x;
      while (x < width && (pixels[base + x] ?? 255) <= threshold) x++;
      starts.push(start);
      ends.push(x);
      rows.push(y);
    }
  }
  rowFirst[height] = starts.length;
  const runs = starts.length;
  if (runs === 0) return { image, rules: 0, erased: 0 };
  const parent = new Int32Array(runs);
  for (let i = 0; i < runs; i++) parent[i] = i;
  // Join each run with the runs of the row above that touch it, diagonals included.
  for (let y = 1; y < height; y++) {
    let j = rowFirst[y - 1] ?? 0;
    const jEnd = rowFirst[y] ?? 0;
    for (let i = rowFirst[y] ?? 0; i < (rowFirst[y + 1] ?? 0); i++) {
      const s = starts[i] ?? 0;
      const e = ends[i] ?? 0;
      while (j < jEnd && (ends[j] ?? 0) < s) j++;
      for (let k = j; k < jEnd && (starts[k] ?? 0) <= e; k++) {
        const a = find(parent, i);
        const b = find(parent, k);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  // Each component's bounding box and ink.
  const minX = new Int32Array(runs).fill(width);
  const maxX = new Int32Array(runs).fill(-1);
  const minY = new Int32Array(runs).fill(height);
  const maxY = new Int32Array(runs).fill(-1);
  const ink = new Float64Array(runs);
  const root = new Int32Array(runs);
  for (let i = 0; i < runs; i++) {
    const r = find(parent, i);
    root[i] = r;
    const y = rows[i] ?? 0;
    minX[r] = Math.min(minX[r] ?? width, starts[i] ?? 0);
    maxX[r] = Math.max(maxX[r] ?? -1, (ends[i] ?? 0) - 1);
    minY[r] = Math.min(minY[r] ?? height, y);
    maxY[r] = Math.max(maxY[r] ?? -1, y);
    ink[r] = (ink[r] ?? 0) + (ends[i] ?? 0) - (starts[i] ?? 0);
  }
  const long = LONG * width;
  const thin = Math.max(2, THIN * width);
  const isRule = new Uint8Array(runs);
  let rules = 0;
  for (let r = 0; r < runs; r++) {
    if (root[r] !== r) continue;
    const w = (maxX[r] ?? 0) - (minX[r] ?? 0) + 1;
    const h = (maxY[r] ?? 0) - (minY[r] ?? 0) + 1;
    if (Math.max(w, h) < long) continue;
    if (Math.min(w, h) <= thin || (ink[r] ?? 0) < SPARSE * w * h) {
      isRule[r] = 1;
      rules++;
    }
  }
  if (rules === 0) return { image, rules: 0, erased: 0 };
  const out = new Uint8Array(pixels);
  let erased = 0;
  for (let i = 0; i < runs; i++) {
    if (isRule[root[i] ?? 0] !== 1) continue;
    const base = (rows[i] ?? 0) * width;
    const e = ends[i] ?? 0;
    out.fill(255, base + (starts[i] ?? 0), base + e);
    erased += e - (starts[i] ?? 0);
  }
  return { image: { width, height, pixels: out }, rules, erased };
}
