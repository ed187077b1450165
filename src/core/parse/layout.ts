/**
 * The layout stage: physical lines of an extracted document → logical lines for the field grammar.
 *
 * Documents print the same fields in many layouts: label and value in aligned columns (`公 司 名 称
 *       甲公司`), several label/value pairs on one line, service tables (box-drawn, ASCII `+---+`,
 * tab-separated, or space-aligned under a header row `业务种类 | 业务覆盖范围 | 备注`), values
 * wrapped across lines (inside brackets, numbers, domains, or at a fixed measure), and browser print
 * headers and footers (`11/28/26, 9:09 AM`, the page's URL, `1/8`). This stage undoes the layout so
 * the grammar in `parse-licence-text.ts` reads one form:
 *
 * - cells (a tab, or two or more spaces, or a table's bars) are kept apart by a tab in `text`;
 * - a line of cells that holds several labels becomes one logical line per label;
 * - a table under a header row becomes `业务种类：` and one logical line per service row, its
 *   coverage cell written `覆盖范围：…`; a table of websites, one labelled line per cell. A row's
 *   further lines are told by blank lines between rows, cells its first line filled and the next
 *   leaves empty, or a cell ending with a list's separator; cells line up by display columns or,
 *   as pdftotext -layout prints, by characters; a table whose cells one space parts (pdftotext
 *   -raw) is read by its coverage (services) or as a run of words (websites);
 * - wrapped lines are joined;
 * - browser print furniture is set aside.
 *
 * Every logical line keeps the number of the first physical line it came from (`no`, the evidence
 * line) and the numbers of the others (`more`). Work is linear in the input: each physical line is
 * looked at a bounded number of times, and joins are bounded.
 */
import {
  B25_SERVICE_TYPES,
  CATALOGUE,
  CATEGORY_PREAMBLE,
  findServiceByName,
} from '../catalogue.js';
import { parseDateRange, parseDocumentDate } from '../dates.js';
import { parseLicenceNumber } from '../licence-number.js';
import { ANNEX_VALUE_KEYS, LabelKey, matchLabel, type LabelMatch } from './labels.js';
import { joinText, normaliseLine, type Line } from './lines.js';
import { isCoverageItem, isCoverageList, splitList } from './services.js';

export interface LogicalLine extends Line {
  /** further physical lines this logical line was read from */
  readonly more: readonly number[];
}

/** `more` of a logical line read from one physical line (shared: never written to). */
const NO_MORE: readonly number[] = Object.freeze([]);

export interface Layout {
  readonly lines: LogicalLine[];
  /** lines set aside as page furniture (browser print headers and footers) */
  readonly furniture: Line[];
}

// ---- browser print furniture -----------------------------------------------------------------

/** `11/28/26, 9:09 AM`, `2026/11/28 09:09`, `2026-11-28 09:09:13`, then the page title, if any. */
const BROWSER_STAMP =
  /^(?:\d{1,2}\/\d{1,2}\/\d{2,4}|\d{4}[/-]\d{1,2}[/-]\d{1,2}),?\s+(?:上午|下午)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+(.*))?$/u;
/** The page's URL, with the page counter before or after it. */
const URL_LINE =
  /^(?:\d{1,4}\s*\/\s*\d{1,4}\s+)?(?:(?:https?|file):\/\/|about:blank)\S*(?:\s+\d{1,4}\s*\/\s*\d{1,4})?$/iu;
const PAGE_OF = /^\d{1,4}\s*\/\s*\d{1,4}$/u;
const LICENCE_TITLE =
  /^(?:中华人民共和国)?(?:跨地区)?(?:增值|基础)电信业务经营许可证(?:[（(][^）)]*[）)])?$/u;

/** Indices of lines that are browser print furniture; empty when the document has none. */
function browserFurniture(lines: readonly Line[]): Set<number> {
  const out = new Set<number>();
  const anchors: number[] = [];
  const titles = new Set<string>();
  lines.forEach((l, i) => {
    // Cheap guard: stamps start with a digit, URLs with a scheme or the page counter.
    if (l.raw.length > 400 || !/^\s*[\dhHfFaA]/u.test(l.raw)) return;
    const t = l.raw.trim();
    const stamp = BROWSER_STAMP.exec(t);
    if (stamp) {
      const title = stamp[1]?.trim();
      if (title) titles.add(normaliseLine(title));
      anchors.push(i);
      out.add(i);
    } else if (URL_LINE.test(t)) {
      anchors.push(i);
      out.add(i);
    }
  });
  if (anchors.length === 0) return out;
  lines.forEach((l, i) => {
    if (PAGE_OF.test(l.raw.trim())) out.add(i);
  });
  // The page title, printed beside the stamp: on the stamp's line, or on a line next to it that
  // repeats beside every stamp.
  const besideCount = new Map<string, number[]>();
  const nonEmpty = (from: number, step: number): number | undefined => {
    for (let j = from + step, k = 0; j >= 0 && j < lines.length && k < 3; j += step, k++) {
      if ((lines[j]?.text ?? '') !== '') return j;
    }
    return undefined;
  };
  for (const a of anchors) {
    for (const step of [-1, 1]) {
      const j = nonEmpty(a, step);
      if (j === undefined || out.has(j)) continue;
      const t = lines[j]?.text ?? '';
      const list = besideCount.get(t) ?? [];
      list.push(j);
      besideCount.set(t, list);
    }
  }
  for (const [t, at] of besideCount) {
    if (LICENCE_TITLE.test(t)) continue; // the licence's own title: the grammar's
    if (matchLabel(t)) continue;
    if (titles.has(t) || at.length >= 2) for (const j of at) out.add(j);
  }
  return out;
}

// ---- cells -----------------------------------------------------------------------------------

const BAR_ROW = /^[│|┃║]/u;
const BARS = /[│|┃║]/u;
const BORDER = /^[\s┌┬┐├┼┤└┴┘─━═╔╦╗╠╬╣╚╩╝╞╪╡╒╤╕╘╧╛╟╫╢┠╂┨┏┳┓┗┻┛+\-=|│┃║:]+$/u;
/**
 * What parts two cells: a tab, two or more blanks, or a bar between them with or without blanks
 * (`业务种类  |  覆盖范围`, a table typed with bars between its cells only).
 */
