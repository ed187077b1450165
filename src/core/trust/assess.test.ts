import { describe, expect, it } from 'vitest';
import { checkLicence } from '../checks/check-licence.js';
import { CHECK_SCHEMA_ID, type CheckReport, type Finding } from '../checks/finding.js';
import {
  TODAY,
  aLicence,
  aService,
  aWebsite,
  anEvidence,
  summarise,
} from '../checks/licence-builder.test-helpers.js';
import type { LicenceStatus as LifecycleStatus } from '../lifecycle/lifecycle.js';
import type { Licence } from '../licence.js';
import { REGISTER_RULES, assessTrust } from './assess.js';
import { officialQueryUrl } from './official-query.js';
import type { OfficialConfirmation, RegisterLookup, TrustAssessment } from './types.js';

const authority = { id: 'org-sh', name: '上海市通信管理局' };

function reportOf(licence: Licence): CheckReport {
  return checkLicence({ licence, today: TODAY });
}

/** A report with exactly these findings, for what the check's rules would not produce together. */
function reportWith(licence: Licence, findings: Finding[]): CheckReport {
  return { schema: CHECK_SCHEMA_ID, licence, status: 'valid', findings };
}

function aFinding(ruleId: string, severity: Finding['severity']): Finding {
  return {
    ruleId,
    severity,
    message: ruleId,
    messageEn: ruleId,
    fields: [],
    evidence: [],
    basis: '',
    basisEn: '',
  };
}

function inRegister(licence: Licence, status: LifecycleStatus = 'valid'): RegisterLookup {
  return {
    kind: 'register',
    authority,
    licence,
    status,
    version: 3,
    updatedAt: '2026-11-01T08:00:00.000Z',
  };
}

function aConfirmation(overrides: Partial<OfficialConfirmation> = {}): OfficialConfirmation {
  return {
    id: 'c1',
    number: '沪B2-20250731',
    checkedOn: '2026-11-01',
    checkedBy: 'alice',
    officialStatus: '已发证',
    holderName: '上海青禾网络科技有限公司',
    services: [{ name: '信息服务业务', coverage: ['上海市'] }],
    validFrom: null,
    expiresOn: '2030-07-31',
    note: null,
    attachmentSha256: 'a'.repeat(64),
    dueOn: '2027-01-30',
    recordedAt: '2026-11-01T08:00:00.000Z',
    ...overrides,
  };
}

function confirmed(
  confirmation: OfficialConfirmation = aConfirmation(),
  current = true,
): RegisterLookup {
  return { kind: 'confirmation', confirmation, current };
}

const NONE: RegisterLookup = { kind: 'none' };

function assess(
  licence: Licence,
  lookup: RegisterLookup,
  extras: { today?: string; report?: CheckReport } = {},
): TrustAssessment {
  return assessTrust({
    report: extras.report ?? reportOf(licence),
    lookup,
    today: extras.today ?? TODAY,
  });
}

/** A licence of the builder's shape that the check finds only `expired` in on TODAY. */
const expiredLicence = aLicence({
  number: '沪B2-20200731',
  issuedOn: '2020-12-31',
  expiresOn: '2025-12-31',
});
/** … only `not-yet-valid` (and the number year's info). */
const futureLicence = aLicence({ issuedOn: '2027-01-01', expiresOn: '2032-01-01' });
/** … an issuer-region error: another province's authority on a 沪 number. */
const wrongIssuer = aLicence({ issuer: '浙江省通信管理局' });

