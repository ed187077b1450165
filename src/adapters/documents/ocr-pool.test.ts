import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../core/errors.js';
import { DEFAULT_DOCUMENT_LIMITS, poolWidth, runPool } from './ocr-pool.js';

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
