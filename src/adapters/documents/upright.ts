/**
 * Reading a page that may lie on its side or upside down (a sheet fed sideways into the scanner, a
 * photo without an orientation tag). Read as it is first; only when the engine is unsure of what
 * it read does it ask the engine which way is up, turn the page and read it again, keeping the
 * better reading. An upright page costs nothing extra.
 */
import type { OcrEngine, OcrImage, OcrOptions, OcrPage } from '../../ports/ocr-engine.js';

/**
 * Below this mean word confidence a page may be misoriented: the fixture scan read upright scores
 * 0.79–0.94 (with red seals over it 0.79), turned by 90°, 180° or 270° 0.00–0.22.
 */
export const UPRIGHT_CONFIDENCE = 0.5;

/** Tesseract's orientation confidence below which its answer is a guess (~18 on the fixture). */
export const MIN_ORIENTATION_CONFIDENCE = 2;

/** A page image, and the same page turned clockwise when the caller has its pixels. */
export interface TurnableImage {
  readonly image: OcrImage;
  readonly turn?: (degrees: 90 | 180 | 270) => OcrImage;
}

/** What the page says, read upright; `turned` is how far it was turned clockwise to read it. */
export async function recogniseUpright(
  engine: OcrEngine,
  input: TurnableImage,
  options: OcrOptions,
): Promise<{ page: OcrPage; turned: 0 | 90 | 180 | 270 }> {
  const [page = { text: '', confidence: 0 }] = await engine.recognise(input.image, options);
  if (page.confidence >= UPRIGHT_CONFIDENCE || !input.turn || !engine.detectOrientation) {
    return { page, turned: 0 };
  }
  const orientation = await engine.detectOrientation(input.image, options);
  if (
    orientation === null ||
    orientation.rotate === 0 ||
    orientation.confidence < MIN_ORIENTATION_CONFIDENCE
  ) {
    return { page, turned: 0 };
  }
  const [again] = await engine.recognise(input.turn(orientation.rotate), options);
  if (!again || again.confidence <= page.confidence) return { page, turned: 0 };
  return { page: again, turned: orientation.rotate };
}
