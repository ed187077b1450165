/**
 * Trust through the `xuke` command (issue 15, docs/trust.md), as a user runs it, on every dialect:
 * organisations and their kinds, an authority issuing into its register, documents checked and
 * imported against the register (verified, mismatch, not in the register, no register), official
 * confirmations and their falling due, and the issuer's decisions refused to everyone else.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachmentFormat,
  parseServiceOption,
} from '../src/adapters/cli/registry/trust.commands.js';
import { KyselyAccessStore } from '../src/adapters/db/access.repository.js';
import { FIXTURES } from './fixtures.js';
import { describeEachDialect, type TestDatabase } from './registry-dialects.js';
import { xuke, type CliRun } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'xuke-trust-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The actor is alice; nothing comes from the environment's XUKE_ORG or database. */
const ENV = {
  XUKE_ACTOR: 'alice',
  XUKE_ORG: undefined,
  XUKE_DATABASE_URL: undefined,
  XUKE_CONFIRMATION_DAYS: undefined,
};

const HU = FIXTURES.hu;
const HU_NUMBER = '沪B2-20200731';
const B1B2 = FIXTURES.b1b2;
const B1B2_NUMBER = 'B1.B2-20233345';
/** both fixtures are free of errors on this day (hu: issued 2025-07-31, expires 2030-07-31) */
const TODAY = '2026-11-28';

