import { describe, expect, it } from 'vitest';
import {
  ctcGreedyDecode,
  cropLine,
  lineSlope,
  recogniserClasses,
  recogniserInput,
  REC_HEIGHT,
} from './paddle-rec.js';

describe('the PP-OCR recogniser’s classes', () => {
  it('are the blank, the character list and a space, a trailing newline or not', () => {
    expect(recogniserClasses('京\n沪\nB\n')).toEqual(['', '京', '沪', 'B', ' ']);
    expect(recogniserClasses('京\r\n沪')).toEqual(['', '京', '沪', ' ']);
  });
});

describe('CTC greedy decoding', () => {
  const classes = ['', 'a', 'b', ' '];
  /** steps of one-hot-ish rows: the class index and its probability */
  const rows = (steps: [number, number][]) => {
    const out = new Float32Array(steps.length * classes.length);
    steps.forEach(([c, p], t) => {
      for (let k = 0; k < classes.length; k++) {
        out[t * classes.length + k] = k === c ? p : (1 - p) / (classes.length - 1);
      }
    });
    return out;
  };

  it('merges repeats, drops blanks, and keeps a doubled letter split by a blank', () => {
    const r = ctcGreedyDecode(
      rows([
        [1, 0.9],
        [1, 0.95],
        [0, 0.99],
        [1, 0.8],
        [2, 0.7],
        [3, 0.6],
      ]),
      6,
      classes,
    );
    expect(r.text).toBe('aab ');
    expect(r.probabilities.map((p) => Number(p.toFixed(2)))).toEqual([0.95, 0.8, 0.7, 0.6]);
  });

  it('reads nothing from blanks alone', () => {
    expect(
      ctcGreedyDecode(
        rows([
          [0, 0.9],
          [0, 0.9],
        ]),
        2,
        classes,
      ),
    ).toEqual({ text: '', probabilities: [] });
  });
});

describe('the recogniser’s input', () => {
  it('is 48 high, proportional in width (padded to 8), normalised to −1…1 in three planes', () => {
    // 20 × 10: black left half, white right half
    const pixels = new Uint8Array(200);
    for (let y = 0; y < 10; y++) for (let x = 10; x < 20; x++) pixels[y * 20 + x] = 255;
    const input = recogniserInput({ width: 20, height: 10, pixels });
    expect(input.width).toBe(96);
    expect(input.data).toHaveLength(3 * REC_HEIGHT * 96);
    const plane = REC_HEIGHT * 96;
    expect(input.data[0]).toBeCloseTo(-1);
    expect(input.data[95]).toBeCloseTo(1); // the last column: white
    expect(input.data[plane]).toBe(input.data[0]);
    expect(input.data[2 * plane + 50]).toBe(input.data[50]);
  });

  it('squeezes a line wider than the limit to it', () => {
    const input = recogniserInput({ width: 5000, height: 10, pixels: new Uint8Array(50_000) }, 320);
    expect(input.width).toBe(320);
  });
});

describe('cutting a line out of a slanted page', () => {
  it('measures the slope from full-height words and ignores punctuation', () => {
    const words = [0, 1, 2, 3, 4, 5].map((i) => [i * 40, 100 + i * 2, 30, 30] as const);
    const colon = [250, 125, 6, 6] as const;
    expect(lineSlope([...words, colon])).toBeCloseTo(2 / 40, 3);
    expect(lineSlope(words.slice(0, 2))).toBeNull();
  });

  it('follows the slant: the band holds the line and not its neighbour', () => {
    // A page with a dark line running from (0, 20) down to (199, 40), and another 40 px below.
    const width = 200;
    const height = 120;
    const pixels = new Uint8Array(width * height).fill(255);
    for (let x = 0; x < width; x++) {
      const y = Math.round(20 + x * 0.1);
      for (const yy of [y - 2, y - 1, y, y + 1, y + 2, y + 38, y + 39, y + 40, y + 41, y + 42]) {
        pixels[yy * width + x] = 0;
      }
    }
    const words = [0, 1, 2, 3, 4].map((i) => [i * 40, Math.round(15 + i * 4), 30, 10] as const);
    const crop = cropLine({ width, height, pixels }, words, 0.1);
    // every column of the crop has the line's ink in the middle rows, none at the edges
    const mid = Math.floor(crop.height / 2);
    for (let x = 5; x < crop.width - 5; x++) {
      expect(crop.pixels[mid * crop.width + x]).toBe(0);
      expect(crop.pixels[x]).toBe(255);
      expect(crop.pixels[(crop.height - 1) * crop.width + x]).toBe(255);
    }
  });
});
