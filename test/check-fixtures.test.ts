import { describe, expect, it } from 'vitest';
import { checkDocument } from '../src/app/documents/check-document.js';
import type { ParseDocumentDeps } from '../src/app/documents/parse-document.js';
import type { CheckReport } from '../src/core/checks/index.js';
import { fixtureBytes, FIXTURES, TEXT_DOCUMENTS } from './fixtures.js';
import { xuke } from './run-cli.js';

const deps: ParseDocumentDeps = TEXT_DOCUMENTS;

async function check(name: keyof typeof FIXTURES, today: string): Promise<CheckReport> {
  return (await checkDocument(fixtureBytes(name), FIXTURES[name], today, deps)).report;
}

function bySeverity(report: CheckReport): Record<string, string[]> {
  const out: Record<string, string[]> = { error: [], warning: [], info: [] };
  for (const f of report.findings) out[f.severity]?.push(f.ruleId);
  for (const k of Object.keys(out)) out[k] = [...new Set(out[k])].sort();
  return out;
}

describe('checking the fixtures as parsed from their documents', () => {
  it("finds in the seed, on 2026-11-28, exactly the issue's findings (plus its irregular dates)", async () => {
    const report = await check('seed', '2026-11-28');
    expect(report.status).toBe('expired');
    expect(bySeverity(report)).toEqual({
      error: ['expired', 'validity-term'],
      warning: [
        'coverage-missing',
        'page-sequence',
        'regime-anachronism',
        'signatory-is-holder',
        'signature-date',
      ],
      // date-format: the issue's own example of an irregular date (2023年05月3日) is in the seed
      info: ['date-format', 'number-year', 'provision-not-applicable'],
    });
  });

  it.each([['hu'], ['b1b2'], ['huGb18030']] as const)(
    'finds no error and no warning in %s on 2026-11-28',
    async (name) => {
      const report = await check(name, '2026-11-28');
      expect(report.status).toBe('valid');
      expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    },
  );

  it('quotes the evidence line of every finding in the seed', async () => {
    const report = await check('seed', '2026-11-28');
    const withoutEvidence = report.findings.filter((f) => f.evidence.length === 0);
    // page-sequence rests on the page labels, which are not one line
    expect(withoutEvidence.map((f) => f.ruleId)).toEqual(['page-sequence']);
  });

  it('marks a licence within 90 days of expiry as expiring', async () => {
    const report = await check('hu', '2030-06-01');
    expect(report.status).toBe('expiring');
    expect(bySeverity(report).warning).toContain('expiring');
  });
});

describe('xuke check', () => {
  it('exits 1 for the seed and prints findings grouped by severity, ending with the status', () => {
    const r = xuke(['check', '--today', '2026-11-28', FIXTURES.seed]);
    expect(r.code).toBe(1);
    const errorAt = r.stdout.indexOf('错误（2）');
    const warningAt = r.stdout.indexOf('警告（5）');
    const infoAt = r.stdout.indexOf('提示（');
    expect(errorAt).toBeGreaterThan(0);
    expect(warningAt).toBeGreaterThan(errorAt);
    expect(infoAt).toBeGreaterThan(warningAt);
    expect(r.stdout).toContain('第 25 行：有效期至：2023年05月3日');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('状态：已过期（核验日期 2026-11-28）');
  });

  it('exits 0 for a clean licence, and prints JSON with --json', () => {
    const r = xuke(['check', '--json', '--today', '2026-11-28', FIXTURES.b1b2]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as CheckReport;
    expect(report.schema).toBe('xuke.check/v1');
    expect(report.status).toBe('valid');
    expect(report.licence.number).toBe('B1.B2-20233345');
  });

  it('prints English with --lang en', () => {
    const r = xuke(['check', '--lang', 'en', '--today', '2026-11-28', FIXTURES.seed]);
    expect(r.stdout).toContain('Validity is 240 days');
    const basisLines = r.stdout.split('\n').filter((line) => line.startsWith('      basis: '));
    expect(basisLines.length).toBeGreaterThan(0);
    // English: Chinese only inside 《》 titles and “” quoted document terms
    for (const line of basisLines) {
      const rest = line.replace(/《[^《》]*》/gu, '').replace(/“[^“”]*”/gu, '');
      expect(rest, line).not.toMatch(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u);
    }
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Status: expired (as of 2026-11-28)');
  });

  it('exits 2 when the input cannot be read, even beside a file with errors', () => {
    const r = xuke(['check', '--today', '2026-11-28', FIXTURES.seed, 'missing.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.txt');
  });

  it('exits 2 for an impossible --today', () => {
    const r = xuke(['check', '--today', '2026-02-30', FIXTURES.hu]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2026-02-30');
  });

  it('lists every rule with xuke rules', () => {
    const r = xuke(['rules', '--lang', 'en']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    // the 20 rules (issue 17 added `unreadable`), then the register rules under their own
    // heading after a blank line
    const blank = lines.indexOf('');
    expect(blank).toBe(20);
    expect(r.stdout).toContain('unreadable');
    expect(lines.slice(blank + 2)).toHaveLength(3);
    expect(r.stdout).toContain('validity-term');
    expect(r.stdout).toContain('register-mismatch');
  });
});
