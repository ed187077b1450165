/**
 * Tesseract with PaddleOCR where it is unsure: Tesseract reads the page (layout, lines, word
 * boxes, confidences); every line with a word it scored below `rereadBelow` is cut out of the
 * upright page along the page's skew and read again by the PP-OCRv4 recogniser (ocr-paddle.ts),
 * and the better reading of the two is kept (core/ocr/line-choice.ts). Tesseract alone misreads
 * characters it is unsure of (京 as 各 on the seed's scan); the recogniser alone reads a line in
 * tens of milliseconds, so re-reading a page's doubtful lines costs a fraction of reading it
 * (docs/reading-documents.md "Two engines").
 */
import type SharpFn from 'sharp';
import { isDomainError } from '../../core/errors.js';
import { cleanExtractedText } from '../../core/ocr/cjk-text.js';
import { nonBlankLength, trimCellStart } from '../../core/ocr/tesseract-tsv.js';
import { chooseLine, grammarScore } from '../../core/ocr/line-choice.js';
import {
  cropLine,
  cropRows,
  pageSlope,
  straightenBox,
  textHeight,
  textRows,
} from '../../core/ocr/paddle-rec.js';
import type { GreyImage } from '../../core/ocr/page-image.js';
import type { PixelBox } from '../../core/ocr/paddle-rec.js';
import { displayWidth } from '../../core/ocr/text-layout.js';
import type {
  OcrEngine,
  OcrImage,
  OcrLineGeometry,
  OcrOptions,
  OcrPage,
} from '../../ports/ocr-engine.js';
import type { LineRecogniser } from './ocr-paddle.js';
import { UPRIGHT_CONFIDENCE } from './upright.js';

export interface CombinedOcrOptions {
  /** the engine that reads the page and gives its lines' boxes (the Tesseract CLI) */
  readonly primary: OcrEngine;
  readonly recogniser: LineRecogniser;
  /**
   * A line with a character Tesseract scored below this (0–1) is re-read; 1 re-reads every line.
   * 0.9 by default: measured on generated scans (docs/reading-documents.md).
   */
  readonly rereadBelow?: number;
  /**
   * `paddle`: keep the recogniser's reading of every re-read line it reads anything on (the
   * `paddle` choice of XUKE_OCR_ENGINES, with `rereadBelow` ∞); by default the better reading
   * (core/ocr/line-choice.ts)
   */
  readonly prefer?: 'paddle';
}

export const DEFAULT_REREAD_BELOW = 0.9;

/** What the combined engine did on a page, for the benchmark. */
export interface CombinedStats {
  lines: number;
  reread: number;
  replaced: number;
  /** lines Tesseract did not find that the recogniser read */
  found: number;
}

let loadingSharp: Promise<typeof SharpFn> | undefined;

/** A page image's pixels as grey, for an image that did not bring them (`page` of a TIFF). */
async function decodeGrey(image: OcrImage, page: number): Promise<GreyImage> {
  loadingSharp ??= import('sharp').then(({ default: sharp }) => sharp);
  const sharp = await loadingSharp;
  const { data, info } = await sharp(image.bytes, { page })
    .greyscale()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, pixels: new Uint8Array(data) };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The confidences of the non-blank characters of `text`, from the recogniser's per character. */
function nonBlankProbabilities(text: string, probabilities: readonly number[]): number[] {
  const out: number[] = [];
  Array.from(text).forEach((ch, i) => {
    if (!/\s/u.test(ch)) out.push(probabilities[i] ?? 0);
  });
  return out;
}

/** A line as the recogniser read it: text, its characters' confidences, where it is. */
interface ReadLine {
  readonly text: string;
  readonly confidence: number[];
  readonly geometry: OcrLineGeometry | null;
}

/** The recogniser's reading of one line Tesseract found, cut out along the page's skew. */
async function readLine(
  pixels: GreyImage,
  line: OcrLineGeometry,
  slope: number,
  recogniser: LineRecogniser,
  signal: AbortSignal | undefined,
  band?: number,
): Promise<{ line: ReadLine; confidence: number }> {
  signal?.throwIfAborted();
  const read = await recogniser.recogniseLine(cropLine(pixels, line.words, slope, band), signal);
  const raw = read.text.trim();
  const confidence = nonBlankProbabilities(raw, read.probabilities);
  return {
    line: { text: cleanExtractedText(raw), confidence, geometry: line },
    confidence: read.confidence,
  };
}

/** A line the recogniser found where Tesseract found none is kept only when this sure of it. */
const MIN_FOUND_CONFIDENCE = 0.85;

/**
 * Rows of text Tesseract found no line in (it drops lines under a seal, for one): the page's text
 * column is straightened along its skew, its rows of ink that no line of Tesseract's covers are
 * read by the recogniser, and those it reads with confidence are placed among the lines by height.
 */
