/**
 * The annual-report cycle end to end, over HTTP, on every dialect (issue 22, docs/annual-report.md):
 * one authority (北京) and three holders of licences in its register, reporting on 2025. The first
 * files on time and is accepted; the second is returned and refiles; the third never files, is
 * ordered in April to make up within one month (Civil Code arts. 201–203: the month ends in the
 * Labour Day holiday and moves), is listed on the 不良名单 in May, files, is confirmed and removed.
 * Reminders go out through a channel for each step, each once however often the run repeats; each
 * public page shows what it must (the published items, the list entry) and nothing more (item 4,
 * withheld fields, an unpublished item 5).
 */
import { beforeAll, expect, it } from 'vitest';
import { KyselyReminderLog } from '../src/adapters/db/reminder.repository.js';
import { cycleNotices } from '../src/app/annual-report/cycle-notices.js';
import { runReminders } from '../src/app/reminders/run-reminders.js';
import { chinaCalendar } from '../src/core/calendar/index.js';
import { createApiToken } from '../src/app/access/create-api-token.js';
import { registerLicence } from '../src/app/registry/register-licence.js';
import { issueLicence } from '../src/app/trust/register.js';
import { createOrganisation } from '../src/app/trust/organisations.js';
import { aLicence, aService, aWebsite } from '../src/core/checks/licence-builder.test-helpers.js';
import type { Licence } from '../src/core/licence.js';
import type { Notifier, Reminder } from '../src/ports/notifier.js';
import { bearer, expectProblem, harnessFor } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

const HOLDERS = ['qinghe', 'lanshan', 'heyun'] as const;
type Holder = (typeof HOLDERS)[number];

const NUMBERS: Record<Holder, string> = {
  qinghe: '京B2-20240311',
  lanshan: '京B2-20240512',
  heyun: '京B2-20240613',
};

function licenceOf(h: Holder, i: number): Licence {
  return aLicence({
    number: NUMBERS[h],
    holder: {
      name: `北京${['青禾', '蓝山', '合云'][i] ?? ''}网络科技有限公司`,
      legalRepresentative: '陈思远',
      creditCode: ['91110108MA01A2B3C9', '91110105MA04E5F6G0', '91110102MA07H8J9K1'][i] ?? null,
      address: '北京市海淀区中关村大街1号',
    },
    issuer: '北京市通信管理局',
    issuedOn: `2024-0${3 + i}-11`,
    expiresOn: `2029-0${3 + i}-11`,
    services: [aService({ coverage: ['北京市'] })],
    websites: [aWebsite({ serverLocation: '北京市海淀区', domains: [`www.${h}.cn`] })],
  });
}

/** Complete answers for a licence whose only service has code B25. */
function answers(h: Holder, publish5: boolean) {
  return {
    '1': {
      fields: { revenue: 1234.5, usersByService: { B25: 5200 }, operations: `${h} 经营门户网站` },
      secretFields: ['revenue'],
    },
    '2': { fields: { staff: 42, network: '机房一处，带宽 1 Gbps', changes: '无' } },
    '3': { fields: { complaints: 12, complaintsResolved: 12, quality: '7×24 客服热线' } },
    '4': { fields: { measures: `SECRET-SECURITY-${h}`, incidents: 0 } },
    '5': { fields: { compliance: `COMPLIANCE-${h}` }, public: publish5 },
    '6': { fields: {} },
  };
}

interface Report {
  id: string;
  status: string;
  version: number;
  number: string;
  items: {
    no: number;
    facts: { text: string }[];
    fields: { key: string; toComplete: boolean }[];
  }[];
  problems: { item: number; field: string | null; message: string }[];
  complete: boolean;
}

