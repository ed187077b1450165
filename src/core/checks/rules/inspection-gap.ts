import type { Finding } from '../finding.js';
import { ORDER_42_EFFECTIVE, hasInspectionTable, isoOrUndefined, yearOf } from '../facts.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/**
 * The last inspection year: the 2016 inspection took place in Q1 2017; the 2017 year was the first
 * reported through the annual report (Jan–Mar 2018, licensing.md §1.8).
 */
const LAST_INSPECTION_YEAR = 2016;

/**
 * A licence under the inspection regime (issued before 2017-09-01) whose inspection table lacks a
 * stamp for a year whose inspection is over.
 *
 * Which years: from the year after issue to 2016, while the licence was in force through the
 * inspection window (Q1 of the next year), once that window and the April publication of results
 * (licensing.md §1.8) have passed on `today`. Whether a licence took part in the inspection of the
 * year it was issued in is not documented, so that year is not required: precision over recall.
 *
 * Not judged: licences issued on or after 2017-09-01 — never under the regime, so no 年检 ever came
 * due (the seed, issued 2022 with an empty table, is `regime-anachronism`'s finding, not this
 * rule's); and records without the table (a bare registry record cannot tell a missing stamp from
 * an unrecorded one).
 */
export const inspectionGap: Rule = {
  id: RuleId.inspectionGap,
  severities: ['warning'],
  title: '年检记录缺失',
  titleEn: 'Missing annual inspection',
  basis:
    '《电信业务经营许可证管理办法》（2001 年信息产业部令第19号）第三十一条：发证机关对经营许可证实行年检制度，' +
    '经营者应当在报告年的次年第一季度报送年检材料，年检合格的在年检情况记录表上加盖印章；' +
    '2009 年工业和信息化部令第5号沿用，至 2017-09-01 工业和信息化部令第42号施行时改为年报',
  basisEn:
    '《电信业务经营许可证管理办法》 (Measures for the Administration of Telecommunications ' +
    'Business Operating Licences, Ministry of Information Industry (MII) Order No. 19 of 2001) ' +
    'art. 31: the issuing authority applies an annual inspection system to operating licences; ' +
    'the operator shall submit its annual inspection materials in the first quarter of the ' +
    'year after the reporting year, and a licence that passes is stamped in the annual ' +
    'inspection record table; MIIT Order No. 5 of 2009 kept the system, until it was replaced ' +
    'by annual reports when MIIT Order No. 42 took effect on 2017-09-01',
  check(input): Finding[] {
    const { licence, today } = input;
    const issuedOn = isoOrUndefined(licence.issuedOn);
    if (issuedOn === undefined || issuedOn >= ORDER_42_EFFECTIVE) return [];
    if (!hasInspectionTable(input)) return [];
    const expiresOn = isoOrUndefined(licence.expiresOn);
    const stamped = new Set(licence.inspections.map((i) => i.year));
    const missing: number[] = [];
    for (let year = yearOf(issuedOn) + 1; year <= LAST_INSPECTION_YEAR; year++) {
      const windowEnd = `${year + 1}-03-31`;
      const resultsPublished = `${year + 1}-04-30`;
      if (expiresOn !== undefined && expiresOn < windowEnd) break;
      if (today <= resultsPublished) break;
      if (!stamped.has(year)) missing.push(year);
    }
    if (missing.length === 0) return [];
    const years = missing.join('、');
    return [
      makeFinding(inspectionGap, input, {
        severity: 'warning',
        message: `年检情况记录表缺少 ${years} 年度的年检合格记录（发证日期 ${issuedOn}，年检制度至 ${LAST_INSPECTION_YEAR} 年度止）`,
        messageEn: `The annual inspection table has no stamp for ${missing.join(', ')} (issued ${issuedOn}; inspections ran until the ${LAST_INSPECTION_YEAR} year)`,
        fields: ['inspections', 'issuedOn'],
      }),
    ];
  },
};
