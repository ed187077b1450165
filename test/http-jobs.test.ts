/**
 * The jobs API (issue 19, docs/http-api.md "Jobs") through the real app and the real queue on each
 * database: an upload over the size threshold, a PDF of more pages than the page threshold, or one
 * sent with `Prefer: respond-async` is answered 202 with the JobView and a Location; polled to done,
 * its result is the synchronous answer; the event stream sends the job's changes and ends with the
 * final state; DELETE cancels; another organisation's job is 404; a viewer cannot cancel what it
 * could not start; event streams per caller are bounded; scans and bulk checks are jobs too.
 *
 * Documents named `slow-…` wait for the test's gate before their text is read, so a job can be
 * watched while it runs.
 */
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobView } from '../src/adapters/http/job-schemas.js';
import { prefersAsync } from '../src/adapters/http/document-jobs.js';
import { pdfPageCount } from '../src/main/job-handlers.js';
import type { ParseDocumentDeps } from '../src/app/documents/parse-document.js';
import { FIXTURES, TEXT_DOCUMENTS } from './fixtures.js';
import { bearer, expectProblem, harnessFor, type HttpHarness } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

const SEED_TEXT = readFileSync(FIXTURES.seed);
const B1B2_TEXT = readFileSync(FIXTURES.b1b2);
const ASYNC_BYTES = 64 * 1024;

/** A gate the `slow-…` documents wait at; `open()` lets every one through, now and later. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    opened,
    open: () => {
      open();
    },
  };
}

function slowDocuments(wait: Promise<void>): ParseDocumentDeps {
  const text = TEXT_DOCUMENTS.sources.text;
  if (text === undefined) throw new Error('the text source');
  return {
    ...TEXT_DOCUMENTS,
    sources: {
      ...TEXT_DOCUMENTS.sources,
      text: {
        extract: async (bytes, name, options) => {
          if (name.startsWith('slow-')) await wait;
          return text.extract(bytes, name, options);
        },
      },
    },
  };
}

/** A PDF of `pages` empty pages (pdf.js rebuilds the missing cross-reference table). */
function emptyPdf(pages: number): Uint8Array {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  const objects = [
    '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
    `2 0 obj <</Type /Pages /Kids [${kids}] /Count ${pages}>> endobj`,
    ...Array.from(
      { length: pages },
      (_, i) => `${i + 3} 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 100 100]>> endobj`,
    ),
  ];
  return new TextEncoder().encode(
    `%PDF-1.4\n${objects.join('\n')}\ntrailer <</Root 1 0 R /Size ${pages + 3}>>\n%%EOF\n`,
  );
}

function parseEvents(body: string): { event: string; data: JobView }[] {
  return body
    .split('\n\n')
    .filter((block) => block.startsWith('event: '))
    .map((block) => {
      const [event, data] = block.split('\n');
      return {
        event: (event ?? '').slice('event: '.length),
        data: JSON.parse((data ?? '').slice('data: '.length)) as JobView,
      };
    });
}