describe('assessTrust against the register', () => {
  it('verifies a document that says what the register says', () => {
    const licence = aLicence();
    expect(reportOf(licence).findings).toEqual([]);
    const a = assess(licence, inRegister(licence));
    expect(a).toEqual({
      findings: [],
      verdict: 'verified',
      verdictReason: '与上海市通信管理局登记簿一致（第 3 版）',
      verdictReasonEn: 'Matches the register of 上海市通信管理局 (version 3)',
      validity: 'valid',
      register: {
        provenance: 'issued',
        authority,
        found: true,
        status: 'valid',
        version: 3,
        updatedAt: '2026-11-01T08:00:00.000Z',
        confirmation: null,
        differences: [],
      },
    });
  });

  it('reports a changed company name as a mismatch, quoting both values and the evidence line', () => {
    const register = aLicence();
    const document = aLicence({ holder: { ...register.holder, name: '上海青禾网络技术有限公司' } });
    const a = assessTrust({
      report: reportOf(document),
      lookup: inRegister(register),
      today: TODAY,
      evidence: { 'holder.name': anEvidence(7, '公司名称：上海青禾网络技术有限公司') },
    });
    expect(a.verdict).toBe('mismatch');
    expect(a.findings).toEqual([
      {
        ruleId: 'register-mismatch',
        severity: 'error',
        message:
          '公司名称与上海市通信管理局登记不符：文件为「上海青禾网络技术有限公司」，登记为「上海青禾网络科技有限公司」',
        messageEn:
          'Company name differs from the register of 上海市通信管理局: the document says "上海青禾网络技术有限公司", the register says "上海青禾网络科技有限公司"',
        fields: ['holder.name'],
        evidence: [{ line: 7, text: '公司名称：上海青禾网络技术有限公司' }],
        basis: REGISTER_RULES[0]?.basis,
        basisEn: REGISTER_RULES[0]?.basisEn,
      },
    ]);
    expect(a.verdictReason).toBe(`与登记不符，疑似伪造：${a.findings[0]?.message ?? ''}`);
    expect(a.verdictReasonEn).toMatch(/^Differs from the register, possibly forged: Company name/);
    expect(a.register?.differences.map((d) => d.field)).toEqual(['holder.name']);
  });

  it('names the extra and missing domains, quoting every website line', () => {
    const register = aLicence();
    const document = aLicence({
      websites: [aWebsite(), aWebsite({ name: '青禾商城', domains: ['shop.qinghe-read.cn'] })],
    });
    const a = assessTrust({
      report: reportOf(document),
      lookup: inRegister(register),
      today: TODAY,
      evidence: {
        'websites[0].domains': anEvidence(30, '网站域名：www.qinghe-read.cn'),
        'websites[1].domains': anEvidence(33, '网站域名：shop.qinghe-read.cn'),
      },
    });
    const [finding] = a.findings;
    expect(finding?.message).toBe(
      '网站域名与上海市通信管理局登记不符：文件为「www.qinghe-read.cn、shop.qinghe-read.cn」，登记为「www.qinghe-read.cn」（文件多出：shop.qinghe-read.cn）',
    );
    expect(finding?.messageEn).toContain('(only in the document: shop.qinghe-read.cn)');
    expect(finding?.fields).toEqual(['websites']);
    expect(finding?.evidence.map((e) => e.line)).toEqual([30, 33]);
  });

  it('says (none) in English for a service the document does not list', () => {
    const register = aLicence({
      services: [...aLicence().services, aService({ code: 'B12', name: '内容分发网络业务' })],
    });
    const a = assess(aLicence(), inRegister(register));
    expect(a.findings.map((f) => f.message)).toEqual([
      '业务种类（B12 内容分发网络业务）与上海市通信管理局登记不符：文件为「（无）」，登记为「B12 内容分发网络业务（仅限互联网信息服务）」',
    ]);
    expect(a.findings[0]?.messageEn).toContain('the document says "(none)"');
  });

  it('asks for review when the document matches but has an error of its own', () => {
    const a = assess(wrongIssuer, inRegister(wrongIssuer));
    expect(summarise(a.findings)).toEqual(['issuer-region:error']);
    expect(a.verdict).toBe('suspect');
    expect(a.verdictReason).toBe('与上海市通信管理局登记簿一致（第 3 版），但发现错误：需人工复核');
  });

  it('verifies an expired licence that matches: validity is reported apart', () => {
    const a = assess(expiredLicence, inRegister(expiredLicence));
    expect(summarise(a.findings)).toEqual(['expired:error']);
    expect(a.verdict).toBe('verified');
    expect(a.validity).toBe('expired');
  });

  it.each([
    ['suspended', aLicence(), 'suspended'],
    ['cancelled', aLicence(), 'cancelled'],
    ['revoked', aLicence(), 'revoked'],
    ['valid', aLicence(), 'valid'],
    ['renewal-pending', aLicence(), 'valid'],
    ['renewal-pending', aLicence({ issuedOn: '2022-01-15', expiresOn: '2027-01-15' }), 'expiring'],
    ['valid', expiredLicence, 'expired'],
    ['expired', expiredLicence, 'expired'],
  ] as const)(
    'takes validity from the register: %s with its dates → %s',
    (status, licence, validity) => {
      expect(assess(licence, inRegister(licence, status)).validity).toBe(validity);
    },
  );

  it("takes validity from the register's dates, not the document's", () => {
    const a = assess(aLicence(), inRegister(expiredLicence));
    expect(a.validity).toBe('expired');
    expect(a.verdict).toBe('mismatch');
  });
});

