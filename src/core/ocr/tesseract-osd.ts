/**
 * Tesseract's orientation and script detection (`--psm 0`) report:
 *
 *   Page number: 0
 *   Orientation in degrees: 90
 *   Rotate: 270
 *   Orientation confidence: 18.50
 *   Script: Han
 *   Script confidence: 0.85
 *
 * `Rotate` is how far to turn the image clockwise for it to stand upright. Pure.
 */

/** How far an image must be turned clockwise to stand upright, and how sure the engine is. */
export interface Orientation {
  readonly rotate: 0 | 90 | 180 | 270;
  /** the engine's own measure; Tesseract's OSD gives ~15–20 for a clear page, below 2 is a guess */
  readonly confidence: number;
}

/** The orientation in a `--psm 0` report; `null` when the report has none. */
export function parseOsd(report: string): Orientation | null {
  const rotate = /^Rotate:\s*(\d+)\s*$/mu.exec(report)?.[1];
  const confidence = /^Orientation confidence:\s*([\d.]+)\s*$/mu.exec(report)?.[1];
  if (rotate === undefined || confidence === undefined) return null;
  const degrees = Number(rotate);
  if (degrees !== 0 && degrees !== 90 && degrees !== 180 && degrees !== 270) return null;
  return { rotate: degrees, confidence: Number(confidence) };
}
