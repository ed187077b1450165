import type { CheckInput, Finding } from '../finding.js';
import { classOf, numberOf, readCoverage, regionOfNumber } from '../facts.js';
import { findRegionByAuthority, type Region } from '../../regions.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';
import type { Licence } from '../../licence.js';

/**
 * Coverage must fit the licence's level. A provincial licence covering another province or 全国
 * is an error: a provincial authority cannot grant it. A cross-regional licence covering only one
 * province is a warning: legal on its face, but the province's own authority issues such licences.
 *
 * Not judged: foreign-invested (合字) licences, which MIIT issues whatever the coverage (2001
 * Order 19 art. 14); entries xuke cannot place (a city alone), which are never guessed at.
 */
export const coverageScope: Rule = {
  id: RuleId.coverageScope,
  severities: ['error', 'warning'],
  title: '业务覆盖范围与许可证级别',
  titleEn: 'Coverage and licence level',
  basis:
    '《中华人民共和国电信条例》第九条：在两个以上省、自治区、直辖市范围内经营增值电信业务的，由国务院信息产业' +
    '主管部门（工业和信息化部）审批，颁发《跨地区增值电信业务经营许可证》；在一个省、自治区、直辖市行政区域内' +
    '经营的，由该省通信管理局审批，颁发《增值电信业务经营许可证》',
  basisEn:
    '《中华人民共和国电信条例》 (Telecommunications Regulations of the People’s Republic of ' +
    'China) art. 9: value-added telecommunications services operated across two or more ' +
    'provinces, autonomous regions or municipalities directly under the central government are ' +
    'approved by the State Council department in charge of the information industry (MIIT), ' +
    'which issues a 《跨地区增值电信业务经营许可证》 (Cross-Regional Value-Added ' +
    'Telecommunications Business Operating Licence); services operated within the ' +
    'administrative area of one province, autonomous region or municipality directly under the ' +
    'central government are approved by that province’s communications administration, which ' +
    'issues a 《增值电信业务经营许可证》 (Value-Added Telecommunications Business Operating ' +
    'Licence)',
  check(input): Finding[] {
    const { licence } = input;
    const home = provincialHome(licence);
    if (home !== undefined) return provincialFindings(licence, home, input);
    if (isCrossRegional(licence)) return crossRegionalFindings(licence, input);
    return [];
  },
};

/** The province of a provincial licence: from the number's prefix, else from a provincial issuer. */
function provincialHome(licence: Licence): Region | undefined {
  const number = numberOf(licence);
  if (number !== undefined) return regionOfNumber(number);
  if (licence.kind === 'vats' && licence.issuer !== null) {
    return findRegionByAuthority(licence.issuer);
  }
  return undefined;
}

function isCrossRegional(licence: Licence): boolean {
  if (classOf(licence) !== 'value-added') return false;
  const number = numberOf(licence);
  if (number !== undefined) return number.region === null && !number.foreignInvested;
  return licence.kind === 'vats-cross-regional';
}

function provincialFindings(licence: Licence, home: Region, input: CheckInput): Finding[] {
  const findings: Finding[] = [];
  licence.services.forEach((service, index) => {
    const outside = service.coverage.filter((entry) => {
      const read = readCoverage(entry);
      return (
        read.kind === 'nationwide' || (read.kind === 'region' && read.region.code !== home.code)
      );
    });
    if (outside.length === 0) return;
    const list = outside.join('、');
    findings.push(
      makeFinding(coverageScope, input, {
        severity: 'error',
        message: `省级许可证（${home.authority}）只能覆盖${home.name}，“${service.name}”的覆盖范围却包括 ${list}`,
        messageEn: `A provincial licence (${home.authority}) covers ${home.name} only, yet "${service.name}" covers ${list}`,
        fields: [`services[${index}].coverage`, 'number'],
      }),
    );
  });
  return findings;
}

function crossRegionalFindings(licence: Licence, input: CheckInput): Finding[] {
  const entries = licence.services.flatMap((s) => s.coverage).filter((e) => e.trim() !== '');
  if (entries.length === 0) return [];
  const provinces = new Map<string, Region>();
  for (const entry of entries) {
    const read = readCoverage(entry);
    // Nationwide, or an entry we cannot place, ends the question: no warning.
    if (read.kind !== 'region') return [];
    provinces.set(read.region.code, read.region);
  }
  const [only, ...rest] = [...provinces.values()];
  if (only === undefined || rest.length > 0) return [];
  return [
    makeFinding(coverageScope, input, {
      severity: 'warning',
      message: `跨地区许可证的业务覆盖范围仅为${only.name}一个省级行政区，此类许可通常由${only.authority}颁发`,
      messageEn: `A cross-regional licence covering only ${only.name}; one-province licences are issued by ${only.authority}`,
      fields: licence.services.map((_, index) => `services[${index}].coverage`),
    }),
  ];
}
