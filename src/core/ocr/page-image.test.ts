import { describe, expect, it } from 'vitest';
import { readImageInfo } from './image-info.js';
import {
  binarise,
  countInk,
  encodeBilevelTiff,
  encodeGreyTiff,
  findFullPageImage,
  greyFromDecodedImage,
  inkGrey,
  IMAGE_KIND,
  otsuThreshold,
  rotateGrey,
  unturnBox,
  type PageImageOps,
} from './page-image.js';

const OPS: PageImageOps = {
  save: 10,
  restore: 11,
  transform: 12,
  dependency: 1,
  paintImageXObject: 85,
};
const A4 = [0, 0, 595, 842];
const TEXT = 44; // any other operator: text, paths, inline images…

describe('findFullPageImage', () => {
  it('finds one upright image painted over the page', () => {
    const found = findFullPageImage(
      [OPS.save, OPS.transform, OPS.dependency, OPS.paintImageXObject, OPS.restore],
      [null, [595, 0, 0, 842, 0, 0], ['img_p0_1'], ['img_p0_1', 1653, 2339], null],
      A4,
      OPS,
    );
    expect(found).toEqual({
      objId: 'img_p0_1',
      width: 1653,
      height: 2339,
      transform: [595, 0, 0, 842, 0, 0],
    });
  });

  it('composes nested transforms', () => {
    const found = findFullPageImage(
      [OPS.save, OPS.transform, OPS.save, OPS.transform, OPS.paintImageXObject, OPS.restore],
      [null, [2, 0, 0, 2, 0, 0], null, [297.5, 0, 0, 421, 0, 0], ['im', 10, 10], null],
      A4,
      OPS,
    );
    expect(found?.transform).toEqual([595, 0, 0, 842, 0, 0]);
  });

  it.each([
    [
      'a small image',
      [OPS.transform, OPS.paintImageXObject],
      [
        [200, 0, 0, 200, 0, 0],
        ['im', 10, 10],
      ],
    ],
    [
      'two images',
      [OPS.transform, OPS.paintImageXObject, OPS.paintImageXObject],
      [
        [595, 0, 0, 842, 0, 0],
        ['a', 10, 10],
        ['b', 10, 10],
      ],
    ],
    [
      'an image and text',
      [OPS.transform, OPS.paintImageXObject, TEXT],
      [[595, 0, 0, 842, 0, 0], ['im', 10, 10], null],
    ],
    [
      'a flipped image',
      [OPS.transform, OPS.paintImageXObject],
      [
        [595, 0, 0, -842, 0, 842],
        ['im', 10, 10],
      ],
    ],
    [
      'a rotated image',
      [OPS.transform, OPS.paintImageXObject],
      [
        [0, 842, -595, 0, 595, 0],
        ['im', 10, 10],
      ],
    ],
    [
      'an image half off the page',
      [OPS.transform, OPS.paintImageXObject],
      [
        [1190, 0, 0, 842, 0, 0],
        ['im', 10, 10],
      ],
    ],
    ['no image', [OPS.save, OPS.restore], [null, null]],
  ])('refuses %s', (_what, fns, args) => {
    expect(findFullPageImage(fns, args, A4, OPS)).toBeNull();
  });
});

describe('inkGrey', () => {
  it('keeps the red channel of grey, black and blue ink', () => {
    expect(inkGrey(255, 255, 255)).toBe(255);
    expect(inkGrey(90, 90, 90)).toBe(90);
    expect(inkGrey(0, 0, 0)).toBe(0);
    expect(inkGrey(30, 40, 200)).toBe(30); // blue ink
    expect(inkGrey(60, 60, 90)).toBe(60); // blue ink's anti-aliased edge
  });

  it('lifts red ink to paper, also where JPEG averaged its colour with black ink beside it', () => {
    expect(inkGrey(220, 40, 40)).toBe(255); // seal ink
    expect(inkGrey(240, 150, 150)).toBe(255); // a faint seal
    // a seal stroke touching black ink, its colour half lost: dark in the red channel (below a
    // page's usual Otsu threshold of 150–160), paper here
    expect(inkGrey(150, 75, 80)).toBeGreaterThan(200);
    // black ink under the seal (multiplied) stays ink
    expect(inkGrey(40, 5, 5)).toBeLessThan(100);
  });
});