async function missedLines(
  pixels: GreyImage,
  geometry: readonly (OcrLineGeometry | null)[],
  slope: number,
  recogniser: LineRecogniser,
  signal: AbortSignal | undefined,
): Promise<{ line: ReadLine; centre: number }[]> {
  const placed = geometry.filter((g): g is OcrLineGeometry => g !== null && g.words.length > 0);
  if (placed.length === 0) return [];
  const left = Math.min(...placed.map((g) => g.box[0]));
  const right = Math.max(...placed.map((g) => g.box[0] + g.box[2]));
  const centreX = (left + right) / 2;
  const height = textHeight(placed.flatMap((g) => g.words));
  /** a line's centre at the column's centre, in the straightened column's rows */
  const centreOf = (g: OcrLineGeometry): number => {
    const [l, t, w, h] = g.box;
    return t + h / 2 + slope * (centreX - (l + w / 2));
  };
  const covered = placed.map((g) => centreOf(g));
  const level = straightenBox(pixels, [left, 0, right - left, pixels.height], slope);
  const out: { line: ReadLine; centre: number }[] = [];
  for (const row of textRows(level, Math.round(0.5 * height))) {
    const rowHeight = row.bottom - row.top;
    const centre = (row.top + row.bottom) / 2;
    if (rowHeight > 2.5 * height) continue;
    if (covered.some((c) => Math.abs(c - centre) < 0.75 * height)) continue;
    signal?.throwIfAborted();
    const pad = Math.round(0.25 * rowHeight);
    const read = await recogniser.recogniseLine(cropRows(level, row.top, row.bottom, pad), signal);
    const raw = read.text.trim();
    const text = cleanExtractedText(raw);
    if (nonBlankLength(text) < 2 || read.confidence < MIN_FOUND_CONFIDENCE) continue;
    out.push({
      centre,
      line: {
        text,
        confidence: nonBlankProbabilities(raw, read.probabilities),
        geometry: { box: [left, row.top, right - left, rowHeight], words: [] },
      },
    });
  }
  return out;
}

/** One cell of a table row: its text, its characters' confidences, its words and its column. */
interface Cell extends ReadLine {
  readonly words: readonly PixelBox[];
  /** the display column the cell starts at in the line's text */
  readonly column: number;
}

/**
 * A line split into its cells (Tesseract's line crossed a column gap: `geometry.cells`; most lines
 * are one cell), each with its indent; null when the text does not split into as many cells.
 */
function splitCells(
  text: string,
  geometry: OcrLineGeometry,
  confidence: readonly number[],
): Cell[] | null {
  const starts = geometry.cells ?? [];
  const parts = [...text.matchAll(/\S+(?: \S+)*/gu)];
  if (parts.length !== starts.length + 1) return null;
  const bounds = [0, ...starts, geometry.words.length];
  const cells: Cell[] = [];
  let at = 0;
  for (const [k, m] of parts.entries()) {
    const part = m[0];
    const n = nonBlankLength(part);
    cells.push({
      text: part,
      confidence: confidence.slice(at, at + n),
      geometry,
      words: geometry.words.slice(bounds[k], bounds[k + 1]),
      column: displayWidth(text.slice(0, m.index)),
    });
    at += n;
  }
  return at === confidence.length ? cells : null;
}

/** Cells put back at their columns, at least two blanks apart (tesseract-tsv.ts). */
function placeCells(texts: readonly string[], columns: readonly number[]): string {
  let line = '';
  texts.forEach((t, k) => {
    const column = columns[k] ?? 0;
    const width = displayWidth(line);
    line += (k === 0 ? ' '.repeat(column) : ' '.repeat(Math.max(2, column - width))) + t;
  });
  return line;
}

/** What every line of one page is re-read with: the page, its slope, the recogniser, the run. */
interface PageRereading {
  readonly pixels: GreyImage;
  readonly slope: number;
  readonly recogniser: LineRecogniser;
  readonly prefer: 'paddle' | undefined;
  readonly signal: AbortSignal | undefined;
  readonly stats: CombinedStats | undefined;
}

/** The better of Tesseract's reading of a line (or cell) and the recogniser's reading of its words. */
async function bestOf(
  own: ReadLine,
  words: readonly PixelBox[],
  geometry: OcrLineGeometry,
  { pixels, slope, recogniser, prefer, signal, stats }: PageRereading,
): Promise<ReadLine> {
  const read = await readLine(pixels, { ...geometry, words }, slope, recogniser, signal);
  const choice =
    prefer === 'paddle' && read.line.text !== ''
      ? 'paddle'
      : chooseLine(
          { text: own.text, confidence: mean(own.confidence) },
          { text: read.line.text, confidence: read.confidence },
        );
  const kept = choice === 'paddle' ? read.line : own;
  // A line that still breaks a licence grammar (a credit code short of a character, a date that
  // does not read) is read again from crops cut taller and shorter: the recogniser's reading of a
  // descender or a seal's edge changes with the crop.
  const score = grammarScore(kept.text);
  if (score < 0 && prefer !== 'paddle') {
    for (const band of RETRY_BANDS) {
      const again = await readLine(pixels, { ...geometry, words }, slope, recogniser, signal, band);
      if (grammarScore(again.line.text) > score) {
        if (stats) stats.replaced++;
        return trimmed(again.line, geometry);
      }
    }
  }
  if (choice !== 'paddle') return own;
  if (stats) stats.replaced++;
  return trimmed(read.line, geometry);
}