/** A copy of a fixture with replacements, written to the test's directory. */
function variant(from: string, name: string, replacements: readonly [string, string][]): string {
  let text = readFileSync(from, 'utf8');
  for (const [a, b] of replacements) {
    expect(text, a).toContain(a);
    text = text.replaceAll(a, b);
  }
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** hu with another holder name and a later expiry: what a forger would change. */
const FORGED = variant(HU, 'hu-forged.txt', [
  ['上海青禾网络科技有限公司', '上海青禾网络技术有限公司'],
  ['有效期至：2030年07月31日', '有效期至：2035年07月31日'],
]);
/** a 京 number nobody issued, otherwise hu */
const UNISSUED = variant(HU, 'jing-unissued.txt', [
  [HU_NUMBER, '京B2-20200731'],
  ['上海市通信管理局', '北京市通信管理局'],
]);
/** b1b2 with another company name */
const B1B2_OTHER_NAME = variant(B1B2, 'b1b2-other-name.txt', [['星桥云数据', '星河云数据']]);

interface Finding {
  ruleId: string;
  severity: string;
  message: string;
  fields: string[];
}
interface Assessed {
  schema: string;
  verdict: string;
  verdictReason: string;
  validity: string;
  status: string;
  findings: Finding[];
  register: null | {
    provenance: string;
    authority: { id: string; name: string } | null;
    found: boolean;
    version: number | null;
    confirmation: null | { checkedBy: string; current: boolean; dueOn: string };
  };
}

function json(r: CliRun): unknown {
  return JSON.parse(r.stdout);
}

describeEachDialect('trust through the CLI', (h) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await h.fresh();
  });
  afterAll(async () => {
    await t.close();
  });

  const run = (args: readonly string[], env: Record<string, string | undefined> = {}) =>
    xuke([...args, '--db', t.url], undefined, { ...ENV, ...env });
  const check = (file: string, org: string, today = TODAY) => {
    const r = run(['check', file, '--org', org, '--today', today, '--json']);
    expect(r.stderr).toBe('');
    return { code: r.code, report: json(r) as Assessed };
  };
  const registerFindings = (report: Assessed) =>
    report.findings.filter(
      (f) => f.ruleId.startsWith('register') || f.ruleId === 'not-in-register',
    );

  it(
    'org create and list; a bad kind or jurisdiction, or an authority without one, is exit 2',
    {
      timeout: 120_000,
    },
    () => {
      const sh = run([
        'org',
        'create',
        'sh-ca',
        '--kind',
        'authority',
        '--name',
        '上海市通信管理局',
        '--jurisdiction',
        '沪',
      ]);
      expect(sh.code, sh.stderr).toBe(0);
      expect(sh.stdout).toContain('机构 sh-ca：上海市通信管理局（发证机关）');
      expect(sh.stdout).toContain('管辖范围：沪');
      const bj = run([
        'org',
        'create',
        'bj-ca',
        '--kind',
        'authority',
        '--name',
        '北京市通信管理局',
        '--jurisdiction',
        '北京市通信管理局',
        '--json',
      ]);
      expect(bj.code, bj.stderr).toBe(0);
      expect(json(bj)).toMatchObject({ id: 'bj-ca', kind: 'authority', jurisdiction: ['京'] });
      expect(
        run(['org', 'create', 'platform-x', '--kind', 'platform', '--name', '平台X']).code,
      ).toBe(0);
      expect(run(['org', 'create', 'qinghe', '--kind', 'holder', '--name', '青禾']).code).toBe(0);

      const badKind = run(['org', 'create', 'x1', '--kind', 'regulator', '--name', 'x']);
      expect(badKind.code).toBe(2);
      expect(badKind.stderr).toContain('机构类型“regulator”无效');
      const badJurisdiction = run([
        'org',
        'create',
        'x2',
        '--kind',
        'authority',
        '--name',
        'x',
        '--jurisdiction',
        '火星',
        '--lang',
        'en',
      ]);
      expect(badJurisdiction.code).toBe(2);
      expect(badJurisdiction.stderr).toMatch(
        /^xuke org create: The authority's jurisdiction: .*火星/u,
      );
      const noJurisdiction = run(['org', 'create', 'x3', '--kind', 'authority', '--name', 'x']);
      expect(noJurisdiction.code).toBe(2);
      expect(noJurisdiction.stderr).toContain('发证机关的管辖范围');
      const holderWithJurisdiction = run([
        'org',
        'create',
        'x4',
        '--kind',
        'holder',
        '--name',
        'x',
        '--jurisdiction',
        '京',
      ]);
      expect(holderWithJurisdiction.code).toBe(2);
      expect(run(['org', 'create', 'x5', '--name', 'x']).code).toBe(2);
      expect(run(['org', 'create', 'sh-ca', '--kind', 'holder', '--name', 'x']).code).toBe(4);

      const list = run(['org', 'list', '--json']);
      expect((json(list) as { id: string; kind: string }[]).map((o) => [o.id, o.kind])).toEqual([
        ['bj-ca', 'authority'],
        ['platform-x', 'platform'],
        ['qinghe', 'holder'],
        ['sh-ca', 'authority'],
      ]);
      const table = run(['org', 'list']).stdout.split('\n');
      expect(table[0]).toMatch(/^标识\s+类型\s+名称\s+管辖范围$/u);
      expect(table).toContainEqual(
        expect.stringMatching(/^sh-ca\s+发证机关\s+上海市通信管理局\s+沪$/u),
      );
      expect(run(['org', 'list', '--lang', 'en']).stdout).toMatch(
        /platform-x\s+Platform\s+平台X\s+—/u,
      );
    },
  );

  it(
    'an authority issues within its jurisdiction only; holders and platforms issue nothing',
    {
      timeout: 120_000,
    },
    () => {
      const outside = run([
        'register',
        'issue',
        B1B2,
        '--org',
        'sh-ca',
        '--reason',
        '审核通过',
        '--decision',
        '沪通信管〔2025〕1号',
      ]);
      expect(outside.code).toBe(8);
      expect(outside.stderr).toContain(
        `经营许可证 ${B1B2_NUMBER} 不属于 上海市通信管理局 的管辖范围`,
      );
      const byPlatform = run([
        'register',
        'issue',
        HU,
        '--org',
        'platform-x',
        '--reason',
        '审核通过',
        '--decision',
        '沪通信管〔2025〕1号',
        '--lang',
        'en',
      ]);
      expect(byPlatform.code).toBe(8);
      expect(byPlatform.stderr).toContain('Organisation platform-x is not an issuing authority');
      expect(run(['register', 'issue', HU, '--org', 'sh-ca', '--reason', 'x']).code).toBe(2);

      const issued = run([
        'register',
        'issue',
        HU,
        '--org',
        'sh-ca',
        '--reason',
        '审核通过',
        '--decision',
        '沪通信管〔2025〕1号',
        '--json',
      ]);
      expect(issued.code, issued.stderr).toBe(0);
      expect(json(issued)).toMatchObject({
        number: HU_NUMBER,
        version: 1,
        status: 'valid',
        provenance: 'issued',
        licence: { issuer: '上海市通信管理局', expiresOn: '2030-07-31' },
      });
      const again = run([
        'register',
        'issue',
        HU,
        '--org',
        'sh-ca',
        '--reason',
        '重复',
        '--decision',
        '沪通信管〔2025〕2号',
      ]);
      expect(again.code).toBe(4);

      const list = run(['register', 'list', '--org', 'sh-ca']);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toContain('上海市通信管理局（sh-ca，管辖 沪）登记簿：1 件');
      expect(list.stdout).toContain(
        `${HU_NUMBER}  上海青禾网络科技有限公司  有效  v1  发证机关登记`,
      );
      expect(json(run(['register', 'list', '--org', 'sh-ca', '--json']))).toMatchObject({
        authority: { id: 'sh-ca' },
        items: [{ number: HU_NUMBER, version: 1, provenance: 'issued' }],
      });
      expect(run(['register', 'list', '--org', 'qinghe']).code).toBe(8);
      const show = run(['show', HU_NUMBER, '--org', 'sh-ca']);
      expect(show.stdout).toMatch(/来源\u3000+发证机关登记/u);
    },
  );

  it(
    'a document checked against the register: verified, mismatch quoting both values, not in the register',
    {
      timeout: 120_000,
    },
    () => {
      const same = check(HU, 'platform-x');
      expect(same.code).toBe(0);
      expect(same.report).toMatchObject({
        schema: 'xuke.check/v1',
        verdict: 'verified',
        validity: 'valid',
        register: { provenance: 'issued', authority: { id: 'sh-ca' }, found: true, version: 1 },
      });
      expect(registerFindings(same.report)).toEqual([]);
      const text = run(['check', HU, '--org', 'platform-x', '--today', TODAY]);
      expect(text.code).toBe(0);
      expect(text.stdout.split('\n').slice(0, 3)).toEqual([
        '核验结论：已核实',
        '  与上海市通信管理局登记簿一致（第 1 版）',
        `有效性：有效（核验日期 ${TODAY}）`,
      ]);

      const forged = check(FORGED, 'platform-x');
      expect(forged.code).toBe(1);
      expect(forged.report.verdict).toBe('mismatch');
      const mismatches = forged.report.findings.filter((f) => f.ruleId === 'register-mismatch');
      expect(mismatches.map((f) => f.fields[0])).toEqual(
        expect.arrayContaining(['holder.name', 'expiresOn']),
      );
      const expiry = mismatches.find((f) => f.fields[0] === 'expiresOn');
      expect(expiry?.severity).toBe('error');
      expect(expiry?.message).toContain('2035-07-31');
      expect(expiry?.message).toContain('2030-07-31');
      const holder = mismatches.find((f) => f.fields[0] === 'holder.name');
      expect(holder?.message).toContain('上海青禾网络技术有限公司');
      expect(holder?.message).toContain('上海青禾网络科技有限公司');
      const en = run(['check', FORGED, '--org', 'platform-x', '--today', TODAY, '--lang', 'en']);
      expect(en.code).toBe(1);
      expect(en.stdout.split('\n')[0]).toBe('Verdict: Differs from the register, possibly forged');

      const unissued = check(UNISSUED, 'platform-x');
      expect(unissued.code).toBe(1);
      expect(unissued.report.verdict).toBe('mismatch');
      expect(unissued.report.register).toMatchObject({ authority: { id: 'bj-ca' }, found: false });
      expect(unissued.report.findings[0]).toMatchObject({
        ruleId: 'not-in-register',
        severity: 'error',
      });

      // no authority here covers B1.B2 numbers (MIIT's): not compared, and said so
      const uncovered = check(B1B2, 'platform-x');
      expect(uncovered.code).toBe(0);
      expect(uncovered.report.verdict).toBe('unverified');
      expect(uncovered.report.register).toBeNull();
      expect(registerFindings(uncovered.report)).toMatchObject([
        { ruleId: 'register-unavailable', severity: 'info' },
      ]);
      expect(registerFindings(uncovered.report)[0]?.message).toContain('dxzhgl.miit.gov.cn');
    },
  );

  it(
    'an import is assessed: a mismatch needs --acknowledge, recorded in the audit log',
    {
      timeout: 120_000,
    },
    async () => {
      const refused = run(['import', FORGED, '--org', 'qinghe']);
      expect(refused.code).toBe(11);
      expect(refused.stdout).toContain('核验结论为“与登记不符”（mismatch）');
      expect(refused.stdout).toContain('--acknowledge');
      const clean = run(['import', HU, '--org', 'qinghe', '--json']);
      expect(clean.code, clean.stdout).toBe(0);
      expect(json(clean)).toMatchObject({ created: 1, failed: [] });

      const seedRefused = run(['import', FIXTURES.seed, '--org', 'qinghe', '--lang', 'en']);
      expect(seedRefused.code).toBe(11);
      // 京B2-20180910 is in 北京市通信管理局's jurisdiction, and not in its register
      expect(seedRefused.stdout).toContain('the verdict is "Differs from the register" (mismatch)');
      const acknowledged = run([
        'import',
        FIXTURES.seed,
        '--org',
        'qinghe',
        '--acknowledge',
        '客户旧证，留档待核',
      ]);
      expect(acknowledged.code, acknowledged.stdout).toBe(0);
      const audit = await new KyselyAccessStore(t.open.db).listAudit('qinghe', 0, 100);
      expect(JSON.stringify(audit)).toContain(
        '已确认保存（核验结论 mismatch）：客户旧证，留档待核',
      );

      // the holder's copies are declarations, wherever they are shown
      expect(json(run(['show', HU_NUMBER, '--org', 'qinghe', '--json']))).toMatchObject({
        provenance: 'declared',
      });
      expect(run(['show', HU_NUMBER, '--org', 'qinghe']).stdout).toMatch(
        /来源\u3000+自行申报（副本）/u,
      );
      expect(run(['history', HU_NUMBER, '--org', 'qinghe']).stdout).toContain('自行申报（副本）');
      const exported = run(['export', '--org', 'qinghe']).stdout.trim().split('\n');
      expect(exported.map((l) => (JSON.parse(l) as { provenance: string }).provenance)).toEqual([
        'declared',
        'declared',
      ]);
      expect(run(['export', '--org', 'qinghe', '--format', 'csv']).stdout).toMatch(
        /,来源\r\n[^]*,declared\r\n/u,
      );
      // an authority's register takes no document copies
      const intoRegister = run(['import', HU, '--org', 'sh-ca']);
      expect(intoRegister.code).toBe(8);
      expect(intoRegister.stderr).toContain('上海市通信管理局 是发证机关');
    },
  );

  it(
    "the issuer's decisions: only the authority records them; a holder cannot renew, cancel or revoke",
    {
      timeout: 120_000,
    },
    () => {
      for (const kind of ['renewed', 'cancelled', 'revoked']) {
        const r = run(['event', HU_NUMBER, kind, '--org', 'qinghe', '--expires-on', '2035-07-31']);
        expect(r.code, kind).toBe(8);
        expect(r.stderr).toContain('是发证机关的决定');
        expect(r.stderr).toContain(`xuke register event ${HU_NUMBER} ${kind}`);
      }
      const byHolder = run([
        'register',
        'event',
        HU_NUMBER,
        'renewed',
        '--org',
        'qinghe',
        '--reason',
        '延续',
        '--decision',
        '沪通信管〔2026〕9号',
        '--expires',
        '2035-07-31',
      ]);
      expect(byHolder.code).toBe(8);
      expect(run(['show', HU_NUMBER, '--org', 'qinghe', '--json']).stdout).toContain(
        '"expiresOn": "2030-07-31"',
      );

      // the authority approves a change of legal representative (a JSON record) and renews
      const parsed = json(xuke(['parse', '--json', HU])) as {
        licence: { holder: { legalRepresentative: string } };
      };
      parsed.licence.holder.legalRepresentative = '周明';
      const record = join(dir, 'hu-changed.json');
      writeFileSync(record, JSON.stringify(parsed));
      const changed = run([
        'register',
        'event',
        HU_NUMBER,
        'changed',
        '--org',
        'sh-ca',
        '--reason',
        '法定代表人变更',
        '--decision',
        '沪通信管〔2026〕3号',
        '--on',
        '2026-01-15',
        '--record',
        record,
        '--json',
      ]);
      expect(changed.code, changed.stderr).toBe(0);
      expect(json(changed)).toMatchObject({
        version: 2,
        provenance: 'issued',
        licence: { holder: { legalRepresentative: '周明' } },
      });
      const renewed = run([
        'register',
        'event',
        HU_NUMBER,
        'renewed',
        '--org',
        'sh-ca',
        '--reason',
        '准予延续',
        '--decision',
        '沪通信管〔2026〕4号',
        '--on',
        '2026-01-20',
        '--expires',
        '2035-07-31',
      ]);
      expect(renewed.code, renewed.stderr).toBe(0);
      expect(renewed.stdout).toMatch(/版本\u3000+3/u);
      const history = run(['history', HU_NUMBER, '--org', 'sh-ca', '--json']);
      expect(
        (
          json(history) as {
            events: { kind: string; actor: string; data: { decisionNumber: string } }[];
          }
        ).events.map((e) => [e.kind, e.actor, e.data.decisionNumber]),
      ).toEqual([
        ['issued', 'alice', '沪通信管〔2025〕1号'],
        ['changed', 'alice', '沪通信管〔2026〕3号'],
        ['renewed', 'alice', '沪通信管〔2026〕4号'],
      ]);

      // the original document now differs from the register: legal representative and expiry
      const old = check(HU, 'platform-x');
      expect(old.report.verdict).toBe('mismatch');
      expect(
        old.report.findings.filter((f) => f.ruleId === 'register-mismatch').map((f) => f.fields[0]),
      ).toEqual(expect.arrayContaining(['holder.legalRepresentative', 'expiresOn']));
      expect(old.report.register).toMatchObject({ version: 3 });
    },
  );

  it(
    'confirmations from the official query: verified while current, mismatch when different, unverified once due',
    {
      timeout: 120_000,
    },
    () => {
      const confirmed = run([
        'confirm',
        B1B2_NUMBER,
        '--org',
        'platform-x',
        '--status',
        '有效',
        '--company',
        '深圳星桥云数据有限公司',
        '--service',
        '互联网数据中心业务:北京、上海、广东（广州、深圳）',
        '--service',
        '内容分发网络业务:全国',
        '--service',
        '在线数据处理与交易处理业务:全国',
        '--service',
        '信息服务业务：全国',
        '--expires',
        '2028年03月09日',
        '--checked-on',
        '2026-01-10',
        '--attach',
        HU,
        '--note',
        '查询页已保存',
        '--json',
      ]);
      expect(confirmed.code, confirmed.stderr).toBe(0);
      expect(json(confirmed)).toMatchObject({
        number: B1B2_NUMBER,
        checkedOn: '2026-01-10',
        checkedBy: 'alice',
        expiresOn: '2028-03-09',
        dueOn: '2026-04-10',
        attachmentSha256: expect.stringMatching(/^[0-9a-f]{64}$/u) as unknown,
      });

      const current = check(B1B2, 'platform-x', '2026-02-01');
      expect(current.code).toBe(0);
      expect(current.report.verdict).toBe('verified');
      expect(current.report.verdictReason).toBe('已于 2026-01-10 由 alice 在官方系统核实');
      expect(current.report.register).toMatchObject({
        provenance: 'confirmed',
        confirmation: { checkedBy: 'alice', current: true },
      });

      const differing = check(B1B2_OTHER_NAME, 'platform-x', '2026-02-01');
      expect(differing.code).toBe(1);
      expect(differing.report.verdict).toBe('mismatch');
      expect(differing.report.findings[0]).toMatchObject({
        ruleId: 'register-mismatch',
        fields: ['holder.name'],
      });

      // past its due day the confirmation no longer verifies
      const due = check(B1B2, 'platform-x', '2026-05-01');
      expect(due.report.verdict).toBe('unverified');
      expect(due.report.findings.some((f) => f.ruleId === 'register-unavailable')).toBe(true);
      // another organisation's reviewers did not confirm it
      expect(check(B1B2, 'qinghe', '2026-02-01').report.verdict).toBe('unverified');

      // with a one-day period, a later confirmation falls due the next day
      const short = run(
        [
          'confirm',
          B1B2_NUMBER,
          '--org',
          'platform-x',
          '--status',
          '有效',
          '--company',
          '深圳星桥云数据有限公司',
          '--checked-on',
          '2026-01-20',
          '--json',
        ],
        { XUKE_CONFIRMATION_DAYS: '1' },
      );
      expect(json(short)).toMatchObject({ dueOn: '2026-01-21' });
      expect(check(B1B2, 'platform-x', '2026-01-20').report.verdict).toBe('verified');
      expect(check(B1B2, 'platform-x', '2026-02-01').report.verdict).toBe('unverified');

      const bad = run([
        'confirm',
        B1B2_NUMBER,
        '--org',
        'platform-x',
        '--status',
        '有效',
        '--checked-on',
        '2999-01-01',
      ]);
      expect(bad.code).toBe(2);
      expect(run(['confirm', 'not-a-number', '--org', 'platform-x', '--status', '有效']).code).toBe(
        2,
      );
    },
  );
});