describe('greyFromDecodedImage', () => {
  it('takes red ink out of RGB and RGBA, so red seals fade and dark ink stays', () => {
    // white paper, black ink, a seal red, blue ink
    const rgb = new Uint8Array([255, 255, 255, 0, 0, 0, 220, 40, 40, 30, 40, 200]);
    expect(
      Array.from(
        greyFromDecodedImage({ width: 4, height: 1, kind: IMAGE_KIND.RGB_24BPP }, rgb)?.pixels ??
          [],
      ),
    ).toEqual([255, 0, 255, 30]);
    const rgba = new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 51]);
    expect(
      Array.from(
        greyFromDecodedImage({ width: 4, height: 1, kind: IMAGE_KIND.RGBA_32BPP }, rgba)?.pixels ??
          [],
      ),
    ).toEqual([255, 0, 255, 204]); // transparent black is the white page showing through
  });

  it('unpacks 1-bit rows (a set bit is white), padded to whole bytes', () => {
    const bits = new Uint8Array([0b10100000, 0b01000000]);
    expect(
      Array.from(
        greyFromDecodedImage({ width: 3, height: 2, kind: IMAGE_KIND.GRAYSCALE_1BPP }, bits)
          ?.pixels ?? [],
      ),
    ).toEqual([255, 0, 255, 0, 255, 0]);
  });

  it('averages factor × factor blocks', () => {
    const rgb = new Uint8Array(4 * 2 * 3);
    rgb.fill(255, 0, 3); // one white pixel in the first 2×2 block
    const grey = greyFromDecodedImage({ width: 4, height: 2, kind: IMAGE_KIND.RGB_24BPP }, rgb, 2);
    expect(grey).toEqual({ width: 2, height: 1, pixels: new Uint8Array([64, 0]) });
  });

  it('refuses short data and unknown layouts', () => {
    expect(greyFromDecodedImage({ width: 2, height: 2, kind: 2 }, new Uint8Array(5))).toBeNull();
    expect(greyFromDecodedImage({ width: 1, height: 1, kind: 9 }, new Uint8Array(4))).toBeNull();
  });
});

describe('encodeGreyTiff', () => {
  it('writes a TIFF whose header reads back with its size and pixels', () => {
    const pixels = new Uint8Array([1, 2, 3, 4, 5, 6]);
    const tiff = encodeGreyTiff({ width: 3, height: 2, pixels }, 200);
    expect(readImageInfo(tiff, 'tiff')).toEqual({ ok: true, pages: [{ width: 3, height: 2 }] });
    expect(Array.from(tiff.slice(tiff.length - 6))).toEqual([1, 2, 3, 4, 5, 6]);
    const v = new DataView(tiff.buffer);
    // XResolution is the 10th entry; its value is a rational at the offset it holds
    const at = v.getUint32(8 + 2 + 9 * 12 + 8, true);
    expect(v.getUint32(at, true) / v.getUint32(at + 4, true)).toBe(200);
  });
});

describe('otsuThreshold', () => {
  it('separates two clusters of grey between them', () => {
    const pixels = new Uint8Array(1000);
    pixels.fill(30, 0, 100); // ink
    pixels.fill(40, 100, 150);
    pixels.fill(200, 150, 700); // paper
    pixels.fill(230, 700);
    const t = otsuThreshold(pixels);
    expect(t).toBeGreaterThanOrEqual(40);
    expect(t).toBeLessThan(200);
  });

  it('calls nothing ink on a blank page and everything ink on a black one', () => {
    const white = new Uint8Array(64).fill(255);
    expect(binarise({ width: 8, height: 8, pixels: white }).bits.every((b) => b === 0)).toBe(true);
    const black = new Uint8Array(64);
    expect(binarise({ width: 8, height: 8, pixels: black }).bits.every((b) => b === 0xff)).toBe(
      true,
    );
  });
});

