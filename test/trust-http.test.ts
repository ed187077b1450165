/**
 * Trust over HTTP (issue 15, docs/trust.md) on every dialect: the issuing authority's register is
 * the source of truth. An authority issues and decides in its jurisdiction only; every document
 * checked or saved is compared with the register (verified, mismatch) or, without one, judged on its
 * own findings (suspect, unverified); a suspect or mismatching document is saved only with a
 * reason; nothing a holder saves changes the public answer, which comes from registers only; a
 * platform's official-query confirmation stands in for a register until it falls due; and the
 * instance's administrator manages organisations.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { aLicence, aService, aWebsite } from '../src/core/checks/licence-builder.test-helpers.js';
import type { Licence } from '../src/core/licence.js';
import { officialQueryUrl } from '../src/core/trust/official-query.js';
import {
  bearer,
  expectProblem,
  harnessFor,
  SEED,
  SEED_NUMBER,
  type HttpHarness,
  type InjectedResponse,
} from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

/** A clean 京 licence: no rule faults it on the harness's day (2026-11-28). */
const CLEAN: Licence = aLicence({
  number: '京B2-20250731',
  holder: {
    name: '北京青禾网络科技有限公司',
    legalRepresentative: '陈思远',
    creditCode: '91310104MA1FR5C85C',
    address: '北京市海淀区中关村大街1号',
  },
  issuer: '北京市通信管理局',
  services: [aService({ coverage: ['北京市'] })],
  websites: [aWebsite({ serverLocation: '北京市海淀区' })],
});
const CLEAN_NUMBER = '京B2-20250731';
const CLEAN_PATH = encodeURIComponent(CLEAN_NUMBER);

/** A clean 沪 licence: no authority on these instances covers 沪. */
const UNCOVERED: Licence = aLicence();
const UNCOVERED_NUMBER = '沪B2-20250731';

/**
 * The five forgeries of the issue: an issuer of another province, a 10-year term, a bad check digit
 * in the credit code, a provincial licence covering 全国, a malformed domain.
 */
function forge(l: Licence, otherIssuer: string): Licence {
  return {
    ...l,
    issuer: otherIssuer,
    expiresOn: '2035-07-31',
    holder: { ...l.holder, creditCode: '91310104MA1FR5C85D' },
    services: l.services.map((s) => ({ ...s, coverage: ['全国'] })),
    websites: [aWebsite({ domains: ['www..qinghe-read.cn'] })],
  };
}

const CJK_DATE = (iso: string | null): string => {
  if (iso === null) return '';
  const [y, m, d] = iso.split('-');
  return `${y ?? ''}年${m ?? ''}月${d ?? ''}日`;
};

/** The licence as its document prints it (the layout of the 沪B2-20200731 fixture). */
function render(l: Licence): string {
  const service = l.services[0];
  const lines = [
    '中华人民共和国',
    '增值电信业务经营许可证',
    '（电子证照）',
    '',
    `经营许可证编号：${l.number ?? ''}`,
    '',
    `公司名称：${l.holder.name ?? ''}`,
    `统一社会信用代码：${l.holder.creditCode ?? ''}`,
    `法定代表人：${l.holder.legalRepresentative ?? ''}`,
    `注册住所：${l.holder.address ?? ''}`,
    '',
    `业务种类：第二类增值电信业务中的${service?.name ?? ''}（${service?.qualifier ?? ''}）`,
    `业务覆盖范围：${service?.coverage.join('、') ?? ''}`,
    '',
    `发证机关：${l.issuer ?? ''}`,
    `发证日期：${CJK_DATE(l.issuedOn)}`,
    `有效期至：${CJK_DATE(l.expiresOn)}`,
    '',
    '本经营许可证正文及附件具有同等效力。经营许可证信息可通过电信业务市场综合管理信息系统查询。',
    '',
    '中华人民共和国增值电信业务经营许可证',
    '附件1',
    `经营许可证编号：${l.number ?? ''}`,
    '',
    `${l.holder.name ?? ''}获准经营${service?.name ?? ''}（${service?.qualifier ?? ''}）相关信息`,
    '',
    ...l.websites.flatMap((w) => [
      `网站名称：${w.name ?? ''}`,
      `网站域名：${w.domains.join('、')}`,
      `服务器放置地：${w.serverLocation ?? ''}`,
      `网站接入服务提供单位：${w.accessProvider ?? ''}`,
      '',
    ]),
    '中华人民共和国增值电信业务经营许可证',
    '附件2',
    `经营许可证编号：${l.number ?? ''}`,
    '',
    '特别规定事项',
    '',
    ...l.provisions.map((p) => `${p.id === '10' ? '十' : p.id}、${p.text}`),
    '',
  ];
  return lines.join('\n');
}

interface Finding {
  ruleId: string;
  severity: string;
  message: string;
  messageEn: string;
}