describe('trust without a registry', { timeout: 120_000 }, () => {
  it('xuke check without --org or --db compares with nothing and opens no database', () => {
    const db = join(dir, 'never.sqlite');
    const r = xuke(['check', HU, '--today', TODAY, '--json'], undefined, {
      ...ENV,
      XUKE_DATABASE_URL: `sqlite://${db}`,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(json(r) as Assessed).toMatchObject({ verdict: 'unverified', register: null });
    expect(existsSync(db)).toBe(false);

    const seed = xuke(['check', FIXTURES.seed, '--today', TODAY]);
    expect(seed.code).toBe(1);
    expect(seed.stdout.split('\n').slice(0, 3)).toEqual([
      '核验结论：需人工复核',
      '  未能与发证机关登记核对，且发现错误：需人工复核',
      `有效性：已过期（核验日期 ${TODAY}）`,
    ]);
  });

  it('xuke rules lists the register rules under their own heading', () => {
    const r = xuke(['rules']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    const heading = lines.findIndex((l) => l.startsWith('登记簿规则（需要登记簿'));
    expect(heading).toBeGreaterThan(18);
    expect(lines.slice(heading + 1).map((l) => l.split(/\s+/u)[0])).toEqual([
      'register-mismatch',
      'not-in-register',
      'register-unavailable',
    ]);
  });

  it('xuke token create --role authority is refused: issuing power is an organisation’s kind', () => {
    const r = xuke(
      [
        'token',
        'create',
        '--role',
        'authority',
        '--name',
        'x',
        '--db',
        `sqlite://${join(dir, 't.sqlite')}`,
        '--lang',
        'en',
      ],
      undefined,
      ENV,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('There is no authority role');
  });

  it('--service keeps a bracketed list whole; attachments are stored by what they are', () => {
    expect(parseServiceOption('互联网数据中心业务:北京、上海、广东（广州、深圳）')).toEqual({
      name: '互联网数据中心业务',
      coverage: ['北京', '上海', '广东（广州、深圳）'],
    });
    expect(parseServiceOption('信息服务业务')).toEqual({ name: '信息服务业务', coverage: [] });
    expect(() => parseServiceOption(':全国')).toThrow(/--service/u);
    const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array<number>(16).fill(0x41)]);
    expect(attachmentFormat(new TextEncoder().encode('%PDF-1.7\n'))).toBe('pdf');
    expect(attachmentFormat(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image');
    expect(attachmentFormat(bytes(0xff, 0xd8, 0xff))).toBe('image');
    expect(attachmentFormat(bytes(0x49, 0x49, 0x2a, 0x00))).toBe('image');
    expect(attachmentFormat(new TextEncoder().encode('<html>查询结果</html>'))).toBe('text');
  });
});