const GAP = /\t|[ \u00a0\u3000]*[│|┃║｜][ \u00a0\u3000]*|[ \u00a0\u3000]{2,}/u;
const SINGLE_LETTER = /^[\u3400-\u9fffA-Za-z（）()]$/u;
const LAST_LETTER = /^[\u3400-\u9fff（）()][:：]/u;

interface Cell {
  readonly text: string;
  /** display column where the cell starts in the raw line */
  readonly col: number;
  /** character column where the cell starts: pdftotext -layout aligns by characters */
  readonly ch?: number;
}

/** Columns a text takes in a monospaced print: East Asian wide characters take two. */
function displayWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x1100) w += 1;
    else if (c >= 0x4e00 && c <= 0x9fff) w += 2;
    else if (c >= 0xdc00 && c <= 0xdfff)
      continue; // the low half of a pair was counted
    else if (c >= 0xd800 && c <= 0xdbff)
      w += 2; // supplementary ideographs
    else w += isWide(c) ? 2 : 1;
  }
  return w;
}

function isWide(c: number): boolean {
  return (
    c <= 0x115f ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  );
}

function isBorder(raw: string): boolean {
  return raw.length >= 3 && BORDER.test(raw) && /[─━═]|-{3,}|={3,}/u.test(raw);
}

/** Cells of a physical line; one cell for a line with no gaps. Letter-spaced cells are merged. */
function cellsOf(raw: string, text: string): { cells: Cell[]; barred: boolean } {
  // Most lines: no bars, no gaps, no indent.
  if (!GAP.test(raw) && !BAR_ROW.test(text)) {
    const indent = /^[ \u00a0\u3000]+/u.exec(raw)?.[0];
    return {
      cells: [
        { text, col: indent === undefined ? 0 : displayWidth(indent), ch: indent?.length ?? 0 },
      ],
      barred: false,
    };
  }
  const lead = /^[ \u00a0\u3000]*/u.exec(raw)?.[0] ?? '';
  const body = raw.slice(lead.length).trimEnd();
  const barred = BAR_ROW.test(body);
  const cells: Cell[] = [];
  if (barred) {
    let col = displayWidth(lead);
    const parts = body.split(BARS);
    parts.forEach((p, i) => {
      if (i > 0) col += 1;
      if (!(i === 0 || (i === parts.length - 1 && p.trim() === ''))) {
        cells.push({ text: normaliseLine(p), col });
      }
      col += displayWidth(p);
    });
    return { cells, barred };
  }
  if (!GAP.test(body)) {
    return { cells: [{ text, col: displayWidth(lead), ch: lead.length }], barred };
  }
  let col = displayWidth(lead);
  const re = new RegExp(GAP.source, 'gu');
  let start = 0;
  for (const m of body.matchAll(re)) {
    const piece = body.slice(start, m.index);
    cells.push({ text: normaliseLine(piece), col, ch: lead.length + start });
    col += displayWidth(piece) + (m[0] === '\t' ? 1 : displayWidth(m[0]));
    start = m.index + m[0].length;
  }
  cells.push({ text: normaliseLine(body.slice(start)), col, ch: lead.length + start });
  // Letter spacing (公  司  名  称, A  P  P  名  称): a run of single letters is one word.
  const merged: Cell[] = [];
  let run = false;
  for (const c of cells) {
    const single = SINGLE_LETTER.test(c.text);
    const prev = merged.at(-1);
    // The run's last letter may carry the colon and the value: 公  司  名  称：甲公司.
    if (prev && run && (single || LAST_LETTER.test(c.text))) {
      merged[merged.length - 1] = { ...prev, text: prev.text + c.text };
    } else merged.push(c);
    run = single;
  }
  return { cells: merged, barred };
}

// ---- tables ----------------------------------------------------------------------------------

const EXTRA_HEADERS = /^(?:序号|编号|备注|说明|服务项目|项目|内容|类别|业务类别)[:：]?$/u;

/** A table column: the services table's, or an annex field's (its label, 网站域名). */
type Column = 'service' | 'coverage' | 'remark' | 'ignore' | `label:${string}`;

const ANNEX_KEYS = ANNEX_VALUE_KEYS;

function headerColumns(cells: readonly Cell[]): Column[] | undefined {
  if (cells.length < 2) return undefined;
  const cols: Column[] = [];
  let services = false;
  let annex = 0;
  for (const c of cells) {
    const t = c.text;
    if (t === '') {
      cols.push('ignore');
      continue;
    }
    const label = matchLabel(t);
    if (label && label.value === '') {
      if (label.key === LabelKey.services || label.key === LabelKey.servicesAndCoverage) {
        cols.push('service');
        services = true;
      } else if (label.key === LabelKey.coverage) cols.push('coverage');
      else if (label.key === LabelKey.serviceItems) cols.push('remark');
      else if (ANNEX_KEYS.has(label.key)) {
        cols.push(`label:${label.label.replace(/[:：]$/u, '')}`);
        annex++;
      } else return undefined;
    } else if (EXTRA_HEADERS.test(t)) {
      cols.push(/^(?:备注|说明|服务项目)/u.test(t) ? 'remark' : 'ignore');
    } else return undefined;
  }
  if (services && annex === 0) return cols;
  // A table of websites or apps: one column a field, 网站名称 among them.
  return !services && annex >= 2 ? cols : undefined;
}

/** A header cell holding several header words: a cell a word, each at its own column. */
function splitWords(cell: Cell): Cell[] {
  const words = gluedHeader(cell.text);
  if (!words) return [cell];
  let col = cell.col;
  let ch = cell.ch ?? 0;
  return words.map((w) => {
    const c = { text: w, col, ch };
    col += displayWidth(w) + 1;
    ch += w.length + 1;
    return c;
  });
}

/** Header words a services table prints, longest first. */
const HEADER_WORDS =
  /^(?:业务种类[（(]服务项目[)）]|业务覆盖范围|业务种类|服务项目|覆盖范围|序号|备注|说明|网站名称|网站域名|服务器放置地|网站接入服务提供单位)/u;

/** A line made only of header words, glued (序号业务种类服务项目覆盖范围): the words; else undefined. */
function gluedHeader(text: string): string[] | undefined {
  if (text.length > 40) return undefined;
  const words: string[] = [];
  let rest = text;
  while (rest !== '') {
    const m = HEADER_WORDS.exec(rest);
    if (!m) return undefined;
    words.push(m[0]);
    rest = rest.slice(m[0].length).trimStart();
  }
  return words.length >= 2 ? words : undefined;
}

