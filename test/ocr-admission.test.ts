/**
 * Admission control for OCR (issue 19): the process-wide page limiter (bound, round-robin by
 * organisation, BUSY when the queue is full, release on abort), the quotas counted in the database
 * (both dialects), and, with Tesseract, the reproductions through the real HTTP app: six
 * concurrent image uploads never run more engines than the bound, a client that disconnects
 * leaves no engine running a second later, and an organisation over its page quota gets 429.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KyselyLicenceStore } from '../src/adapters/db/licence.repository.js';
import { KyselyUsageCounterStore } from '../src/adapters/db/ocr-usage.repository.js';
import { migrateToLatest, openDatabase } from '../src/adapters/db/open-database.js';
import { createOcrAdmission, type OcrTicket } from '../src/adapters/documents/ocr-admission.js';
import { createDocumentTextSources } from '../src/adapters/documents/ocr-document-sources.js';
import { DEFAULT_DOCUMENT_LIMITS, runPipeline } from '../src/adapters/documents/ocr-pool.js';
import { checkTesseract } from '../src/adapters/documents/ocr-tesseract-cli.js';
import { nodeHasher } from '../src/adapters/node-hasher.js';
import type { ParseDocumentDeps } from '../src/app/documents/parse-document.js';
import { createUsageQuota } from '../src/app/documents/usage-quota.js';
import { DomainError, isDomainError } from '../src/core/errors.js';
import type { UsageCounterStore } from '../src/ports/usage-quota.js';
import { documentBytes, imageOnlyPdf } from './documents-builders.js';
import { bearer, expectProblem, harnessFor } from './http-harness.js';
import { describeWith } from './require-service.js';
import {
  describeEachDialect,
  fixedClock,
  type DialectHarness,
  type TestDatabase,
} from './registry-dialects.js';

/** A promise's outcome, without awaiting it: for asserting what has been granted so far. */
function settled<T>(p: Promise<T>): { value?: T; error?: unknown; done: boolean } {
  const state: { value?: T; error?: unknown; done: boolean } = { done: false };
  p.then(
    (v) => {
      state.value = v;
      state.done = true;
    },
    (e: unknown) => {
      state.error = e;
      state.done = true;
    },
  );
  return state;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function busyOf(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!isDomainError(e)) throw new Error(`expected a DomainError, got ${String(e)}`);
  return e;
}

