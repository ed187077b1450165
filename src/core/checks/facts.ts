/**
 * Facts several rules derive from a licence: its parsed number, the region the number names, the
 * day it starts, what kind of licence it is. Kept here so every rule infers them the same way.
 */
import { isIsoDate } from '../dates.js';
import type { IsoDate, Licence } from '../licence.js';
import type { CheckInput } from './finding.js';
import { parseLicenceNumber, type LicenceNumber, type NumberParse } from '../licence-number.js';
import { NATIONWIDE, findRegionByAbbr, findRegionByName, type Region } from '../regions.js';

/** 《电信业务经营许可管理办法》(工业和信息化部令第42号) took effect on this day. */
export const ORDER_42_EFFECTIVE: IsoDate = '2017-09-01';

/** The licence number parsed, or undefined when the licence has none. */
export function parseNumberOf(licence: Licence): NumberParse | undefined {
  return licence.number === null ? undefined : parseLicenceNumber(licence.number);
}

/** The well-formed licence number, or undefined (missing or malformed: `number-format` says so). */
export function numberOf(licence: Licence): LicenceNumber | undefined {
  const parsed = parseNumberOf(licence);
  return parsed?.ok === true ? parsed.number : undefined;
}

/** The province a number's prefix names; undefined for national (MIIT) numbers. */
export function regionOfNumber(number: LicenceNumber): Region | undefined {
  return number.region === null ? undefined : findRegionByAbbr(number.region)?.region;
}

/** A real `YYYY-MM-DD` date, or undefined (a registry record may carry a malformed one). */
export function isoOrUndefined(value: string | null): IsoDate | undefined {
  return value !== null && isIsoDate(value) ? value : undefined;
}

/**
 * The first day of validity: the printed range start when there is one, else the issue date
 * (licensing.md §1.4: the dates printed on the licence are authoritative).
 */
export function startOf(
  licence: Licence,
): { date: IsoDate; field: 'validFrom' | 'issuedOn' } | undefined {
  const validFrom = isoOrUndefined(licence.validFrom);
  if (validFrom !== undefined) return { date: validFrom, field: 'validFrom' };
  const issuedOn = isoOrUndefined(licence.issuedOn);
  if (issuedOn !== undefined) return { date: issuedOn, field: 'issuedOn' };
  return undefined;
}

/** What regime and term a licence is under, as far as the record tells. */
export type LicenceClass = 'value-added' | 'basic' | 'unknown';

/**
 * Value-added or basic: the printed kind first (the document title), else the number's
 * categories (all B → value-added; any A → basic items, 5 or 10 years). Unknown otherwise, and
 * rules that depend on it stay silent.
 */
export function classOf(licence: Licence): LicenceClass {
  if (licence.kind === 'vats' || licence.kind === 'vats-cross-regional') return 'value-added';
  if (licence.kind === 'basic') return 'basic';
  const number = numberOf(licence);
  if (number === undefined || number.categories.length === 0) return 'unknown';
  return number.categories.every((c) => c.startsWith('B')) ? 'value-added' : 'basic';
}

/** A coverage entry read: the whole country, a province, or something we cannot place. */
export type CoverageRegion =
  | { readonly kind: 'nationwide' }
  | { readonly kind: 'region'; readonly region: Region }
  | { readonly kind: 'unplaced' };

/**
 * Reads one coverage entry as written: `全国`, `上海市`, `北京`, `广东（广州、深圳）` (a province
 * with its cities). An entry we cannot place (a city alone, a typo) is `unplaced`, and rules do
 * not guess about it.
 */
export function readCoverage(entry: string): CoverageRegion {
  const text = entry.trim();
  if (NATIONWIDE.some((n) => text === n || text.startsWith(`${n}（`) || text.startsWith(`${n}(`))) {
    return { kind: 'nationwide' };
  }
  const region = findRegionByName(text);
  return region === undefined ? { kind: 'unplaced' } : { kind: 'region', region };
}

/** `date` plus `years` calendar years; 29 February falls back to 28 February (民法典 第二百零二条). */
export function addYears(date: IsoDate, years: number): IsoDate {
  const year = Number(date.slice(0, 4)) + years;
  const month = date.slice(5, 7);
  let day = date.slice(8, 10);
  if (month === '02' && day === '29' && !isLeapYear(year)) day = '28';
  return `${String(year).padStart(4, '0')}-${month}-${day}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The calendar year of an ISO date. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/**
 * Provisions that impose the annual inspection (年检), like the seed's provision 14 "…参加电信主管部门
 * 组织的经营许可证年检". A provision that speaks of the annual report (年报) as well is about the
 * transition, not an inspection duty, and is left out.
 */
export function annualInspectionProvisions(licence: Licence): { index: number; id: string }[] {
  return licence.provisions
    .map((provision, index) => ({ provision, index }))
    .filter(({ provision }) => provision.text.includes('年检') && !provision.text.includes('年报'))
    .map(({ provision, index }) => ({ index, id: provision.id }));
}

/**
 * Whether the document carries the annual inspection table (年检情况记录表): stamped inspections, or
 * the parser's evidence for the table even when every slot is empty. A bare record without
 * evidence and without stamps cannot tell, and answers false.
 */
export function hasInspectionTable(input: CheckInput): boolean {
  return input.licence.inspections.length > 0 || Object.hasOwn(input.evidence, 'inspections');
}
