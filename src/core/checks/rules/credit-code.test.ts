import { describe, expect, it } from 'vitest';
import { aLicence, run } from '../licence-builder.test-helpers.js';
import { creditCode } from './credit-code.js';

const withCode = (creditCode: string | null) =>
  aLicence({
    holder: {
      name: '上海青禾网络科技有限公司',
      legalRepresentative: '陈思远',
      creditCode,
      address: null,
    },
  });

describe('credit-code', () => {
  it.each([
    ['a wrong GB 32100 check character', '91310104MA1FR5C85D', '第 18 位'],
    ['a wrong GB 11714 organisation-code check character', '91310104MA1FR5C87J', '组织机构代码'],
    ['a code one character short', '91310104MA1FR5C85', '18 位'],
    ['a forbidden letter (O)', '91310104MA1FR5C8O5', '不是允许的字符'],
    // both check characters right: only GB/T 2260's digits-only division code fails
    ['letters in the administrative division (positions 3–8)', '91ABCDEFMA1K3BTP20', '行政区划码'],
  ])('reports %s', (_name, code, message) => {
    const findings = run(creditCode, withCode(code));
    expect(findings.map((f) => [f.severity, f.fields])).toEqual([['error', ['holder.creditCode']]]);
    expect(findings[0]?.message).toContain(message);
  });

  it.each([
    ['the Shanghai fixture’s code', '91310104MA1FR5C85C'],
    ['the Shenzhen fixture’s code', '91440300MA5FK2L751'],
    ['a valid code printed in full-width characters', '９１３１０１０４ＭＡ１ＦＲ５Ｃ８５Ｃ'],
    ['no printed code', null],
  ])('accepts %s', (_name, code) => {
    expect(run(creditCode, withCode(code))).toEqual([]);
  });
});