interface Report {
  schema: string;
  licence: Licence;
  findings: Finding[];
  verdict: string;
  verdictReason: string;
  verdictReasonEn: string;
  validity: string;
  register: {
    provenance: string;
    authority: { id: string; name: string } | null;
    found: boolean;
    status: string | null;
    version: number | null;
    confirmation: { current: boolean; dueOn: string; checkedBy: string } | null;
    differences: { field: string; documentValue: string; registerValue: string }[];
  } | null;
}

interface DocumentResult {
  parse: { licence: Licence };
  report: Report;
  saved: {
    outcome: string;
    licence: { number: string; provenance: string; version: number };
  } | null;
}

interface Stored {
  number: string;
  status: string;
  currentStatus: string;
  provenance: string;
  version: number;
  licence: Licence;
}

interface History {
  licence: Stored;
  versions: { version: number; provenance?: string; licence: Licence }[];
  events: {
    kind: string;
    note: string | null;
    actor: string;
    data: { decisionNumber?: string; expiresOn?: string } | null;
  }[];
}

/** Requests against one harness, with a token each. */
function client(h: HttpHarness) {
  const json = (method: 'GET' | 'POST' | 'PUT', url: string, token?: string, body?: unknown) =>
    h.app.inject({
      method,
      url,
      ...(body === undefined ? {} : { payload: body as string }),
      headers: token === undefined ? {} : bearer(token),
    });
  return {
    get: (url: string, token?: string) => json('GET', url, token),
    post: (url: string, body: unknown, token?: string) => json('POST', url, token, body),
    put: (url: string, body: unknown, token?: string) => json('PUT', url, token, body),
    check: async (licence: Licence, token: string): Promise<Report> => {
      const res = await json('POST', '/api/v1/checks', token, { licence });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Report>();
    },
    document: (text: string, token: string, query = '') =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1/documents${query}`,
        payload: text,
        headers: { 'content-type': 'text/plain', ...bearer(token) },
      }),
    /** a document with a record corrected by hand, as the review screen sends it */
    corrected: (text: string, record: Licence, token: string, query = '') => {
      const boundary = 'xuketrustboundary';
      const body =
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="doc.txt"\r\n` +
        `Content-Type: text/plain\r\n\r\n${text}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="record"\r\n\r\n` +
        `${JSON.stringify(record)}\r\n--${boundary}--\r\n`;
      return h.app.inject({
        method: 'POST',
        url: `/api/v1/documents${query}`,
        payload: Buffer.from(body),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...bearer(token) },
      });
    },
  };
}

/**
 * An organisation made by the instance's administrator (acme's admin on the harness) over the API,
 * and an admin token of it from POST /session/switch.
 */
async function organisation(
  h: HttpHarness,
  body: { id: string; name: string; kind: string; jurisdiction?: string },
): Promise<string> {
  const c = client(h);
  const made = await c.post('/api/v1/organisations', body, h.tokens.admin);
  expect(made.statusCode, made.body).toBe(201);
  const switched = await c.post(
    '/api/v1/session/switch',
    { organisation: body.id },
    h.tokens.admin,
  );
  expect(switched.statusCode, switched.body).toBe(201);
  return switched.json<{ token: string }>().token;
}

const ruleIds = (r: Report): string[] => r.findings.map((f) => f.ruleId);
const errorsOf = (r: Report, rule: string): Finding[] =>
  r.findings.filter((f) => f.ruleId === rule && f.severity === 'error');

function expectOk(res: InjectedResponse, status: number): void {
  expect(res.statusCode, res.body).toBe(status);
}

