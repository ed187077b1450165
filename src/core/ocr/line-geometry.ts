/**
 * Where each line of a document's extracted text sits on its page: the page (1-based) and the
 * line's box as fractions of that page's upright image, for the evidence of fields OCR read
 * (a reviewer sees the line a field came from highlighted on the page). Pure.
 */
import { splitLines } from '../parse/lines.js';
import type { OcrLineGeometry } from './tesseract-tsv.js';

/** A line's place: `box` is left, top, width, height as fractions (0–1) of the upright page. */
export interface LineGeometry {
  readonly page: number;
  readonly box: readonly [number, number, number, number];
}

/** One page of extracted text with, when OCR read it, its lines' boxes in the page's pixels. */
export interface PageGeometry {
  readonly text: string;
  readonly width?: number | undefined;
  readonly height?: number | undefined;
  readonly lines?: readonly (OcrLineGeometry | null)[] | undefined;
}

const clamp = (v: number): number => Math.min(1, Math.max(0, v));

/** Rounded to 4 places: a tenth of a pixel on a 300 dpi A4 page, and a short JSON number. */
const round = (v: number): number => Math.round(v * 10_000) / 10_000;

/**
 * Per line of the pages' text joined with form feeds (numbered as `splitLines` numbers them): its
 * page and box, or null for a line with no box (a text layer, a blank line, a page whose boxes do
 * not match its lines).
 */
export function documentLineGeometry(pages: readonly PageGeometry[]): (LineGeometry | null)[] {
  const out: (LineGeometry | null)[] = [];
  pages.forEach((page, i) => {
    const count = splitLines(page.text).length;
    const { width = 0, height = 0, lines } = page;
    if (!lines || lines.length !== count || width <= 0 || height <= 0) {
      for (let k = 0; k < count; k++) out.push(null);
      return;
    }
    for (const line of lines) {
      if (!line) {
        out.push(null);
        continue;
      }
      const [left, top, w, h] = line.box;
      const l = clamp(left / width);
      const t = clamp(top / height);
      out.push({
        page: i + 1,
        box: [
          round(l),
          round(t),
          round(clamp((left + w) / width) - l),
          round(clamp((top + h) / height) - t),
        ],
      });
    }
  });
  return out;
}

/** Whether any line has a place: the document was (at least partly) read by OCR with boxes. */
export function hasGeometry(lines: readonly (LineGeometry | null)[]): boolean {
  return lines.some((l) => l !== null);
}
