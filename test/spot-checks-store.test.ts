/**
 * Random spot checks on every dialect (docs/spot-checks.md): the use cases over the Kysely stores.
 * A draw from the register's valid licences is recorded with its seed, inputs and result, reads
 * back equal and recomputes; results go planned → done once; every write is in the authority's
 * audit chain and none in the register's signed log; only an authority draws, and only its own.
 */
import { afterEach, expect, it } from 'vitest';
import { kyselyTrustStores } from '../src/adapters/db/organisation.repository.js';
import { KyselyRegisterLogStore } from '../src/adapters/db/signatures.repository.js';
import { KyselySpotCheckStore } from '../src/adapters/db/spot-check.repository.js';
import { nodeDrawRandomness } from '../src/adapters/node-draw-randomness.js';
import { nodeSecrets } from '../src/adapters/node-secrets.js';
import { refusal } from '../src/app/fakes.test-helpers.js';
import { drawSpotCheck } from '../src/app/spot-checks/draw-spot-check.js';
import { getSpotCheck, listSpotChecks } from '../src/app/spot-checks/get-spot-check.js';
import {
  getPublicSpotCheck,
  listPublicSpotChecks,
} from '../src/app/spot-checks/public-spot-checks.js';
import { recordSpotCheckResult } from '../src/app/spot-checks/record-spot-check-result.js';
import type { SpotCheckDeps } from '../src/app/spot-checks/spot-check-deps.js';
import {
  parseSpotCheckRecord,
  verifySpotCheckDraw,
} from '../src/app/spot-checks/verify-spot-check-draw.js';
import { createOrganisation } from '../src/app/trust/organisations.js';
import { issueLicence } from '../src/app/trust/register.js';
import { conflictTest } from '../src/core/spot-check/draw.js';
import { describeEachDialect, fixedClock, type TestDatabase } from './registry-dialects.js';
import {
  EXPIRED_NUMBER,
  HOLDERS,
  INSPECTORS,
  VALID_NUMBERS,
  registerRecords,
} from './spot-check-fixtures.js';

const AUTHORITY = { organisation: 'beijing', actor: 'token:zhao' };

