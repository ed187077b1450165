import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../licence.js';
import { aLicence, anEvidence, run } from '../licence-builder.test-helpers.js';
import { dateFormat } from './date-format.js';

describe('date-format', () => {
  it.each<[string, Record<string, Evidence>, string[]]>([
    [
      'the seed’s expiry date with an unpadded day',
      { expiresOn: anEvidence(25, '有效期至：2023年05月3日') },
      ['2023年05月3日'],
    ],
    [
      'a signature line with a blank slot and a date',
      { 'signatures[1]': anEvidence(156, '年 月 日 2018年6月6日') },
      ['2018年6月6日'],
    ],
    ['a dotted date', { issuedOn: anEvidence(3, '发证日期：2022.9.5') }, ['2022.9.5']],
    [
      'both ends of a printed range',
      {
        validFrom: anEvidence(9, '有效期：2022年9月5日至2027年9月4日'),
        expiresOn: anEvidence(9, '有效期：2022年9月5日至2027年9月4日'),
      },
      ['2022年9月5日', '2027年9月4日'],
    ],
  ])('notes %s', (_name, evidence, raws) => {
    const findings = run(dateFormat, aLicence(), { evidence });
    expect(findings.map((f) => f.severity)).toEqual(raws.map(() => 'info'));
    raws.forEach((raw, i) => {
      expect(findings[i]?.message).toContain(raw);
    });
  });

  it('quotes the line and names the date it reads', () => {
    const [finding] = run(dateFormat, aLicence(), {
      evidence: { expiresOn: anEvidence(25, '有效期至：2023年05月3日') },
    });
    expect(finding).toMatchObject({
      message: '日期书写不规范：“2023年05月3日”（即 2023-05-03）',
      fields: ['expiresOn'],
      evidence: [{ line: 25, text: '有效期至：2023年05月3日' }],
    });
  });

  it.each<[string, Record<string, Evidence>]>([
    [
      'regular dates',
      {
        issuedOn: anEvidence(23, '发证日期：2022年09月05日'),
        expiresOn: anEvidence(25, '有效期至：2027年09月04日'),
      },
    ],
    ['a blank signature slot', { 'signatures[0]': anEvidence(60, '年 月 日 年 月 日') }],
    [
      'a line that is not a date field',
      { 'provisions[8]': anEvidence(70, '2018年6月6日起施行的规定') },
    ],
    ['a bare record without evidence', {}],
  ])('says nothing for %s', (_name, evidence) => {
    expect(run(dateFormat, aLicence(), { evidence })).toEqual([]);
  });
});
