/**
 * A licence record → an HTML page laid out like a printed licence, for printing to PDF through
 * Chromium (render-pdf.ts) and rasterising to scans (render-scan.ts). Three layouts, close to the
 * documents people send:
 * - `miit`: the MIIT print: the 正文 page, then the 附页 (websites, apps, machine rooms) and the
 *   特别规定事项 pages, each on pages of their own; the provisions' header repeats on every page;
 * - `table`: one page: the fields, a services table with a coverage column, the websites below;
 * - `webtable`: the e-licence style: fields as label lines, the websites in a table on the annex.
 * What varies (date forms, coverage placement, label spelling, fonts, spacing) comes from `rng`,
 * so a seed gives the same page on every machine. The page prints every value of the record exactly
 * as the record holds it: the record is the expected reading.
 */
import { categoryOf } from '../../src/core/catalogue.js';
import type { Licence, LicensedService, Provision, Website } from '../../src/core/licence.js';
import type { Rng } from './rng.js';

export const HTML_LAYOUTS = ['miit', 'table', 'webtable'] as const;
export type HtmlLayout = (typeof HTML_LAYOUTS)[number];

export interface RenderedHtml {
  readonly layout: HtmlLayout;
  readonly html: string;
  /** the page's <title>, which a browser prints in its running header */
  readonly title: string;
  /** the dates as printed (for finding them on the page: the seal goes over them) */
  readonly printedDates: readonly string[];
}

const CJK_FONT = '"WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", sans-serif';

