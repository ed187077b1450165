/**
 * Random spot checks over HTTP (docs/spot-checks.md) on every dialect: an authority draws from its
 * register (a holder may not), reads its draws, records a result once; anyone reads the published
 * draw without a token, rate-limited, and recomputes it from that JSON alone; a tampered copy does
 * not recompute. Every response is checked against the OpenAPI document (test/contract-setup.ts).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeDrawRandomness } from '../src/adapters/node-draw-randomness.js';
import {
  parseSpotCheckRecord,
  verifySpotCheckDraw,
} from '../src/app/spot-checks/verify-spot-check-draw.js';
import { conflictTest } from '../src/core/spot-check/draw.js';
import type { SpotCheckRecord } from '../src/core/spot-check/record.js';
import { addAuthority, bearer, expectProblem, harnessFor } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';
import {
  EXPIRED_NUMBER,
  HOLDERS,
  INSPECTORS,
  VALID_NUMBERS,
  registerRecords,
} from './spot-check-fixtures.js';

interface View extends SpotCheckRecord {
  createdBy: string;
  checks: (SpotCheckRecord['checks'][number] & { recordedBy: string | null })[];
}

describeEachDialect('random spot checks over HTTP', (dialect) => {
  const h = harnessFor(dialect);
  let authority: { id: string; token: string };
  let draw: View;

  beforeAll(async () => {
    authority = await addAuthority(h);
    for (const licence of registerRecords()) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/register/licences',
        headers: bearer(authority.token),
        payload: { licence, reason: '准予许可', decisionNumber: '京通信管〔2025〕1号' },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  const post = (token: string, url: string, payload: unknown) =>
    h.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as object });

  it('refuses a holder organisation, and a viewer of the authority', async () => {
    const body = { year: 2025, count: 2, inspectors: INSPECTORS };
    expectProblem(await post(h.tokens.admin, '/api/v1/spot-checks', body), 403, 'FORBIDDEN');
    const viewer = await addAuthority(h, { id: 'beijing-v', jurisdiction: '京', role: 'viewer' });
    expectProblem(await post(viewer.token, '/api/v1/spot-checks', body), 403, 'FORBIDDEN');
  });

  it('draws from the register with K inspectors free of conflict, and lists the draw', async () => {
    const conflicts = [
      { inspector: 'zf-001', creditCode: HOLDERS[0].creditCode },
      { inspector: 'zf-002', number: '京B2-20250003' },
    ];
    const res = await post(authority.token, '/api/v1/spot-checks', {
      year: 2025,
      count: 3,
      inspectorsPerCheck: 2,
      inspectors: INSPECTORS,
      conflicts,
    });
    expect(res.statusCode, res.body).toBe(201);
    draw = res.json();
    expect(draw.inputs.population.map((p) => p.number)).toEqual(VALID_NUMBERS);
    expect(draw.inputs.population.map((p) => p.number)).not.toContain(EXPIRED_NUMBER);
    expect(draw.checks.map((c) => c.status)).toEqual(['planned', 'planned', 'planned']);
    const inConflict = conflictTest(draw.inputs.conflicts);
    for (const c of draw.checks) {
      const licence = draw.inputs.population.find((p) => p.number === c.number);
      if (licence === undefined) throw new Error(c.number);
      for (const i of c.inspectors) expect(inConflict(i.id, licence)).toBe(false);
    }

    const list = await h.app.inject({
      url: '/api/v1/spot-checks',
      headers: bearer(authority.token),
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ items: [{ id: draw.id, checks: 3, done: 0 }] });
    const one = await h.app.inject({
      url: `/api/v1/spot-checks/${draw.id}`,
      headers: bearer(authority.token),
    });
    expect(one.json()).toEqual(draw);
    // another organisation's token does not see it
    expectProblem(
      await h.app.inject({
        url: `/api/v1/spot-checks/${draw.id}`,
        headers: bearer(h.tokens.admin),
      }),
      403,
      'FORBIDDEN',
    );
  });

  it('records a result once, then publishes the draw and its results without a token', async () => {
    const first = draw.checks[0];
    if (first === undefined) throw new Error('a check');
    const url = `/api/v1/spot-checks/${draw.id}/results`;
    const result = {
      number: first.number,
      outcome: 'compliant',
      note: '书面检查：年报信息与经营情况一致',
      on: '2026-11-28',
    };
    const res = await post(authority.token, url, result);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<View>().checks[0]).toMatchObject({
      status: 'done',
      outcome: 'compliant',
      doneOn: '2026-11-28',
      finding: null,
    });
    expectProblem(await post(authority.token, url, result), 409, 'CONFLICT');
    expectProblem(
      await post(authority.token, url, { ...result, outcome: 'fine' }),
      400,
      'INVALID_INPUT',
    );
    expectProblem(
      await post(authority.token, `/api/v1/spot-checks/nope/results`, result),
      404,
      'NOT_FOUND',
    );

    const pub = await h.app.inject({ url: `/api/v1/public/spot-checks/${draw.id}` });
    expect(pub.statusCode, pub.body).toBe(200);
    const published = pub.json<SpotCheckRecord>();
    expect(published.seed).toBe(draw.seed);
    expect(published.inputs).toEqual(draw.inputs);
    expect(published.result).toEqual(draw.result);
    expect(published.checks[0]).toMatchObject({ status: 'done', outcome: 'compliant' });
    // inspector names are public (一公开); who drew and recorded is not
    expect(pub.body).toContain(INSPECTORS[0]?.name ?? '');
    expect(pub.body).not.toMatch(/createdBy|recordedBy|recordedAt/u);

    // anyone recomputes the draw from the public JSON alone
    const record = parseSpotCheckRecord(JSON.parse(pub.body));
    expect(verifySpotCheckDraw(record, nodeDrawRandomness)).toEqual({
      reproduced: true,
      checks: 3,
    });
    // … and a copy whose result was edited does not recompute
    const [a, b] = record.result.checks;
    if (a === undefined || b === undefined) throw new Error('two checks');
    const tampered = {
      ...record,
      result: {
        checks: [{ ...a, inspectors: [...b.inspectors] }, ...record.result.checks.slice(1)],
      },
    };
    const sameTeam = a.inspectors.join() === b.inspectors.join();
    expect(verifySpotCheckDraw(tampered, nodeDrawRandomness).reproduced).toBe(sameTeam);
    const reseeded = { ...record, seed: '0'.repeat(64) };
    expect(verifySpotCheckDraw(reseeded, nodeDrawRandomness).reproduced).toBe(false);

    const listed = await h.app.inject({
      url: `/api/v1/public/spot-checks?authority=${authority.id}&year=2025`,
    });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toEqual({
      items: [
        {
          id: draw.id,
          authority: { id: authority.id, name: '北京市通信管理局' },
          year: 2025,
          drawnOn: '2026-11-28',
          seed: draw.seed,
          checks: 3,
          done: 1,
        },
      ],
      next: null,
    });
    expectProblem(
      await h.app.inject({ url: '/api/v1/public/spot-checks?authority=acme' }),
      404,
      'NOT_FOUND',
    );
    expectProblem(await h.app.inject({ url: '/api/v1/public/spot-checks' }), 400, 'INVALID_INPUT');
    expectProblem(
      await h.app.inject({ url: '/api/v1/public/spot-checks/no-such-draw' }),
      404,
      'NOT_FOUND',
    );
  });

  it('refuses an impossible draw, naming the licence that cannot be staffed', async () => {
    expectProblem(
      await post(authority.token, '/api/v1/spot-checks', {
        year: 2025,
        count: 6,
        inspectors: INSPECTORS,
      }),
      400,
      'INVALID_INPUT',
    );
    const conflicts = ['zf-001', 'zf-002', 'zf-003', 'zf-004'].map((inspector) => ({
      inspector,
      number: '京B2-20250005',
    }));
    const p = expectProblem(
      await post(authority.token, '/api/v1/spot-checks', {
        year: 2025,
        count: 1,
        inspectors: INSPECTORS,
        conflicts,
      }),
      400,
      'INVALID_INPUT',
    );
    expect(p['detail']).toContain('京B2-20250005');
    expect(p['detailZh']).toContain('京B2-20250005');
    // a conflict must name a number or a credit code, not both
    expectProblem(
      await post(authority.token, '/api/v1/spot-checks', {
        year: 2025,
        count: 1,
        inspectors: INSPECTORS,
        conflicts: [{ inspector: 'zf-001', number: '京B2-20250005', creditCode: 'X' }],
      }),
      400,
      'INVALID_INPUT',
    );
  });
  it('answers hostile bodies with a 4xx problem and writes nothing', async () => {
    const count = async () =>
      (await h.db.open.db.selectFrom('spot_check_draws').select('id').execute()).length;
    const before = await count();
    const hostile = fc.oneof(
      fc.constant(null),
      fc.integer(),
      fc.string({ maxLength: 50 }),
      fc.dictionary(fc.string({ maxLength: 20 }), fc.oneof(fc.string(), fc.integer()), {
        maxKeys: 4,
      }),
      fc.record({
        // never a valid year: a body that were valid throughout would draw
        year: fc.oneof(fc.integer({ max: 1989 }), fc.string()),
        count: fc.oneof(fc.integer({ min: -5, max: 10_000 }), fc.string()),
        inspectors: fc.array(fc.record({ id: fc.string(), name: fc.string() }), { maxLength: 3 }),
        conflicts: fc.array(
          fc.record({ inspector: fc.string(), number: fc.string(), creditCode: fc.string() }),
          { maxLength: 2 },
        ),
      }),
      fc.record({
        number: fc.string(),
        outcome: fc.string(),
        note: fc.oneof(fc.string(), fc.constant('x'.repeat(5000))),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/v1/spot-checks', `/api/v1/spot-checks/${draw.id}/results`),
        hostile,
        async (url, body) => {
          const res = await h.app.inject({
            method: 'POST',
            url,
            headers: { 'content-type': 'application/json', ...bearer(authority.token) },
            payload: JSON.stringify(body),
          });
          expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
          expect(res.statusCode, res.body).toBeLessThan(500);
          expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/u);
        },
      ),
      { numRuns: 150 },
    );
    expect(await count()).toBe(before);
  });
});

describe('the public spot-check routes', () => {
  describeEachDialect('rate limit', (dialect) => {
    const h = harnessFor(dialect, { publicRateLimitPerMinute: 2 });
    it('limit requests per address like the other public routes', async () => {
      const url = '/api/v1/public/spot-checks/any';
      expectProblem(await h.app.inject({ url }), 404, 'NOT_FOUND');
      expectProblem(await h.app.inject({ url }), 404, 'NOT_FOUND');
      expectProblem(await h.app.inject({ url }), 429, 'RATE_LIMITED');
    });
  });
});