describe('assessTrust when the register does not hold the number', () => {
  it('reports the absence as a mismatch', () => {
    const licence = aLicence();
    const a = assess(licence, { kind: 'absent', authority });
    expect(summarise(a.findings)).toEqual(['not-in-register:error']);
    expect(a.findings[0]?.message).toMatch(
      /^上海市通信管理局登记簿中没有经营许可证 沪B2-20250731：/,
    );
    expect(a.findings[0]?.fields).toEqual(['number']);
    expect(a.verdict).toBe('mismatch');
    expect(a.verdictReason).toMatch(/^与登记不符，疑似伪造：上海市通信管理局登记簿中没有/);
    expect(a.validity).toBe('valid');
    expect(a.register).toEqual({
      provenance: 'issued',
      authority,
      found: false,
      status: null,
      version: null,
      updatedAt: null,
      confirmation: null,
      differences: [],
    });
  });
});

describe('assessTrust against an official confirmation', () => {
  it('verifies a document that matches a current confirmation', () => {
    const a = assess(aLicence(), confirmed());
    expect(a.findings).toEqual([]);
    expect(a.verdict).toBe('verified');
    expect(a.verdictReason).toBe('已于 2026-11-01 由 alice 在官方系统核实');
    expect(a.verdictReasonEn).toBe('Confirmed in the official system by alice on 2026-11-01');
    expect(a.register).toEqual({
      provenance: 'confirmed',
      authority: null,
      found: true,
      status: '已发证',
      version: null,
      updatedAt: null,
      confirmation: {
        id: 'c1',
        checkedOn: '2026-11-01',
        checkedBy: 'alice',
        dueOn: '2027-01-30',
        current: true,
        attachmentSha256: 'a'.repeat(64),
      },
      differences: [],
    });
  });

  it('reports a difference from a current confirmation, naming it', () => {
    const a = assess(aLicence(), confirmed(aConfirmation({ expiresOn: '2031-07-31' })));
    expect(summarise(a.findings)).toEqual(['register-mismatch:error']);
    expect(a.findings[0]?.message).toBe(
      '有效期至与官方系统核实记录（2026-11-01，alice）不符：文件为「2030-07-31」，核实记录为「2031-07-31」',
    );
    expect(a.verdict).toBe('mismatch');
  });

  it.each([
    ['the lookup says it is stale', aConfirmation(), false],
    ['its due day has come', aConfirmation({ dueOn: TODAY }), true],
  ])('does not compare when %s, and asks for it to be redone', (_name, c, current) => {
    const stale = { ...c, holderName: '别的公司' };
    const a = assess(aLicence(), confirmed(stale, current));
    expect(summarise(a.findings)).toEqual(['register-unavailable:info']);
    expect(a.findings[0]?.message).toBe(
      `2026-11-01 的官方系统核实（alice）已于 ${stale.dueOn} 到期，须重新在电信业务市场综合管理信息系统核实：${officialQueryUrl('沪B2-20250731')}`,
    );
    expect(a.verdict).toBe('unverified');
    expect(a.verdictReason).toBe(
      `未经发证机关核实（2026-11-01 的官方系统核实已于 ${stale.dueOn} 到期）`,
    );
    expect(a.register?.confirmation?.current).toBe(false);
    expect(a.register?.differences).toEqual([]);
  });

  it('asks for review of a stale confirmation with an error finding', () => {
    const a = assess(wrongIssuer, confirmed(aConfirmation(), false));
    expect(a.verdict).toBe('suspect');
  });

  it('asks for review when a current confirmation matches but the document has an error', () => {
    const a = assess(wrongIssuer, confirmed());
    expect(a.verdict).toBe('suspect');
    expect(a.verdictReason).toBe('与 2026-11-01 的官方系统核实记录一致，但发现错误：需人工复核');
  });

  it.each([
    ['已注销', true, 'cancelled'],
    ['已吊销', true, 'revoked'],
    ['暂停经营', true, 'suspended'],
    ['已注销', false, 'cancelled'],
    ['已发证', true, 'valid'],
    ['有效', false, 'valid'],
  ] as const)('reads the official status %s (current: %s) as %s', (status, current, validity) => {
    const a = assess(aLicence(), confirmed(aConfirmation({ officialStatus: status }), current));
    expect(a.validity).toBe(validity);
    expect(a.register?.status).toBe(status);
  });

  it("falls back to the document's dates when the official status says nothing of force", () => {
    expect(assess(expiredLicence, confirmed(aConfirmation({ expiresOn: null }))).validity).toBe(
      'expired',
    );
  });
});

