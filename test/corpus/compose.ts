/**
 * Compose a licence record into the pages of a document, with the options the families vary: label
 * words and how labels are printed, the service block's layout, date forms, how validity is
 * stated, where the annex goes. Returns the pages as lines and the record the document states
 * (which differs from the input record where the layout says less or more: a validity range gives
 * `validFrom`, an unnamed 发证机关(盖章) gives no issuer, printed signature blocks give signatures).
 */
import type { Licence } from '../../src/core/licence.js';
import { cloneRecord } from './records.js';
import {
  coverageText,
  formatDate,
  padTo,
  pickLabels,
  provisionLines,
  serviceHead,
  serviceScope,
  width,
  wrap,
  type DateForm,
  type Labels,
} from './layout.js';
import type { Rng } from './rng.js';

export type ServiceStyle =
  | 'labelled'
  | 'shared-coverage'
  | 'hu'
  | 'colon-inline'
  | 'columns'
  | 'after-exclusions'
  | 'own-line'
  | 'box-table'
  | 'tab-table'
  | 'bar-table';

export type ValidityStyle = 'until' | 'range' | 'range-only' | 'limit';

export interface ComposeOptions {
  labels: Labels;
  /** how a label is printed before its value (default `label：`) */
  label: (text: string) => string;
  services: ServiceStyle;
  dateForm: () => DateForm;
  validity: ValidityStyle;
  /** 第二类增值电信业务中的 before each service */
  preamble: boolean;
  /** blank lines between fields (the seed prints them) */
  blankLines: boolean;
  /** the annex on its own pages (with headings) or right after the dates on page 1 (no headings) */
  annex: 'pages' | 'inline';
  /** print the 特别规定事项 pages */
  provisions: boolean;
  /** the MIIT print of the seed: 发证机关(盖章), signature blocks under every provisions page */
  miit: boolean;
}

export interface Composed {
  pages: string[][];
  expected: Licence;
}

export function defaultOptions(rng: Rng): ComposeOptions {
  const colon = rng.pick(['：', '：', '：', ':']);
  return {
    labels: pickLabels(rng),
    label: (t) => `${t}${colon}`,
    services: 'labelled',
    dateForm: () => 'cjk',
    validity: 'until',
    preamble: rng.chance(0.5),
    blankLines: rng.chance(0.4),
    annex: 'pages',
    provisions: true,
    miit: false,
  };
}

function title(licence: Licence, rng: Rng): string[] {
  const name =
    licence.kind === 'vats-cross-regional'
      ? '跨地区增值电信业务经营许可证'
      : '增值电信业务经营许可证';
  return rng.chance(0.7) ? ['中华人民共和国', name] : [`中华人民共和国${name}`];
}

const PREAMBLE =
  '根据《中华人民共和国电信条例》及国家有关规定，经审查，准许你公司按照本经营许可证（正文和附件）载明的内容经营增值电信业务。';

const CLOSING =
  '本经营许可证正文及附件具有同等效力。经营许可证信息可通过电信业务市场综合管理信息系统查询。';

const REMARK = '【依法须经批准的项目，经相关部门批准后方可开展相应经营活动】';

const RANGE_SEPARATORS = ['至', '至', '至', '到', '—', '~', '-'];