/** Brackets opened and not closed in `s`: （ and ( count alike, as OCR mixes them. */
function unbalanced(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xff08 || c === 0x28) depth++;
    else if ((c === 0xff09 || c === 0x29) && depth > 0) depth--;
  }
  return depth;
}

interface Row {
  readonly cells: string[];
  readonly no: number;
  readonly more: number[];
  readonly raw: string;
  /** the cells the row's first line filled */
  readonly filled: readonly boolean[];
}

/**
 * Whether a table's cells line up by characters (pdftotext -layout counts an ideograph as one)
 * rather than by display columns: told by a line with a cell under each header cell.
 */
function alignedByChars(cells: readonly Cell[], header: readonly Cell[]): boolean | undefined {
  if (cells.length !== header.length || cells.length < 2) return undefined;
  let byCol = 0;
  let byChar = 0;
  cells.forEach((c, k) => {
    const h = header[k];
    if (!h || c.ch === undefined || h.ch === undefined) return;
    byCol += Math.abs(c.col - h.col);
    byChar += Math.abs(c.ch - h.ch);
  });
  return byChar < byCol;
}

/** Which header column a cell belongs to: by index for tabs and bars, by position for spaces. */
function assign(
  cells: readonly Cell[],
  header: readonly Cell[],
  byIndex: boolean,
  chars = false,
): string[] {
  const out = header.map(() => '');
  const at = (c: Cell | undefined): number => (chars ? c?.ch : c?.col) ?? 0;
  cells.forEach((c, i) => {
    let k = i;
    if (!byIndex) {
      k = 0;
      for (let h = 0; h < header.length; h++) if (at(header[h]) <= at(c) + 2) k = h;
    }
    if (k < out.length) out[k] = joinText(out[k] ?? '', c.text);
  });
  return out;
}

/** A row of the table as logical lines: a service with its coverage, or one line an annex field. */
function rowLines(row: Row, cols: readonly Column[]): LogicalLine[] {
  if (!cols.includes('service')) {
    const lines: LogicalLine[] = [];
    cols.forEach((col, i) => {
      const v = (row.cells[i] ?? '').trim();
      if (!col.startsWith('label:') || v === '') return;
      lines.push({ no: row.no, raw: row.raw, text: `${col.slice(6)}：${v}`, more: row.more });
    });
    return lines;
  }
  return [rowLine(row, cols)];
}

/** A cell's text and its next line's: a domain wrapped inside its cell joins with nothing between. */
function joinCell(a: string, b: string, col: Column | undefined): string {
  if (col?.includes('域名') !== true || a === '' || b === '') return joinText(a, b);
  const last = a.split(/\s+/u).at(-1) ?? '';
  const tld = /\.([a-z]{2,})$/iu.exec(last)?.[1]?.toLowerCase();
  const whole = tld !== undefined && TLDS.has(tld) && b.includes('.');
  return whole ? `${a} ${b}` : a + b;
}

function rowLine(row: Row, cols: readonly Column[]): LogicalLine {
  let service = '';
  const remarks: string[] = [];
  const coverage: string[] = [];
  cols.forEach((col, i) => {
    const v = (row.cells[i] ?? '').trim();
    if (v === '') return;
    if (col === 'service') service = joinText(service, v);
    else if (col === 'coverage') coverage.push(v);
    else if (col === 'remark') remarks.push(v);
  });
  const parts = [service, ...remarks];
  if (coverage.length > 0) parts.push(`覆盖范围：${coverage.join('、')}`);
  return {
    no: row.no,
    raw: row.raw,
    text: parts.filter((p) => p !== '').join('\t'),
    more: row.more,
  };
}

/** A list of regions wrapped inside its cell: every item but the last is one (北京、青海、贵). */
function coverageBegun(text: string): boolean {
  const items = splitList(text);
  return items.length >= 2 && items.slice(0, -1).every(isCoverageItem);
}

/** A space with a domain on one side and ideographs on the other. */
const DOMAIN_SEAM =
  /(?<=[a-z0-9-]\.[a-z]{2,}[、，,]?) (?=\S*[\u3400-\u9fff])|(?<=[\u3400-\u9fff）)]) (?=(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\s|[、，,]|$))/iu;

/** A cell parted where a domain meets ideographs across a space: a cell each side. */
function splitAtDomain(cell: Cell): Cell[] {
  if (!cell.text.includes(' ')) return [cell];
  const m = DOMAIN_SEAM.exec(cell.text);
  if (!m) return [cell];
  const head = cell.text.slice(0, m.index);
  const tail = cell.text.slice(m.index + 1);
  const next: Cell = {
    text: tail,
    col: cell.col + displayWidth(head) + 1,
    ch: (cell.ch ?? 0) + head.length + 1,
  };
  return [{ ...cell, text: head }, ...splitAtDomain(next)];
}

/** A cell's text that ends a list's item and so goes on: `a.com、`. */
const LIST_END = /[、，,；;]$/u;
/** How far ahead a table's rows are looked at to tell how they are parted. */
const LOOKAHEAD = 400;

/**
 * Whether the table whose rows start at line `from` parts its rows by blank lines, as a printed
 * table with padded cells does: at least two blocks of lines, each after a blank line and each
 * starting with a line of cells, before the table ends (a labelled or numbered line, a line that is
 * not cells, a rule). Each line is looked at once per table.
 */
function blankParted(
  lines: readonly Line[],
  from: number,
  furnitureAt: ReadonlySet<number>,
): boolean {
  let blocks = 0;
  let blank = true; // the first block may follow the header directly
  for (let j = from; j < lines.length && j < from + LOOKAHEAD; j++) {
    if (furnitureAt.has(j)) continue;
    const l = lines[j];
    if (!l) break;
    if (l.text === '') {
      blank = true;
      continue;
    }
    if (isBorder(l.raw)) return false;
    if (!blank) continue;
    blank = false;
    const { cells, barred } = cellsOf(l.raw, l.text);
    if (barred || cells.length < 2 || startsItsOwn(cells[0]?.text ?? '')) break;
    blocks++;
  }
  return blocks >= 2;
}

