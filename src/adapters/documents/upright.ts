/**
 * Reading a page that may lie on its side or upside down (a sheet fed sideways into the scanner, a
 * photo without an orientation tag). Read as it is first; only when the engine is unsure of what
 * it read does it ask the engine which way is up, turn the page and read it again, keeping the
 * better reading. An upright page costs nothing extra.
 */
import type { Note } from '../../core/licence.js';
import { unlevelBox } from '../../core/ocr/deskew.js';
import { unturnBox } from '../../core/ocr/page-image.js';
import type { PixelBox } from '../../core/ocr/paddle-rec.js';
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
  /**
   * The degrees `image` was turned to level it (core/ocr/deskew.ts): the boxes of the page read
   * are turned back, and those of a page read after turning it upright are turned back from that
   * too, so they mark the lines on the page as it was uploaded.
   */
  readonly skew?: number;
}

/** What the page says, read upright; `turned` is how far it was turned clockwise to read it. */
export async function recogniseUpright(
  engine: OcrEngine,
  input: TurnableImage,
  options: OcrOptions,
): Promise<{ page: OcrPage; turned: 0 | 90 | 180 | 270 }> {
  const [read = { text: '', confidence: 0 }] = await engine.recognise(input.image, options);
  const page = input.skew ? unlevelPage(read, input.skew) : read;
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
  // the boxes mark the lines on the page as it was uploaded, not as it was turned to be read
  const unturned = unturnPage(again, orientation.rotate);
  return {
    page: input.skew ? unlevelPage(unturned, input.skew) : unturned,
    turned: orientation.rotate,
  };
}

/** The page read after turning it `degrees` clockwise, its boxes on the page before the turn. */
function unturnPage(page: OcrPage, degrees: 90 | 180 | 270): OcrPage {
  const { lines, width, height } = page;
  if (!lines || !width || !height) return page;
  const back = (box: PixelBox): PixelBox => unturnBox(box, degrees, width, height);
  const sideways = degrees !== 180;
  return {
    ...page,
    width: sideways ? height : width,
    height: sideways ? width : height,
    lines: lines.map((g) => (g ? { ...g, box: back(g.box), words: g.words.map(back) } : g)),
  };
}

/** The page's line boxes on the page as it was before it was turned `skew` degrees level. */
function unlevelPage(page: OcrPage, skew: number): OcrPage {
  const { lines, width, height } = page;
  if (!lines || !width || !height) return page;
  return {
    ...page,
    lines: lines.map((g) => (g ? { ...g, box: unlevelBox(g.box, skew, width, height) } : g)),
  };
}

/** The note for a page read after turning it; `page` 1-based, or null for a one-page image. */
export function turnedNote(name: string, page: number | null, degrees: number): Note {
  const which = page === null ? '' : `第 ${page} 页`;
  const whichEn = page === null ? 'the image' : `page ${page}`;
  return {
    field: 'document',
    message: `${name}：${which || '图像'}方向不正，已顺时针旋转 ${degrees}° 后识别`,
    messageEn: `${name}: ${whichEn} was not upright; read after turning it ${degrees}° clockwise`,
    line: null,
  };
}
