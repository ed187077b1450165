/**
 * Issue 19, "/healthz is never blocked by request work": a deadlines computation yields to the event
 * loop between licences, and the time between two turns is shared by every computation running at
 * once (four concurrent pages hold the loop about as long as one), without starving any of them.
 * Units of work here are busy-waits of at least 1 ms, so a slower machine only makes fewer of them
 * fit in a turn: the bounds below cannot be broken by load.
 */
import { describe, expect, it } from 'vitest';
import { SLICE_MS, slicer } from '../src/app/deadlines/event-loop-slices.js';

/** Hold the thread for at least `ms`, as a licence's computation does. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

/** `units` units of 1 ms each, pausing before each like pageOrganisationDeadlines; the turn of each. */
async function compute(units: number, turn: () => number): Promise<number[]> {
  const pause = slicer();
  const turns: number[] = [];
  for (let i = 0; i < units; i++) {
    await pause();
    busy(1);
    turns.push(turn());
  }
  return turns;
}

/** Counts the turns of the event loop (an immediate that queues itself) until stopped. */
function turnCounter(): { now: () => number; stop: () => void } {
  let turn = 0;
  let running = true;
  const tick = () => {
    turn += 1;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    now: () => turn,
    stop: () => {
      running = false;
    },
  };
}

describe('deadline computations share the event loop (event-loop-slices.ts)', () => {
  it('a timer set when a long computation starts fires long before it ends', async () => {
    let firedAfter: number | undefined;
    let done = 0;
    const fired = new Promise<void>((resolve) =>
      setTimeout(() => {
        firedAfter = done;
        resolve();
      }, 0),
    );
    const pause = slicer();
    for (let i = 0; i < 200; i++) {
      await pause();
      busy(1);
      done += 1;
    }
    await fired;
    // 200 ms of work; the timer waited for one slice of it, not for all of it
    expect(firedAfter).toBeDefined();
    expect(firedAfter).toBeLessThan(2 * SLICE_MS + 2);
  });

  it('four concurrent computations get one budget per turn between them, and each progresses', async () => {
    const counter = turnCounter();
    const runs = await Promise.all([1, 2, 3, 4].map(() => compute(60, counter.now)));
    counter.stop();
    const perTurn = new Map<number, number>();
    for (const t of runs.flat()) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
    // in a turn: the budget's units (≥ 1 ms each) plus the first unit of each other computation;
    // four budgets of their own (the old slicer) would allow 4 × (SLICE_MS + 1)
    const bound = SLICE_MS + 1 + 3;
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(bound);
    // none starves: every computation does a unit in most turns it waits through
    for (const turns of runs) {
      expect(turns).toHaveLength(60);
      const span = (turns[turns.length - 1] ?? 0) - (turns[0] ?? 0) + 1;
      expect(span).toBeLessThanOrEqual(2 * 60);
    }
  });
});
