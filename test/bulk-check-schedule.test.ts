/**
 * A bulk check re-checked every N days (issue 19, docs/bulk-check.md "Scheduled re-check"): PUT,
 * GET and DELETE of its schedule through the app, validation of the period, another
 * organisation's 404, and the sweep on a pinned clock: a due schedule starts one re-check of its
 * latest run (two sweeps at once included), moves its next due, follows the new run, and gives the
 * claim back when the organisation's pending limit refuses it. Real SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { sweepBulkCheckSchedules } from '../src/app/bulk-check/bulk-check-schedules.js';
import { bearer, expectProblem, harnessFor, type HttpHarness } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

const CSV = 'customer,licence,domains\r\nc1,京B2-20180910,example.test\r\n';

interface Schedule {
  bulkCheck: string;
  everyDays: number;
  nextDue: string;
  follows: string;
  lastRun: string | null;
  createdBy: string;
}

async function finished(h: HttpHarness, id: string): Promise<{ previous: string | null }> {
  for (let i = 0; i < 400; i++) {
    const res = await h.app.inject({
      url: `/api/v1/bulk-checks/${id}`,
      headers: bearer(h.tokens.viewer),
    });
    const body = res.json<{ status: string; previous: string | null }>();
    if (body.status === 'done') return body;
    if (body.status === 'failed') throw new Error(res.body);
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the job did not finish');
}

describeEachDialect('bulk check schedules', (dialect) => {
  const h = harnessFor(dialect);
  const url = (id: string) => `/api/v1/bulk-checks/${id}/schedule`;
  const put = (id: string, body: unknown, token = h.tokens.member) =>
    h.app.inject({ method: 'PUT', url: url(id), headers: bearer(token), payload: body as object });
  const read = async (id: string): Promise<Schedule> => {
    const res = await h.app.inject({ url: url(id), headers: bearer(h.tokens.viewer) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Schedule>();
  };
  const sweepDeps = (max?: number) => ({
    schedules: h.deps.bulkCheckSchedules ?? expect.unreachable('the harness has schedules'),
    jobs: h.deps.jobs,
    clock: h.clock,
    ...(max === undefined ? {} : { maxPendingPerOrganisation: max }),
  });

  it('PUT, GET, DELETE; the period validated; another organisation gets 404', async () => {
    h.clock.set('2026-11-28T02:00:00.000Z');
    const started = await h.app.inject({
      method: 'POST',
      url: '/api/v1/bulk-checks',
      headers: { ...bearer(h.tokens.member), 'content-type': 'text/csv' },
      payload: CSV,
    });
    expect(started.statusCode, started.body).toBe(202);
    const { id } = started.json<{ id: string }>();

    expectProblem(await h.app.inject({ url: url(id), headers: bearer(h.tokens.viewer) }), 404);
    for (const bad of [{ everyDays: 0 }, { everyDays: 91 }, { everyDays: 1.5 }, {}]) {
      const p = expectProblem(await put(id, bad), 400);
      expect(String(p['detailZh'] ?? p['detail']), JSON.stringify(p)).toMatch(/复核周期|period/u);
    }
    expectProblem(await put(id, { everyDays: 7 }, h.tokens.viewer), 403);
    expectProblem(await put(id, { everyDays: 7 }, h.tokens.otherAdmin), 404, 'NOT_FOUND');
    expectProblem(await put('no-such-job', { everyDays: 7 }), 404, 'NOT_FOUND');

    const set = await put(id, { everyDays: 7 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json<Schedule>()).toMatchObject({
      bulkCheck: id,
      everyDays: 7,
      nextDue: '2026-12-05T02:00:00.000Z',
      follows: id,
      lastRun: null,
    });
    expect(await read(id)).toMatchObject({ everyDays: 7, nextDue: '2026-12-05T02:00:00.000Z' });
    // changing the period moves the next due from now
    h.clock.set('2026-11-29T02:00:00.000Z');
    expect((await put(id, { everyDays: 30 })).json<Schedule>().nextDue).toBe(
      '2026-12-29T02:00:00.000Z',
    );

    for (const method of ['GET', 'DELETE'] as const) {
      expectProblem(
        await h.app.inject({ method, url: url(id), headers: bearer(h.tokens.otherAdmin) }),
        404,
      );
    }
    expectProblem(
      await h.app.inject({ method: 'DELETE', url: url(id), headers: bearer(h.tokens.viewer) }),
      403,
    );
    const del = await h.app.inject({
      method: 'DELETE',
      url: url(id),
      headers: bearer(h.tokens.member),
    });
    expect(del.statusCode, del.body).toBe(204);
    expectProblem(await h.app.inject({ url: url(id), headers: bearer(h.tokens.viewer) }), 404);
    expectProblem(
      await h.app.inject({ method: 'DELETE', url: url(id), headers: bearer(h.tokens.member) }),
      404,
    );
    await finished(h, id);
  });

  it('the sweep starts a due schedule once, re-checking its latest run, and moves it', async () => {
    h.clock.set('2026-11-28T02:00:00.000Z');
    const started = await h.app.inject({
      method: 'POST',
      url: '/api/v1/bulk-checks',
      headers: { ...bearer(h.tokens.member), 'content-type': 'text/csv' },
      payload: CSV,
    });
    const { id } = started.json<{ id: string }>();
    await finished(h, id);
    expect((await put(id, { everyDays: 1 })).statusCode).toBe(200);

    // not due yet: nothing starts
    expect((await sweepBulkCheckSchedules(sweepDeps())).started).toEqual([]);

    // due: two sweeps at once start one re-check of the first run
    h.clock.set('2026-11-29T02:00:00.000Z');
    const both = await Promise.all([
      sweepBulkCheckSchedules(sweepDeps()),
      sweepBulkCheckSchedules(sweepDeps()),
    ]);
    const first = both.flatMap((o) => o.started);
    expect(first).toHaveLength(1);
    const rerun = first[0] ?? '';
    expect((await finished(h, rerun)).previous).toBe(id);
    expect(await read(id)).toMatchObject({
      nextDue: '2026-11-30T02:00:00.000Z',
      follows: id,
      lastRun: rerun,
    });
    const job = await h.deps.jobs.get('acme', rerun);
    expect(job?.owner).toBe((await read(id)).createdBy);
    // the same instant again: no longer due
    expect((await sweepBulkCheckSchedules(sweepDeps())).started).toEqual([]);

    // the organisation's pending limit refuses it: the claim is given back, tried next sweep
    h.clock.set('2026-11-30T03:00:00.000Z');
    const refused = await sweepBulkCheckSchedules(sweepDeps(0));
    expect(refused).toMatchObject({ started: [], deferred: 1 });
    expect((await read(id)).nextDue).toBe('2026-11-30T02:00:00.000Z');

    // the next re-check compares with the latest run, not the first
    const next = await sweepBulkCheckSchedules(sweepDeps());
    expect(next.started).toHaveLength(1);
    const second = next.started[0] ?? '';
    expect((await finished(h, second)).previous).toBe(rerun);
    expect(await read(id)).toMatchObject({
      nextDue: '2026-12-01T03:00:00.000Z',
      follows: rerun,
      lastRun: second,
    });
  });
});

describe('bulk check schedule period', () => {
  it('is 1–90 whole days in the use case too', async () => {
    const { setBulkCheckSchedule } = await import('../src/app/bulk-check/bulk-check-schedules.js');
    const who = {
      organisation: 'o',
      actor: 'a',
      role: 'admin',
      tokenId: null,
      person: null,
    } as never;
    const deps = { schedules: {}, jobs: {}, clock: { now: () => new Date() } } as never;
    await expect(setBulkCheckSchedule('x', 91, who, deps)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