describe('the OCR page limiter', () => {
  it('grants at most the bound across documents, and the next page when one is released', async () => {
    const limiter = createOcrAdmission({ pagesInFlight: 2, queuePages: 64 });
    const tickets = await Promise.all(
      ['a', 'b', 'c'].map((org) => limiter.admit({ organisation: org, pages: 3, name: org })),
    );
    const grants = tickets.flatMap((t) => [0, 1, 2].map(() => settled(t.acquire())));
    await tick();
    expect(grants.filter((g) => g.done)).toHaveLength(2);
    expect(limiter.stats().running).toBe(2);
    const first = grants.find((g) => g.done)?.value;
    first?.();
    first?.(); // a second release of the same slot is ignored
    await tick();
    expect(grants.filter((g) => g.done)).toHaveLength(3);
    expect(limiter.stats().running).toBe(2);
  });

  it('serves waiting pages round-robin by organisation: a 1-page scan is not behind a 5-page PDF', async () => {
    const limiter = createOcrAdmission({ pagesInFlight: 1, queuePages: 64 });
    const order: string[] = [];
    const releases: (() => void)[] = [];
    const take = (org: string, t: OcrTicket) =>
      t.acquire().then((release) => {
        order.push(org);
        releases.push(release);
      });
    const a = await limiter.admit({ organisation: 'a', pages: 5, name: 'a.pdf' });
    const waits = [0, 1, 2, 3, 4].map(() => take('a', a));
    const b = await limiter.admit({ organisation: 'b', pages: 1, name: 'b.jpg' });
    waits.push(take('b', b));
    const c = await limiter.admit({ organisation: 'c', pages: 1, name: 'c.jpg' });
    waits.push(take('c', c));
    for (let i = 0; i < 7; i++) {
      await tick();
      releases.shift()?.();
    }
    await Promise.all(waits);
    // first come first served would have been a a a a a b c
    expect(order).toEqual(['a', 'a', 'b', 'c', 'a', 'a', 'a']);
  });

  it('refuses a document up front (BUSY, Retry-After) when its organisation’s share or the queue is full', async () => {
    // 8 pages wait at most, 2 of them one organisation's
    const limiter = createOcrAdmission({ pagesInFlight: 1, queuePages: 8, pageSeconds: 3 });
    await limiter.admit({ organisation: 'a', pages: 2, name: 'a1' });
    const share = await busyOf(limiter.admit({ organisation: 'a', pages: 1, name: 'a2.jpg' }));
    expect(share.code).toBe('BUSY');
    expect(share.message).toContain('a2.jpg');
    expect(share.messageEn).toContain('share of 2');
    expect(share.retryAfterSeconds).toBe(6); // 2 pages × 3 s on one slot
    // a document larger than the share goes when its organisation has nothing waiting
    await limiter.admit({ organisation: 'b', pages: 40, name: 'b.pdf' });
    await limiter.admit({ organisation: 'c', pages: 2, name: 'c' });
    await limiter.admit({ organisation: 'd', pages: 2, name: 'd' });
    const full = await busyOf(limiter.admit({ organisation: 'e', pages: 1, name: 'e.jpg' }));
    expect(full.code).toBe('BUSY');
    expect(full.messageEn).toContain('the OCR queue is full (at most 8 pages wait)');
    expect(full.retryAfterSeconds).toBeGreaterThan(0);
    // nothing was reserved for the refused ones
    expect(limiter.stats().waiting).toBe(2 + 40 + 2 + 2);
  });

  it('gives the reservation back when the quota refuses the document', async () => {
    const limiter = createOcrAdmission({ pagesInFlight: 1, queuePages: 8 });
    const quota = new DomainError('RATE_LIMITED', '配额', 'quota', { retryAfterSeconds: 60 });
    const e = await busyOf(
      limiter.admit({
        organisation: 'a',
        pages: 2,
        name: 'a',
        charge: () => Promise.reject(quota),
      }),
    );
    expect(e).toBe(quota);
    expect(limiter.stats().waiting).toBe(0);
    await limiter.admit({ organisation: 'a', pages: 2, name: 'a' });
  });

  it('takes an aborted page out of the queue at once, and close() frees the pages never started', async () => {
    const limiter = createOcrAdmission({ pagesInFlight: 1, queuePages: 64 });
    const a = await limiter.admit({ organisation: 'a', pages: 1, name: 'a' });
    const held = await a.acquire();
    const b = await limiter.admit({ organisation: 'b', pages: 3, name: 'b' });
    const controller = new AbortController();
    const waiting = settled(b.acquire(controller.signal));
    const gone = new DomainError('GONE', '走了', 'gone');
    controller.abort(gone);
    await tick();
    expect(waiting.error).toBe(gone);
    held();
    await tick();
    expect(limiter.stats().running).toBe(0);
    expect(limiter.stats().waiting).toBe(3);
    b.close();
    expect(limiter.stats().waiting).toBe(0);
  });

  it('bounds every pipeline of the process together, and a caller’s abort stops one', async () => {
    const limiter = createOcrAdmission({ pagesInFlight: 1, queuePages: 64 });
    let running = 0;
    let most = 0;
    const work = async (_v: number, _i: number, signal: AbortSignal) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      signal.throwIfAborted();
      return 1;
    };
    const prepare = (i: number) => Promise.resolve({ value: i, cost: 0 });
    const limits = { ...DEFAULT_DOCUMENT_LIMITS, workers: 4 };
    const run = (org: string, signal?: AbortSignal) =>
      runPipeline(4, prepare, work, {
        limits,
        name: org,
        signal,
        admission: { limiter, organisation: org },
      });
    const controller = new AbortController();
    const stopped = run('c', controller.signal);
    const gone = new DomainError('GONE', '走了', 'gone');
    controller.abort(gone);
    await expect(stopped).rejects.toBe(gone);
    expect(await Promise.all([run('a'), run('b')])).toEqual([
      [1, 1, 1, 1],
      [1, 1, 1, 1],
    ]);
    expect(most).toBe(1);
    expect(limiter.stats()).toMatchObject({ running: 0, waiting: 0 });
  });
});

