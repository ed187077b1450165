/**
 * Reading one licensed business type as licences write it:
 *   第二类增值电信业务中的信息服务业务（仅限互联网信息服务）含文化，不含信息搜索查询服务、信息即时交互服务。
 *   互联网数据中心业务（不含互联网资源协作服务）
 *   互联网数据中心业务：北京、上海；互联网接入服务业务：全国      (per-service coverage inline)
 */
import { CATEGORY_PREAMBLE, findServiceByName } from '../catalogue.js';
import type { LicensedService } from '../licence.js';
import { findRegionByName } from '../regions.js';

/** Brackets as documents and OCR print them: `〈` and `<` are OCR's readings of `（`. */
const OPEN = '（(〈<［[';
const CLOSE = '）)〉>］]';
const OPEN_RE = /^[（(〈<［[《]+/u;

export interface ServiceReading {
  readonly service: LicensedService;
  /** brackets were not the document's normal （） pair: OCR damage was read through */
  readonly repairedBrackets: boolean;
  /** coverage was printed inline (`业务：北京、上海` or `覆盖范围：…` after the service) */
  readonly inlineCoverage: boolean;
}

/** List separators. Not 和/及: they occur inside names (信息发布平台和递送服务). */
const SEPARATORS = '、，,；;';

/**
 * Split a list as printed (`北京、上海、广东（广州、深圳）`) on separators outside brackets, so a
 * region's own sub-list stays with it. Trailing full stops and empty items are dropped.
 */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && SEPARATORS.includes(ch)) {
      pushItem(items, current);
      current = '';
    } else {
      current += ch;
    }
  }
  pushItem(items, current);
  return items;
}

function pushItem(items: string[], raw: string): void {
  const item = raw
    .trim()
    .replace(/[。.]+$/u, '')
    .trim();
  if (item !== '') items.push(item);
}

/** Position of the bracket that closes the one opening at `start`, or -1. */
function closingBracket(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

const REMARK = /【[^】]*】/gu;
/**
 * A clause runs to a full stop or semicolon, or to a comma that opens the next clause (含…，不含…).
 * A comma followed by anything else is a list separator (OCR reads 、 as a comma).
 */
const INCLUDES = /(?:^|[^不])(?:包含|含)((?:[^，,。；;不]|[，,](?!不?(?:包含|含)))+)/u;
const EXCLUDES = /不(?:包含|含)((?:[^，,。；;]|[，,](?!不?(?:包含|含)))+)/gu;
const INLINE_COVERAGE = /(?:业务)?[覆履復]盖范围[:：]?(.*)$/u;

/** Read includes (含…) and excludes (不含…) from free text. */
export function readScope(text: string): { includes: string[]; excludes: string[] } {
  const cleaned = text.replace(REMARK, '');
  const excludes: string[] = [];
  for (const m of cleaned.matchAll(EXCLUDES)) excludes.push(...splitList(m[1] ?? ''));
  const withoutExcludes = cleaned.replace(EXCLUDES, '');
  const inc = INCLUDES.exec(withoutExcludes);
  const includes = inc ? splitList(inc[1] ?? '') : [];
  return { includes, excludes };
}

/** Whether `item` is one coverage item: 全国, or a region's name (北京, 北京市, 广东（广州、深圳）). */
export function isCoverageItem(item: string): boolean {
  if (item === '全国') return true;
  const r = findRegionByName(item);
  if (!r) return false;
  const rest = item.slice(item.startsWith(r.name) ? r.name.length : r.shortName.length);
  return /^(?:[省市]|自治区)?(?:[（(][^）)]*[）)])?$/u.test(rest);
}

/** Whether `text` is a whole coverage list (北京、上海 / 全国 / 浙江省). */
export function isCoverageList(text: string): boolean {
  const items = splitList(text);
  return items.length > 0 && items.every(isCoverageItem);
}

/**
 * Coverage printed after a service's scope with no label: in a column of its own, or after the
 * exclusions' full stop (`…不含新闻、出版。浙江省`). The tail after the last sentence or cell break
 * is coverage when it is a whole list of regions.
 */
