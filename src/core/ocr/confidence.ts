/**
 * Confidence of OCR output. Tesseract reports a confidence (0–100) per word; a page's confidence is
 * the mean over its words weighted by their length in characters, so one confidently read stray
 * mark does not outweigh a line of text. Pure.
 */

export interface ScoredText {
  readonly text: string;
  /** 0–100 as Tesseract reports it; negative for non-text boxes, which are ignored */
  readonly confidence: number;
}

/** Character-weighted mean confidence of words, as 0–1; 0 when nothing was read. */
export function meanConfidence(words: readonly ScoredText[]): number {
  let weight = 0;
  let sum = 0;
  for (const w of words) {
    const n = Array.from(w.text.trim()).length;
    if (n === 0 || w.confidence < 0) continue;
    weight += n;
    sum += n * Math.min(100, w.confidence);
  }
  return weight === 0 ? 0 : Math.round((sum / weight) * 10) / 1000;
}

/** A document's confidence from its pages' confidences and lengths: the weighted mean, 0–1. */
export function combinePageConfidence(
  pages: readonly { readonly confidence: number; readonly characters: number }[],
): number {
  let weight = 0;
  let sum = 0;
  for (const p of pages) {
    weight += p.characters;
    sum += p.characters * p.confidence;
  }
  return weight === 0 ? 0 : Math.round((sum / weight) * 1000) / 1000;
}
