import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../core/errors.js';
import { DEFAULT_DOCUMENT_LIMITS, poolWidth, runPipeline, runPool } from './ocr-pool.js';

const limits = { ...DEFAULT_DOCUMENT_LIMITS, workers: 64 };
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new Error('aborted'));
    });
  });

describe('runPool', () => {
  it('is never wider than the cores, and returns results in page order', async () => {
    expect(poolWidth(limits)).toBe(availableParallelism());
    let running = 0;
    let widest = 0;
    const out = await runPool(
      6,
      async (i) => {
        widest = Math.max(widest, ++running);
        await sleep(5 * (6 - i));
        running--;
        return i * 10;
      },
      { limits, name: 'x' },
    );
    expect(out).toEqual([0, 10, 20, 30, 40, 50]);
    expect(widest).toBeLessThanOrEqual(availableParallelism());
  });

  it('stops every page when the total time runs out, with an INPUT_TOO_LARGE error', async () => {
    const p = runPool(4, (_i, signal) => sleep(10_000, signal), {
      limits: { ...limits, totalTimeoutMs: 50 },
      name: 'slow.pdf',
    });
    await expect(p).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE' });
    await expect(p).rejects.toThrow(/slow\.pdf/u);
  });

  it('fails with the first page error and starts no further pages', async () => {
    const started: number[] = [];
    const p = runPool(
      10,
      async (i) => {
        started.push(i);
        if (i === 0) throw new DomainError('UNREADABLE_DOCUMENT', 'bad page');
        await sleep(20);
        return i;
      },
      { limits: { ...limits, workers: 1 }, name: 'x' },
    );
    await expect(p).rejects.toThrow('bad page');
    expect(started).toEqual([0]);
  });
});

describe('runPipeline', () => {
  it('reads the costliest prepared page first, and returns results in page order', async () => {
    const order: number[] = [];
    // One worker, two pages prepared ahead: page 0 is read as soon as it is ready; meanwhile 1 and
    // 2 are prepared, 1 (cost 5) is read, 3 (cost 9) is prepared, read before 2 (cost 2).
    const costs = [1, 5, 2, 9];
    const out = await runPipeline(
      4,
      async (i) => {
        await sleep(1);
        return { value: `p${i}`, cost: costs[i] ?? 0 };
      },
      async (value, i) => {
        order.push(i);
        await sleep(30);
        return value.toUpperCase();
      },
      { limits: { ...limits, workers: 1 }, name: 'x' },
    );
    expect(out).toEqual(['P0', 'P1', 'P2', 'P3']);
    expect(order[0]).toBe(0);
    expect(order).toEqual([0, 1, 3, 2]);
  });

  it('prepares one page at a time, at most twice the pool width ahead of the reading', async () => {
    let preparing = 0;
    let mostPreparing = 0;
    let prepared = 0;
    let read = 0;
    let mostAhead = 0;
    await runPipeline(
      8,
      async () => {
        mostPreparing = Math.max(mostPreparing, ++preparing);
        await sleep(1);
        preparing--;
        prepared++;
        mostAhead = Math.max(mostAhead, prepared - read);
        return { value: 0, cost: 0 };
      },
      async () => {
        await sleep(10);
        read++;
      },
      { limits: { ...limits, workers: 2 }, name: 'x' },
    );
    expect(mostPreparing).toBe(1);
    // ≤ 2 × width waiting + ≤ width being read
    expect(mostAhead).toBeLessThanOrEqual(3 * Math.min(2, availableParallelism()));
  });

  it('skips pages with nothing to read, counting them in the progress', async () => {
    const progress: number[] = [];
    const out = await runPipeline(
      3,
      (i) => Promise.resolve(i === 1 ? null : { value: i, cost: 0 }),
      (v) => Promise.resolve(v * 2),
      { limits, name: 'x', onProgress: (p) => progress.push(p.done) },
    );
    expect(out).toEqual([0, null, 4]);
    expect(progress).toEqual([0, 1, 2, 3]);
  });

  it('stops the reading when preparing a page fails, with that error', async () => {
    const read: number[] = [];
    const p = runPipeline(
      5,
      async (i) => {
        await sleep(1);
        if (i === 2) throw new DomainError('UNREADABLE_DOCUMENT', 'page 3 is corrupt');
        return { value: i, cost: 0 };
      },
      async (v, _i, signal) => {
        read.push(v);
        await sleep(200, signal);
        return v;
      },
      { limits: { ...limits, workers: 1 }, name: 'x' },
    );
    await expect(p).rejects.toThrow('page 3 is corrupt');
    expect(read).toEqual([0]);
  });
});
