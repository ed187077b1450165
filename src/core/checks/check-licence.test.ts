import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import type { Licence, ParseResult } from '../licence.js';
import { checkInputFromParseResult, checkLicence, licenceStatus } from './check-licence.js';
import {
  SEED_PAGE_LABELS,
  TODAY,
  aLicence,
  aService,
  aWebsite,
  b1b2Licence,
  huEvidence,
  huLicence,
  seedEvidence,
  seedLicence,
  summarise,
} from './licence-builder.test-helpers.js';

/** The "done when" for the seed, checked on 2026-11-28. */
const SEED_EXPECTED = [
  'validity-term:error',
  'expired:error',
  'coverage-missing:warning',
  'signature-date:warning',
  'signatory-is-holder:warning',
  'page-sequence:warning',
  'regime-anachronism:warning',
  'number-year:info',
  'provision-not-applicable:info',
  'provision-not-applicable:info',
];

describe('checkLicence on the fixtures', () => {
  it('finds exactly the issue’s findings in the seed record, errors first', () => {
    const report = checkLicence({
      licence: seedLicence(),
      pageLabels: SEED_PAGE_LABELS,
      today: TODAY,
    });
    expect(report.schema).toBe('xuke.check/v1');
    expect(report.status).toBe('expired');
    expect(summarise(report.findings)).toEqual(SEED_EXPECTED);
  });

  it('adds only date-format notes when the seed comes with its evidence lines', () => {
    // The parsed seed prints 2023年05月3日 (the issue's own example of an irregular date) and
    // 2018年6月6日 in its signature block, so a parse with evidence also yields date-format info.
    const report = checkLicence({
      licence: seedLicence(),
      pageLabels: SEED_PAGE_LABELS,
      evidence: seedEvidence(),
      today: TODAY,
    });
    expect(summarise(report.findings)).toEqual([
      ...SEED_EXPECTED,
      'date-format:info',
      'date-format:info',
    ]);
    const validity = report.findings.find((f) => f.ruleId === 'validity-term');
    expect(validity?.evidence).toEqual([
      { line: 23, text: '发证日期：2022年09月05日' },
      { line: 25, text: '有效期至：2023年05月3日' },
    ]);
    const signature = report.findings.find((f) => f.ruleId === 'signature-date');
    expect(signature?.evidence.map((e) => e.line)).toEqual([156, 23]);
    const regime = report.findings.find((f) => f.ruleId === 'regime-anachronism');
    expect(regime?.evidence.map((e) => e.line)).toEqual([23, 162, 98]);
  });

  it('finds no error and no warning in the 沪B2-20200731 fixture, only its two notes', () => {
    const report = checkLicence({ licence: huLicence(), evidence: huEvidence(), today: TODAY });
    expect(report.status).toBe('valid');
    expect(summarise(report.findings)).toEqual([
      'number-year:info',
      'provision-not-applicable:info',
    ]);
  });

  it('finds nothing in the B1.B2-20233345 fixture', () => {
    const report = checkLicence({ licence: b1b2Licence(), today: TODAY });
    expect(report.status).toBe('valid');
    expect(report.findings).toEqual([]);
  });
});