describe('binarise', () => {
  it('packs rows most significant bit first, a set bit for ink, padded to whole bytes', () => {
    // 10 × 2: row 0 ink at x = 0, 8, 9; row 1 ink at x = 1
    const pixels = new Uint8Array(20).fill(250);
    [0, 8, 9, 11].forEach((i) => (pixels[i] = 10));
    const bilevel = binarise({ width: 10, height: 2, pixels }, 128);
    expect(Array.from(bilevel.bits)).toEqual([0b10000000, 0b11000000, 0b01000000, 0b00000000]);
    expect(bilevel.ink).toBe(4);
    expect(countInk({ width: 10, height: 2, pixels })).toBe(4);
  });
});

describe('encodeBilevelTiff', () => {
  it('writes a 1-bit TIFF, white is zero, whose header reads back with its size and bits', () => {
    const bits = new Uint8Array([0b10100000, 0b01000000]);
    const tiff = encodeBilevelTiff({ width: 3, height: 2, bits, ink: 3 }, 210);
    expect(readImageInfo(tiff, 'tiff')).toEqual({ ok: true, pages: [{ width: 3, height: 2 }] });
    expect(Array.from(tiff.slice(tiff.length - 2))).toEqual([0b10100000, 0b01000000]);
    const v = new DataView(tiff.buffer);
    const entry = (n: number) => v.getUint16(8 + 2 + n * 12 + 8, true);
    expect(entry(2)).toBe(1); // BitsPerSample
    expect(entry(4)).toBe(0); // PhotometricInterpretation: white is zero
    expect(v.getUint16(8, true)).toBe(11);
  });

  it('leaves the resolution out when it is not known, for Tesseract to estimate', () => {
    const bits = new Uint8Array([0b10100000, 0b01000000]);
    const tiff = encodeBilevelTiff({ width: 3, height: 2, bits, ink: 3 }, null);
    const v = new DataView(tiff.buffer);
    expect(v.getUint16(8, true)).toBe(9);
    const tags = Array.from({ length: 9 }, (_, e) => v.getUint16(8 + 2 + e * 12, true));
    expect(tags).not.toContain(282);
    expect(readImageInfo(tiff, 'tiff')).toEqual({ ok: true, pages: [{ width: 3, height: 2 }] });
    expect(Array.from(tiff.slice(tiff.length - 2))).toEqual([0b10100000, 0b01000000]);
  });
});

describe('rotateGrey', () => {
  // 3 × 2:  1 2 3
  //         4 5 6
  const image = { width: 3, height: 2, pixels: new Uint8Array([1, 2, 3, 4, 5, 6]) };
  it('turns an image clockwise by 90, 180 and 270 degrees', () => {
    expect(rotateGrey(image, 90)).toEqual({
      width: 2,
      height: 3,
      pixels: new Uint8Array([4, 1, 5, 2, 6, 3]),
    });
    expect(rotateGrey(image, 180).pixels).toEqual(new Uint8Array([6, 5, 4, 3, 2, 1]));
    expect(rotateGrey(image, 270)).toEqual({
      width: 2,
      height: 3,
      pixels: new Uint8Array([3, 6, 2, 5, 1, 4]),
    });
    expect(rotateGrey(rotateGrey(image, 90), 270)).toEqual(image);
    expect(rotateGrey(image, 0)).toBe(image);
  });
});

describe('unturnBox', () => {
  /** The box around the ink of a grey image (ink: 0). */
  function inkBox(image: { width: number; height: number; pixels: Uint8Array }) {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        if (image.pixels[y * image.width + x] === 0) {
          [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
        }
      }
    }
    return [x0, y0, x1 - x0 + 1, y1 - y0 + 1] as const;
  }

  it('puts a box read on a turned page back where it is on the page before the turn', () => {
    // a 40 × 25 page with a line of ink at 5, 3, 12 wide and 4 high
    const width = 40;
    const height = 25;
    const pixels = new Uint8Array(width * height).fill(255);
    for (let y = 3; y < 7; y++) for (let x = 5; x < 17; x++) pixels[y * width + x] = 0;
    const page = { width, height, pixels };
    for (const degrees of [0, 90, 180, 270] as const) {
      const turned = rotateGrey(page, degrees);
      const read = inkBox(turned);
      expect(unturnBox(read, degrees, turned.width, turned.height), String(degrees)).toEqual([
        5, 3, 12, 4,
      ]);
    }
  });
});