describeEachDialect('the annual-report cycle', (dialect) => {
  const h = harnessFor(dialect);
  const tokens = {} as Record<Holder | 'authority', string>;
  const sent: Reminder[] = [];

  const at = (day: string) => {
    h.clock.set(`${day}T02:00:00.000Z`);
  };
  const call = async (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    who: Holder | 'authority' | null,
    body?: unknown,
  ) =>
    h.app.inject({
      method,
      url,
      ...(body === undefined ? {} : { payload: body as string }),
      headers: who === null ? {} : bearer(tokens[who]),
    });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the shape it expects, as inject's res.json<T>() does
  const ok = <T>(res: Awaited<ReturnType<typeof call>>, status = 200): T => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json<T>();
  };

  /** Draft, complete, sign off and submit a holder's 2025 report; returns it as submitted. */
  async function file(who: Holder, publish5: boolean): Promise<Report> {
    const number = encodeURIComponent(NUMBERS[who]);
    let r = ok<Report>(
      await call('POST', `/api/v1/licences/${number}/annual-reports`, who, { year: 2025 }),
      201,
    );
    r = ok<Report>(
      await call('PUT', `/api/v1/annual-reports/${r.id}/answers`, who, {
        answers: answers(who, publish5),
        expectedVersion: r.version,
      }),
    );
    expect(r.complete, JSON.stringify(r.problems)).toBe(true);
    r = ok<Report>(
      await call('POST', `/api/v1/annual-reports/${r.id}/sign-off`, who, {
        expectedVersion: r.version,
      }),
    );
    return ok<Report>(
      await call('POST', `/api/v1/annual-reports/${r.id}/submit`, who, {
        expectedVersion: r.version,
      }),
    );
  }

  async function decide(id: string, decision: 'accept' | 'return', reason?: string) {
    const current = ok<Report>(await call('GET', `/api/v1/annual-reports/${id}`, 'authority'));
    return ok<Report>(
      await call('POST', `/api/v1/annual-reports/${id}/decision`, 'authority', {
        decision,
        expectedVersion: current.version,
        ...(reason === undefined ? {} : { reason }),
      }),
    );
  }

  /** One reminder run as the service makes it, through a recording channel per holder. */
  async function remind(): Promise<void> {
    const channel = (org: string): Notifier => ({
      id: `rec:${org}`,
      send: (r) => {
        sent.push(r);
        return Promise.resolve();
      },
    });
    const result = await runReminders({
      ...h.deps.deadlines,
      directory: { listOrganisations: () => Promise.resolve([...HOLDERS]) },
      channels: { forOrganisation: (org) => Promise.resolve([channel(org)]) },
      logFor: (org) => new KyselyReminderLog(h.db.open.db, org),
      notices: (org) =>
        cycleNotices(org, { ...h.deps.annualReports, clock: h.clock }, chinaCalendar()),
    });
    expect(result.errors).toEqual([]);
    expect(result.failed).toEqual([]);
  }
  const keysOf = (number: string) =>
    sent.filter((r) => r.licenceNumber === number).map((r) => r.key.slice(number.length + 1));

  const publicPage = async (who: Holder) =>
    ok<{
      annualReports: {
        year: number;
        items: { no: number; fields: Record<string, unknown>; withheld: string[] }[];
      }[];
      creditListings: {
        list: string;
        reason: string;
        holderName: string;
        removedOn: string | null;
        listedBy: string;
      }[];
    }>(await call('GET', `/api/v1/public/licences/${encodeURIComponent(NUMBERS[who])}`, null));

  beforeAll(async () => {
    at('2025-01-06');
    const deps = h.deps.registry;
    await createOrganisation(
      {
        id: 'bj',
        name: '北京市通信管理局',
        kind: 'authority',
        jurisdiction: '京',
        publishDeclared: false,
      },
      'test',
      deps,
    );
    tokens.authority = (
      await createApiToken({ organisation: 'bj', role: 'admin', name: 'bj-admin' }, h.deps.access)
    ).token;
    for (const [i, who] of HOLDERS.entries()) {
      await createOrganisation(
        { id: who, name: who, kind: 'holder', jurisdiction: null, publishDeclared: false },
        'test',
        deps,
      );
      tokens[who] = (
        await createApiToken(
          { organisation: who, role: 'admin', name: `${who}-admin` },
          h.deps.access,
        )
      ).token;
      const licence = licenceOf(who, i);
      await issueLicence(
        { licence, reason: '准予许可', decisionNumber: `京通信管〔2024〕${i + 1}号` },
        { organisation: 'bj', actor: 'test' },
        deps,
      );
      await registerLicence(
        { licence, document: null },
        { organisation: who, actor: 'test' },
        deps,
      );
    }
  });

  it('walks 2025: on time, returned and refiled, ordered, listed, filed, confirmed, removed', async () => {
    // --- the first quarter of 2026
    at('2026-01-12');
    const first = await file('qinghe', false);
    expect(first.status).toBe('submitted');
    at('2026-02-10');
    expect((await decide(first.id, 'accept')).status).toBe('accepted');
    await remind();

    at('2026-03-02');
    const second = await file('lanshan', true);
    at('2026-03-05');
    const returned = await decide(second.id, 'return', '第三项投诉数与客服记录不符，请核实');
    expect(returned.status).toBe('returned');
    // the holder sees why
    const seen = ok<Report & { history: { action: string; reason: string | null }[] }>(
      await call('GET', `/api/v1/annual-reports/${second.id}`, 'lanshan'),
    );
    expect(seen.history.at(-1)).toMatchObject({
      action: 'returned',
      reason: '第三项投诉数与客服记录不符，请核实',
    });
    // a returned report cannot be submitted again before it is signed off again
    expectProblem(
      await call('POST', `/api/v1/annual-reports/${second.id}/submit`, 'lanshan', {
        expectedVersion: seen.version,
      }),
      409,
      'CONFLICT',
    );

    // reminders in the last weeks of the quarter, each run twice: the sent-log keeps each once
    for (const day of ['2026-03-17', '2026-03-24']) {
      at(day);
      await remind();
      await remind();
    }
    at('2026-03-25');
    let again = ok<Report>(
      await call('PUT', `/api/v1/annual-reports/${second.id}/answers`, 'lanshan', {
        answers: answers('lanshan', true),
        expectedVersion: seen.version,
      }),
    );
    again = ok<Report>(
      await call('POST', `/api/v1/annual-reports/${second.id}/sign-off`, 'lanshan', {
        expectedVersion: again.version,
      }),
    );
    ok<Report>(
      await call('POST', `/api/v1/annual-reports/${second.id}/submit`, 'lanshan', {
        expectedVersion: again.version,
      }),
    );
    at('2026-03-27');
    expect((await decide(second.id, 'accept')).status).toBe('accepted');
    for (const day of ['2026-03-31', '2026-03-31']) {
      at(day);
      await remind();
    }

    // --- April: the authority sees who has not filed, and orders the late filer
    at('2026-04-03');
    const cycle = ok<{ items: { number: string; stage: string; late: boolean }[] }>(
      await call('GET', '/api/v1/annual-report-cycle?year=2025', 'authority'),
    );
    expect(Object.fromEntries(cycle.items.map((c) => [c.number, [c.stage, c.late]]))).toEqual({
      [NUMBERS.qinghe]: ['accepted', false],
      [NUMBERS.lanshan]: ['accepted', false],
      [NUMBERS.heyun]: ['not-filed', true],
    });
    // a holder cannot order, the authority cannot list before the order's month has run
    expectProblem(
      await call('POST', '/api/v1/make-up-orders', 'qinghe', { year: 2025, decisionNumber: 'x' }),
      403,
      'FORBIDDEN',
    );
    const orders = ok<{ items: { number: string; dueOn: string }[] }>(
      await call('POST', '/api/v1/make-up-orders', 'authority', {
        year: 2025,
        decisionNumber: '京通信管〔2026〕21号',
      }),
      201,
    );
    // 2026-04-03 + one month = 05-03, a Sunday inside the Labour Day holiday (05-01 … 05-05):
    // the period ends on the day after the holiday (Civil Code art. 203)
    expect(orders.items).toEqual([
      expect.objectContaining({ number: NUMBERS.heyun, dueOn: '2026-05-06' }),
    ]);
    const deadlines = ok<{ occurrences: { id: string; dueOn: string; status: string }[] }>(
      await call('GET', `/api/v1/licences/${encodeURIComponent(NUMBERS.heyun)}/deadlines`, 'heyun'),
    );
    expect(
      deadlines.occurrences.find((o) => o.id === 'annual-report-make-up@2026-04-03'),
    ).toMatchObject({
      dueOn: '2026-05-06',
    });
    for (const day of ['2026-04-22', '2026-04-22', '2026-04-29', '2026-05-06', '2026-05-06']) {
      at(day);
      await remind();
    }
    expectProblem(
      await call('POST', '/api/v1/credit-lists/entries', 'authority', {
        number: NUMBERS.heyun,
        reasonKind: 'annual-report-missing',
        year: 2025,
        decidedOn: '2026-05-06',
      }),
      409,
      'ILLEGAL_TRANSITION',
    );

    // --- May: listed on the 不良名单, within 30 days of the decision
    at('2026-05-12');
    const listing = ok<{ id: string; reason: string; listedBy: string; holderName: string }>(
      await call('POST', '/api/v1/credit-lists/entries', 'authority', {
        number: NUMBERS.heyun,
        reasonKind: 'annual-report-missing',
        year: 2025,
        decidedOn: '2026-05-11',
      }),
      201,
    );
    expect(listing).toMatchObject({
      listedBy: '北京市通信管理局',
      holderName: '北京合云网络科技有限公司',
    });
    expect(listing.reason).toContain('京通信管〔2026〕21号');
    const listed = await publicPage('heyun');
    expect(listed.creditListings).toEqual([
      expect.objectContaining({
        list: 'bad',
        removedOn: null,
        holderName: '北京合云网络科技有限公司',
      }),
    ]);
    expect(listed.annualReports).toEqual([]);
    // removal before the report is filed and confirmed is refused
    expectProblem(
      await call('POST', `/api/v1/credit-lists/entries/${listing.id}/removal`, 'authority', {}),
      409,
      'ILLEGAL_TRANSITION',
    );

    // --- the late filer files; the authority confirms and removes it
    at('2026-05-20');
    const third = await file('heyun', false);
    at('2026-05-22');
    expect((await decide(third.id, 'accept')).status).toBe('accepted');
    const removed = ok<{ removedOn: string; removalReason: string }>(
      await call('POST', `/api/v1/credit-lists/entries/${listing.id}/removal`, 'authority', {}),
    );
    expect(removed).toMatchObject({
      removedOn: '2026-05-22',
      removalReason: '已补报2025年度年报并经确认',
    });
    at('2026-05-25');
    await remind();

    // --- reminders: each step's once, none for a report accepted before it fell due
    expect(keysOf(NUMBERS.qinghe)).toEqual(['annual-report@2025#accepted']);
    expect(keysOf(NUMBERS.lanshan)).toEqual([
      'annual-report@2025#10',
      'annual-report@2025#returned-4',
      'annual-report@2025#5',
      'annual-report@2025#accepted',
    ]);
    expect(keysOf(NUMBERS.heyun)).toEqual([
      'annual-report@2025#10',
      'annual-report@2025#5',
      'annual-report@2025#1',
      'annual-report-make-up@2026-04-03#10',
      'annual-report-make-up@2026-04-03#5',
      'annual-report-make-up@2026-04-03#1',
      'annual-report@2025#accepted',
      `credit-list@${listing.id}`,
      `credit-list@${listing.id}#removed`,
    ]);
    const returnedNotice = sent.find((r) => r.key.endsWith('#returned-4'));
    expect(returnedNotice).toMatchObject({
      dueOn: '2026-03-31',
      notice: { on: '2026-03-05', hasDue: true },
      explanation: '退回理由：第三项投诉数与客服记录不符，请核实',
    });
    const listedNotice = sent.find((r) => r.key === `${NUMBERS.heyun}/credit-list@${listing.id}`);
    expect(listedNotice?.title).toBe('已被北京市通信管理局列入电信业务经营不良名单');
    expect(listedNotice?.notice).toEqual({ on: '2026-05-12', hasDue: false });
    const makeUp = sent.find((r) => r.key.endsWith('make-up@2026-04-03#1'));
    expect(makeUp).toMatchObject({ dueOn: '2026-05-06', title: '限期补报年报' });

    // --- the public pages: the published part only
    const one = await publicPage('qinghe');
    expect(one.annualReports).toHaveLength(1);
    const items = one.annualReports[0]?.items ?? [];
    expect(items.map((i) => i.no)).toEqual([1, 2, 3]);
    expect(items[0]?.fields).not.toHaveProperty('revenue');
    expect(items[0]?.withheld).toEqual(['电信业务收入（万元）']);
    expect(items[0]?.fields['usersByService']).toEqual({ B25: 5200 });
    const text = JSON.stringify(one);
    expect(text).not.toContain('SECRET-SECURITY');
    expect(text).not.toContain('COMPLIANCE-qinghe');
    expect(one.creditListings).toEqual([]);
    const two = await publicPage('lanshan');
    expect(two.annualReports[0]?.items.map((i) => i.no)).toEqual([1, 2, 3, 5]);
    expect(JSON.stringify(two)).toContain('COMPLIANCE-lanshan');
    expect(JSON.stringify(two)).not.toContain('SECRET-SECURITY');
    const three = await publicPage('heyun');
    expect(three.annualReports.map((r) => r.year)).toEqual([2025]);
    expect(three.creditListings).toEqual([expect.objectContaining({ removedOn: '2026-05-22' })]);
    const publicList = ok<{ items: unknown[] }>(
      await call('GET', '/api/v1/public/credit-lists', null),
    );
    expect(publicList.items).toEqual([]);

    // --- the overview: three due, all accepted in the end, one late
    const overview = ok<{
      due: number;
      late: number;
      byStage: Record<string, number>;
      byRegion: { key: string; rate: number }[];
    }>(await call('GET', '/api/v1/annual-report-cycle/overview?year=2025', 'authority'));
    expect([overview.due, overview.late, overview.byStage['accepted']]).toEqual([3, 1, 3]);
    expect(overview.byRegion).toEqual([expect.objectContaining({ key: '京', rate: 1 })]);
  }, 120_000);

  it('keeps each report to its holder and the authority it was submitted to', async () => {
    at('2026-06-01');
    const mine = ok<{ items: { id: string; number: string }[] }>(
      await call('GET', '/api/v1/annual-reports', 'qinghe'),
    );
    expect(mine.items.map((r) => r.number)).toEqual([NUMBERS.qinghe]);
    const other = mine.items[0]?.id ?? '';
    expectProblem(
      await call('GET', `/api/v1/annual-reports/${other}`, 'lanshan'),
      404,
      'NOT_FOUND',
    );
    const submitted = ok<{ items: unknown[] }>(
      await call('GET', '/api/v1/annual-reports?side=authority&year=2025', 'authority'),
    );
    expect(submitted.items).toHaveLength(3);
    // the acme harness organisation's own licence has no report and no authority here
    expectProblem(
      await call('GET', '/api/v1/annual-report-cycle?year=2025', 'qinghe'),
      403,
      'FORBIDDEN',
    );
  });
});