/** Crops' heights, in text heights, a line breaking a grammar is read again from. */
const RETRY_BANDS = [1.1, 1.3, 2] as const;

/** The recogniser's reading of a cell without what its crop took in of the gap before it. */
function trimmed(line: ReadLine, geometry: OcrLineGeometry): ReadLine {
  const { text, dropped } = trimCellStart(line.text.trimStart());
  return { text, confidence: line.confidence.slice(dropped), geometry };
}

/** Re-read the doubtful lines of one page read by the primary engine. */
async function rereadPage(
  page: OcrPage,
  pixels: GreyImage,
  recogniser: LineRecogniser,
  rereadBelow: number,
  prefer: 'paddle' | undefined,
  signal: AbortSignal | undefined,
  stats: CombinedStats | undefined,
): Promise<OcrPage> {
  const geometry = page.lines;
  const scores = page.characterConfidence;
  const lines = page.text.split('\n');
  if (!geometry || !scores || geometry.length !== lines.length) return page;
  const slope = pageSlope(geometry.map((g) => g?.words ?? []));
  const context: PageRereading = { pixels, slope, recogniser, prefer, signal, stats };
  const out: ReadLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const g = geometry[i] ?? null;
    const c = scores[i] ?? [];
    const own: ReadLine = { text: lines[i] ?? '', confidence: [...c], geometry: g };
    if (!g || c.length === 0) {
      out.push(own);
      continue;
    }
    if (stats) stats.lines++;
    if (Math.min(...c) >= rereadBelow) {
      out.push(own);
      continue;
    }
    if (stats) stats.reread++;
    const cells = splitCells(own.text, g, c);
    if (cells === null) {
      out.push(await bestOf(own, g.words, g, context));
      continue;
    }
    // Each doubtful cell of a table row is re-read on its own; the line keeps its columns.
    const read: ReadLine[] = [];
    for (const cell of cells) {
      const sure = cell.confidence.length === 0 || Math.min(...cell.confidence) >= rereadBelow;
      read.push(sure ? cell : await bestOf(cell, cell.words, g, context));
    }
    out.push({
      text: placeCells(
        read.map((r) => r.text),
        cells.map((cell) => cell.column),
      ),
      confidence: read.flatMap((r) => r.confidence),
      geometry: g,
    });
  }
  // Lines Tesseract missed go after the last line above them.
  for (const found of await missedLines(pixels, geometry, slope, recogniser, signal)) {
    if (stats) stats.found++;
    let at = 0;
    out.forEach((l, k) => {
      const g = l.geometry;
      if (g && g.box[1] + g.box[3] / 2 < found.centre) at = k + 1;
    });
    out.splice(at, 0, found.line);
  }
  const all = out.flatMap((l) => l.confidence);
  return {
    ...page,
    text: out.map((l) => l.text).join('\n'),
    characterConfidence: out.map((l) => l.confidence),
    lines: out.map((l) => l.geometry),
    confidence: all.length === 0 ? page.confidence : Math.min(1, mean(all)),
  };
}

/**
 * The combined engine. `stats`, when given, counts the lines read, re-read and replaced. The
 * orientation is the primary engine's.
 */
export function createCombinedOcrEngine(
  options: CombinedOcrOptions,
  stats?: CombinedStats,
): OcrEngine {
  const { primary, recogniser } = options;
  const rereadBelow = options.rereadBelow ?? DEFAULT_REREAD_BELOW;
  let unavailable = false;
  const engine: OcrEngine = {
    name: `${primary.name}+${recogniser.name}`,
    async recognise(image: OcrImage, opts: OcrOptions): Promise<OcrPage[]> {
      const pages = await primary.recognise(image, opts);
      const out: OcrPage[] = [];
      for (const [i, page] of pages.entries()) {
        // A page the primary engine could not read upright is turned and read again first.
        if (page.confidence < UPRIGHT_CONFIDENCE) {
          out.push(page);
          continue;
        }
        if (unavailable) {
          out.push(page);
          continue;
        }
        const pixels =
          image.pixels && pages.length === 1 ? image.pixels : await decodeGrey(image, i);
        try {
          out.push(
            await rereadPage(
              page,
              pixels,
              recogniser,
              rereadBelow,
              options.prefer,
              opts.signal,
              stats,
            ),
          );
        } catch (e) {
          // No model (a broken installation): Tesseract's reading stands, for this page and after.
          if (!isDomainError(e) || e.code !== 'UNSUPPORTED_FORMAT') throw e;
          unavailable = true;
          out.push(page);
        }
      }
      return out;
    },
  };
  if (primary.detectOrientation) {
    const detect = primary.detectOrientation.bind(primary);
    return { ...engine, detectOrientation: detect };
  }
  return engine;
}
