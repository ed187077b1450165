import { describe, expect, it } from 'vitest';
import type { GreyImage } from './page-image.js';
import { eraseRules } from './rules.js';

const W = 800;
const H = 600;

function page(): GreyImage {
  return { width: W, height: H, pixels: new Uint8Array(W * H).fill(250) };
}

function ink(img: GreyImage, x: number, y: number): void {
  if (x >= 0 && x < img.width && y >= 0 && y < img.height) img.pixels[y * img.width + x] = 20;
}

function rect(img: GreyImage, x: number, y: number, w: number, h: number): void {
  for (let dy = 0; dy < h; dy++) for (let dx = 0; dx < w; dx++) ink(img, x + dx, y + dy);
}

/** A glyph-like mark: a box outline with a cross, `s` pixels square, 2 px strokes. */
function glyph(img: GreyImage, x: number, y: number, s = 24): void {
  rect(img, x, y, s, 2);
  rect(img, x, y + s - 2, s, 2);
  rect(img, x, y, 2, s);
  rect(img, x + s - 2, y, 2, s);
  rect(img, x, y + s / 2, s, 2);
  rect(img, x + s / 2, y, 2, s);
}

function inkAt(img: GreyImage, x: number, y: number): boolean {
  return (img.pixels[y * img.width + x] ?? 255) < 128;
}

function countInk(img: GreyImage): number {
  let n = 0;
  for (const p of img.pixels) if (p < 128) n++;
  return n;
}

describe('eraseRules', () => {
  it('takes a table grid off and leaves the text in its cells', () => {
    const img = page();
    // a 3 × 2 grid from (50, 100) to (750, 300), rules 2 px
    for (const y of [100, 200, 300]) rect(img, 50, y, 702, 2);
    for (const x of [50, 400, 750]) rect(img, x, 100, 2, 202);
    for (let k = 0; k < 5; k++) glyph(img, 70 + 30 * k, 140);
    for (let k = 0; k < 3; k++) glyph(img, 420 + 30 * k, 240);
    const textInk = countInk(img) - (3 * 702 * 2 + 3 * 2 * 202 - 9 * 4);
    const r = eraseRules(img);
    expect(r.rules).toBe(1);
    expect(inkAt(r.image, 200, 100)).toBe(false);
    expect(inkAt(r.image, 400, 150)).toBe(false);
    expect(inkAt(r.image, 70, 140)).toBe(true);
    expect(countInk(r.image)).toBe(textInk);
    // the input is not changed
    expect(inkAt(img, 200, 100)).toBe(true);
  });

  it('takes off a rule scanned at a slant, and a lone straight line', () => {
    const img = page();
    // 3° over 600 px: 31 px of drop, 2 px thick
    for (let x = 100; x < 700; x++) rect(img, x, 400 + Math.round(0.0524 * (x - 100)), 1, 2);
    rect(img, 100, 500, 300, 1);
    glyph(img, 100, 50);
    const r = eraseRules(img);
    expect(r.rules).toBe(2);
    expect(countInk(r.image)).toBe(
      countInk(page()) +
        (() => {
          const g = page();
          glyph(g, 100, 50);
          return countInk(g);
        })(),
    );
  });

  it('keeps text that bled into one long dense run, and short strokes', () => {
    const img = page();
    // a line of 14 glyphs touching each other: 350 px long and dense
    for (let k = 0; k < 14; k++) glyph(img, 60 + 24 * k, 60);
    rect(img, 60, 70, 24 * 14, 4);
    // a dash and a vertical stroke shorter than an eighth of the page's width
    rect(img, 100, 200, 90, 2);
    rect(img, 300, 200, 2, 90);
    const before = countInk(img);
    const r = eraseRules(img);
    expect(r.rules).toBe(0);
    expect(r.image).toBe(img);
    expect(countInk(r.image)).toBe(before);
  });

  it('leaves a blank page alone', () => {
    const img = page();
    expect(eraseRules(img)).toEqual({ image: img, rules: 0, erased: 0 });
  });
});
