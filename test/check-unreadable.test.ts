/**
 * Say when it could not read (issue 17): a document read without its services, dates, holder or
 * number gets an error naming the missing part, so `xuke check` never reports 未发现问题 for a
 * document it failed to read. Independent of how well the parser reads: the services here are
 * gibberish no grammar can read, and a record read without them is fed as such.
 */
import { describe, expect, it } from 'vitest';
import { checkDocument } from '../src/app/documents/check-document.js';
import type { CheckReport } from '../src/core/checks/index.js';
import { fixtureBytes, fixtureText, TEXT_DOCUMENTS } from './fixtures.js';
import { xuke } from './run-cli.js';

const TODAY = '2026-11-28';

/** 沪B2-20200731 with its service lines replaced by characters that name no service. */
function unreadableServices(): string {
  return fixtureText('hu')
    .split('\n')
    .filter((l) => !l.startsWith('业务覆盖范围') && !l.startsWith('服务项目'))
    .map((l) => (l.startsWith('业务种类') ? '业务种类：甲乙丙丁戊己庚辛壬癸' : l))
    .join('\n');
}

describe('a document whose services could not be read', () => {
  it('is an error naming 业务种类 in the check of the document', async () => {
    const bytes = new TextEncoder().encode(unreadableServices());
    const { parse, report } = await checkDocument(bytes, 'hu.txt', TODAY, TEXT_DOCUMENTS);
    expect(parse.licence.services).toEqual([]);
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.ruleId, f.fields])).toEqual([['unreadable', ['services']]]);
    expect(errors[0]?.message).toContain('业务种类');
  });

  it('is an error even when the review screen’s record says so: a record corrected by hand without services', async () => {
    const { parse } = await checkDocument(fixtureBytes('hu'), 'hu.txt', TODAY, TEXT_DOCUMENTS);
    const record = { ...parse.licence, services: [] };
    const { report } = await checkDocument(
      fixtureBytes('hu'),
      'hu.txt',
      TODAY,
      TEXT_DOCUMENTS,
      record,
    );
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual([
      'unreadable',
    ]);
  });

  it('makes `xuke check` exit non-zero and name the missing part, never 未发现问题', () => {
    const r = xuke(['check', '--today', TODAY, '-'], unreadableServices());
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('[unreadable] 未能从文件中读出业务种类');
    expect(r.stdout).not.toContain('未发现问题');
    const en = xuke(['check', '--json', '--today', TODAY, '-'], unreadableServices());
    const report = JSON.parse(en.stdout) as CheckReport;
    expect(report.findings[0]).toMatchObject({ ruleId: 'unreadable', severity: 'error' });
    expect(report.findings[0]?.messageEn).toContain('services (业务种类)');
  });

  it('names each part a document was read without: number, holder, dates', () => {
    const text = fixtureText('hu')
      .split('\n')
      .filter((l) => !/^(公司名称|发证日期|有效期至)/u.test(l))
      .join('\n');
    const r = xuke(['check', '--json', '--today', TODAY, '-'], text);
    const report = JSON.parse(r.stdout) as CheckReport;
    const unread = report.findings.filter((f) => f.ruleId === 'unreadable');
    expect(unread.map((f) => f.fields)).toEqual([
      ['holder.name'],
      ['issuedOn', 'validFrom'],
      ['expiresOn'],
    ]);
    expect(r.code).toBe(1);
  });

  it('says nothing of the kind for the fixtures, read whole', async () => {
    for (const name of ['seed', 'hu', 'b1b2'] as const) {
      const { report } = await checkDocument(fixtureBytes(name), name, TODAY, TEXT_DOCUMENTS);
      expect(report.findings.filter((f) => f.ruleId === 'unreadable')).toEqual([]);
    }
  });
});