async function poll(h: HttpHarness, id: string, token = h.tokens.viewer): Promise<JobView> {
  for (let i = 0; i < 400; i++) {
    const res = await h.app.inject({ url: `/api/v1/jobs/${id}`, headers: bearer(token) });
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json<JobView>();
    if (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`job ${id} did not finish`);
}

describe('Prefer: respond-async', () => {
  it('is recognised among other preferences, and only as itself', () => {
    expect(prefersAsync('respond-async')).toBe(true);
    expect(prefersAsync('return=minimal, Respond-Async; wait=10')).toBe(true);
    expect(prefersAsync(['return=minimal', 'respond-async'])).toBe(true);
    expect(prefersAsync('respond-asyncx')).toBe(false);
    expect(prefersAsync(undefined)).toBe(false);
  });
});

describeEachDialect('jobs API', (dialect) => {
  const slow = gate();
  const h = harnessFor(
    dialect,
    {},
    {},
    {
      documents: slowDocuments(slow.opened),
      asyncDocuments: { bytes: ASYNC_BYTES, pages: 4, pdfPages: pdfPageCount },
    },
  );
  afterAll(() => {
    slow.open();
  });

  const upload = (
    body: Uint8Array | string,
    options: { token?: string; query?: string; prefer?: boolean; type?: string } = {},
  ) =>
    h.app.inject({
      method: 'POST',
      url: `/api/v1/documents${options.query ?? ''}`,
      headers: {
        ...bearer(options.token ?? h.tokens.member),
        'content-type': options.type ?? 'text/plain',
        ...(options.prefer === true ? { prefer: 'respond-async' } : {}),
      },
      payload: Buffer.from(body),
    });

  it('Prefer: respond-async → 202 and a job whose result is the synchronous answer', async () => {
    const started = await upload(SEED_TEXT, { query: '?name=seed.txt', prefer: true });
    expect(started.statusCode, started.body).toBe(202);
    const job = started.json<JobView>();
    expect(started.headers['location']).toBe(`/api/v1/jobs/${job.id}`);
    expect(job).toMatchObject({
      kind: 'document',
      result: null,
      error: null,
      links: { self: `/api/v1/jobs/${job.id}`, events: `/api/v1/jobs/${job.id}/events` },
    });
    expect(['queued', 'running', 'done']).toContain(job.state);

    const done = await poll(h, job.id);
    expect(done.state, JSON.stringify(done.error)).toBe('done');
    expect(done.progress).toEqual({ done: 1, total: 1 });
    expect(done.finishedAt).not.toBeNull();
    const sync = await upload(SEED_TEXT, { query: '?name=seed.txt' });
    expect(sync.statusCode, sync.body).toBe(200);
    expect(done.result).toEqual(sync.json());
    expect(done.result?.['saved']).toBeNull();
  });

  it('saves asynchronously: the result carries `saved` as the 201 answer would', async () => {
    const started = await upload(B1B2_TEXT, { query: '?save=true&name=b1b2.txt', prefer: true });
    expect(started.statusCode, started.body).toBe(202);
    const done = await poll(h, started.json<JobView>().id);
    expect(done.state, JSON.stringify(done.error)).toBe('done');
    expect(done.result?.['saved']).toMatchObject({
      outcome: 'created',
      licence: { number: 'B1.B2-20233345' },
    });
    const again = await upload(B1B2_TEXT, { query: '?save=true&name=b1b2.txt' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<{ saved: { outcome: string } }>().saved.outcome).toBe('unchanged');
  });

  it('a save refused for what it loses fails its job with the regressions the 409 lists', async () => {
    const held = await upload(B1B2_TEXT, { query: '?save=true&name=b1b2.txt' });
    expect([200, 201], held.body).toContain(held.statusCode);
    // the same licence without its legal representative's line: a step backwards
    const worse = B1B2_TEXT.toString('utf8').replace(/^法定代表人：.*\n/mu, '');
    const sync = await upload(worse, { query: '?save=true&name=worse.txt' });
    const problem = expectProblem(sync, 409, 'REGRESSION');
    expect(problem.regressions).toContainEqual(
      expect.objectContaining({ field: 'holder.legalRepresentative', kind: 'lost' }),
    );
    const started = await upload(worse, { query: '?save=true&name=worse.txt', prefer: true });
    expect(started.statusCode, started.body).toBe(202);
    const failed = await poll(h, started.json<JobView>().id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'REGRESSION' });
    expect(failed.error?.regressions).toEqual(problem.regressions);
  });

  it('a body over the size threshold or a PDF over the page threshold is queued; small ones are not', async () => {
    const large = Buffer.concat([SEED_TEXT, Buffer.alloc(ASYNC_BYTES, 0x0a)]);
    const big = await upload(large, { query: '?name=big.txt' });
    expect(big.statusCode, big.body).toBe(202);
    expect((await poll(h, big.json<JobView>().id)).state).toBe('done');

    const many = await upload(emptyPdf(5), { type: 'application/pdf', query: '?name=p5.pdf' });
    expect(many.statusCode, many.body).toBe(202);
    // the harness reads text only: the job fails with the synchronous path's code
    const failed = await poll(h, many.json<JobView>().id);
    expect(failed.state).toBe('failed');
    expect(failed.error?.code).toBeTruthy();

    const few = await upload(emptyPdf(2), { type: 'application/pdf', query: '?name=p2.pdf' });
    expect(few.statusCode).not.toBe(202);
    expectProblem(few, few.statusCode, failed.error?.code);
    expect((await upload(SEED_TEXT)).statusCode).toBe(200);
  });

  it('a client that goes away releases its stream', async () => {
    const started = await upload(SEED_TEXT, { query: '?name=slow-gone.txt', prefer: true });
    const { id } = started.json<JobView>();
    const base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    /** A stream over a connection of its own: its status and first chunk; `close()` hangs up. */
    const open = () =>
      new Promise<{ status: number; first: string; close: () => void }>((resolve, reject) => {
        const req = get(
          `${base}/api/v1/jobs/${id}/events`,
          { headers: bearer(h.tokens.admin), agent: false },
          (res) => {
            res.once('data', (chunk: Buffer) => {
              resolve({
                status: res.statusCode ?? 0,
                first: chunk.toString('utf8'),
                close: () => req.destroy(),
              });
            });
          },
        );
        req.on('error', reject);
      });
    const streams = await Promise.all(Array.from({ length: 8 }, open));
    for (const st of streams) {
      expect(st.status).toBe(200);
      expect(st.first).toMatch(/^event: job\n/u);
    }
    const ninth = await open();
    expect(ninth.status).toBe(429);
    ninth.close();
    for (const st of streams) st.close();
    await new Promise((r) => setTimeout(r, 300));
    const again = await open();
    expect(again.status).toBe(200);
    again.close();
    await new Promise((r) => setTimeout(r, 100));
  });

  it('streams the job’s changes as server-sent events, ending with the final state', async () => {
    const started = await upload(SEED_TEXT, { query: '?name=slow-stream.txt', prefer: true });
    const { id } = started.json<JobView>();
    // the handler waits at the gate: running, with its progress
    for (let i = 0; i < 200; i++) {
      const job = (
        await h.app.inject({ url: `/api/v1/jobs/${id}`, headers: bearer(h.tokens.viewer) })
      ).json<JobView>();
      if (job.state === 'running' && job.progress !== null) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const stream = h.app.inject({
      url: `/api/v1/jobs/${id}/events`,
      headers: bearer(h.tokens.viewer),
    });
    setTimeout(slow.open, 700);
    const res = await stream;
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/event-stream/u);
    const events = parseEvents(res.body);
    expect(events.every((e) => e.event === 'job' && e.data.id === id)).toBe(true);
    expect(events[0]?.data).toMatchObject({ state: 'running', progress: { done: 0, total: 1 } });
    const last = events[events.length - 1]?.data;
    expect(last?.state).toBe('done');
    expect(last?.progress).toEqual({ done: 1, total: 1 });
    expect(last?.result?.['parse']).toBeTruthy();
    // each event is a change
    const texts = events.map((e) => JSON.stringify(e.data));
    expect(new Set(texts).size).toBe(texts.length);

    // a finished job's stream is its one final event
    const again = await h.app.inject({
      url: `/api/v1/jobs/${id}/events`,
      headers: bearer(h.tokens.viewer),
    });
    expect(parseEvents(again.body).map((e) => e.data.state)).toEqual(['done']);
  });
});

describeEachDialect('jobs API: cancel, isolation, roles, limits', (dialect) => {
  const slow = gate();
  const h = harnessFor(dialect, {}, {}, { documents: slowDocuments(slow.opened) });
  afterAll(() => {
    slow.open();
  });

  const startSlow = async (query = '?name=slow-x.txt', token = h.tokens.member) => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/v1/documents${query}`,
      headers: { ...bearer(token), 'content-type': 'text/plain', prefer: 'respond-async' },
      payload: SEED_TEXT,
    });
    expect(res.statusCode, res.body).toBe(202);
    return res.json<JobView>();
  };

  it('another organisation’s job is 404 everywhere; the list is the organisation’s own', async () => {
    const job = await startSlow();
    for (const req of [
      { url: `/api/v1/jobs/${job.id}` },
      { url: `/api/v1/jobs/${job.id}/events` },
      { method: 'DELETE' as const, url: `/api/v1/jobs/${job.id}` },
    ]) {
      expectProblem(
        await h.app.inject({ ...req, headers: bearer(h.tokens.otherAdmin) }),
        404,
        'NOT_FOUND',
      );
    }
    const mine = await h.app.inject({ url: '/api/v1/jobs', headers: bearer(h.tokens.viewer) });
    expect(mine.json<{ items: JobView[] }>().items.map((j) => j.id)).toContain(job.id);
    const theirs = await h.app.inject({
      url: '/api/v1/jobs',
      headers: bearer(h.tokens.otherAdmin),
    });
    expect(theirs.json<{ items: JobView[] }>().items.map((j) => j.id)).not.toContain(job.id);
    const scans = await h.app.inject({
      url: '/api/v1/jobs?kind=scan',
      headers: bearer(h.tokens.viewer),
    });
    expect(scans.json<{ items: JobView[] }>().items.map((j) => j.id)).not.toContain(job.id);
    expectProblem(await h.app.inject({ url: '/api/v1/jobs' }), 401);
    expectProblem(
      await h.app.inject({ url: '/api/v1/jobs/nope', headers: bearer(h.tokens.viewer) }),
      404,
    );
  });

  it('pages the list by cursor, newest first', async () => {
    await startSlow('?name=slow-page.txt');
    const first = await h.app.inject({
      url: '/api/v1/jobs?limit=1',
      headers: bearer(h.tokens.member),
    });
    const page = first.json<{ items: JobView[]; next: string | null }>();
    expect(page.items).toHaveLength(1);
    expect(page.next).not.toBeNull();
    const second = await h.app.inject({
      url: `/api/v1/jobs?limit=1&cursor=${page.next ?? ''}`,
      headers: bearer(h.tokens.member),
    });
    const next = second.json<{ items: JobView[] }>().items;
    expect(next).toHaveLength(1);
    expect(next[0]?.id).not.toBe(page.items[0]?.id);
    expect((next[0]?.createdAt ?? '') <= (page.items[0]?.createdAt ?? '')).toBe(true);
  });

  it('DELETE cancels a running job; a viewer cannot cancel what it could not start', async () => {
    const job = await startSlow('?name=slow-save.txt&save=true');
    expectProblem(
      await h.app.inject({
        method: 'DELETE',
        url: `/api/v1/jobs/${job.id}`,
        headers: bearer(h.tokens.viewer),
      }),
      403,
      'FORBIDDEN',
    );
    const res = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/jobs/${job.id}`,
      headers: bearer(h.tokens.member),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<JobView>().state).toBe('cancelled');
    const after = await h.app.inject({
      url: `/api/v1/jobs/${job.id}`,
      headers: bearer(h.tokens.viewer),
    });
    expect(after.json<JobView>()).toMatchObject({ state: 'cancelled', result: null });
    // cancelling a finished job answers it as it is
    const again = await h.app.inject({
      method: 'DELETE',
      url: `/api/v1/jobs/${job.id}`,
      headers: bearer(h.tokens.admin),
    });
    expect(again.json<JobView>().state).toBe('cancelled');
  });

  it('a viewer cancels its own check, not another’s', async () => {
    const own = await startSlow('?name=slow-v.txt', h.tokens.viewer);
    const members = await startSlow('?name=slow-m.txt', h.tokens.member);
    const del = (id: string) =>
      h.app.inject({
        method: 'DELETE',
        url: `/api/v1/jobs/${id}`,
        headers: bearer(h.tokens.viewer),
      });
    expectProblem(await del(members.id), 403, 'FORBIDDEN');
    const res = await del(own.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<JobView>().state).toBe('cancelled');
  });

  it('bounds the event streams one caller keeps open', async () => {
    const job = await startSlow('?name=slow-streams.txt');
    const open = Array.from({ length: 8 }, () =>
      h.app.inject({ url: `/api/v1/jobs/${job.id}/events`, headers: bearer(h.tokens.admin) }),
    );
    await new Promise((r) => setTimeout(r, 200));
    const refused = await h.app.inject({
      url: `/api/v1/jobs/${job.id}/events`,
      headers: bearer(h.tokens.admin),
    });
    const p = expectProblem(refused, 429, 'RATE_LIMITED');
    expect(refused.headers['retry-after']).toBeDefined();
    expect(p['detail']).toMatch(/8/u);
    // another caller is not affected
    const other = h.app.inject({
      url: `/api/v1/jobs/${job.id}/events`,
      headers: bearer(h.tokens.viewer),
    });
    slow.open();
    const answers = await Promise.all([...open, other]);
    for (const a of answers) {
      expect(a.statusCode).toBe(200);
      expect(parseEvents(a.body).at(-1)?.data.state).toBe('done');
    }
    // the finished streams were released
    const later = await h.app.inject({
      url: `/api/v1/jobs/${job.id}/events`,
      headers: bearer(h.tokens.admin),
    });
    expect(later.statusCode).toBe(200);
  });

  it('scans and bulk checks are jobs too', async () => {
    const scan = await h.app.inject({
      method: 'POST',
      url: '/api/v1/scans',
      headers: bearer(h.tokens.member),
      payload: { url: 'http://example.test/', licence: '京B2-20180910' },
    });
    expect(scan.statusCode, scan.body).toBe(202);
    const scanJob = await poll(h, scan.json<{ id: string }>().id);
    expect(scanJob, JSON.stringify(scanJob.error)).toMatchObject({ kind: 'scan', state: 'done' });
    expect(scanJob.result?.['schema']).toBe('xuke.scan/v1');

    const bulk = await h.app.inject({
      method: 'POST',
      url: '/api/v1/bulk-checks?name=c.csv',
      headers: { ...bearer(h.tokens.member), 'content-type': 'text/csv' },
      payload: 'customer,licence,domains\r\nc1,京B2-20180910,upliveapp.com\r\n',
    });
    expect(bulk.statusCode, bulk.body).toBe(202);
    const bulkJob = await poll(h, bulk.json<{ id: string }>().id);
    expect(bulkJob).toMatchObject({ kind: 'bulk-check', state: 'done' });
    expect(bulkJob.result?.['schema']).toBe('xuke.bulk-check/v1');
    // its own route keeps its shape
    const view = await h.app.inject({
      url: `/api/v1/bulk-checks/${bulkJob.id}`,
      headers: bearer(h.tokens.viewer),
    });
    expect(view.json()).toMatchObject({ status: 'done', progress: { done: 1, total: 1 } });
    // a scan's id is not a bulk check
    expectProblem(
      await h.app.inject({
        url: `/api/v1/bulk-checks/${scanJob.id}`,
        headers: bearer(h.tokens.viewer),
      }),
      404,
    );
  });
});
