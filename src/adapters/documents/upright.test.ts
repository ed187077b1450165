import { describe, expect, it } from 'vitest';
import type { OcrEngine, OcrImage, Orientation } from '../../ports/ocr-engine.js';
import { recogniseUpright } from './upright.js';

const image = (tag: string): OcrImage => ({ format: 'tiff', bytes: new TextEncoder().encode(tag) });
const tagOf = (i: OcrImage) => new TextDecoder().decode(i.bytes);

/** An engine whose reading of each tagged image is given, and which logs its calls. */
function engine(
  readings: Record<string, number>,
  orientation: Orientation | null,
): { engine: OcrEngine; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    engine: {
      name: 'fake',
      recognise: (i) => {
        calls.push(`read ${tagOf(i)}`);
        return Promise.resolve([{ text: tagOf(i), confidence: readings[tagOf(i)] ?? 0 }]);
      },
      detectOrientation: (i) => {
        calls.push(`osd ${tagOf(i)}`);
        return Promise.resolve(orientation);
      },
    },
  };
}

const options = { timeoutMs: 1000 };
const page = { image: image('as-is'), turn: (d: number) => image(`turned ${d}`) };

describe('recogniseUpright', () => {
  it('reads an upright page once and asks nothing more', async () => {
    const e = engine({ 'as-is': 0.9 }, { rotate: 180, confidence: 20 });
    expect(await recogniseUpright(e.engine, page, options)).toMatchObject({ turned: 0 });
    expect(e.calls).toEqual(['read as-is']);
  });

  it('turns an unsure page the way the engine says is up, and reads it again', async () => {
    const e = engine({ 'as-is': 0.2, 'turned 90': 0.88 }, { rotate: 90, confidence: 18 });
    const r = await recogniseUpright(e.engine, page, options);
    expect(r).toEqual({ page: { text: 'turned 90', confidence: 0.88 }, turned: 90 });
    expect(e.calls).toEqual(['read as-is', 'osd as-is', 'read turned 90']);
  });

  it('keeps the first reading when the engine cannot tell, guesses, or the turn reads worse', async () => {
    for (const [orientation, readings] of [
      [null, {}],
      [{ rotate: 0, confidence: 20 }, {}],
      [{ rotate: 270, confidence: 0.5 }, { 'turned 270': 0.9 }],
      [{ rotate: 180, confidence: 20 }, { 'turned 180': 0.1 }],
    ] as const) {
      const e = engine({ 'as-is': 0.3, ...readings }, orientation);
      const r = await recogniseUpright(e.engine, page, options);
      expect(r).toEqual({ page: { text: 'as-is', confidence: 0.3 }, turned: 0 });
    }
  });

  it('cannot turn what it has no pixels of', async () => {
    const e = engine({ 'as-is': 0.1 }, { rotate: 90, confidence: 18 });
    const r = await recogniseUpright(e.engine, { image: image('as-is') }, options);
    expect(r.turned).toBe(0);
    expect(e.calls).toEqual(['read as-is']);
  });

  it('gives the boxes of a page read after a turn on the page as it was uploaded', async () => {
    // a 300 × 200 page turned 90° clockwise is 200 wide, 300 high; a line read on it at 20, 50
    const box = [20, 50, 100, 10] as const;
    const turnedRead = {
      text: 'turned 90',
      confidence: 0.9,
      width: 200,
      height: 300,
      lines: [{ box, words: [box] }],
    };
    const fake: OcrEngine = {
      name: 'fake',
      recognise: (i) =>
        Promise.resolve([tagOf(i) === 'as-is' ? { text: 'as-is', confidence: 0.1 } : turnedRead]),
      detectOrientation: () => Promise.resolve({ rotate: 90, confidence: 18 }),
    };
    const r = await recogniseUpright(fake, page, options);
    expect(r.turned).toBe(90);
    expect([r.page.width, r.page.height]).toEqual([300, 200]);
    // 90° clockwise took (x, y) to (200 − y, x): the line was at x 50–60, y 80–180 before
    expect(r.page.lines?.[0]?.box).toEqual([50, 80, 10, 100]);
  });
});