const WEBSITE_COLUMNS = ['网站名称', '网站域名', '服务器放置地', '网站接入服务提供单位'] as const;

/** A websites table's columns as the MIIT annex prints them: 序号?, name, domains, place, provider. */
function websiteColumns(cols: readonly Column[]): boolean {
  const fields = cols[0] === 'ignore' ? cols.slice(1) : cols;
  if (fields.length !== WEBSITE_COLUMNS.length) return false;
  return fields.every((c, k) => {
    if (!c.startsWith('label:')) return false;
    const key = matchLabel(`${c.slice(6)}：`)?.key;
    const want = matchLabel(`${WEBSITE_COLUMNS[k] ?? ''}：`)?.key;
    return key !== undefined && key === want;
  });
}

const DOMAIN_WORD = /^(?:[a-z0-9-]+\.)+[a-z]{2,}[、，,；;]?$/iu;
/** Where a place ends: 号, 室, 层, 楼, 房 (机房), 座, 中心. */
const PLACE_END = /(?:[号室层楼房座]|中心)$/u;

/**
 * The rows of a websites table whose cells pdftotext -raw gave as a run of words, each cell
 * wrapped over lines: a row is its number (when numbered), the name's words, the domains, then the
 * place's and the provider's words up to the provider's end (公司, 局, …). The provider begins after
 * the last word that ends a place (…号, 2号楼, 5机 / 房).
 */
function websiteRuns(lines: readonly Line[], cols: readonly Column[]): LogicalLine[] {
  const numbered = cols[0] === 'ignore';
  const out: LogicalLine[] = [];
  let rows = 0;
  let row:
    | { no: number; raw: string; more: number[]; name: string[]; domains: string[]; rest: string[] }
    | undefined;
  const finish = (): void => {
    if (!row) return;
    const r = row;
    row = undefined;
    let cut = r.rest.length > 1 ? 1 : r.rest.length;
    for (let k = 1; k < r.rest.length; k++) if (PLACE_END.test(r.rest[k - 1] ?? '')) cut = k;
    const join = (ws: readonly string[]): string => ws.reduce((a, b) => joinText(a, b), '');
    const values = [
      join(r.name),
      r.domains.map((d) => d.replace(/[、，,；;]$/u, '')).join('、'),
      join(r.rest.slice(0, cut)),
      join(r.rest.slice(cut)),
    ];
    values.forEach((v, k) => {
      if (v !== '')
        out.push({ no: r.no, raw: r.raw, text: `${WEBSITE_COLUMNS[k] ?? ''}：${v}`, more: r.more });
    });
  };
  for (const line of lines) {
    const words = line.raw
      .trim()
      .split(/[ \u00a0\u3000\t]+/u)
      .filter((w) => w !== '');
    words.forEach((w, k) => {
      // A row ends with the provider: the words after a place's end end as organisations' names do.
      const begins =
        row === undefined ||
        (row.rest.length >= 2 &&
          row.rest.slice(0, -1).some((x) => PLACE_END.test(x)) &&
          ORGANISATION.test(row.rest.join(''))) ||
        (numbered && row.rest.length > 0 && w === String(rows + 1));
      if (begins && !(row !== undefined && row.domains.length === 0)) {
        finish();
        row = { no: line.no, raw: line.raw, more: [], name: [], domains: [], rest: [] };
        rows++;
        if (numbered && /^\d{1,3}$/u.test(w)) return;
      }
      const r = row;
      if (!r) return;
      if (k === 0 && r.no !== line.no && !r.more.includes(line.no)) r.more.push(line.no);
      const w0 = normaliseLine(w);
      if (r.rest.length === 0 && DOMAIN_WORD.test(w0)) r.domains.push(w0);
      else if (r.domains.length === 0) r.name.push(w0);
      else r.rest.push(w0);
    });
  }
  finish();
  return out;
}

// ---- joining wrapped lines -------------------------------------------------------------------

const MARKER =
  /^(?:[一二三四五六七八九十百]{1,4}[、.．]|[（(][一二三四五六七八九十]{1,4}[)）]|\d{1,3}[.．、)）]|第\s*\d{1,4}\s*页|[-－—–]\s*\d{1,4}\s*[-－—–]$)/u;