/** The service block's lines. */
export function serviceLines(licence: Licence, o: ComposeOptions, rng: Rng): string[] {
  const L = o.labels;
  const s = licence.services;
  const full = (x: Licence['services'][number]): string =>
    serviceHead(x, o.preamble) + serviceScope(x);
  switch (o.services) {
    case 'labelled': {
      const out = [o.label(L.servicesAndCoverage)];
      s.forEach((x, i) => {
        let text = full(x) + (rng.chance(0.3) ? '。' : '');
        // the MIIT print's remark after the business scope (the seed has it)
        if (o.miit && rng.chance(0.4)) text += REMARK;
        if (i === 0 && rng.chance(0.4)) out[0] = `${out[0] ?? ''}${text}`;
        else out.push(text);
        out.push(o.label(L.coverage) + coverageText(x));
      });
      return out;
    }
    case 'shared-coverage': {
      // every service on one line (；-separated), one coverage for them all — when they share it
      const first = s[0];
      if (first === undefined) return [];
      const cov = coverageText(first);
      if (!s.every((x) => coverageText(x) === cov)) {
        return serviceLines(licence, { ...o, services: 'labelled' }, rng);
      }
      return [
        o.label(rng.pick([L.services, L.servicesAndCoverage])) +
          s.map(full).join('；') +
          (rng.chance(0.5) ? '。' : ''),
        o.label(L.coverage) + cov,
      ];
    }
    case 'hu': {
      const out: string[] = [];
      for (const x of s) {
        out.push(o.label(L.services) + serviceHead(x, o.preamble));
        out.push(o.label(L.coverage) + coverageText(x));
        const scope = serviceScope(x);
        if (scope !== '') out.push(o.label(L.serviceItems) + scope);
      }
      return out;
    }
    case 'colon-inline': {
      const out = [o.label(L.servicesAndCoverage)];
      s.forEach((x, i) =>
        out.push(`${full(x)}：${coverageText(x)}${i < s.length - 1 ? '；' : '。'}`),
      );
      return out;
    }
    case 'after-exclusions': {
      const out = [o.label(L.servicesAndCoverage)];
      s.forEach((x, i) => {
        const text = `${full(x)}。${coverageText(x)}`;
        if (i === 0 && rng.chance(0.5)) out[0] = `${out[0] ?? ''}${text}`;
        else out.push(text);
      });
      return out;
    }
    case 'own-line': {
      const out = [o.label(rng.pick([L.servicesAndCoverage, L.services]))];
      for (const x of s) out.push(full(x), coverageText(x));
      return out;
    }
    case 'columns': {
      const rows = s.map((x) => [full(x), coverageText(x)] as const);
      const natural = Math.max(width(L.services), ...rows.map((r) => width(r[0])));
      // a narrow service column wraps its cells inside the column, as pdftotext -layout shows them
      const cell = rng.chance(0.4)
        ? Math.max(width(L.services), Math.min(natural, rng.int(20, 40)))
        : natural;
      const w = cell + rng.int(4, 16);
      const indent = ' '.repeat(rng.int(0, 4));
      return [
        indent + padTo(L.services, w) + L.coverage,
        ...rows.flatMap(([a, b]) =>
          wrap(a, cell).map((piece, k) =>
            k === 0 ? indent + padTo(piece, w) + b : indent + piece,
          ),
        ),
      ];
    }
    case 'tab-table':
    case 'bar-table': {
      // a typed table: cells parted by tabs, or by a bar with or without blanks around it
      const sep =
        o.services === 'tab-table' ? '\t' : rng.pick([' | ', '  |  ', '|', '｜', '  ｜  ', ' │ ']);
      const cols = rng.chance(0.5);
      const numbered = rng.chance(0.5);
      const header = [
        ...(numbered ? ['序号'] : []),
        L.services,
        ...(cols ? [L.serviceItems] : []),
        L.coverage,
      ];
      const rows = s.map((x, i) => [
        ...(numbered ? [String(i + 1)] : []),
        cols ? serviceHead(x, o.preamble) : full(x),
        ...(cols ? [serviceScope(x)] : []),
        coverageText(x),
      ]);
      return [header.join(sep), ...rows.map((r) => r.join(sep))];
    }
    case 'box-table':
      return boxTable(licence, o, rng);
  }
  return [];
}

/** A box-drawn table, cells wrapped inside their column when the column is narrow. */
function boxTable(licence: Licence, o: ComposeOptions, rng: Rng): string[] {
  const L = o.labels;
  const numbered = rng.chance(0.5);
  const header = [...(numbered ? ['序号'] : []), L.services, L.coverage];
  const rows = licence.services.map((x, i) => [
    ...(numbered ? [String(i + 1)] : []),
    serviceHead(x, o.preamble) + serviceScope(x),
    coverageText(x),
  ]);
  const narrow = rng.chance(0.5);
  const widths = header.map((h, c) => {
    const natural = Math.max(width(h), ...rows.map((r) => width(r[c] ?? '')));
    return narrow && c === header.length - 2
      ? Math.max(width(h), Math.min(natural, rng.int(24, 44)))
      : natural;
  });
  const line = (l: string, m: string, r: string): string =>
    l + widths.map((w) => '─'.repeat(w)).join(m) + r;
  const cellLines = (cells: readonly string[]): string[] => {
    const wrapped = cells.map((c, i) => wrap(c, widths[i] ?? 10));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from(
      { length: height },
      (_, k) => '│' + wrapped.map((w, i) => padTo(w[k] ?? '', widths[i] ?? 0)).join('│') + '│',
    );
  };
  const out = [line('┌', '┬', '┐'), ...cellLines(header)];
  for (const r of rows) out.push(line('├', '┼', '┤'), ...cellLines(r));
  out.push(line('└', '┴', '┘'));
  return out;
}