function esc(s: string): string {
  return s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const CN0 = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 15 → 十五, 23 → 二十三 (1–99). */
export function cnNumber(n: number): string {
  if (n < 10) return CN[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : (CN[tens] ?? '')}十${CN[ones] ?? ''}`;
}

type DateForm = 'padded' | 'plain' | 'iso' | 'dotted' | 'chinese';
const DATE_FORMS: readonly DateForm[] = ['padded', 'padded', 'plain', 'iso', 'dotted', 'chinese'];

/** An ISO date as a document prints it. */
export function formatDate(iso: string, form: DateForm): string {
  const [y = '', m = '', d = ''] = iso.split('-');
  switch (form) {
    case 'padded':
      return `${y}年${m}月${d}日`;
    case 'plain':
      return `${y}年${Number(m)}月${Number(d)}日`;
    case 'iso':
      return iso;
    case 'dotted':
      return `${y}.${m}.${d}`;
    case 'chinese':
      return `${Array.from(y)
        .map((c) => CN0[Number(c)] ?? c)
        .join('')}年${cnNumber(Number(m))}月${cnNumber(Number(d))}日`;
  }
}

const TITLES = {
  vats: '增值电信业务经营许可证',
  'vats-cross-regional': '跨地区增值电信业务经营许可证',
  basic: '基础电信业务经营许可证',
} as const;

function titleOf(l: Licence): string {
  return TITLES[l.kind ?? 'vats'];
}

/** The category phrase a service is written with: 第二类增值电信业务中的. */
function preamble(s: LicensedService): string {
  const cat = s.code === null ? undefined : categoryOf(s.code);
  switch (cat) {
    case 'B1':
      return '第一类增值电信业务中的';
    case 'B2':
      return '第二类增值电信业务中的';
    case 'A1':
      return '第一类基础电信业务中的';
    case 'A2':
      return '第二类基础电信业务中的';
    default:
      return '';
  }
}

/** The items a qualifier that reads 不含… already excludes. */
function qualifierExcludes(s: LicensedService): string[] {
  const q = s.qualifier ?? '';
  if (!q.startsWith('不含')) return [];
  return q
    .slice(2)
    .split(/[、，,；;]/u)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** The service's name and qualifier: 第二类增值电信业务中的信息服务业务（仅限互联网信息服务）. */
function serviceHead(s: LicensedService, withPreamble: boolean): string {
  const q = s.qualifier === null ? '' : `（${s.qualifier}）`;
  return `${withPreamble ? preamble(s) : ''}${s.name}${q}`;
}

/** 含…，不含…: the service items as written after the name (or in a 服务项目 column). */
function serviceItems(s: LicensedService): string {
  const already = new Set(qualifierExcludes(s));
  const ex = s.excludes.filter((e) => !already.has(e));
  const parts: string[] = [];
  if (s.includes.length > 0) parts.push(`含${s.includes.join('、')}`);
  if (ex.length > 0) parts.push(`不含${ex.join('、')}`);
  return parts.join('，');
}

function serviceText(s: LicensedService, withPreamble: boolean): string {
  return `${serviceHead(s, withPreamble)}${serviceItems(s)}`;
}

function coverageText(s: LicensedService): string {
  return s.coverage.join('、');
}

const PROVISIONS_INTRO = (holder: string) =>
  `《特别规定事项》是经营许可证重要组成部分，${holder}应当按照经营许可证所载明的许可事项开展经营活动，并遵守下列规定事项：`;

function provisionText(p: Provision): string {
  const applies = p.appliesTo === null ? '' : `（适用于${p.appliesTo}）`;
  const [major = '', minor] = p.id.split('.');
  const mark =
    minor === undefined ? `${cnNumber(Number(major))}、` : `（${cnNumber(Number(minor))}）`;
  return `${mark}${applies}${p.text}`;
}

interface Style {
  fontPt: number;
  lineHeight: number;
  labelColon: '：' | ':';
  dateForm: DateForm;
  /** how the services' coverage is written in the miit layout */
  coverage: 'line' | 'column' | 'after';
  preamble: boolean;
  accent: string;
}

function chooseStyle(rng: Rng): Style {
  return {
    fontPt: rng.pick([10.5, 11, 11.5, 12]),
    lineHeight: rng.pick([1.5, 1.7, 1.9]),
    labelColon: rng.chance(0.85) ? '：' : ':',
    dateForm: rng.pick(DATE_FORMS),
    coverage: rng.pick(['line', 'column', 'after'] as const),
    preamble: rng.chance(0.6),
    accent: rng.pick(['#000', '#111', '#1a1a1a', '#202020']),
  };
}

function css(st: Style): string {
  return `
  * { box-sizing: border-box; }
  html, body { margin: 0; padding: 0; }
  body { font-family: ${CJK_FONT}; font-size: ${st.fontPt}pt; line-height: ${st.lineHeight};
    color: ${st.accent}; }
  h1 { font-size: ${st.fontPt + 8}pt; text-align: center; margin: 0.2em 0; font-weight: normal; }
  h2 { font-size: ${st.fontPt + 3}pt; text-align: center; margin: 0.4em 0; font-weight: normal; }
  p { margin: 0.35em 0; }
  .center { text-align: center; }
  .right { text-align: right; }
  .page { break-after: page; }
  .page:last-child { break-after: auto; }
  .row { display: flex; justify-content: space-between; gap: 2em; }
  .row > span:last-child { white-space: nowrap; }
  table { border-collapse: collapse; width: 100%; margin: 0.5em 0; font-size: ${st.fontPt - 1.5}pt; }
  th, td.n { white-space: nowrap; }
  td, th { border: 0.6pt solid #333; padding: 0.25em 0.4em; vertical-align: top; text-align: left;
    font-weight: normal; }
  table.plain { font-size: inherit; }
  table.plain td { border: none; padding: 0; }
  .sig { display: flex; justify-content: space-between; margin-top: 1.2em; }
  .date { white-space: nowrap; }
  .blank { display: inline-block; width: 8em; }
  `;
}

function label(name: string, value: string, st: Style, cls = ''): string {
  return `<p${cls === '' ? '' : ` class="${cls}"`}>${esc(name)}${st.labelColon}${esc(value)}</p>`;
}

function dateP(name: string, iso: string, st: Style): string {
  return `<p>${esc(name)}${st.labelColon}<span class="date">${esc(formatDate(iso, st.dateForm))}</span></p>`;
}

function validity(l: Licence, st: Style, rng: Rng): string {
  if (l.expiresOn === null) return '';
  if (l.validFrom !== null) {
    const name = rng.pick(['有效期', '有效期限']);
    const sep = rng.pick(['至', '至', '到']);
    return `<p>${name}${st.labelColon}<span class="date">${esc(formatDate(l.validFrom, st.dateForm))}</span>${sep}<span class="date">${esc(formatDate(l.expiresOn, st.dateForm))}</span></p>`;
  }
  return dateP(rng.pick(['有效期至', '有效期至', '有效期限至', '有效期截止日期']), l.expiresOn, st);
}

function holderFields(l: Licence, st: Style, rng: Rng): string {
  const h = l.holder;
  const out: string[] = [];
  if (h.name !== null) out.push(label(rng.pick(['公司名称', '公司名称', '单位名称']), h.name, st));
  const rep = h.legalRepresentative === null ? '' : label('法定代表人', h.legalRepresentative, st);
  const code = h.creditCode === null ? '' : label('统一社会信用代码', h.creditCode, st);
  if (rng.chance(0.5)) out.push(code, rep);
  else out.push(rep, code);
  if (h.address !== null) out.push(label(rng.pick(['注册住所', '注册地址']), h.address, st));
  return out.join('\n');
}

function issuerAndDates(l: Licence, st: Style, rng: Rng): string {
  const out: string[] = [];
  out.push(l.issuer === null ? '<p>发证机关（盖章）</p>' : label('发证机关', l.issuer, st));
  if (l.issuedOn !== null)
    out.push(dateP(rng.pick(['发证日期', '发证日期', '签发日期']), l.issuedOn, st));
  out.push(validity(l, st, rng));
  return out.join('\n');
}

/** Services in the miit layout: one paragraph each, coverage as the style says. */
function servicesParagraphs(l: Licence, st: Style, rng: Rng): string {
  const out: string[] = [];
  const combined = rng.chance(0.5);
  out.push(
    `<p>${combined ? '业务种类（服务项目）及覆盖范围' : '业务种类及覆盖范围'}${st.labelColon}</p>`,
  );
  for (const s of l.services) {
    const text = serviceText(s, st.preamble);
    const cov = coverageText(s);
    if (cov === '') {
      out.push(`<p>${esc(text)}</p>`);
    } else if (st.coverage === 'line') {
      out.push(`<p>${esc(text)}</p>`, label('业务覆盖范围', cov, st));
    } else if (st.coverage === 'column') {
      out.push(`<div class="row"><span>${esc(text)}</span><span>${esc(cov)}</span></div>`);
    } else {
      out.push(`<p>${esc(text)}。${esc(cov)}</p>`);
    }
  }
  if (rng.chance(0.3)) {
    out.push('<p>【依法须经批准的项目，经相关部门批准后方可开展相应经营活动】</p>');
  }
  return out.join('\n');
}

/** Services as a table with a coverage column (and sometimes a 服务项目 column). */
function servicesTable(l: Licence, st: Style, rng: Rng): string {
  if (l.services.length === 0) return '';
  const itemsColumn = rng.chance(0.5);
  const numbered = rng.chance(0.5);
  const head = [
    ...(numbered ? ['序号'] : []),
    '业务种类',
    ...(itemsColumn ? ['服务项目'] : []),
    rng.pick(['业务覆盖范围', '覆盖范围']),
  ];
  const rows = l.services.map((s, i) => {
    const cells = [
      ...(numbered ? [String(i + 1)] : []),
      itemsColumn ? serviceHead(s, st.preamble) : serviceText(s, st.preamble),
      ...(itemsColumn ? [serviceItems(s)] : []),
      coverageText(s),
    ];
    return `<tr>${cells.map((c, k) => `<td${numbered && k === 0 ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`;
  });
  return `<table class="services"><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function websiteBlock(w: Website, st: Style): string {
  const out: string[] = [];
  if (w.name !== null) out.push(label('网站名称', w.name, st));
  if (w.domains.length > 0) out.push(label('网站域名', w.domains.join('、'), st));
  if (w.serverLocation !== null) out.push(label('服务器放置地', w.serverLocation, st));
  if (w.accessProvider !== null) out.push(label('网站接入服务提供单位', w.accessProvider, st));
  return `<div class="website">${out.join('\n')}</div><p>&nbsp;</p>`;
}

function websitesTable(ws: readonly Website[], rng: Rng): string {
  if (ws.length === 0) return '';
  const numbered = rng.chance(0.4);
  const head = [
    ...(numbered ? ['序号'] : []),
    '网站名称',
    '网站域名',
    '服务器放置地',
    '网站接入服务提供单位',
  ];
  const sep = rng.chance(0.5) ? '<br>' : '、';
  const rows = ws.map((w, i) => {
    const cells = [
      ...(numbered ? [esc(String(i + 1))] : []),
      esc(w.name ?? ''),
      w.domains.map(esc).join(sep),
      esc(w.serverLocation ?? ''),
      esc(w.accessProvider ?? ''),
    ];
    return `<tr>${cells.map((c, k) => `<td${numbered && k === 0 ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`;
  });
  return `<table class="websites"><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function appsAndFacilities(l: Licence, st: Style): string {
  const out: string[] = [];
  for (const a of l.apps) {
    if (a.name !== null) out.push(label('移动应用名称', a.name, st));
    if (a.stores.length > 0) out.push(label('应用分发平台', a.stores.join('、'), st));
  }
  if (l.facilities.length > 0) {
    out.push('<p>互联网数据中心业务机房所在地</p>');
    l.facilities.forEach((f, i) => out.push(`<p>${i + 1}. ${esc(f)}</p>`));
  }
  return out.join('\n');
}

function annexIntro(l: Licence): string {
  const b25 = l.services.find((s) => s.code === 'B25');
  const holder = l.holder.name ?? '';
  if (b25 === undefined || holder === '') return '';
  return `<p>${esc(holder)}获准经营${esc(serviceHead(b25, false))}相关信息</p>`;
}

function signatures(l: Licence, st: Style): string {
  if (l.signatures.length === 0) return '';
  const names = l.signatures
    .map((s) => `<span>${esc(s.role)}${st.labelColon}${esc(s.name ?? '')}</span>`)
    .join('');
  const dates = l.signatures
    .map((s) =>
      s.date === null
        ? '<span>年 月 日</span>'
        : `<span class="date">${esc(formatDate(s.date, st.dateForm))}</span>`,
    )
    .join('');
  return `<div class="sig">${names}</div><div class="sig">${dates}</div>`;
}

function inspections(l: Licence, st: Style, number: string): string {
  if (l.inspections.length === 0) return '';
  const cells = l.inspections.map(
    (i) =>
      `<td>经审核，你公司${i.year}年度年检合格。 发证机关（盖章） ${i.stampedOn === null ? '年 月 日' : esc(formatDate(i.stampedOn, st.dateForm))}</td>`,
  );
  const rows: string[] = [];
  for (let k = 0; k < cells.length; k += 2) rows.push(`<tr>${cells.slice(k, k + 2).join('')}</tr>`);
  return `<section class="page">${number}<h2>电信业务经营许可证年检情况记录表</h2><table>${rows.join('')}</table></section>`;
}

/**
 * The provisions in a table whose header Chromium repeats on every printed page, as the MIIT print
 * repeats 经营许可证编号 and 特别规定事项 at the top of each page.
 */
function provisionsSection(l: Licence, st: Style, rng: Rng, numberLine: string): string {
  if (l.provisions.length === 0) return '';
  const intro =
    l.holder.name !== null && rng.chance(0.6)
      ? `<tr><td><p>${esc(PROVISIONS_INTRO(l.holder.name))}</p></td></tr>`
      : '';
  const rows = l.provisions.map((p) => `<tr><td><p>${esc(provisionText(p))}</p></td></tr>`);
  const repeat = rng.chance(0.6);
  const header = `${repeat ? numberLine : ''}<h2>特别规定事项</h2>`;
  return `<section class="page">${repeat ? '' : numberLine}<table class="plain"><thead><tr><td>${header}</td></tr></thead><tbody>${intro}${rows.join('')}</tbody></table>${signatures(l, st)}</section>`;
}

function page(body: string): string {
  return `<section class="page">${body}</section>`;
}

function document(title: string, st: Style, sections: readonly string[]): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${css(st)}</style></head><body>${sections.join('\n')}</body></html>`;
}

function printedDates(l: Licence, st: Style): string[] {
  return [l.issuedOn, l.validFrom, l.expiresOn]
    .filter((d): d is string => d !== null)
    .map((d) => formatDate(d, st.dateForm));
}

const PREAMBLE_TEXT =
  '根据《中华人民共和国电信条例》及国家有关规定，经审查，准许你公司按照本经营许可证（正文和附件）载明的内容经营电信业务，特颁发经营许可证。';

function miit(l: Licence, st: Style, rng: Rng): string[] {
  const number = l.number ?? '';
  const numberLine = label('经营许可证编号', number, st);
  const front = page(
    [
      `<h1>中华人民共和国<br>${titleOf(l)}</h1>`,
      `<p>&nbsp;</p>`,
      label('经营许可证编号', number, st, 'center'),
      `<p>${PREAMBLE_TEXT}</p>`,
      holderFields(l, st, rng),
      servicesParagraphs(l, st, rng),
      `<p>&nbsp;</p>`,
      issuerAndDates(l, st, rng),
    ].join('\n'),
  );
  const sections = [front];
  const annex = [...l.websites.map((w) => websiteBlock(w, st)), appsAndFacilities(l, st)].join('');
  if (annex.trim() !== '') {
    sections.push(
      page(`${numberLine}<h2>中华人民共和国${titleOf(l)}<br>（附页）</h2>${annexIntro(l)}${annex}`),
    );
  }
  sections.push(provisionsSection(l, st, rng, numberLine));
  sections.push(inspections(l, st, numberLine));
  return sections;
}

function table(l: Licence, st: Style, rng: Rng): string[] {
  const number = l.number ?? '';
  const body = [
    `<h1>${titleOf(l)}</h1>`,
    label('经营许可证编号', number, st, 'right'),
    holderFields(l, st, rng),
    `<p>业务种类及覆盖范围${st.labelColon}</p>`,
    servicesTable(l, st, rng),
    issuerAndDates(l, st, rng),
    `<p>&nbsp;</p>`,
    annexIntro(l),
    ...l.websites.map((w) => websiteBlock(w, st)),
    appsAndFacilities(l, st),
  ];
  const sections = [page(body.join('\n'))];
  sections.push(provisionsSection(l, st, rng, label('经营许可证编号', number, st)));
  sections.push(inspections(l, st, label('经营许可证编号', number, st)));
  return sections;
}

function webtable(l: Licence, st: Style, rng: Rng): string[] {
  const number = l.number ?? '';
  const numberLine = label('经营许可证编号', number, st);
  const services = l.services.flatMap((s) => {
    const items = serviceItems(s);
    return [
      label('业务种类', serviceHead(s, st.preamble), st),
      ...(s.coverage.length > 0 ? [label('业务覆盖范围', coverageText(s), st)] : []),
      ...(items === '' ? [] : [label('服务项目', items, st)]),
    ];
  });
  const front = page(
    [
      `<h1>中华人民共和国<br>${titleOf(l)}</h1>`,
      rng.chance(0.5) ? '<p class="center">（电子证照）</p>' : '',
      numberLine,
      holderFields(l, st, rng),
      ...services,
      issuerAndDates(l, st, rng),
      '<p>本经营许可证正文及附件具有同等效力。</p>',
    ].join('\n'),
  );
  const sections = [front];
  const annex = websitesTable(l.websites, rng) + appsAndFacilities(l, st);
  if (annex !== '') {
    sections.push(
      page(
        `<h2>中华人民共和国${titleOf(l)}</h2><p class="center">附件1</p>${numberLine}${annexIntro(l)}${annex}`,
      ),
    );
  }
  sections.push(provisionsSection(l, st, rng, numberLine));
  sections.push(inspections(l, st, numberLine));
  return sections;
}

/** The record as an HTML page in `layout` (random when not given). */
export function renderHtml(l: Licence, rng: Rng, layout?: HtmlLayout): RenderedHtml {
  const chosen = layout ?? rng.pick(HTML_LAYOUTS);
  const st = chooseStyle(rng);
  const sections =
    chosen === 'miit'
      ? miit(l, st, rng)
      : chosen === 'table'
        ? table(l, st, rng)
        : webtable(l, st, rng);
  const title = rng.pick([
    `${titleOf(l)} ${l.number ?? ''}`,
    '电信业务经营许可证查看',
    `${l.holder.name ?? ''} - 经营许可证`,
  ]);
  return {
    layout: chosen,
    html: document(
      title,
      st,
      sections.filter((s) => s !== ''),
    ),
    title,
    printedDates: printedDates(l, st),
  };
}