function trailingCoverage(text: string): { scope: string; coverage: string[] } | undefined {
  const rest = text.replace(/[。；;，,\s]+$/u, '');
  const cut = Math.max(
    rest.lastIndexOf('。'),
    rest.lastIndexOf('\t'),
    rest.lastIndexOf('】'),
    rest.lastIndexOf('：'),
    rest.lastIndexOf(':'),
  );
  const tail = rest.slice(cut + 1).trim();
  if (tail === '' || !isCoverageList(tail)) return undefined;
  // A colon introduces the coverage (…不含新闻、出版：全国): it belongs to neither part.
  const scope = /[:：]/u.test(rest[cut] ?? '') ? rest.slice(0, cut) : rest.slice(0, cut + 1);
  return { scope, coverage: splitList(tail) };
}

/**
 * Read one service from its text. Returns undefined when the text names no business type (neither a
 * catalogue name nor anything ending in 业务). Cells of a table row or an aligned column arrive
 * separated by tabs: a cell that is a list of regions is the coverage, any other adds to the scope.
 */
export function readService(text: string): ServiceReading | undefined {
  const cells = text.split('\t');
  let rest = (cells[0] ?? '').replace(CATEGORY_PREAMBLE, '').trim();
  const cellCoverage: string[] = [];
  for (const cell of cells.slice(1)) {
    const c = cell.trim();
    if (c === '') continue;
    if (isCoverageList(c)) cellCoverage.push(...splitList(c));
    else rest = `${rest}${/[。，；]$/u.test(rest) || rest === '' ? '' : '，'}${c}`;
  }
  if (rest === '') return undefined;

  const found = findServiceByName(rest);
  let name: string;
  let code: string | null = null;
  if (found) {
    name = found.matched;
    code = found.entry.code;
    rest = rest.slice(found.consumed); // consumed counts spaces and full-width forms in the input
  } else {
    // Not in the catalogue: keep the name as written, up to its qualifier or scope.
    const m = /^[^（(〈<：:，,。；;]*?业务/u.exec(rest);
    if (!m) return undefined;
    name = m[0];
    rest = rest.slice(name.length);
  }
  name = name.replace(/\s+/gu, '');

  let qualifier: string | null = null;
  let repairedBrackets = false;
  const open = OPEN_RE.exec(rest);
  if (open) {
    const start = open[0].length - 1;
    const end = closingBracket(rest, start);
    const close = end >= 0 ? end : rest.length;
    qualifier = rest.slice(open[0].length, close).trim() || null;
    repairedBrackets = open[0] !== '（' || (end >= 0 && rest[end] !== '）');
    rest = rest.slice(Math.min(rest.length, close + 1));
  }

  let coverage: string[] = [];
  let inlineCoverage = false;
  const cov = INLINE_COVERAGE.exec(rest);
  if (cov) {
    coverage = splitList(cov[1] ?? '');
    inlineCoverage = true;
    rest = rest.slice(0, cov.index);
  } else if (/^[:：]/u.test(rest)) {
    // `互联网数据中心业务：北京、上海` — the 51miit style of per-service coverage
    coverage = splitList(rest.slice(1));
    inlineCoverage = true;
    rest = '';
  } else {
    const tail = trailingCoverage(rest);
    if (tail) {
      coverage = tail.coverage;
      inlineCoverage = true;
      rest = tail.scope;
    }
  }
  if (cellCoverage.length > 0 && coverage.length === 0) {
    coverage = cellCoverage;
    inlineCoverage = true;
  }

  const scope = readScope(rest);
  const excludes = [...scope.excludes];
  if (qualifier !== null) {
    for (const m of qualifier.matchAll(EXCLUDES)) excludes.unshift(...splitList(m[1] ?? ''));
  }

  return {
    service: { code, name, qualifier, includes: scope.includes, excludes, coverage },
    repairedBrackets,
    inlineCoverage,
  };
}