describeEachDialect('the OCR and upload quotas', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await dialect.fresh();
  });
  afterAll(async () => {
    await db.close();
  });

  it('counts concurrent charges atomically and never past the limit', async () => {
    const store = new KyselyUsageCounterStore(db.open.db);
    const window = '2026-12-07T15:00:00.000Z';
    const totals = await Promise.all(
      Array.from({ length: 12 }, () => store.charge('acme', 'ocr-pages', window, 1, 5)),
    );
    expect(totals.filter((t) => t !== null).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(await store.charge('acme', 'ocr-pages', window, 1, 5)).toBeNull();
    // another organisation, another meter, another window: counted apart
    expect(await store.charge('other', 'ocr-pages', window, 2, 5)).toBe(2);
    expect(await store.charge('acme', 'upload-bytes', window, 3_000_000_000, 4_000_000_000)).toBe(
      3_000_000_000,
    );
    expect(await store.charge('acme', 'ocr-pages', '2026-12-07T16:00:00.000Z', 4, 5)).toBe(4);
  });

  it('refuses with RATE_LIMITED naming the quota and when it frees, and frees in the next hour', async () => {
    const clock = fixedClock('2026-12-07T15:59:30.000Z');
    const quota = createUsageQuota(new KyselyUsageCounterStore(db.open.db), clock, {
      ocrPagesPerHour: 3,
      uploadBytesPerDay: 1000,
    });
    await quota.chargeOcrPages('quota-org', 2);
    const e = await busyOf(quota.chargeOcrPages('quota-org', 2));
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.retryAfterSeconds).toBe(30);
    expect(e.message).toContain('每小时 3 页的文字识别配额已用尽');
    expect(e.messageEn).toContain('3 OCR pages per hour');
    expect(e.messageEn).toContain('2026-12-07T16:00:00.000Z');
    // more than the quota itself can never pass: too large, not "later"
    expect((await busyOf(quota.chargeOcrPages('quota-org', 4))).code).toBe('INPUT_TOO_LARGE');
    await quota.chargeUploadBytes('quota-org', 900);
    const bytes = await busyOf(quota.chargeUploadBytes('quota-org', 200));
    expect(bytes.messageEn).toContain('upload quota of 1000 bytes per day');
    expect(bytes.retryAfterSeconds).toBe(8 * 3600 + 30);
    clock.set('2026-12-07T16:00:00.000Z');
    await quota.chargeOcrPages('quota-org', 3);
  });
});

// ---------------------------------------------------------------------------------------------
// The reproductions, with Tesseract, through the HTTP app listening on a port.

const tesseract = checkTesseract();

/** This process's tesseract children, from /proc (another process's engines are not ours). */
function ourTesseracts(): number {
  let n = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces, so read after the last ')'
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === 'tesseract' && ppid === process.pid) n++;
    } catch {
      // the process ended while we looked
    }
  }
  return n;
}