/** The dates block and the expected record's dates. */
function dateLines(licence: Licence, expected: Licence, o: ComposeOptions, rng: Rng): string[] {
  const L = o.labels;
  const issued = licence.issuedOn ?? '';
  const expires = licence.expiresOn ?? '';
  const d = (iso: string): string => formatDate(iso, o.dateForm());
  const range = (): string => {
    const sep = rng.pick(RANGE_SEPARATORS);
    return rng.chance(0.15)
      ? `自${d(issued)}起至${d(expires)}止`
      : `${d(issued)}${sep}${d(expires)}`;
  };
  switch (o.validity) {
    case 'until':
      return [o.label(L.issuedOn) + d(issued), o.label(L.expiresOn) + d(expires)];
    case 'range':
      expected.validFrom = issued;
      return rng.chance(0.5)
        ? [o.label(L.issuedOn) + d(issued), o.label(L.validity) + range()]
        : [o.label(L.validity) + range(), o.label(L.issuedOn) + d(issued)];
    case 'range-only':
      expected.validFrom = issued;
      expected.issuedOn = null;
      return [o.label(L.validity) + range()];
    case 'limit': {
      const shape = rng.int(0, 2);
      if (shape === 0) {
        expected.validFrom = issued;
        return [o.label(L.issuedOn) + d(issued), o.label('有效期限') + range()];
      }
      if (shape === 1) return [o.label(L.issuedOn) + d(issued), o.label('有效期限') + d(expires)];
      return [o.label(L.issuedOn) + d(issued), `${o.label('有效期限')}至${d(expires)}`];
    }
  }
  return [];
}

/** Website, app and facility lines. */
export function annexLines(
  licence: Licence,
  o: ComposeOptions,
  rng: Rng,
  headings: boolean,
): string[][] {
  const L = o.labels;
  const blocks: string[][] = [];
  if (licence.facilities.length > 0) {
    if (headings || rng.chance(0.5)) {
      blocks.push([
        '互联网数据中心业务机房所在地',
        ...licence.facilities.map((f, i) => `${i + 1}${rng.pick(['. ', '、', '.'])}${f}`),
      ]);
    } else {
      blocks.push([o.label(L.facilities) + licence.facilities.join('；')]);
    }
  }
  if (licence.websites.length > 0 || licence.apps.length > 0) {
    const block: string[] = [];
    if (headings) {
      const service = licence.services.find((s) => s.code === 'B25');
      block.push(
        `${licence.holder.name ?? ''}获准经营${service ? serviceHead(service, false) : '信息服务业务'}相关信息`,
      );
    }
    // (not a space: a domain cut by a line end would then read as two domains)
    const joiner = rng.pick(['、', '、', '，', '；']);
    licence.websites.forEach((w, i) => {
      if (i > 0 || headings) block.push('');
      block.push(o.label(L.siteName) + (w.name ?? ''));
      block.push(o.label(L.siteDomains) + w.domains.join(joiner));
      block.push(o.label(L.server) + (w.serverLocation ?? ''));
      block.push(o.label(L.access) + (w.accessProvider ?? ''));
    });
    for (const a of licence.apps) {
      block.push('');
      block.push(o.label(L.appName) + (a.name ?? ''));
      block.push(o.label(L.appStores) + a.stores.join('、'));
    }
    blocks.push(block);
  }
  return blocks;
}

