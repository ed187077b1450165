import { describe, expect, it } from 'vitest';
import { columnLetter, foldHeading, parseCsv, readCustomerList } from './customer-list.js';
import { diffBulkRows } from './diff.js';
import { splitDomains } from './domains.js';
import { domainCoverage, problemRow, rowStatus } from './row-verdict.js';
import type { BulkRow } from './types.js';

/** A registrable-domain key good enough for these tests: the last two labels. */
const key = (h: string) =>
  h.includes('.') ? h.toLowerCase().split('.').slice(-2).join('.') : undefined;

describe('customer lists', () => {
  it('splits domains on spaces, commas, 、 and semicolons', () => {
    expect(splitDomains(' a.com、b.com，c.com, d.com;e.com  A.com\nf.com')).toEqual([
      'a.com',
      'b.com',
      'c.com',
      'd.com',
      'e.com',
      'f.com',
    ]);
  });

  it('parses quoted CSV and finds columns by tolerant headings', () => {
    expect(parseCsv('a,"b,""c""",d\r\n1,2,3\n')).toEqual([
      ['a', 'b,"c"', 'd'],
      ['1', '2', '3'],
    ]);
    expect(foldHeading('\ufeff Ｌｉｃｅｎｃｅ_No ')).toBe('licenceno');
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(27)).toBe('AB');
    const rows = readCustomerList(
      [
        ['域名', 'Customer', '许可证编号'],
        ['x.com', 'c1', '京B2-20180910'],
        ['', 'c2', 'nope'],
      ],
      'l.csv',
    );
    expect(rows[0]).toMatchObject({ row: 2, licence: '京B2-20180910', domains: ['x.com'] });
    expect(rows[1]?.problem).toMatchObject({ row: 3, column: '许可证编号 (C)' });
  });

  it('refuses more rows than the limit', () => {
    expect(() =>
      readCustomerList(
        [
          ['customer', 'licence', 'domains'],
          ['a', 'x', ''],
          ['b', 'y', ''],
        ],
        'l',
        {
          maxRows: 1,
        },
      ),
    ).toThrow(/客户超过 1 个/u);
  });
});

describe('row verdicts', () => {
  it('covers a domain by registrable domain', () => {
    expect(domainCoverage(['shop.a.com', 'b.com'], ['www.a.com'], key)).toEqual([
      { domain: 'shop.a.com', covered: true, coveredBy: 'www.a.com' },
      { domain: 'b.com', covered: false, coveredBy: null },
    ]);
  });

  it('derives the status', () => {
    const base = {
      found: true,
      verdict: 'verified',
      validity: 'valid',
      findings: [],
      domains: [],
    } as const;
    expect(rowStatus(base)).toBe('pass');
    expect(rowStatus({ ...base, verdict: 'unverified' })).toBe('review');
    expect(rowStatus({ ...base, validity: 'expiring' })).toBe('review');
    expect(rowStatus({ ...base, validity: 'revoked' })).toBe('fail');
    expect(rowStatus({ ...base, found: false })).toBe('fail');
    expect(rowStatus({ ...base, findings: [{ severity: 'error' }] })).toBe('fail');
    expect(
      rowStatus({ ...base, domains: [{ domain: 'x.com', covered: false, coveredBy: null }] }),
    ).toBe('fail');
  });
});

describe('diff between runs', () => {
  const row = (customer: string, patch: Partial<BulkRow> = {}): BulkRow => ({
    ...problemRow({
      source: { kind: 'list', row: 2 },
      customer,
      licence: 'B2-20240001',
      domains: [],
      problem: { code: 'X', message: '', messageEn: '' },
    }),
    status: 'pass',
    verdict: 'verified',
    validity: 'valid',
    found: true,
    problem: null,
    ...patch,
  });
  it('reports changed, added, removed and unchanged customers', () => {
    const before = [row('a'), row('b'), row('c')];
    const after = [
      row('a'),
      row('b', {
        status: 'fail',
        domains: [{ domain: 'x.com', covered: false, coveredBy: null }],
      }),
      row('d'),
    ];
    const d = diffBulkRows(before, after, { id: 'j1', createdAt: null });
    expect(d.unchanged).toBe(1);
    expect(d.added).toEqual([{ key: 'd', status: 'pass' }]);
    expect(d.removed).toEqual([{ key: 'c', status: 'pass' }]);
    expect(d.changed[0]?.changes).toEqual([
      { field: 'status', before: 'pass', after: 'fail' },
      { field: 'domains', before: 'all covered', after: 'not covered: x.com' },
    ]);
  });
});