/** SQLite only: the OCR is the cost here, not the dialect. */
function sqliteOnly(): DialectHarness {
  const dir = mkdtempSync(join(tmpdir(), 'xuke-ocr-admission-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  let n = 0;
  return {
    name: 'SQLite',
    fresh: async () => {
      const path = join(dir, `db-${++n}.sqlite`);
      const config = { dialect: 'sqlite', path } as const;
      const open = await openDatabase(config);
      await migrateToLatest(open.db);
      return {
        config,
        url: `sqlite://${path}`,
        open,
        store: (clock = fixedClock()) => new KyselyLicenceStore(open.db, clock),
        close: () => open.close(),
      };
    },
  };
}

const BOUND = 2;
/** the quota store, once the harness's database exists */
let counters: UsageCounterStore | undefined;
const documents: ParseDocumentDeps = {
  sources: createDocumentTextSources({
    admission: createOcrAdmission({ pagesInFlight: BOUND, queuePages: 64 }),
  }),
  hasher: nodeHasher,
  maxBytes: 32 << 20,
  quota: createUsageQuota(
    {
      charge: (...args) => {
        if (!counters) throw new Error('no database yet');
        return counters.charge(...args);
      },
    },
    { now: () => new Date() },
    // 7 pages an hour: the flood's six, the cancelled PDF's (another organisation), then refusals
    { ocrPagesPerHour: 7, uploadBytesPerDay: 0 },
  ),
};

describeWith(
  'Tesseract',
  tesseract.ok,
  tesseract.ok ? '' : `${tesseract.reason} (apt-get install tesseract-ocr tesseract-ocr-chi-sim)`,
)('OCR admission through the HTTP API', () => {
  const h = harnessFor(
    sqliteOnly(),
    {},
    {},
    { documents, asyncDocuments: { bytes: 64 << 20, pages: 100 } },
  );
  let base: URL;
  beforeAll(async () => {
    counters = new KyselyUsageCounterStore(h.db.open.db);
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = h.app.server.address() as AddressInfo;
    base = new URL(`http://127.0.0.1:${port}/api/v1/documents`);
  });

  /** POST a JPEG body; resolves with the status and body (or rejects when the socket is destroyed). */
  const upload = (
    bytes: Uint8Array,
    token: string,
    contentType: string,
    onRequest?: (destroy: () => void) => void,
  ) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
      (resolve, reject) => {
        const req = httpRequest(
          base,
          {
            method: 'POST',
            headers: { ...bearer(token), 'content-type': contentType },
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (body += c));
            res.on('end', () => {
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
            });
          },
        );
        req.on('error', reject);
        req.end(bytes);
        onRequest?.(() => req.destroy());
      },
    );

  it('six concurrent image uploads never run more Tesseract processes than the bound', async () => {
    const pages = [documentBytes('huPage1'), documentBytes('huPage2')];
    let most = 0;
    const sampler = setInterval(() => {
      most = Math.max(most, ourTesseracts());
    }, 50);
    try {
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          upload(pages[i % 2] as Uint8Array, h.tokens.member, 'image/jpeg'),
        ),
      );
      for (const a of answers) expect(a.status, a.body).toBe(200);
    } finally {
      clearInterval(sampler);
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(BOUND);
  }, 180_000);

  it('a client that disconnects leaves no Tesseract process of its upload a second later', async () => {
    const page = documentBytes('huPage1');
    const pdf = imageOnlyPdf([page, page, page, page]);
    let gone = 0;
    const answered = upload(pdf, h.tokens.otherAdmin, 'application/pdf', (destroy) => {
      const watch = setInterval(() => {
        if (ourTesseracts() > 0) {
          clearInterval(watch);
          destroy();
          gone = performance.now();
        }
      }, 20);
    });
    await expect(answered).rejects.toThrow();
    while (ourTesseracts() > 0 && performance.now() - gone < 1000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(ourTesseracts()).toBe(0);
    // and none starts later for the abandoned pages
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ourTesseracts()).toBe(0);
  }, 120_000);

  it('an organisation over its OCR pages per hour gets 429 with Retry-After naming the quota', async () => {
    // the flood spent six of acme's seven pages: one more page passes, the next does not
    const first = await upload(documentBytes('huPage1'), h.tokens.member, 'image/jpeg');
    expect(first.status, first.body).toBe(200);
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/documents',
      headers: { ...bearer(h.tokens.member), 'content-type': 'image/jpeg' },
      payload: Buffer.from(documentBytes('huPage2')),
    });
    const problem = expectProblem(res, 429, 'RATE_LIMITED');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(String(problem['detail'])).toMatch(/7 OCR pages per hour|每小时 7 页/u);
    expect(ourTesseracts()).toBe(0);
  }, 120_000);
});