const SECTION =
  /^(?:[《〈]?特别规定事项|中华人民共和国|(?:跨地区)?(?:增值|基础)电信业务经营许可证|[（(]?(?:附页|附件|电子证照|正本|副本))/u;
const ASCII_TAIL = /^[A-Za-z0-9.-]{1,40}$/u;
/** A line of domains (the rest of a wrapped list, which may go on): `n、qinghe-read.cn、`. */
const DOMAIN_TAIL = /^[A-Za-z0-9.-]{1,63}(?:[、，,；;\s]+[A-Za-z0-9.-]{1,253})*[、，,；;]?$/u;

/** A line that starts something of its own: never the continuation of a wrapped line. */
/** Any label with its colon, known to the grammar or not (注册资本：…). */
const ANY_LABEL = /^[\u4e00-\u9fff（）()]{2,12}[:：]/u;
/** How organisations' names end. */
const ORGANISATION_END = '(?:公司|集团|局|部|中心|院|所|厂|社|会|行|站|店|馆)';
const ORGANISATION = new RegExp(`${ORGANISATION_END}$`, 'u');

/**
 * A labelled value that is whole as it stands, so a full line ends with it: a number, credit code
 * or date that parses, a name that ends as organisations' names end, a person's name, domains (their
 * wraps are {@link asciiContinues}').
 */
function completeValue(label: LabelMatch | undefined): boolean {
  if (!label) return false;
  const v = label.value;
  switch (label.key) {
    case LabelKey.number:
      return parseLicenceNumber(v).ok;
    case LabelKey.creditCode:
      return v.replace(/\s+/gu, '').length >= 18;
    case LabelKey.websiteDomains:
    case LabelKey.legalRepresentative:
      return v !== '';
    case LabelKey.issuedOn:
    case LabelKey.expiresOn:
    case LabelKey.validity:
      // 2028年09月1 / 3日 parses as a date too: whole only with its 日 or a two-digit day
      return (
        (parseDocumentDate(v).ok || parseDateRange(v) !== undefined) &&
        /(?:[日号]|\d{4}[-./]\d{1,2}[-./]\d{2})$/u.test(v)
      );
    case LabelKey.holderName:
    case LabelKey.issuer:
    case LabelKey.accessProvider:
      return ORGANISATION.test(v);
    default:
      return false;
  }
}

/** A line that is only a branch's name (上海分公司, 北京市分公司): the end of a wrapped organisation. */
const BRANCH_TAIL = /^[\u4e00-\u9fff]{1,12}(?:分公司|支公司|分局|分行|分中心)$/u;
/** A line that is only the end of an organisation's name (信息化部, 有限公司). */
const ORGANISATION_TAIL = new RegExp(`^[\\u4e00-\\u9fff（）()]{1,20}${ORGANISATION_END}$`, 'u');
/** A line that is only the end of a company's name (广东有限公司). */
const COMPANY_TAIL = /^[\u4e00-\u9fff（）()]{1,20}公司$/u;

/**
 * Whether `next` ends the organisation `text` names though the name looked whole: a parent
 * company's name at the end of a line, its branch on the next (中国电信股份有限公司 / 上海分公司),
 * or, on a line that fills the measure, the rest of a company's name (中国移动通信集团 / 广东有限公司).
 */
function branchContinues(label: LabelMatch | undefined, next: string, full: boolean): boolean {
  const key = label?.key;
  if (key !== LabelKey.holderName && key !== LabelKey.issuer && key !== LabelKey.accessProvider) {
    return false;
  }
  // a name that does not yet end as an organisation's does, ended by the next line (…工业和 / 信息化部)
  const cut = label !== undefined && label.value !== '' && !ORGANISATION.test(label.value);
  return (
    BRANCH_TAIL.test(next) ||
    (full && COMPANY_TAIL.test(next)) ||
    (cut && ORGANISATION_TAIL.test(next))
  );
}

function startsItsOwn(text: string): boolean {
  return text === '' || matchLabel(text) !== undefined || MARKER.test(text) || SECTION.test(text);
}

/**
 * Which lines fill the measure the document was wrapped at (in display columns or in characters),
 * if it was wrapped at one: at least three lines reach the longest line's length, and they are a
 * good share of the long lines. Undefined for a document not wrapped at a measure.
 */
/** How far short of the measure a wrapped line may end: in columns (slack 1), in characters (0). */
const NEAR = [3, 5] as const;
const MAX_MEASURE = 240;

function fullLines(lines: readonly LogicalLine[]): Uint8Array | undefined {
  // Printed lines are at most some 200 columns: a longer line was not wrapped at a measure, and the
  // longest line sets the measure.
  for (const l of lines) if (l.raw.length > MAX_MEASURE) return undefined;
  const widths = new Float64Array(lines.length);
  const chars = new Float64Array(lines.length);
  lines.forEach((l, i) => {
    if (l.text.includes('\t')) {
      widths[i] = -1;
      chars[i] = -1;
      return;
    }
    const t = l.text === l.raw ? l.raw : l.raw.trim();
    widths[i] = displayWidth(t);
    chars[i] = t.length; // a surrogate pair counts twice: rare, and only loosens the measure
  });
  const full = new Uint8Array(lines.length);
  let any = false;
  for (const [values, slack] of [
    [widths, 1],
    [chars, 0],
  ] as const) {
    let max = 0;
    for (const v of values) if (v > max) max = v;
    if (max < 8) continue;
    // A wrap moves back from the measure to where a line may end (not before 、，。）, not after
    // （): a line a few characters short of the measure is full too.
    const near = max - slack - NEAR[slack];
    let atMax = 0;
    let long = 0;
    for (const v of values) {
      if (v >= max - slack) atMax++;
      if (v >= max / 2) long++;
    }
    if (atMax < 3 || atMax * 10 < long) continue;
    any = true;
    values.forEach((v, i) => {
      if (v >= near) full[i] = 1;
    });
  }
  return any ? full : undefined;
}

function join(a: LogicalLine, b: LogicalLine, glue: 'space' | 'none'): LogicalLine {
  const text = glue === 'none' ? a.text + b.text : `${a.text} ${b.text}`;
  return { no: a.no, raw: a.raw, text, more: [...a.more, b.no, ...b.more] };
}

/** Top-level domains a licence's websites use: a list that ends in one is whole. */
const TLDS = new Set(
  'com cn net org edu gov vip cc top xyz info io co me tv ai dev fun live art red shop site online tech app ltd group club link work store cloud ink wang biz mobi pro name asia hk tw mo'.split(
    ' ',
  ),
);

/** A domain's top-level domain, as written, in lower case (`cn` of `a.com.cn`). */
function tldOf(domain: string): string | undefined {
  return /\.([a-z]+)$/iu.exec(domain)?.[1]?.toLowerCase();
}

/** The line after a domain list wrapped at a separator starts the next domain, not the rest of one. */
function nextDomain(a: string, b: string): boolean {
  const last = a.split(/[、，,；;\s]+/u).at(-1) ?? '';
  const first = b.split(/[、，,；;\s]+/u)[0] ?? '';
  const tld = tldOf(last);
  // `m.cn` after `….co` is the rest of `.com.cn`: no one registers a one-letter name under a TLD
  const fragment = /^[a-z0-9]\.[a-z]{2,}$/iu.test(first);
  return (
    tld !== undefined && TLDS.has(tld) && first.includes('.') && !/^[.-]/u.test(first) && !fragment
  );
}

/** A label line whose ASCII value (number, credit code, domain) the next line completes. */
function asciiContinues(label: LabelMatch | undefined, b: LogicalLine, full: boolean): boolean {
  const c = b.text.charCodeAt(0);
  if (!(c < 0x80) || b.text.length > 600 || !DOMAIN_TAIL.test(b.text)) return false;
  if (!label || label.value === '') return false;
  // a list of domains that ends with its separator goes on on the next line
  if (domainsGoOn(label)) return true;
  if (!/[A-Za-z0-9.-]$/u.test(label.value)) return false;
  switch (label.key) {
    case LabelKey.number:
      if (!ASCII_TAIL.test(b.text)) return false;
      return !parseLicenceNumber(label.value).ok && parseLicenceNumber(label.value + b.text).ok;
    case LabelKey.creditCode: {
      if (!ASCII_TAIL.test(b.text)) return false;
      const n = label.value.replace(/\s+/gu, '').length;
      return n < 18 && n + b.text.length === 18;
    }
    case LabelKey.websiteDomains: {
      const last = label.value.split(/[、，,；;\s]+/u).at(-1) ?? '';
      const first = b.text.split(/[、，,；;\s]+/u)[0] ?? '';
      return (
        full ||
        /[.-]$/u.test(last) ||
        /^[.-]/u.test(first) ||
        !first.includes('.') ||
        /\.[a-z]?$/iu.test(last) ||
        // a domain cut inside a label: what the line ends with is no top-level domain (m.jiedin)
        !TLDS.has(tldOf(last) ?? '')
      );
    }
    default:
      return false;
  }
}

/**
 * The names of services and of what they include or exclude (国内互联网虚拟专用网业务,
 * 信息发布平台和递送服务, 互联网资源协作服务, …).
 */
const SERVICE_NAMES: readonly string[] = CATALOGUE.flatMap((e) => [e.name, ...e.aliases]);
const ITEM_NAMES: readonly string[] = [
  ...new Set([...SERVICE_NAMES, ...B25_SERVICE_TYPES, ...CATALOGUE.flatMap((e) => e.subServices)]),
];

const isIdeograph = (c: number): boolean => c >= 0x4e00 && c <= 0x9fff;

/**
 * The run of ideographs a line ends with, blanks after it aside; '' when it ends otherwise. Read
 * from the end: a pattern anchored at the end would try every start of a long line of ideographs.
 */
function trailingIdeographs(text: string): string {
  let end = text.length;
  while (end > 0 && /\s/u.test(text.charAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isIdeograph(text.charCodeAt(start - 1))) start--;
  return text.slice(start, end);
}

/**
 * Whether a name cut at the line's end (…不含信息搜索查询服务、信息发; …中的国内互联网虚拟专用网业) is
 * completed by the next line (布平台和递送服务; 务): the two halves make a name the catalogue knows.
 */
function itemContinues(text: string, next: string): boolean {
  if (!isIdeograph(next.charCodeAt(0))) return false;
  const run = trailingIdeographs(text);
  if (run === '') return false;
  // the name starts where the run of ideographs does, or after 含, 不含 or 中的 inside it
  const starts = [0, ...[...run.matchAll(/含|中的/gu)].map((m) => m.index + m[0].length)];
  return starts.some((start) => {
    const cut = run.slice(start);
    return ITEM_NAMES.some(
      (name) =>
        cut !== '' &&
        name.length > cut.length &&
        name.startsWith(cut) &&
        next.startsWith(name.slice(cut.length)),
    );
  });
}

/** Whether a line is a service's name cut short at its end (在线数据处理与交易处理业). */
function beginsServiceName(text: string): boolean {
  const name = text.trim();
  return (
    /^[\u4e00-\u9fff]{4,}$/u.test(name) &&
    SERVICE_NAMES.some((n) => n.length > name.length && n.startsWith(name))
  );
}

/**
 * Whether the next line is a service's exclusions or inclusions (不含新闻、出版。全国) going on from
 * the line that names the service: such a clause never stands alone.
 */
function clauseContinues(text: string, label: LabelMatch | undefined, next: string): boolean {
  if (!/^(?:不含|含)[\u4e00-\u9fff]/u.test(next) || /[。；;]$/u.test(text)) return false;
  const at = CATEGORY_PREAMBLE.exec(text);
  const rest = at ? text.slice(at.index + at[0].length) : (label?.value ?? '');
  return findServiceByName(rest) !== undefined;
}

/** Whether a coverage list is cut inside a region's name (…黑龙江省、河 / 南省、上海市). */
function coverageContinues(label: LabelMatch | undefined, next: string): boolean {
  if (label?.key !== LabelKey.coverage) return false;
  const cut =
    label.value
      .split(/[、，,；;]/u)
      .at(-1)
      ?.trim() ?? '';
  const rest = next.split(/[、，,；;。]/u)[0]?.trim() ?? '';
  return cut !== '' && !isCoverageItem(cut) && isCoverageItem(cut + rest);
}

/** Whether a service's category phrase is cut at the line's end (第二类增值电信业务 / 中的…). */
function preambleContinues(text: string, next: string): boolean {
  const at = text.lastIndexOf('第');
  if (at < 0 || text.length - at > 16) return false;
  const tail = text.slice(at);
  return !CATEGORY_PREAMBLE.test(tail) && CATEGORY_PREAMBLE.test(tail + next);
}

/** The rest of an address on a line of its own: 号14层1408室, 3机房, 号楼. */
const ADDRESS_TAIL =
  /^[0-9A-Za-z-]*(?:号楼|号|层|室|栋|楼|幢|座|单元|机房)[\u4e00-\u9fff0-9A-Za-z-]{0,16}$/u;

/** Whether an address (the holder's, a server's) goes on on the next line: 中山路454 / 号14层. */
function addressContinues(label: LabelMatch | undefined, next: string): boolean {
  const key = label?.key;
  return (key === LabelKey.address || key === LabelKey.serverLocation) && ADDRESS_TAIL.test(next);
}

/** Whether a list of domains ends with its separator, so its next domain is on a later line. */
function domainsGoOn(label: LabelMatch | undefined): boolean {
  return label?.key === LabelKey.websiteDomains && /[A-Za-z0-9][、，,；;]$/u.test(label.value);
}

function joinWrapped(lines: readonly LogicalLine[]): LogicalLine[] {
  const full = fullLines(lines);
  const out: LogicalLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    let cur = lines[i];
    if (!cur) continue;
    // Bounded: a logical line takes at most 8 further lines.
    for (let k = 0; k < 8 && i + 1 < lines.length; k++) {
      const next = lines[i + 1];
      if (!next) break;
      // the label of the line as joined so far: every rule below reads it
      const label = matchLabel(cur.text);
      const isFull = full?.[i] === 1;
      // a page break's blank line inside a list of domains that goes on
      if (
        next.text === '' &&
        domainsGoOn(label) &&
        /^[A-Za-z0-9]/u.test(lines[i + 2]?.text ?? '')
      ) {
        cur = { ...cur, more: [...cur.more, next.no] };
        i++;
        continue;
      }
      if (
        itemContinues(cur.text, next.text) ||
        preambleContinues(cur.text, next.text) ||
        clauseContinues(cur.text, label, next.text) ||
        coverageContinues(label, next.text) ||
        addressContinues(label, next.text)
      ) {
        cur = join(cur, next, 'none');
        i++;
        continue;
      }
      if (asciiContinues(label, next, isFull)) {
        cur = join(cur, next, nextDomain(cur.text, next.text) ? 'space' : 'none');
        i++;
        continue;
      }
      // A label wrapped before its colon: 业务种类（服务项目）及覆盖 / 范围：
      const wrappedLabel =
        cur.text !== '' &&
        cur.text.length <= 30 &&
        (matchLabel(cur.text + next.text)?.label.length ?? 0) > cur.text.length;
      if (wrappedLabel) {
        cur = join(cur, next, 'none');
        i++;
        continue;
      }
      if (startsItsOwn(next.text)) break;
      const open = (cur.text.includes('（') || cur.text.includes('(')) && unbalanced(cur.text) > 0;
      const filled =
        isFull &&
        !/[。；;]$/u.test(cur.text) &&
        !ANY_LABEL.test(next.text) &&
        !completeValue(label) &&
        !CATEGORY_PREAMBLE.test(next.text) &&
        findServiceByName(next.text) === undefined &&
        !beginsServiceName(next.text);
      if (!open && !filled && !branchContinues(label, next.text, isFull)) break;
      // A wrap splits a run of text where it falls: no space was printed at the seam.
      cur = join(cur, next, 'none');
      i++;
    }
    out.push(cur);
  }
  return out;
}

/** A label set in brackets at the line's start: 【公司名称】甲公司, [发证日期] 2025年07月31日. */
const BRACKETED = /^[ \u3000]*[【〔［[]([^】〕］\]]{2,16})[】〕］\]][ \u3000]*(.*)$/u;

