import { describe, expect, it } from 'vitest';
import { allPages } from './all-pages';

describe('allPages', () => {
  it('follows next until it is null, asking for the largest page, and keeps the order', async () => {
    const asked: unknown[] = [];
    const pages: Record<string, { items: number[]; next: string | null }> = {
      first: { items: [1, 2], next: 'b' },
      b: { items: [3], next: 'c' },
      c: { items: [], next: null },
    };
    const all = await allPages((query) => {
      asked.push(query);
      return Promise.resolve(pages[query.cursor ?? 'first'] ?? { items: [], next: null });
    });
    expect(all.items).toEqual([1, 2, 3]);
    expect(asked).toEqual([
      { limit: 1000 },
      { limit: 1000, cursor: 'b' },
      { limit: 1000, cursor: 'c' },
    ]);
  });

  it('stops after one page from a server that sends no next', async () => {
    let calls = 0;
    const all = await allPages(() => {
      calls++;
      return Promise.resolve({ items: ['x'] });
    });
    expect(all.items).toEqual(['x']);
    expect(calls).toBe(1);
  });
});