describe('checkLicence on tricky but clean licences', () => {
  it.each<[string, Licence]>([
    ['a clean provincial licence covering 上海市', aLicence()],
    [
      'a renewed licence whose number is ten years older than its issue date',
      aLicence({
        number: '京B2-20080224',
        issuer: '北京市通信管理局',
        issuedOn: '2023-01-10',
        expiresOn: '2028-01-09',
        services: [aService({ coverage: ['北京市'] })],
      }),
    ],
    [
      'a cross-regional licence listing provinces with their cities',
      aLicence({
        kind: 'vats-cross-regional',
        number: 'B1.B2-20233345',
        issuer: '工业和信息化部',
        issuedOn: '2023-03-09',
        expiresOn: '2028-03-09',
        services: [
          aService({
            code: 'B11',
            name: '互联网数据中心业务',
            coverage: ['北京', '上海', '广东（广州、深圳）'],
          }),
          aService({ coverage: ['全国'] }),
        ],
      }),
    ],
    [
      'a foreign-invested licence issued by MIIT, covering one province',
      aLicence({
        number: '合字B2-20190051',
        issuer: '工业和信息化部',
        issuedOn: '2024-05-20',
        expiresOn: '2029-05-20',
        services: [aService({ coverage: ['浙江省'] })],
      }),
    ],
    [
      'an electronic licence with Unicode and punycode domains and no signatures or pages',
      aLicence({
        websites: [
          aWebsite({ domains: ['中文网站.中国', 'xn--fiqs8s.xn--fiqz9s', 'www.example.com.cn'] }),
        ],
      }),
    ],
  ])('%s', (_name, licence) => {
    const report = checkLicence({ licence, today: TODAY });
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('checkLicence on forged licences', () => {
  it.each<[string, Licence, string]>([
    [
      'an issuer of another province',
      aLicence({ issuer: '浙江省通信管理局' }),
      'issuer-region:error',
    ],
    ['a 10-year validity', aLicence({ expiresOn: '2035-07-31' }), 'validity-term:error'],
    [
      'a broken credit code',
      aLicence({
        holder: {
          name: '上海青禾网络科技有限公司',
          legalRepresentative: '陈思远',
          creditCode: '91310104MA1FR5C85D',
          address: null,
        },
      }),
      'credit-code:error',
    ],
    [
      'a malformed domain',
      aLicence({ websites: [aWebsite({ domains: ['qinghe_read.cn'] })] }),
      'domain-format:error',
    ],
    ['a number dated after issue', aLicence({ number: '沪B2-20260731' }), 'number-year:error'],
    [
      'a provincial licence covering 全国',
      aLicence({ services: [aService({ coverage: ['全国'] })] }),
      'coverage-scope:error',
    ],
    [
      'an IDC service on a B2 number',
      aLicence({ services: [aService({ code: 'B11', name: '互联网数据中心业务' })] }),
      'category-code:error',
    ],
  ])('flags %s', (_name, licence, expected) => {
    expect(summarise(checkLicence({ licence, today: TODAY }).findings)).toEqual([expected]);
  });
});

describe('checkLicence', () => {
  it('refuses a malformed today', () => {
    expect(() => checkLicence({ licence: aLicence(), today: '2026-02-30' })).toThrow(DomainError);
  });

  it('runs on a ParseResult', () => {
    const parse: ParseResult = {
      schema: 'xuke.licence/v1',
      licence: seedLicence(),
      source: {
        format: 'text',
        encoding: 'utf-8',
        sha256: '0'.repeat(64),
        pageLabels: [...SEED_PAGE_LABELS],
      },
      notes: [],
      evidence: seedEvidence(),
    };
    const report = checkLicence(checkInputFromParseResult(parse, TODAY));
    expect(report.findings.some((f) => f.ruleId === 'page-sequence')).toBe(true);
    expect(report.licence).toBe(parse.licence);
  });

  it('runs on an empty record without crashing and finds nothing', () => {
    const empty = aLicence({
      kind: null,
      number: null,
      holder: { name: null, legalRepresentative: null, creditCode: null, address: null },
      services: [],
      issuer: null,
      issuedOn: null,
      expiresOn: null,
      websites: [],
      provisions: [],
    });
    const report = checkLicence({ licence: empty, today: TODAY });
    expect(report).toMatchObject({ status: 'unknown', findings: [] });
  });
});

describe('licenceStatus', () => {
  it.each<[string, Partial<Licence>, string]>([
    ['valid well before expiry', { issuedOn: '2025-07-31', expiresOn: '2030-07-31' }, 'valid'],
    [
      'expiring 90 days before expiry',
      { issuedOn: '2022-02-26', expiresOn: '2027-02-26' },
      'expiring',
    ],
    ['valid 91 days before expiry', { issuedOn: '2022-02-27', expiresOn: '2027-02-27' }, 'valid'],
    ['expiring on the expiry date', { issuedOn: '2021-11-28', expiresOn: TODAY }, 'expiring'],
    ['expired the day after', { issuedOn: '2021-11-27', expiresOn: '2026-11-27' }, 'expired'],
    [
      'not yet valid before the issue date',
      { issuedOn: '2026-11-29', expiresOn: '2031-11-29' },
      'not-yet-valid',
    ],
    [
      'not yet valid before the printed range start',
      { issuedOn: '2026-11-01', validFrom: '2026-12-01', expiresOn: '2031-11-30' },
      'not-yet-valid',
    ],
    ['unknown without an expiry date', { expiresOn: null }, 'unknown'],
    ['unknown with an impossible expiry date', { expiresOn: '2030-02-30' }, 'unknown'],
    [
      'expired even when the start is inconsistent',
      { issuedOn: '2027-01-01', expiresOn: '2026-01-01' },
      'expired',
    ],
  ])('is %s', (_name, overrides, status) => {
    expect(licenceStatus(aLicence(overrides), TODAY)).toBe(status);
  });
});