/** The line with a bracketed label written as a label and its colon, when the grammar knows it. */
function bracketedLabel(line: Line): Line {
  const m = BRACKETED.exec(line.text);
  if (!m) return line;
  const text = `${m[1] ?? ''}：${m[2] ?? ''}`;
  return matchLabel(text) === undefined ? line : { ...line, text };
}

// ---- the stage -------------------------------------------------------------------------------

/** Lay out a document's physical lines as logical lines. Never throws. */
export function layoutLines(lines: readonly Line[]): Layout {
  const furnitureAt = browserFurniture(lines);
  const furniture: Line[] = [];
  const out: LogicalLine[] = [];
  let table:
    | {
        cols: Column[];
        header: Cell[];
        byIndex: boolean;
        rows: Row[];
        ruled: boolean;
        sinceRule: number;
        blank: boolean;
        /** cells parted by one space: rows are read by their coverage */
        spaced: boolean;
        /** rows parted by blank lines: a line right after a row's line continues that row */
        blankRows: boolean;
        /** lines of a websites table read as a run of words ({@link websiteRuns}) */
        words: Line[];
        /** cells line up by characters, not display columns; unknown until a full row tells */
        chars?: boolean;
      }
    | undefined;
  /** whether the line before `i` (furniture aside) is blank */
  const afterBlank = (i: number): boolean => {
    let j = i - 1;
    while (j >= 0 && furnitureAt.has(j)) j--;
    return j >= 0 && lines[j]?.text === '';
  };

  const flushTable = (): void => {
    if (!table) return;
    if (table.words.length > 0) out.push(...websiteRuns(table.words, table.cols));
    for (const row of table.rows) out.push(...rowLines(row, table.cols));
    table = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const physical = lines[i];
    if (!physical) continue;
    const line = bracketedLabel(physical);
    if (furnitureAt.has(i)) {
      furniture.push(line);
      continue;
    }
    if (line.text === '') {
      if (!table) out.push({ no: line.no, raw: line.raw, text: line.text, more: NO_MORE });
      else table.blank = true;
      continue;
    }
    if (isBorder(line.raw)) {
      if (table) {
        table.sinceRule = 0;
        if (table.rows.length > 0) table.ruled = true;
      }
      continue; // rules carry nothing
    }
    const parted = cellsOf(line.raw, line.text);
    const { barred } = parted;
    // In a table of websites a domain and the ideographs of the cell beside it, one space apart
    // (pdftotext -layout), are two cells.
    const cells =
      table && !barred && !table.spaced && table.cols.some((c) => c.includes('域名'))
        ? parted.cells.flatMap(splitAtDomain)
        : parted.cells;
    if (table?.spaced && !table.cols.includes('service')) {
      // A websites table whose cells one space parts, each wrapped over lines (pdftotext -raw):
      // the rows are read from the run of words, at the table's end.
      if (!startsItsOwn(line.text)) {
        table.words.push(line);
        continue;
      }
      flushTable();
    } else if (table?.spaced) {
      // Cells joined by one space (pdftotext -raw): a row ends with its coverage; a line without
      // one is the service's text wrapped in its cell.
      if (!startsItsOwn(line.text) && !matchLabel(cells[0]?.text ?? '')) {
        const tokens = line.raw.trim().split(/[ \u00a0\u3000\t]+/u);
        const last = tokens.at(-1) ?? '';
        const prev = table.rows.at(-1);
        const serviceCol = table.cols.indexOf('service');
        const coverageCol = table.cols.indexOf('coverage');
        // A row numbered in a 序号 column starts a row though its coverage wraps (北京、青海、贵 /
        // 州) or comes on a later line.
        const numbered = table.cols[0] === 'ignore' && tokens[0] === String(table.rows.length + 1);
        const coverage = normaliseLine(last);
        const covered = tokens.length >= 2 && isCoverageList(coverage);
        if (covered || (numbered && tokens.length >= 2)) {
          const started = covered || (tokens.length >= 3 && coverageBegun(coverage));
          const body = started ? tokens.slice(0, -1) : tokens;
          if (table.cols[0] === 'ignore' && /^\d{1,3}$/u.test(body[0] ?? '')) body.shift();
          const values = table.cols.map(() => '');
          values[serviceCol] = body.map(normaliseLine).reduce((a, b) => joinText(a, b), '');
          values[coverageCol] = started ? coverage : '';
          table.rows.push({ cells: values, no: line.no, more: [], raw: line.raw, filled: [] });
          continue;
        }
        const cov = prev?.cells[coverageCol] ?? '';
        if (prev && table.cols[0] === 'ignore' && (cov === '' || !isCoverageList(cov))) {
          // The rest of a numbered row's coverage, or all of it on a line of its own.
          const joined = cov + line.text;
          if (isCoverageList(joined)) {
            prev.cells[coverageCol] = joined;
            prev.more.push(line.no);
            continue;
          }
        }
        if (prev) {
          prev.cells[serviceCol] = joinText(prev.cells[serviceCol] ?? '', line.text);
          prev.more.push(line.no);
          continue;
        }
      }
      flushTable();
    } else if (table) {
      // A lone cell continues the row above when no blank line came between: text wrapped in its
      // cell, or back to the margin.
      const lone =
        cells.length === 1 &&
        !startsItsOwn(cells[0]?.text ?? '') &&
        ((cells[0]?.col ?? 0) > 0 || (!table.blank && table.rows.length > 0));
      const isRow = barred || cells.length >= 2 || lone;
      // A labelled line (发证机关 …) ends the table.
      if (isRow && !matchLabel(cells[0]?.text ?? '')) {
        if (table.chars === undefined) {
          const chars = alignedByChars(cells, table.header);
          if (chars !== undefined) table.chars = chars;
        }
        const values = assign(cells, table.header, table.byIndex || barred, table.chars);
        const prev = table.rows.at(-1);
        const serviceCol = table.cols.indexOf('service');
        // A row's further lines leave empty a cell its first line filled (the number, the coverage).
        // Rows parted by blank lines: a line right after a row's line is that row's, wrapped in
        // its cells. A cell ending with a list's separator (a domain and its 、) goes on too.
        // A service cell that opens with its category (第二类增值电信业务中的…) starts a row, though
        // the row before has no coverage yet; the line that then fills that row's empty coverage,
        // its service cell the rest of a word (务), is the row's end past a page break.
        const service = values[serviceCol] ?? '';
        const startsRow = CATEGORY_PREAMBLE.test(service);
        const coverageCol = table.cols.indexOf('coverage');
        const completes =
          prev !== undefined &&
          coverageCol >= 0 &&
          (prev.cells[coverageCol] ?? '') === '' &&
          (values[coverageCol] ?? '') !== '' &&
          findServiceByName(service) === undefined;
        const continues =
          prev !== undefined &&
          !startsRow &&
          ((table.blankRows
            ? !afterBlank(i)
            : (table.ruled && table.sinceRule > 0) ||
              prev.filled.some((f, k) => f && (values[k] ?? '') === '') ||
              unbalanced(prev.cells[serviceCol] ?? '') > 0) ||
            completes ||
            prev.cells.some((c, k) => LIST_END.test(c) && (values[k] ?? '') !== ''));
        if (continues) {
          values.forEach((v, k) => {
            prev.cells[k] = joinCell(prev.cells[k] ?? '', v, table?.cols[k]);
          });
          prev.more.push(line.no);
        } else {
          const filled = values.map((v, k) => v !== '' && table?.cols[k] !== 'remark');
          table.rows.push({ cells: values, no: line.no, more: [], raw: line.raw, filled });
        }
        table.sinceRule++;
        continue;
      }
      flushTable();
    }
    let header = cells;
    let cols = headerColumns(cells);
    if (!cols && !barred && cells.length >= 2) {
      // Header words one cell holds, one space apart or glued (序号 业务种类      业务覆盖范围):
      // a column each.
      const words = cells.flatMap(splitWords);
      cols = headerColumns(words);
      if (cols) header = words;
    }
    const below = lines[i + 1];
    if (!cols && barred && below && BAR_ROW.test(below.text)) {
      // A header whose words wrap inside their cells (网站接入服务提供单 / 位)
      const next = cellsOf(below.raw, below.text).cells;
      if (next.length === cells.length) {
        const merged = cells.map((c, k) => ({ text: c.text + (next[k]?.text ?? ''), col: c.col }));
        cols = headerColumns(merged);
        if (cols) i++;
      }
    }
    let spaced = false;
    if (!cols && cells.length === 1 && / /u.test(line.raw.trim())) {
      // A header row whose cells one space parts (pdftotext -raw): 业务种类 覆盖范围
      const words = line.raw.trim().split(/[ \u00a0\u3000]+/u);
      const spacedCols = headerColumns(words.map((w, k) => ({ text: normaliseLine(w), col: k })));
      if (spacedCols?.includes('coverage') || (spacedCols && websiteColumns(spacedCols))) {
        cols = spacedCols;
        spaced = true;
      }
    }
    if (!cols && cells.length === 1) {
      // A header row whose cells a PDF reader glued together: 序号业务种类服务项目覆盖范围
      const words = gluedHeader(line.text);
      const gluedCols = words && headerColumns(words.map((w, k) => ({ text: w, col: k })));
      if (gluedCols?.includes('coverage') || (gluedCols && websiteColumns(gluedCols))) {
        cols = gluedCols;
        spaced = true;
      }
    }
    if (cols) {
      table = {
        cols,
        header,
        // cells parted by tabs or bars are told by their order, by blanks by their columns
        byIndex: barred || /[\t│|┃║｜]/u.test(line.raw),
        rows: [],
        ruled: false,
        sinceRule: 0,
        blank: false,
        spaced,
        blankRows: !spaced && !barred && blankParted(lines, i + 1, furnitureAt),
        words: [],
      };
      if (cols.includes('service')) {
        out.push({ no: line.no, raw: line.raw, text: '业务种类：', more: NO_MORE });
      }
      continue;
    }
    if (cells.length <= 1) {
      out.push({ no: line.no, raw: line.raw, text: cells[0]?.text ?? line.text, more: NO_MORE });
      continue;
    }
    // Several label/value pairs on one line: one logical line each.
    let seg: string[] = [];
    const emit = (): void => {
      if (seg.length > 0)
        out.push({ no: line.no, raw: line.raw, text: seg.join('\t'), more: NO_MORE });
      seg = [];
    };
    for (const c of cells) {
      if (seg.length > 0 && matchLabel(c.text)) emit();
      seg.push(c.text);
    }
    emit();
  }
  flushTable();
  return { lines: joinWrapped(out), furniture };
}