describeEachDialect('random spot checks', (h) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** A fresh database with the authority's register, a holder, and the spot checks' deps. */
  async function setUp(): Promise<{ deps: SpotCheckDeps; clock: ReturnType<typeof fixedClock> }> {
    t = await h.fresh();
    const clock = fixedClock();
    const trust = { store: t.store(clock), clock, ...kyselyTrustStores(t.open.db, clock) };
    await createOrganisation(
      { id: 'beijing', name: '北京市通信管理局', kind: 'authority', jurisdiction: '京' },
      'test',
      trust,
    );
    await createOrganisation(
      { id: 'shanghai', name: '上海市通信管理局', kind: 'authority', jurisdiction: '沪' },
      'test',
      trust,
    );
    await createOrganisation({ id: 'acme', name: 'Acme', kind: 'holder' }, 'test', trust);
    for (const licence of registerRecords()) {
      await issueLicence(
        { licence, reason: '准予许可', decisionNumber: '京通信管〔2025〕1号' },
        AUTHORITY,
        trust,
      );
    }
    const deps: SpotCheckDeps = {
      spotChecks: new KyselySpotCheckStore(t.open.db),
      store: trust.store,
      organisations: trust.organisations,
      clock,
      randomness: nodeDrawRandomness,
      newId: () => nodeSecrets.newId(),
    };
    return { deps, clock };
  }

  it('draws from the register’s valid licences, records seed, inputs and result, and recomputes', async () => {
    const { deps } = await setUp();
    const conflicts = [
      { inspector: 'zf-001', creditCode: HOLDERS[0].creditCode.toLowerCase() },
      { inspector: 'zf-002', number: '京b2-20250003' },
    ];
    const drawn = await drawSpotCheck(
      { year: 2025, count: 3, inspectors: INSPECTORS, conflicts },
      AUTHORITY,
      deps,
    );
    expect(drawn).toMatchObject({
      schema: 'xuke.spot-check/v1',
      algorithm: 'xuke.spot-check.v1',
      authority: { id: 'beijing', name: '北京市通信管理局' },
      year: 2025,
      drawnOn: '2026-11-28',
      createdBy: 'token:zhao',
    });
    expect(drawn.seed).toMatch(/^[0-9a-f]{64}$/u);
    // the expired licence is not in the population; the inputs are canonical
    expect(drawn.inputs.population.map((p) => p.number)).toEqual(VALID_NUMBERS);
    expect(drawn.inputs.population.map((p) => p.number)).not.toContain(EXPIRED_NUMBER);
    expect(drawn.inputs.conflicts).toEqual([
      { inspector: 'zf-001', creditCode: HOLDERS[0].creditCode },
      { inspector: 'zf-002', number: '京B2-20250003' },
    ]);
    expect(drawn.inputs.inspectorsPerCheck).toBe(2);
    expect(drawn.checks).toHaveLength(3);
    const inConflict = conflictTest(drawn.inputs.conflicts);
    for (const c of drawn.checks) {
      expect(c.status).toBe('planned');
      expect(c.inspectors).toHaveLength(2);
      const licence = drawn.inputs.population.find((p) => p.number === c.number);
      if (licence === undefined) throw new Error(`${c.number} not in the population`);
      for (const i of c.inspectors) expect(inConflict(i.id, licence)).toBe(false);
    }
    // read back equal, published without actors, and recomputed from the published JSON
    expect(await getSpotCheck(drawn.id, AUTHORITY, deps)).toEqual(drawn);
    const published = await getPublicSpotCheck(drawn.id, deps);
    expect(JSON.stringify(published)).not.toContain('token:zhao');
    const record = parseSpotCheckRecord(JSON.parse(JSON.stringify(published)));
    expect(verifySpotCheckDraw(record, nodeDrawRandomness)).toEqual({
      reproduced: true,
      checks: 3,
    });
  });

  it('takes a population the caller names, each in the register, and refuses one that is not', async () => {
    const { deps } = await setUp();
    const drawn = await drawSpotCheck(
      {
        year: 2025,
        count: 2,
        inspectors: INSPECTORS,
        population: ['京B2-20250004', EXPIRED_NUMBER, '京B2-20250001'],
      },
      AUTHORITY,
      deps,
    );
    expect(drawn.inputs.population.map((p) => p.number)).toEqual([
      '京B2-20250001',
      '京B2-20250004',
      EXPIRED_NUMBER,
    ]);
    const e = await refusal(
      drawSpotCheck(
        { year: 2025, count: 1, inspectors: INSPECTORS, population: ['沪B2-20250731'] },
        AUTHORITY,
        deps,
      ),
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.messageEn).toContain('沪B2-20250731 is not in the authority');
  });

  it('records each result once, planned → done, audited, and lists the progress', async () => {
    const { deps, clock } = await setUp();
    const drawn = await drawSpotCheck(
      { year: 2025, count: 2, inspectors: INSPECTORS },
      AUTHORITY,
      deps,
    );
    const [first, second] = drawn.checks;
    if (first === undefined || second === undefined) throw new Error('two checks');
    clock.set('2027-05-20T02:00:00.000Z');
    const who = { organisation: 'beijing', actor: 'token:qian' };
    const after = await recordSpotCheckResult(
      drawn.id,
      {
        number: first.number,
        outcome: 'issues-found',
        note: '书面检查与实地核查',
        on: '2027-05-18',
        finding: '未按规定公示年报信息',
      },
      who,
      deps,
    );
    expect(after.checks[0]).toMatchObject({
      status: 'done',
      outcome: 'issues-found',
      note: '书面检查与实地核查',
      finding: '未按规定公示年报信息',
      doneOn: '2027-05-18',
      recordedBy: 'token:qian',
      recordedAt: '2027-05-20T02:00:00.000Z',
    });
    expect(after.checks[1]).toMatchObject({ status: 'planned', outcome: null, recordedBy: null });
    const again = await refusal(
      recordSpotCheckResult(
        drawn.id,
        { number: first.number, outcome: 'compliant', note: '再次' },
        who,
        deps,
      ),
    );
    expect(again.code).toBe('CONFLICT');
    const notDrawn = VALID_NUMBERS.find((n) => !drawn.checks.some((c) => c.number === n)) ?? '';
    expect(
      (
        await refusal(
          recordSpotCheckResult(
            drawn.id,
            { number: notDrawn, outcome: 'compliant', note: 'x' },
            who,
            deps,
          ),
        )
      ).code,
    ).toBe('NOT_FOUND');
    // a day before the draw, or in the future, is refused
    for (const on of ['2026-11-27', '2027-05-21']) {
      const e = await refusal(
        recordSpotCheckResult(
          drawn.id,
          { number: second.number, outcome: 'compliant', note: 'x', on },
          who,
          deps,
        ),
      );
      expect(e.code, on).toBe('INVALID_INPUT');
    }
    // another authority sees no such draw, and cannot record on it
    const other = { organisation: 'shanghai', actor: 'token:sun' };
    expect((await refusal(getSpotCheck(drawn.id, other, deps))).code).toBe('NOT_FOUND');
    expect(
      (
        await refusal(
          recordSpotCheckResult(
            drawn.id,
            { number: second.number, outcome: 'compliant', note: 'x' },
            other,
            deps,
          ),
        )
      ).code,
    ).toBe('NOT_FOUND');

    await drawSpotCheck({ year: 2026, count: 1, inspectors: INSPECTORS }, AUTHORITY, deps);
    const all = await listSpotChecks(AUTHORITY, {}, deps);
    expect(all.map((d) => [d.year, d.checks, d.done])).toEqual([
      [2026, 1, 0],
      [2025, 2, 1],
    ]);
    expect(await listSpotChecks(AUTHORITY, { year: 2025 }, deps)).toMatchObject([
      { id: drawn.id, checks: 2, done: 1, createdBy: 'token:zhao' },
    ]);
    const listed = await listPublicSpotChecks('beijing', { year: 2025 }, deps);
    expect(listed).toEqual([
      {
        id: drawn.id,
        authority: { id: 'beijing', name: '北京市通信管理局' },
        year: 2025,
        drawnOn: '2026-11-28',
        seed: drawn.seed,
        checks: 2,
        done: 1,
      },
    ]);
    expect(await listPublicSpotChecks('shanghai', {}, deps)).toEqual([]);
    expect((await refusal(listPublicSpotChecks('acme', {}, deps))).code).toBe('NOT_FOUND');

    // the chain holds every write and verifies; the register's signed log takes none of them
    const db = t?.open.db;
    if (db === undefined) throw new Error('no database');
    const actions = await db
      .selectFrom('audit_log')
      .select(['action', 'subject', 'actor'])
      .where('organisation_id', '=', 'beijing')
      .where('action', 'like', 'spot-check.%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'spot-check.drawn',
      'spot-check.result',
      'spot-check.drawn',
    ]);
    expect(actions[1]).toMatchObject({ subject: drawn.id, actor: 'token:qian' });
    expect(await deps.store.verifyAudit('beijing')).toMatchObject({ ok: true });
    const pending = await new KyselyRegisterLogStore(db).pendingAuditEntries('beijing', 0, 1000);
    expect(pending.map((p) => p.seq).length).toBe(6);
  });

  it('refuses a holder, a count over the population and a licence no K inspectors can staff', async () => {
    const { deps } = await setUp();
    const holder = await refusal(
      drawSpotCheck(
        { year: 2025, count: 1, inspectors: INSPECTORS },
        { organisation: 'acme', actor: 'x' },
        deps,
      ),
    );
    expect(holder.code).toBe('FORBIDDEN');
    const tooMany = await refusal(
      drawSpotCheck({ year: 2025, count: 6, inspectors: INSPECTORS }, AUTHORITY, deps),
    );
    expect(tooMany.messageEn).toContain('from 1 to 5');
    // four of five inspectors in conflict with 乙's holder: its licences cannot have two
    const conflicts = ['zf-001', 'zf-002', 'zf-003', 'zf-004'].map((inspector) => ({
      inspector,
      creditCode: HOLDERS[1].creditCode,
    }));
    const unstaffable = await refusal(
      drawSpotCheck({ year: 2025, count: 1, inspectors: INSPECTORS, conflicts }, AUTHORITY, deps),
    );
    expect(unstaffable.code).toBe('INVALID_INPUT');
    expect(unstaffable.message).toContain(`京B2-20250003（${HOLDERS[1].name}）`);
    expect(unstaffable.messageEn).toContain('1 more licence likewise');
    // nothing was written by the refusals
    expect(await listSpotChecks(AUTHORITY, {}, deps)).toEqual([]);
  });
});
