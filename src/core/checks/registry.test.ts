import { describe, expect, it } from 'vitest';
import type { Licence } from '../licence.js';
import { checkLicence } from './check-licence.js';
import {
  SEED_PAGE_LABELS,
  TODAY,
  aLicence,
  aService,
  aSignature,
  aWebsite,
  b1b2Licence,
  huLicence,
  seedEvidence,
  seedLicence,
} from './licence-builder.test-helpers.js';
import { RULES, findRule, isRuleId } from './registry.js';

/** The rule ids issue 3 asks for, in its order. */
/**
 * What `basisEn` keeps in Chinese: official titles in 《…》 and document terms quoted “…”. Anything
 * else that is Han or CJK/full-width punctuation is untranslated text.
 */
function cjkOutsideQuotations(text: string): string[] {
  const rest = text.replace(/《[^《》]*》/gu, '').replace(/“[^“”]*”/gu, '');
  return rest.match(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/gu) ?? [];
}

const ISSUE_RULE_IDS = [
  // issue 17: what a document read could not be read is an error, reported first
  'unreadable',
  'number-format',
  'number-year',
  'validity-term',
  'expired',
  'expiring',
  'not-yet-valid',
  'issuer-region',
  'coverage-missing',
  'coverage-scope',
  'category-code',
  'credit-code',
  'domain-format',
  'signature-date',
  'signatory-is-holder',
  'page-sequence',
  'regime-anachronism',
  'inspection-gap',
  'provision-not-applicable',
  'date-format',
];

describe('RULES', () => {
  it('lists every rule of issues 3 and 17, each once, in their order', () => {
    expect(RULES.map((r) => r.id)).toEqual(ISSUE_RULE_IDS);
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))(
    '%s has titles, a basis and its severities',
    (_id, rule) => {
      expect(rule.title).not.toBe('');
      expect(rule.titleEn).not.toBe('');
      expect(rule.basis.length).toBeGreaterThan(10);
      expect(rule.severities.length).toBeGreaterThan(0);
    },
  );

  it.each(RULES.map((rule) => [rule.id, rule] as const))(
    '%s has an English basis, Chinese only in 《》 titles and quoted document terms',
    (_id, rule) => {
      expect(rule.basisEn.trim().length).toBeGreaterThan(10);
      expect(rule.basisEn).not.toBe(rule.basis);
      expect(cjkOutsideQuotations(rule.basisEn)).toEqual([]);
      // every title the Chinese cites is cited, as written, in the English
      for (const title of rule.basis.match(/《[^《》]*》/gu) ?? []) {
        expect(rule.basisEn).toContain(title);
      }
      // the "practice" and "inference" qualifiers survive translation
      expect(/实践/u.test(rule.basis)).toBe(/\bpractice\b/iu.test(rule.basisEn));
      expect(/推断/u.test(rule.basis)).toBe(/\binference\b/iu.test(rule.basisEn));
    },
  );

  it('flags Chinese outside 《》 and “” in an English basis', () => {
    expect(cjkOutsideQuotations('《电信条例》 (Regulations) art. 7; “合字” licences')).toEqual([]);
    expect(cjkOutsideQuotations('《电信条例》第七条')).toEqual(['第', '七', '条']);
    expect(cjkOutsideQuotations('art. 7：licence')).toEqual(['：']);
  });

  it('gives every finding of the seed its rule’s English basis', () => {
    const report = checkLicence({
      licence: seedLicence(),
      pageLabels: SEED_PAGE_LABELS,
      evidence: seedEvidence(),
      today: TODAY,
    });
    expect(report.findings.length).toBeGreaterThan(5);
    for (const finding of report.findings) {
      const rule = findRule(finding.ruleId);
      expect(finding.basisEn, finding.ruleId).toBe(rule?.basisEn);
      expect(finding.basisEn, finding.ruleId).not.toBe('');
    }
  });

  it('finds rules by id', () => {
    expect(findRule('expired')?.id).toBe('expired');
    expect(findRule('no-such-rule')).toBeUndefined();
    expect(isRuleId('date-format')).toBe(true);
    expect(isRuleId('constructor')).toBe(false);
  });

  it('emits only the severities each rule declares, with its bases, over varied licences', () => {
    const corpus: Licence[] = [
      seedLicence(),
      huLicence(),
      b1b2Licence(),
      aLicence({ number: '泸B2-20200731', issuer: '火星通信管理局' }),
      aLicence({
        number: '贵B2-20110282',
        issuer: '北京市通信管理局',
        issuedOn: '2011-01-01',
        expiresOn: '2031-01-01',
      }),
      aLicence({
        number: 'B2-2004-0851',
        issuedOn: '2004-01-01',
        expiresOn: '2009-01-01',
        inspections: [{ year: 2005, result: 'passed', stampedOn: null }],
      }),
      aLicence({
        number: '沪B2-20270001',
        services: [aService({ code: 'B11', coverage: ['全国'] })],
        websites: [aWebsite({ domains: ['bad_name'] })],
      }),
      aLicence({
        kind: 'vats-cross-regional',
        number: 'B2-20230001',
        issuer: '工业和信息化部',
        services: [aService({ coverage: ['北京'] })],
      }),
      aLicence({
        issuedOn: '2027-01-01',
        expiresOn: '2027-02-01',
        signatures: [aSignature({ name: '陈思远', date: '2020-01-01' })],
      }),
    ];
    for (const licence of corpus) {
      const report = checkLicence({
        licence,
        pageLabels: SEED_PAGE_LABELS,
        evidence: seedEvidence(),
        today: TODAY,
      });
      for (const finding of report.findings) {
        const rule = findRule(finding.ruleId);
        expect(rule?.severities, finding.ruleId).toContain(finding.severity);
        expect(finding.basis).toBe(rule?.basis);
        expect(finding.basisEn).toBe(rule?.basisEn);
      }
    }
  });
});
