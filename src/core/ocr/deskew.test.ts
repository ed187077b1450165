import { describe, expect, it } from 'vitest';
import { deskew, estimateSkew, rotateLevel, unlevelBox } from './deskew.js';
import type { GreyImage } from './page-image.js';

const W = 1200;
const H = 900;

/** A page of 12 text-like lines (runs of 20 px blocks with gaps), slanted by `degrees`. */
function slantedPage(degrees: number): GreyImage {
  const pixels = new Uint8Array(W * H).fill(245);
  const slope = Math.tan((degrees * Math.PI) / 180);
  for (let line = 0; line < 12; line++) {
    const y0 = 120 + line * 55;
    for (let x = 100; x < 1100; x++) {
      if (x % 26 >= 20) continue; // the gap between two characters
      const top = Math.round(y0 + slope * (x - W / 2));
      for (let y = top; y < top + 20; y++) if (y >= 0 && y < H) pixels[y * W + x] = 30;
    }
  }
  return { width: W, height: H, pixels };
}

/** How many of the page's rows hold ink: a level page of 12 lines 20 px tall has 240. */
function inkedRows(image: GreyImage): number {
  let n = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if ((image.pixels[y * image.width + x] ?? 255) < 128) {
        n++;
        break;
      }
    }
  }
  return n;
}

describe('deskew', () => {
  it.each([-3, -1.5, 0.6, 2.2, 3])('finds a skew of %s° to within 0.1°', (degrees) => {
    expect(Math.abs(estimateSkew(slantedPage(degrees)) - degrees)).toBeLessThanOrEqual(0.1);
  });

  it('turns a slanted page level: its lines take as few rows as a level page’s', () => {
    const slanted = slantedPage(2.5);
    expect(inkedRows(slanted)).toBeGreaterThan(600);
    const { image, degrees } = deskew(slanted);
    expect(degrees).toBeCloseTo(2.5, 0);
    expect(image.width).toBe(W);
    expect(image.height).toBe(H);
    expect(inkedRows(image)).toBeLessThan(12 * 24);
  });

  it('leaves a level page, and a blank one, as they are', () => {
    const level = slantedPage(0);
    expect(deskew(level)).toEqual({ image: level, degrees: 0 });
    const blank: GreyImage = { width: 100, height: 100, pixels: new Uint8Array(10_000).fill(255) };
    expect(deskew(blank)).toEqual({ image: blank, degrees: 0 });
  });

  it('fills with paper what turns in from outside the page', () => {
    const black: GreyImage = { width: 200, height: 100, pixels: new Uint8Array(20_000).fill(0) };
    const turned = rotateLevel(black, 3);
    expect(turned.pixels[0]).toBe(255);
    expect(turned.pixels[50 * 200 + 100]).toBe(0);
  });
});

describe('unlevelBox', () => {
  it('puts a line found on the level page back where it was printed on the slanted page', () => {
    const slanted = slantedPage(2.5);
    const { image } = deskew(slanted);
    // the first line on the level page: the rows of ink from the top
    let top = 0;
    while (top < H && !image.pixels.slice(top * W, (top + 1) * W).some((p) => p < 128)) top++;
    const [l, t, w, h] = unlevelBox([100, top, 1000, 20], 2.5, W, H);
    // on the slanted page the line runs from y ≈ 120 − 22 at x = 100 to 120 + 22 at x = 1100
    const slope = Math.tan((2.5 * Math.PI) / 180);
    // (the test page is slanted by a shear, which keeps x; a turn moves x by up to sin 2.5° × 450)
    expect(Math.abs(l - 100)).toBeLessThan(20);
    expect(Math.abs(w - 1000)).toBeLessThan(20);
    expect(Math.abs(t - (120 + slope * (100 - W / 2)))).toBeLessThan(6);
    expect(Math.abs(t + h - (140 + slope * (1100 - W / 2)))).toBeLessThan(6);
    expect(slanted.pixels[Math.round(t + 4) * W + 110]).toBeLessThan(128);
  });
});
