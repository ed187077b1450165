/**
 * The annual report through the `xuke` command, as a holder's compliance officer runs it (issue 22):
 * `annual-report draft --json` gives the six art. 35 items with their pre-filled facts and the
 * fields still to complete; an incomplete report cannot be signed off (exit 2, every item named);
 * a complete one is signed off and, with no authority on this instance for its number, the submit
 * says to file it in MIIT's system; `show --pdf` prints it (when Chromium is here).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from '../src/adapters/web/chromium-renderer.js';
import { FIXTURES } from './fixtures.js';
import { xuke } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'xuke-annual-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const DB = `sqlite://${join(dir, 'db.sqlite')}`;
const ENV = { XUKE_ACTOR: 'alice', XUKE_ORG: undefined, XUKE_DATABASE_URL: undefined };
const run = (args: readonly string[]) => xuke([...args, '--db', DB], undefined, ENV);
/** hu: 沪B2-20200731, issued 2025-07-31, one service B25 */
const NUMBER = '沪B2-20200731';

interface Item {
  no: number;
  title: string;
  facts: { text: string }[];
  fields: { key: string; toComplete: boolean }[];
}

describe('xuke annual-report', () => {
  it('drafts, refuses an incomplete sign-off, signs off and explains where to file', () => {
    expect(run(['org', 'create', 'qinghe', '--kind', 'holder', '--name', '上海青禾']).code).toBe(0);
    const imported = run(['import', FIXTURES.hu, '--org', 'qinghe']);
    expect(imported.code, imported.stderr).toBe(0);

    const drafted = run([
      'annual-report',
      'draft',
      NUMBER,
      '--year',
      '2025',
      '--org',
      'qinghe',
      '--json',
    ]);
    expect(drafted.code, drafted.stderr).toBe(0);
    const report = JSON.parse(drafted.stdout) as {
      id: string;
      status: string;
      items: Item[];
      complete: boolean;
    };
    expect(report.status).toBe('draft');
    expect(report.items.map((i) => i.no)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(report.items[0]?.title).toBe('上一年度的电信业务经营情况');
    expect(report.items[0]?.facts.map((f) => f.text).join('\n')).toContain('B25');
    expect(report.items[0]?.fields.filter((f) => f.toComplete).map((f) => f.key)).toEqual([
      'revenue',
      'usersByService',
      'operations',
    ]);
    expect(report.complete).toBe(false);
    // a second draft of the same licence and year is a conflict
    expect(run(['annual-report', 'draft', NUMBER, '--year', '2025', '--org', 'qinghe']).code).toBe(
      4,
    );
    // the year must have ended
    const early = run(['annual-report', 'draft', NUMBER, '--year', '2030', '--org', 'qinghe']);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('2030 年度尚未结束');

    const refused = run(['annual-report', 'sign-off', report.id, '--org', 'qinghe']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('第1项“电信业务收入（万元）”：必填');
    expect(refused.stderr).toContain('第4项“安全保障制度和措施”：必填');

    const answers = join(dir, 'answers.json');
    writeFileSync(
      answers,
      JSON.stringify({
        '1': { fields: { revenue: 88, usersByService: { B25: 300 }, operations: '经营网站' } },
        '2': { fields: { staff: 9, network: '云主机', changes: '无' } },
        '3': { fields: { complaints: 0, complaintsResolved: 0, quality: '客服邮箱' } },
        '4': { fields: { measures: '安全管理制度', incidents: 0 } },
        '5': { fields: { compliance: '已执行' }, public: true },
        '6': { fields: {} },
      }),
    );
    const filled = run([
      'annual-report',
      'fill',
      report.id,
      '--answers',
      answers,
      '--org',
      'qinghe',
    ]);
    expect(filled.code, filled.stderr).toBe(0);
    expect(filled.stdout).toContain('内容完整，可以签核报送。');
    const signed = run(['annual-report', 'sign-off', report.id, '--org', 'qinghe']);
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.stdout).toContain('已签核，待报送');

    const submitted = run(['annual-report', 'submit', report.id, '--org', 'qinghe']);
    expect(submitted.code).toBe(2);
    expect(submitted.stderr).toContain('本系统没有管辖经营许可证 沪B2-20200731 的发证机关');

    // the authority's commands are refused to a holder
    const cycle = run(['annual-report', 'cycle', '--year', '2025', '--org', 'qinghe']);
    expect(cycle.code).toBe(8);

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"1": ');
    const unreadable = run([
      'annual-report',
      'fill',
      report.id,
      '--answers',
      bad,
      '--org',
      'qinghe',
    ]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('不是有效的 JSON');

    if (existsSync(CHROMIUM_PATH)) {
      const pdf = join(dir, 'report.pdf');
      const shown = run(['annual-report', 'show', report.id, '--org', 'qinghe', '--pdf', pdf]);
      expect(shown.code, shown.stderr).toBe(0);
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  }, 120_000);
});