describe('assessTrust with nothing to compare with', () => {
  it('leaves a clean document unverified, pointing at the official query', () => {
    const licence = aLicence({ number: '沪Ｂ２－２０２５０７３１' });
    const a = assess(licence, NONE);
    expect(summarise(a.findings)).toEqual(['register-unavailable:info']);
    expect(a.findings[0]?.message).toContain(officialQueryUrl('沪B2-20250731'));
    expect(a.findings[0]?.messageEn).toContain(officialQueryUrl('沪B2-20250731'));
    expect(a).toMatchObject({
      verdict: 'unverified',
      verdictReason: '未经发证机关核实',
      verdictReasonEn: 'Not verified with the issuer',
      validity: 'valid',
      register: null,
    });
  });

  it('gives no query address for a document without a number', () => {
    const licence = aLicence({ number: null });
    const a = assess(licence, NONE, { report: reportWith(licence, []) });
    expect(a.findings[0]?.message).toContain('没有经营许可证编号');
    expect(a.findings[0]?.message).not.toContain('http');
  });

  it('asks for review of a document with an error finding', () => {
    const a = assess(wrongIssuer, NONE);
    expect(a.verdict).toBe('suspect');
    expect(a.verdictReason).toBe('未能与发证机关登记核对，且发现错误：需人工复核');
  });

  it.each([
    ['expired', expiredLicence, 'expired'],
    ['not yet valid', futureLicence, 'not-yet-valid'],
  ])('leaves an %s licence unverified, not suspect', (_name, licence, validity) => {
    const a = assess(licence, NONE);
    expect(a.findings.some((f) => f.severity === 'error')).toBe(true);
    expect(a.verdict).toBe('unverified');
    expect(a.validity).toBe(validity);
  });
});

describe('assessTrust findings', () => {
  const checked = [
    aFinding('number-year', 'info'),
    aFinding('expiring', 'warning'),
    aFinding('credit-code', 'error'),
  ];

  it('puts errors first, then warnings, then info, register findings first in each', () => {
    const register = aLicence();
    const document = aLicence({ holder: { ...register.holder, legalRepresentative: '王五' } });
    const a = assess(document, inRegister(register), { report: reportWith(document, checked) });
    expect(summarise(a.findings)).toEqual([
      'register-mismatch:error',
      'credit-code:error',
      'expiring:warning',
      'number-year:info',
    ]);
    const b = assess(document, NONE, { report: reportWith(document, checked) });
    expect(summarise(b.findings)).toEqual([
      'credit-code:error',
      'expiring:warning',
      'register-unavailable:info',
      'number-year:info',
    ]);
  });

  it('emits only the severities each register rule declares, with its basis', () => {
    const register = aLicence();
    const changed = aLicence({ holder: { ...register.holder, name: '别的公司' } });
    const lookups: [Licence, RegisterLookup][] = [
      [changed, inRegister(register)],
      [register, { kind: 'absent', authority }],
      [changed, confirmed()],
      [register, confirmed(aConfirmation(), false)],
      [register, NONE],
    ];
    const seen = new Set<string>();
    for (const [licence, lookup] of lookups) {
      for (const f of assess(licence, lookup).findings) {
        const rule = REGISTER_RULES.find((r) => r.id === f.ruleId);
        if (rule === undefined) continue;
        seen.add(rule.id);
        expect(rule.severities).toContain(f.severity);
        expect(f.basis).toBe(rule.basis);
        expect(f.basisEn).toBe(rule.basisEn);
      }
    }
    expect([...seen].sort()).toEqual(REGISTER_RULES.map((r) => r.id).sort());
  });

  it('lists the register rules with the basis in both languages', () => {
    expect(REGISTER_RULES.map((r) => [r.id, r.severities])).toEqual([
      ['register-mismatch', ['error']],
      ['not-in-register', ['error']],
      ['register-unavailable', ['info']],
    ]);
    for (const r of REGISTER_RULES) {
      expect(r.basis).toContain('第42号）第三条');
      expect(r.basisEn).toContain('MIIT Order No. 42) art. 3');
    }
  });

  it('refuses a day that is not a date', () => {
    expect(() => assess(aLicence(), NONE, { today: '2026-11-31' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
