/**
 * Issue 19, "Paging and limits everywhere": GET /deadlines was one answer of every occurrence of
 * every licence (5.6 MB and 0.5 s of CPU for 1,500 licences), and four such requests held /healthz
 * up for 2 s. Every list now pages like the licence list (`limit`, `cursor`, `{ items, next }`);
 * a deadlines page is computed for the licences it needs, yields to the event loop between them,
 * and answers 503 with Retry-After past its time budget.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/app/access/create-api-token.js';
import { listOrganisationDeadlines } from '../src/app/deadlines/list-organisation-deadlines.js';
import type { NewLicence } from '../src/ports/licence-store.js';
import { generateLicences } from '../bench/registry-generator.js';
import { bearer, expectProblem, harnessFor, type HttpHarness } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

const BIG = 'big';
const LICENCES = 1500;

interface Occ {
  licence: string;
  id: string;
  dueOn: string;
  status: string;
}
interface Page<T> {
  items: T[];
  next: string | null;
}

function newLicence(licence: NewLicence['licence']): NewLicence {
  return {
    licence,
    status: 'valid',
    provenance: 'declared',
    event: { kind: 'issued', on: '2023-01-01', note: null, actor: 'test', data: null },
    document: null,
  };
}

async function get(h: HttpHarness, url: string, token: string) {
  return h.app.inject({ method: 'GET', url, headers: bearer(token) });
}

/** Every page of a list, following next; the pages' item counts too. */
async function walk<T extends object>(
  h: HttpHarness,
  url: string,
  token: string,
  items: T[] = [],
): Promise<{ items: T[]; sizes: number[] }> {
  const sizes: number[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 10_000; n++) {
    const sep = url.includes('?') ? '&' : '?';
    const res = await get(
      h,
      cursor === null ? url : `${url}${sep}cursor=${encodeURIComponent(cursor)}`,
      token,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Page<T>>();
    items.push(...body.items);
    sizes.push(body.items.length);
    cursor = body.next;
    if (cursor === null) return { items, sizes };
  }
  throw new Error('the pages never end');
}

const key = (o: Occ) => `${o.licence} ${o.id}`;

describeEachDialect('every list is paged; /healthz is never blocked (issue 19)', (dialect) => {
  const h = harnessFor(dialect);
  let big = '';
  /** every occurrence of the big organisation, as the whole computation gives them */
  let all: Occ[] = [];

  beforeAll(async () => {
    big = (await createApiToken({ organisation: BIG, role: 'admin', name: 'big' }, h.deps.access))
      .token;
    const generated = generateLicences(LICENCES).map((g) => newLicence(g.licence));
    for (let i = 0; i < generated.length; i += 500) {
      await h.deps.registry.store.createLicences(BIG, generated.slice(i, i + 500));
    }
    all = (await listOrganisationDeadlines(BIG, h.deps.deadlines)).flatMap((r) =>
      r.occurrences.map((o) => ({
        licence: r.licence.number ?? '',
        id: o.id,
        dueOn: o.dueOn,
        status: o.status,
      })),
    );
  }, 60_000);

  describe('GET /api/v1/deadlines', () => {
    it('1,500 licences are no longer one answer of megabytes: the default page is bounded', async () => {
      expect(all.length).toBeGreaterThan(1000);
      const res = await get(h, '/api/v1/deadlines', big);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<Page<Occ>>();
      expect(body.items).toHaveLength(100);
      expect(body.next).not.toBeNull();
      expect(Buffer.byteLength(res.body)).toBeLessThan(256 * 1024);
    });

    it('the pages cover every occurrence exactly once, by licence then due date', async () => {
      const { items, sizes } = await walk<Occ>(h, '/api/v1/deadlines?limit=1000', big);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(1000);
      expect(items.map(key).sort()).toEqual(all.map(key).sort());
      expect(new Set(items.map(key)).size).toBe(items.length);
      const order = items.map((o) => [o.licence, o.dueOn, o.id].join(' '));
      // the registry's order of numbers is the database's; within a licence, by due date then id
      for (let i = 1; i < items.length; i++) {
        const [a, b] = [items[i - 1] as Occ, items[i] as Occ];
        if (a.licence === b.licence) expect((order[i - 1] ?? '') < (order[i] ?? '')).toBe(true);
      }
    }, 30_000);

    it('small pages with filters: each page holds at most limit, together exactly the matches', async () => {
      const { items, sizes } = await walk<Occ>(
        h,
        '/api/v1/deadlines?limit=7&status=overdue,due-soon&from=2020-01-01',
        big,
      );
      expect(Math.max(...sizes)).toBeLessThanOrEqual(7);
      const expected = all.filter(
        (o) => ['overdue', 'due-soon'].includes(o.status) && o.dueOn >= '2020-01-01',
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(items.map(key).sort()).toEqual(expected.map(key).sort());
    }, 30_000);

    it('a page is stable when licences are added meanwhile: none seen twice', async () => {
      const first = (await get(h, '/api/v1/deadlines?limit=50', big)).json<Page<Occ>>();
      await h.deps.registry.store.createLicences(
        BIG,
        generateLicences(3, 20_000).map((g) => newLicence(g.licence)),
      );
      const second = (
        await get(
          h,
          `/api/v1/deadlines?limit=50&cursor=${encodeURIComponent(first.next ?? '')}`,
          big,
        )
      ).json<Page<Occ>>();
      const seen = new Set(first.items.map(key));
      expect(second.items.some((o) => seen.has(key(o)))).toBe(false);
    });

    it('a malformed cursor is a 400 naming the parameter; a limit over 1,000 is a 400', async () => {
      for (const cursor of [
        'not a cursor!',
        'bm90LWpzb24',
        Buffer.from('[1,2]').toString('base64url'),
      ]) {
        const p = expectProblem(
          await get(h, `/api/v1/deadlines?cursor=${encodeURIComponent(cursor)}`, big),
          400,
          'INVALID_INPUT',
        );
        expect(JSON.stringify(p)).toContain('cursor');
      }
      const p = expectProblem(await get(h, '/api/v1/deadlines?limit=1001', big), 400);
      expect(JSON.stringify(p)).toContain('limit');
    });

    it('a page over its time budget answers 503 with Retry-After', async () => {
      const deps = h.deps.deadlines as { pageBudgetMs?: number };
      deps.pageBudgetMs = 1;
      try {
        const res = await get(h, '/api/v1/deadlines?limit=1000', big);
        expectProblem(res, 503, 'SERVICE_UNAVAILABLE');
        expect(res.headers['retry-after']).toBe('5');
      } finally {
        delete deps.pageBudgetMs;
      }
    });

    it('/healthz answers while a page of deadlines is being computed', async () => {
      const finished: string[] = [];
      const deadlines = h.app
        .inject({ method: 'GET', url: '/api/v1/deadlines?limit=1000', headers: bearer(big) })
        .then((r) => {
          finished.push('deadlines');
          return r;
        });
      // once the deadlines request is under way
      await new Promise((resolve) => setTimeout(resolve, 5));
      const health = await h.app.inject({ method: 'GET', url: '/healthz' });
      finished.push('healthz');
      expect(health.statusCode).toBe(200);
      expect((await deadlines).statusCode).toBe(200);
      expect(finished).toEqual(['healthz', 'deadlines']);
    });
  });

  describe('the other lists', () => {
    it('webhooks: limit, next, every subscription once; malformed cursor and limit are 400', async () => {
      const made: string[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await h.app.inject({
          method: 'POST',
          url: '/api/v1/webhooks',
          headers: bearer(h.tokens.admin),
          payload: { url: `https://hooks.example.com/x${i}`, description: `hook ${i}` },
        });
        expect(res.statusCode, res.body).toBe(201);
        made.push(res.json<{ id: string }>().id);
      }
      const { items, sizes } = await walk<{ id: string }>(
        h,
        '/api/v1/webhooks?limit=2',
        h.tokens.admin,
      );
      expect(sizes).toEqual([2, 2, 1]);
      // the clock stands still: created at the same moment, they are in id order
      expect(items.map((w) => w.id)).toEqual([...made].sort());
      const bad = expectProblem(
        await get(h, '/api/v1/webhooks?cursor=%7B%7D', h.tokens.admin),
        400,
      );
      expect(JSON.stringify(bad)).toContain('cursor');
      expectProblem(await get(h, '/api/v1/webhooks?limit=1001', h.tokens.admin), 400);
    });

    it('organisations: paged by id', async () => {
      const one = await walk<{ id: string }>(h, '/api/v1/organisations', h.tokens.admin);
      const { items, sizes } = await walk<{ id: string }>(
        h,
        '/api/v1/organisations?limit=1',
        h.tokens.admin,
      );
      expect(sizes.every((s) => s <= 1)).toBe(true);
      expect(items.map((o) => o.id)).toEqual(one.items.map((o) => o.id));
      expect(items.length).toBeGreaterThan(1);
      expect([...items.map((o) => o.id)].sort()).toEqual(items.map((o) => o.id));
    });

    it('annual reports, list entries, spot checks, documents answer { items, next }', async () => {
      for (const url of [
        '/api/v1/annual-reports?limit=5',
        '/api/v1/licences/%E4%BA%ACB2-20180910/documents?limit=1',
        '/api/v1/confirmations?number=%E4%BA%ACB2-20180910&limit=5',
      ]) {
        const res = await get(h, url, h.tokens.admin);
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
        const page = res.json<Page<unknown>>();
        expect(page).toHaveProperty('next');
        expect(page.items.length).toBeLessThanOrEqual(5);
      }
      for (const url of [
        '/api/v1/annual-reports?cursor=x%20y',
        '/api/v1/licences/%E4%BA%ACB2-20180910/documents?cursor=x%20y',
        '/api/v1/public/credit-lists?cursor=x%20y',
      ]) {
        expect(JSON.stringify(expectProblem(await get(h, url, h.tokens.admin), 400))).toContain(
          'cursor',
        );
      }
    });
  });
});