describeEachDialect('trust over HTTP', (dialect) => {
  describe('the register of an authority, and documents compared with it', () => {
    const h = harnessFor(dialect);
    const c = client(h);
    /** 北京市通信管理局 (京): an admin token from the switch */
    let authority = '';
    /** a platform that checks its customers' licences */
    let platform = '';

    beforeAll(async () => {
      authority = await organisation(h, {
        id: 'beijing',
        name: '北京市通信管理局',
        kind: 'authority',
        jurisdiction: '京',
      });
      platform = await organisation(h, { id: 'checker', name: '审核平台', kind: 'platform' });
      const issued = await c.post(
        '/api/v1/register/licences',
        { licence: CLEAN, reason: '准予许可', decisionNumber: '京通信管〔2025〕731号' },
        authority,
      );
      expectOk(issued, 201);
      expect(issued.json<Stored>()).toMatchObject({
        number: CLEAN_NUMBER,
        provenance: 'issued',
        version: 1,
        status: 'valid',
      });
    });

    it('the register records who issued what, why and under which 文号', async () => {
      const res = await c.get(`/api/v1/licences/${CLEAN_PATH}/history`, authority);
      expectOk(res, 200);
      const history = res.json<History>();
      expect(history.licence.provenance).toBe('issued');
      expect(history.versions.map((v) => v.provenance)).toEqual(['issued']);
      expect(history.events).toEqual([
        expect.objectContaining({
          kind: 'issued',
          note: '准予许可',
          data: { decisionNumber: '京通信管〔2025〕731号' },
        }),
      ]);
      // the token the switch made, named after the acme admin's token (core/actor.ts)
      expect(history.events[0]?.actor).toMatch(
        /^token:\{"id":"[^"]+","name":"switch from token “acme-admin”","createdBy":null,/u,
      );
      const register = await c.get('/api/v1/register/licences', authority);
      expectOk(register, 200);
      expect(register.json()).toMatchObject({
        items: [expect.objectContaining({ number: CLEAN_NUMBER, provenance: 'issued' })],
        counts: { valid: 1 },
      });
    });

    it('an issued licence checked by a platform, from its record or its own text, is verified and valid', async () => {
      const report = await c.check(CLEAN, platform);
      expect(report).toMatchObject({
        verdict: 'verified',
        validity: 'valid',
        register: {
          provenance: 'issued',
          authority: { id: 'beijing', name: '北京市通信管理局' },
          found: true,
          version: 1,
          differences: [],
        },
      });
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(report.verdictReason).toContain('北京市通信管理局');

      const res = await c.document(render(CLEAN), platform);
      expectOk(res, 200);
      const r = res.json<DocumentResult>();
      expect(r.parse.licence.number).toBe(CLEAN_NUMBER);
      expect(r.report.register?.differences).toEqual([]);
      expect(r.report).toMatchObject({ verdict: 'verified', validity: 'valid' });
    });

    it('a different holder or a later expiry is a register-mismatch quoting both values: mismatch', async () => {
      const other = await c.check(
        { ...CLEAN, holder: { ...CLEAN.holder, name: '北京青木网络科技有限公司' } },
        platform,
      );
      expect(other.verdict).toBe('mismatch');
      const [holder] = errorsOf(other, 'register-mismatch');
      expect(holder?.message).toContain('北京青木网络科技有限公司');
      expect(holder?.message).toContain('北京青禾网络科技有限公司');
      expect(other.verdictReason).toContain('与登记不符');

      const later = await c.check({ ...CLEAN, expiresOn: '2031-07-31' }, platform);
      expect(later.verdict).toBe('mismatch');
      const expiry = errorsOf(later, 'register-mismatch');
      expect(expiry).toHaveLength(1);
      expect(expiry[0]?.message).toContain('2031-07-31');
      expect(expiry[0]?.message).toContain('2030-07-31');
      expect(later.register?.differences).toEqual([
        expect.objectContaining({
          field: 'expiresOn',
          documentValue: '2031-07-31',
          registerValue: '2030-07-31',
        }),
      ]);

      // the document's own text, printed with another holder
      const res = await c.document(
        render({ ...CLEAN, holder: { ...CLEAN.holder, name: '北京青木网络科技有限公司' } }),
        platform,
      );
      expectOk(res, 200);
      const r = res.json<DocumentResult>().report;
      expect(r.verdict).toBe('mismatch');
      expect(errorsOf(r, 'register-mismatch')[0]?.message).toContain('北京青木网络科技有限公司');
    });

    it('a 京 number the register does not hold is not-in-register: mismatch', async () => {
      const report = await c.check({ ...CLEAN, number: '京B2-20250999' }, platform);
      expect(report.verdict).toBe('mismatch');
      expect(errorsOf(report, 'not-in-register')).toHaveLength(1);
      expect(report.register).toMatchObject({
        found: false,
        authority: { id: 'beijing' },
      });
    });

    it('a number no authority here covers: unverified with register-unavailable, or suspect with an error', async () => {
      const clean = await c.check(UNCOVERED, platform);
      expect(clean.verdict).toBe('unverified');
      expect(clean.verdictReason).toContain('未经发证机关核实');
      expect(clean.register).toBeNull();
      const info = clean.findings.find((f) => f.ruleId === 'register-unavailable');
      expect(info?.severity).toBe('info');
      expect(info?.message).toContain(officialQueryUrl(UNCOVERED_NUMBER));

      const badCode = await c.check(
        { ...UNCOVERED, holder: { ...UNCOVERED.holder, creditCode: '91310104MA1FR5C85D' } },
        platform,
      );
      expect(badCode.verdict).toBe('suspect');
      expect(ruleIds(badCode)).toEqual(
        expect.arrayContaining(['credit-code', 'register-unavailable']),
      );
    });

    it('a forged document is suspect (mismatch when in the register), and is saved only with a reason', async () => {
      const forged = forge(UNCOVERED, '北京市通信管理局');
      const checked = await c.check(forged, platform);
      expect(checked.verdict).toBe('suspect');
      expect(checked.validity).toBe('valid');
      for (const rule of [
        'issuer-region',
        'validity-term',
        'credit-code',
        'coverage-scope',
        'domain-format',
      ]) {
        expect(ruleIds(checked), rule).toContain(rule);
      }
      const inRegister = await c.check(forge(CLEAN, '上海市通信管理局'), platform);
      expect(inRegister.verdict).toBe('mismatch');
      expect(errorsOf(inRegister, 'register-mismatch').length).toBeGreaterThanOrEqual(4);

      // the document's own text: the same verdict, and no save without a reason
      const text = render(forged);
      const read = await c.document(text, platform);
      expectOk(read, 200);
      expect(read.json<DocumentResult>().report.verdict).toBe('suspect');
      const refused = await c.document(text, platform, '?save=true');
      const problem = expectProblem(refused, 409, 'ACKNOWLEDGEMENT_REQUIRED');
      expect(String(problem['detailZh'])).toContain('需人工复核');
      expectProblem(
        await c.get(`/api/v1/licences/${encodeURIComponent(UNCOVERED_NUMBER)}`, platform),
        404,
        'NOT_FOUND',
      );

      const reason = '客户提交原件，已电话核实，待官方系统复核';
      const saved = await c.document(
        text,
        platform,
        `?save=true&acknowledge=${encodeURIComponent(reason)}`,
      );
      expectOk(saved, 201);
      expect(saved.json<DocumentResult>().saved).toMatchObject({
        outcome: 'created',
        licence: { provenance: 'declared', version: 1 },
      });
      const history = (
        await c.get(`/api/v1/licences/${encodeURIComponent(UNCOVERED_NUMBER)}/history`, platform)
      ).json<History>();
      expect(history.events[0]?.note).toContain(reason);
      expect(history.events[0]?.note).toContain('suspect');
      const audit = await c.get('/api/v1/audit?limit=100', platform);
      expectOk(audit, 200);
      const entries = audit.json<{ items: { subject: string; payload: unknown }[] }>().items;
      const entry = entries.find((e) => e.subject === UNCOVERED_NUMBER);
      expect(JSON.stringify(entry?.payload)).toContain(reason);
    });

    it('a holder’s hand-edited record for a register number changes nothing public', async () => {
      const edited: Licence = {
        ...CLEAN,
        holder: { ...CLEAN.holder, name: '北京冒名网络科技有限公司' },
        expiresOn: '2099-12-31',
        websites: [
          aWebsite({ name: '青禾读书', domains: ['www.qinghe-read.cn.login-verify.top'] }),
        ],
      };
      const before = await c.get(`/api/v1/public/licences/${CLEAN_PATH}`);
      expectOk(before, 200);

      const refused = await c.corrected(render(CLEAN), edited, h.tokens.member, '?save=true');
      expectProblem(refused, 409, 'ACKNOWLEDGEMENT_REQUIRED');
      const saved = await c.corrected(
        render(CLEAN),
        edited,
        h.tokens.member,
        `?save=true&acknowledge=${encodeURIComponent('我司自行更正')}`,
      );
      expectOk(saved, 201);
      const result = saved.json<DocumentResult>();
      expect(result.report.verdict).toBe('mismatch');
      expect(result.saved?.licence.provenance).toBe('declared');

      // even published by its holder's choice, a declared copy never answers for a register number
      expectOk(
        await c.put('/api/v1/organisation/settings', { publishDeclared: true }, h.tokens.admin),
        200,
      );
      try {
        const after = await c.get(`/api/v1/public/licences/${CLEAN_PATH}`);
        expectOk(after, 200);
        expect(after.json()).toEqual(before.json());
        expect(after.json()).toMatchObject({
          holder: '北京青禾网络科技有限公司',
          expiresOn: '2030-07-31',
          provenance: 'issued',
          authority: { id: 'beijing', name: '北京市通信管理局' },
          registerVersion: 1,
          notice: null,
        });
        expect(after.body).not.toContain('login-verify');
        expect(after.body).not.toContain('2099');
      } finally {
        await c.put('/api/v1/organisation/settings', { publishDeclared: false }, h.tokens.admin);
      }
      const entry = (await c.get(`/api/v1/licences/${CLEAN_PATH}`, authority)).json<Stored>();
      expect(entry).toMatchObject({ version: 1, provenance: 'issued' });
      expect(entry.licence.expiresOn).toBe('2030-07-31');
    });

    it('a holder cannot renew, cancel or revoke; a declared expiry is no renewal', async () => {
      for (const token of [h.tokens.admin, h.tokens.member]) {
        for (const body of [
          { kind: 'renewed', expiresOn: '2099-12-31' },
          { kind: 'cancelled', note: '注销' },
          { kind: 'revoked', note: '吊销' },
        ]) {
          expectProblem(
            await c.post(`/api/v1/licences/${SEED}/events`, body, token),
            403,
            'FORBIDDEN',
          );
        }
      }
      // nor through the register's own route
      for (const kind of ['renewed', 'cancelled', 'revoked']) {
        expectProblem(
          await c.post(
            `/api/v1/register/licences/${CLEAN_PATH}/events`,
            { kind, reason: '自行', decisionNumber: '无', expiresOn: '2099-12-31' },
            h.tokens.admin,
          ),
          403,
          'FORBIDDEN',
        );
      }
      const seed = (await c.get(`/api/v1/licences/${SEED}`, h.tokens.viewer)).json<Stored>();
      expect(seed).toMatchObject({ number: SEED_NUMBER, version: 1, provenance: 'declared' });
    });

    it('an authority issues only in its jurisdiction; nobody else issues; an authority saves no document', async () => {
      const outside = await c.post(
        '/api/v1/register/licences',
        { licence: UNCOVERED, reason: '准予许可', decisionNumber: '京通信管〔2025〕1号' },
        authority,
      );
      const p = expectProblem(outside, 403, 'FORBIDDEN');
      expect(String(p['detailZh'])).toContain('沪');
      for (const token of [h.tokens.admin, h.tokens.member, platform, h.tokens.otherAdmin]) {
        expectProblem(
          await c.post(
            '/api/v1/register/licences',
            {
              licence: { ...CLEAN, number: '京B2-20250732' },
              reason: '准予许可',
              decisionNumber: '京通信管〔2025〕2号',
            },
            token,
          ),
          403,
          'FORBIDDEN',
        );
      }
      expectProblem(
        await c.document(render(CLEAN), authority, '?save=true&acknowledge=x'),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await c.post(
          `/api/v1/licences/${CLEAN_PATH}/events`,
          { kind: 'renewal-applied' },
          authority,
        ),
        403,
        'FORBIDDEN',
      );
      // a viewer of the authority reads its register but writes nothing
      const viewer = await h.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        payload: { name: 'clerk', role: 'viewer' },
        headers: bearer(authority),
      });
      expectOk(viewer, 201);
      expectProblem(
        await c.post(
          '/api/v1/register/licences',
          {
            licence: { ...CLEAN, number: '京B2-20250733' },
            reason: '准予许可',
            decisionNumber: '京通信管〔2025〕3号',
          },
          viewer.json<{ token: string }>().token,
        ),
        403,
        'FORBIDDEN',
      );
    });

    it('the authority’s decisions, each with its reason and 文号, are what the public sees', async () => {
      const number = '京B2-20250801';
      const path = encodeURIComponent(number);
      const licence = {
        ...CLEAN,
        number,
        holder: { ...CLEAN.holder, name: '北京远山信息技术有限公司' },
      };
      expectOk(
        await c.post(
          '/api/v1/register/licences',
          { licence, reason: '准予许可', decisionNumber: '京通信管〔2025〕801号' },
          authority,
        ),
        201,
      );
      const decide = (body: Record<string, unknown>) =>
        c.post(`/api/v1/register/licences/${path}/events`, body, authority);
      // a decision needs its reason and 文号
      expectProblem(await decide({ kind: 'suspended', decisionNumber: '京〔2026〕1号' }), 400);
      expectProblem(await decide({ kind: 'suspended', reason: '整改' }), 400);
      expectProblem(
        await decide({ kind: 'reinstated', reason: '恢复', decisionNumber: '京〔2026〕1号' }),
        409,
        'ILLEGAL_TRANSITION',
      );
      const publicAnswer = async () =>
        (await c.get(`/api/v1/public/licences/${path}`)).json<Record<string, unknown>>();
      expectOk(
        await decide({
          kind: 'suspended',
          reason: '责令整改',
          decisionNumber: '京通信管〔2026〕12号',
        }),
        201,
      );
      expect(await publicAnswer()).toMatchObject({ status: 'suspended', registerVersion: 2 });
      // a platform checking the document sees the register's word on validity
      const report = await c.check(licence, platform);
      expect(report).toMatchObject({ verdict: 'verified', validity: 'suspended' });
      expectOk(
        await decide({
          kind: 'reinstated',
          reason: '整改完成',
          decisionNumber: '京通信管〔2026〕20号',
        }),
        201,
      );
      const renewed = await decide({
        kind: 'renewed',
        expiresOn: '2035-07-31',
        reason: '准予延续',
        decisionNumber: '京通信管〔2026〕31号',
      });
      expectOk(renewed, 201);
      expect(renewed.json<Stored>()).toMatchObject({ version: 4, provenance: 'issued' });
      expect(await publicAnswer()).toMatchObject({
        expiresOn: '2035-07-31',
        registerVersion: 4,
        status: 'valid',
      });
      // the renewed certificate: issued on the decision day, valid from the day after the old
      // expiry; the holder's copy printed so matches the register and passes the 5-year term
      const renewedRecord = renewed.json<Stored>().licence;
      expect(renewedRecord).toMatchObject({
        issuedOn: '2026-11-28',
        validFrom: '2030-08-01',
        expiresOn: '2035-07-31',
      });
      expect(await c.check(renewedRecord, platform)).toMatchObject({
        verdict: 'verified',
        validity: 'valid',
      });
      const stale = await c.check(licence, platform);
      expect(stale.verdict).toBe('mismatch');
      expect(stale.register?.differences.map((d) => d.field)).toEqual(
        expect.arrayContaining(['expiresOn']),
      );
      expectOk(
        await decide({
          kind: 'revoked',
          reason: '违法经营',
          decisionNumber: '京通信管〔2026〕40号',
        }),
        201,
      );
      expect(await publicAnswer()).toMatchObject({ status: 'revoked', registerVersion: 5 });
      expect((await c.check(licence, platform)).validity).toBe('revoked');
      const history = (await c.get(`/api/v1/licences/${path}/history`, authority)).json<History>();
      expect(history.events.map((e) => [e.kind, e.note, e.data?.decisionNumber])).toEqual([
        ['issued', '准予许可', '京通信管〔2025〕801号'],
        ['suspended', '责令整改', '京通信管〔2026〕12号'],
        ['reinstated', '整改完成', '京通信管〔2026〕20号'],
        ['renewed', '准予延续', '京通信管〔2026〕31号'],
        ['revoked', '违法经营', '京通信管〔2026〕40号'],
      ]);
    });
  });

  describe('public verification answers from registers only', () => {
    const h = harnessFor(dialect);
    const c = client(h);

    it('a number held only as a declaration is 404 NOT_IN_REGISTER linking to the official query', async () => {
      const res = await c.get(`/api/v1/public/licences/${SEED}`);
      const p = expectProblem(res, 404, 'NOT_IN_REGISTER');
      expect(p['links']).toEqual({ officialQuery: officialQueryUrl(SEED_NUMBER) });
      expect(String(p['detailZh'])).toContain('电信业务市场综合管理信息系统');
    });

    it('an organisation that opts in publishes its declared records, marked as not verified', async () => {
      expectProblem(
        await c.put('/api/v1/organisation/settings', { publishDeclared: true }, h.tokens.member),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await c.put('/api/v1/organisation/settings', { publishDeclared: 'yes' }, h.tokens.admin),
        400,
      );
      const set = await c.put(
        '/api/v1/organisation/settings',
        { publishDeclared: true },
        h.tokens.admin,
      );
      expectOk(set, 200);
      expect(set.json()).toMatchObject({ id: 'acme', publishDeclared: true });
      const res = await c.get(`/api/v1/public/licences/${SEED}`);
      expectOk(res, 200);
      expect(res.json()).toMatchObject({
        number: SEED_NUMBER,
        provenance: 'declared',
        authority: null,
      });
      expect(res.json<{ notice: string }>().notice).toContain(
        '由持证单位自行登记，未经发证机关核实',
      );
      // another organisation's declared records stay unpublished
      expectProblem(
        await c.get(`/api/v1/public/licences/${encodeURIComponent('B1.B2-20233345')}`),
        404,
        'NOT_IN_REGISTER',
      );
    });

    it('an impossible number and a malformed one are 400, each saying why', async () => {
      const impossible = expectProblem(
        await c.get(`/api/v1/public/licences/${encodeURIComponent('京B2-99999999')}`),
        400,
        'INVALID_INPUT',
      );
      // year 9999: outside every year a number can carry
      expect(String(impossible['detailZh'])).toContain('年份"9999"');
      expect(String(impossible['detail'])).toContain('9999');
      // a well-formed number of a year still to come cannot exist either
      const future = expectProblem(
        await c.get(`/api/v1/public/licences/${encodeURIComponent('京B2-20270001')}`),
        400,
        'INVALID_INPUT',
      );
      expect(String(future['detailZh'])).toContain('不可能存在');
      expect(String(future['detail'])).toMatch(/year 2027 is after this year \(2026\)/u);
      const garbage = expectProblem(
        await c.get(`/api/v1/public/licences/${encodeURIComponent('not a number!')}`),
        400,
        'INVALID_INPUT',
      );
      expect(garbage['detail']).not.toEqual(impossible['detail']);
      expect(String(garbage['detailZh'])).toContain('不是经营许可证编号');
    });

    it('once an authority covers the number, its register answers, not the declaration', async () => {
      await organisation(h, {
        id: 'beijing',
        name: '北京市通信管理局',
        kind: 'authority',
        jurisdiction: '京',
      });
      const p = expectProblem(
        await c.get(`/api/v1/public/licences/${SEED}`),
        404,
        'NOT_IN_REGISTER',
      );
      expect(String(p['detailZh'])).toContain('北京市通信管理局');
      expect(p['links']).toEqual({ officialQuery: officialQueryUrl(SEED_NUMBER) });
    });
  });

  describe('official-query confirmations, on an instance with no authority', () => {
    const h = harnessFor(dialect);
    const c = client(h);
    let platform = '';
    const number = encodeURIComponent(UNCOVERED_NUMBER);

    beforeAll(async () => {
      platform = await organisation(h, { id: 'checker', name: '审核平台', kind: 'platform' });
    });

    it('a matching document is verified by a current confirmation, a differing one mismatch, then unverified once due', async () => {
      expect((await c.check(UNCOVERED, platform)).verdict).toBe('unverified');
      const screenshot = Buffer.from('<html><body>已发证 上海青禾网络科技有限公司</body></html>');
      const made = await c.post(
        '/api/v1/confirmations',
        {
          number: '沪Ｂ２－２０２５０７３１',
          officialStatus: '有效',
          holderName: '上海青禾网络科技有限公司',
          services: [{ name: '信息服务业务', coverage: ['上海市'] }],
          expiresOn: '2030年07月31日',
          note: '官方系统截图',
          attachment: { name: 'query.html', base64: screenshot.toString('base64') },
        },
        platform,
      );
      expectOk(made, 201);
      const confirmation = made.json<{
        number: string;
        provenance: string;
        checkedOn: string;
        checkedBy: string;
        expiresOn: string;
        dueOn: string;
        attachmentSha256: string | null;
      }>();
      expect(confirmation).toMatchObject({
        number: UNCOVERED_NUMBER,
        provenance: 'confirmed',
        checkedOn: '2026-11-28',
        expiresOn: '2030-07-31',
        dueOn: '2027-02-26',
      });
      expect(confirmation.attachmentSha256).toMatch(/^[0-9a-f]{64}$/u);
      const listed = await c.get(`/api/v1/confirmations?number=${number}`, platform);
      expect(listed.json<{ items: unknown[] }>().items).toHaveLength(1);

      const verified = await c.check(UNCOVERED, platform);
      expect(verified.verdict).toBe('verified');
      expect(verified.verdictReason).toContain('在官方系统核实');
      expect(verified.verdictReason).toContain(confirmation.checkedBy);
      expect(verified.register).toMatchObject({
        provenance: 'confirmed',
        authority: null,
        confirmation: { current: true, dueOn: '2027-02-26' },
      });
      const res = await c.document(render(UNCOVERED), platform);
      expectOk(res, 200);
      expect(res.json<DocumentResult>().report.verdict).toBe('verified');

      const differing = await c.check(
        { ...UNCOVERED, holder: { ...UNCOVERED.holder, name: '上海青木网络科技有限公司' } },
        platform,
      );
      expect(differing.verdict).toBe('mismatch');
      expect(errorsOf(differing, 'register-mismatch')[0]?.message).toContain(
        '上海青禾网络科技有限公司',
      );
      const wider = await c.check(
        { ...UNCOVERED, services: [aService({ coverage: ['上海市', '江苏省'] })] },
        platform,
      );
      expect(wider.verdict).toBe('mismatch');

      // a confirmation is the platform's own: another organisation is not verified by it
      expect((await c.check(UNCOVERED, h.tokens.member)).verdict).toBe('unverified');
      // and public verification never shows it as the authority's word
      expectProblem(await c.get(`/api/v1/public/licences/${number}`), 404, 'NOT_IN_REGISTER');

      h.clock.set('2027-02-25T20:00:00.000Z'); // 2027-02-26 04:00 in Shanghai: due
      try {
        const due = await c.check(UNCOVERED, platform);
        expect(due.verdict).toBe('unverified');
        expect(due.register?.confirmation).toMatchObject({ current: false, dueOn: '2027-02-26' });
        expect(due.findings.find((f) => f.ruleId === 'register-unavailable')?.message).toContain(
          '到期',
        );
      } finally {
        h.clock.set('2026-11-28T02:00:00.000Z');
      }
    });

    it('400 on a confirmation without a status, with a day in the future, on a bad number', async () => {
      for (const body of [
        { number: UNCOVERED_NUMBER },
        { number: UNCOVERED_NUMBER, officialStatus: '有效', checkedOn: '2026-12-01' },
        { number: 'hello', officialStatus: '有效' },
        { number: UNCOVERED_NUMBER, officialStatus: '有效', expiresOn: '明年' },
      ]) {
        expectProblem(await c.post('/api/v1/confirmations', body, platform), 400, 'INVALID_INPUT');
      }
      expectProblem(
        await c.post(
          '/api/v1/confirmations',
          { number: UNCOVERED_NUMBER, officialStatus: '有效' },
          h.tokens.viewer,
        ),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await c.post('/api/v1/confirmations', { number: UNCOVERED_NUMBER, officialStatus: '有效' }),
        401,
      );
    });
  });

  describe('organisations, managed by the instance’s administrator', () => {
    const h = harnessFor(dialect);
    const c = client(h);

    it('creates an authority with its jurisdiction and lists every organisation', async () => {
      const made = await c.post(
        '/api/v1/organisations',
        {
          id: 'jingjin',
          name: '京津通信管理（测试）',
          kind: 'authority',
          jurisdiction: '京, 天津市',
        },
        h.tokens.admin,
      );
      expectOk(made, 201);
      expect(made.json()).toMatchObject({
        id: 'jingjin',
        kind: 'authority',
        jurisdiction: ['京', '津'],
        publishDeclared: false,
      });
      expectOk(
        await c.post(
          '/api/v1/organisations',
          { id: 'pingtai', name: '平台', kind: 'platform' },
          h.tokens.admin,
        ),
        201,
      );
      const list = await c.get('/api/v1/organisations', h.tokens.admin);
      expectOk(list, 200);
      const items = list.json<{ items: { id: string; kind: string }[] }>().items;
      expect(items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: 'acme', kind: 'holder' }),
          expect.objectContaining({ id: 'jingjin', kind: 'authority' }),
          expect.objectContaining({ id: 'pingtai', kind: 'platform' }),
        ]),
      );
      expectProblem(
        await c.post(
          '/api/v1/organisations',
          { id: 'pingtai', name: '平台', kind: 'platform' },
          h.tokens.admin,
        ),
        409,
        'CONFLICT',
      );
      // an organisation that already holds declared copies can never become an authority: its
      // copies would read as register entries
      expect(SEED_NUMBER).toBeTruthy();
      const acmeHolds = await c.get('/api/v1/licences', h.tokens.admin);
      expect(acmeHolds.json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
      expectProblem(
        await c.post(
          '/api/v1/organisations',
          { id: 'acme', name: '北京市通信管理局', kind: 'authority', jurisdiction: '京' },
          h.tokens.admin,
        ),
        409,
        'CONFLICT',
      );
    });

    it('403 for anyone but an admin of the administrator organisation; 401 without a token', async () => {
      const body = { id: 'x1', name: 'x', kind: 'holder' };
      for (const token of [h.tokens.member, h.tokens.viewer, h.tokens.otherAdmin]) {
        expectProblem(await c.get('/api/v1/organisations', token), 403, 'FORBIDDEN');
        expectProblem(await c.post('/api/v1/organisations', body, token), 403, 'FORBIDDEN');
        expectProblem(
          await c.post('/api/v1/session/switch', { organisation: 'acme' }, token),
          403,
          'FORBIDDEN',
        );
      }
      expectProblem(await c.get('/api/v1/organisations'), 401);
    });

    it('400 naming a bad kind, jurisdiction or id', async () => {
      const kind = expectProblem(
        await c.post(
          '/api/v1/organisations',
          { id: 'x2', name: 'x', kind: 'regulator' },
          h.tokens.admin,
        ),
        400,
        'INVALID_INPUT',
      );
      expect(JSON.stringify(kind)).toContain('kind');
      const unknown = expectProblem(
        await c.post(
          '/api/v1/organisations',
          { id: 'x3', name: 'x', kind: 'authority', jurisdiction: '京,火星' },
          h.tokens.admin,
        ),
        400,
        'INVALID_INPUT',
      );
      expect(String(unknown['detailZh'])).toContain('火星');
      const none = expectProblem(
        await c.post(
          '/api/v1/organisations',
          { id: 'x4', name: 'x', kind: 'authority' },
          h.tokens.admin,
        ),
        400,
        'INVALID_INPUT',
      );
      expect(String(none['detailZh'])).toContain('管辖范围');
      const holder = expectProblem(
        await c.post(
          '/api/v1/organisations',
          { id: 'x5', name: 'x', kind: 'holder', jurisdiction: '京' },
          h.tokens.admin,
        ),
        400,
        'INVALID_INPUT',
      );
      expect(String(holder['detail'])).toContain('jurisdiction');
      const id = expectProblem(
        await c.post(
          '/api/v1/organisations',
          { id: 'Bad Id', name: 'x', kind: 'holder' },
          h.tokens.admin,
        ),
        400,
        'INVALID_INPUT',
      );
      expect(String(id['detail'])).toContain('Bad Id');
    });

    it('POST /session/switch gives a token that acts as the target organisation’s admin', async () => {
      const res = await c.post(
        '/api/v1/session/switch',
        { organisation: 'jingjin' },
        h.tokens.admin,
      );
      expectOk(res, 201);
      const { token, organisation } = res.json<{
        token: string;
        organisation: { id: string; kind: string };
      }>();
      expect(organisation).toMatchObject({ id: 'jingjin', kind: 'authority' });
      expect((await c.get('/api/v1/me', token)).json()).toMatchObject({
        organisation: 'jingjin',
        role: 'admin',
      });
      expect((await c.get('/api/v1/organisation', token)).json()).toMatchObject({
        id: 'jingjin',
        kind: 'authority',
        jurisdiction: ['京', '津'],
        instanceAdmin: false,
      });
      expect((await c.get('/api/v1/organisation', h.tokens.admin)).json()).toMatchObject({
        id: 'acme',
        kind: 'holder',
        instanceAdmin: true,
      });
      // the switched token issues in the authority's jurisdiction (津 included) …
      expectOk(
        await c.post(
          '/api/v1/register/licences',
          {
            licence: {
              ...CLEAN,
              number: '津B2-20250731',
              issuer: '天津市通信管理局',
              services: [aService({ coverage: ['天津市'] })],
            },
            reason: '准予许可',
            decisionNumber: '津通信管〔2025〕1号',
          },
          token,
        ),
        201,
      );
      // … manages the authority's tokens, and is no administrator of the instance
      const tokens = await c.get('/api/v1/tokens', token);
      expectOk(tokens, 200);
      expectProblem(await c.get('/api/v1/organisations', token), 403, 'FORBIDDEN');
      // the switch is audited in the target organisation
      const audit = (await c.get('/api/v1/audit?limit=100', token)).json<{
        items: { action: string; actor: string }[];
      }>().items;
      expect(audit.map((e) => e.action)).toContain('organisation.created');
      expect(audit.map((e) => e.action)).toContain('session.switched');
      expectProblem(
        await c.post('/api/v1/session/switch', { organisation: 'nobody' }, h.tokens.admin),
        404,
        'NOT_FOUND',
      );
    });
  });
});