/** Compose `record` into pages per `o`. */
export function compose(record: Licence, o: ComposeOptions, rng: Rng): Composed {
  const expected = cloneRecord(record);
  const L = o.labels;
  const front: string[] = [];
  const push = (...lines: string[]): void => {
    for (const line of lines) {
      front.push(line);
      if (o.blankLines) front.push('');
    }
  };
  front.push(...title(record, rng));
  // the electronic licence's subtitle (the 沪B2-20200731 fixture prints it)
  if (!o.miit && rng.chance(0.2)) front.push('（电子证照）');
  if (o.blankLines || rng.chance(0.5)) front.push('');
  push(o.label(L.number) + (record.number ?? ''));
  if (rng.chance(0.7)) push(PREAMBLE);
  const holder: string[] = [];
  holder.push(o.label(L.holder) + (record.holder.name ?? ''));
  const rest: string[] = [];
  if (record.holder.creditCode !== null) rest.push(o.label(L.credit) + record.holder.creditCode);
  rest.push(o.label(L.legalRep) + (record.holder.legalRepresentative ?? ''));
  if (record.holder.address !== null) rest.push(o.label(L.address) + record.holder.address);
  // a field the record does not hold, which some licences print: read past it
  if (!o.miit && rng.chance(0.2)) {
    rest.push(o.label('注册资本') + `${rng.pick([100, 500, 1000, 3000, 5000])}万元人民币`);
  }
  push(...holder, ...(rng.chance(0.3) ? rng.shuffle(rest) : rest));
  const block = serviceLines(record, o, rng);
  if (
    o.services === 'box-table' ||
    o.services === 'tab-table' ||
    o.services === 'bar-table' ||
    o.services === 'columns'
  ) {
    // a table is one block: no blank lines between its rows
    front.push(...block);
    if (o.blankLines) front.push('');
  } else {
    push(...block);
  }
  const dates = dateLines(record, expected, o, rng);
  if (o.miit) {
    expected.issuer = null;
    push('发证机关(盖章)', ...dates);
  } else if (rng.chance(0.3)) {
    push(...dates, o.label(L.issuer) + (record.issuer ?? ''));
  } else {
    push(o.label(L.issuer) + (record.issuer ?? ''), ...dates);
  }
  if (!o.miit && rng.chance(0.25)) push(CLOSING);

  const pages: string[][] = [front];
  const annex = annexLines(record, o, rng, o.annex === 'pages');
  if (o.annex === 'inline') {
    for (const block of annex) front.push('', ...block);
  } else {
    annex.forEach((block, i) => {
      const name =
        record.kind === 'vats-cross-regional'
          ? '中华人民共和国跨地区增值电信业务经营许可证'
          : '中华人民共和国增值电信业务经营许可证';
      const mark = rng.pick([`（附件${'一二三'[i] ?? ''}）`, `附件${i + 1}`, '(附页)']);
      pages.push([o.label(L.number) + (record.number ?? ''), name, mark, '', ...block]);
    });
  }

  if (!o.provisions || record.provisions.length === 0) {
    if (!o.provisions) expected.provisions = [];
    return { pages, expected };
  }
  const provisionText = provisionLines(record);
  if (!o.miit) {
    pages.push([o.label(L.number) + (record.number ?? ''), '特别规定事项', '', ...provisionText]);
    return { pages, expected };
  }
  // MIIT print: provisions run over pages, cut mid-sentence, each page signed at the foot
  const official = rngName(rng, record.holder.legalRepresentative);
  const perPage = rng.int(2, 5);
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const line of provisionText) {
    if (current.length >= perPage) {
      // cut this line across the page break, as the seed's provision 6 is
      const chars = Array.from(line);
      // a page ends where a line may end: not inside a run of digits or letters, not before a
      // closing mark (禁则)
      let cut = rng.int(Math.floor(chars.length / 3), Math.floor((chars.length * 2) / 3));
      while (
        cut < chars.length - 1 &&
        ((/[0-9A-Za-z]/u.test(chars[cut] ?? '') && /[0-9A-Za-z]/u.test(chars[cut - 1] ?? '')) ||
          /[，。、；：）》」]/u.test(chars[cut] ?? ''))
      ) {
        cut++;
      }
      current.push(chars.slice(0, cut).join(''));
      chunks.push(current);
      current = [chars.slice(cut).join('')];
      continue;
    }
    current.push(line);
  }
  chunks.push(current);
  chunks.forEach((chunk, i) => {
    const last = i === chunks.length - 1;
    const sign = formatDate(record.issuedOn ?? '', 'cjk-unpadded');
    pages.push([
      o.label(L.number) + (record.number ?? ''),
      '',
      '特别规定事项',
      '',
      ...chunk.flatMap((l) => [l, '']),
      `司(局)负责人：${official} 公司代表：`,
      '',
      `年 月 日 ${last ? sign : '年 月 日'}`,
    ]);
  });
  expected.signatures = [
    { role: '司(局)负责人', name: official, date: null },
    { role: '公司代表', name: null, date: record.issuedOn },
  ];
  return { pages, expected };
}

const SURNAMES = '王李张刘陈杨黄赵吴周';
const GIVEN = '建国志强海涛明华立新文博';

function rngName(rng: Rng, not: string | null): string {
  for (;;) {
    const name =
      rng.pick(Array.from(SURNAMES)) + rng.pick(Array.from(GIVEN)) + rng.pick(Array.from(GIVEN));
    if (name !== not) return name;
  }
}

/** Pages → text: pages separated by a form feed or blank lines. */
export function joinPages(pages: readonly (readonly string[])[], formFeed: boolean): string {
  return pages.map((p) => p.join('\n')).join(formFeed ? '\n\f' : '\n\n\n') + '\n';
}
