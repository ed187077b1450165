/**
 * The corpus's text layout families. Each renders a licence record into a document as one kind of
 * real document prints it, with everything that varies in real documents drawn at random (label
 * words, colons, widths, order, date forms, blank lines, page furniture), and says which record the
 * document states (`expected`, when the layout states more or less than the record) and, for
 * damage families, which fields can be recovered and so are counted (`counts`).
 */
import type { Licence } from '../../src/core/licence.js';
import {
  compose,
  defaultOptions,
  joinPages,
  type ComposeOptions,
  type ServiceStyle,
} from './compose.js';
import { damage, DAMAGE_COUNTS, type DamageKind } from './damage.js';
import { encodeGb18030, encodeUtf16, encodeUtf8 } from './encode.js';
import {
  browserFurniture,
  DATE_FORMS,
  letterSpaced,
  padTo,
  pageNumber,
  width,
  wrap,
  type PageNumberStyle,
} from './layout.js';
import type { Rng } from './rng.js';

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface RenderedDocument {
  /** the document's text (for byte families, the text the bytes encode) */
  text: string;
  /** the document's bytes, when the family is about its encoding: read through parseDocument */
  bytes?: Uint8Array;
  encoding?: TextEncoding;
  /** the record the document states, when it differs from the input record */
  expected?: Licence;
  /** the fields counted (damage families); all when absent */
  counts?: (path: string) => boolean;
}

export interface Family {
  id: string;
  name: string;
  render(record: Licence, rng: Rng): RenderedDocument;
}

// ---- helpers ------------------------------------------------------------------------------------

function withPageNumbers(
  pages: string[][],
  rng: Rng,
  style?: PageNumberStyle,
  first?: number,
): string[][] {
  const s = style ?? rng.pick<PageNumberStyle>(['dash', 'di', 'di-gong', 'slash']);
  const start = first ?? (rng.chance(0.7) ? 1 : rng.int(2, 30));
  return pages.map((p, i) => [...p, '', pageNumber(start + i, start + pages.length - 1, s)]);
}

function standard(
  record: Licence,
  rng: Rng,
  patch: Partial<ComposeOptions> = {},
): { pages: string[][]; expected: Licence } {
  const o = { ...defaultOptions(rng), ...patch };
  return compose(record, o, rng);
}

function doc(pages: string[][], expected: Licence, formFeed: boolean): RenderedDocument {
  return { text: joinPages(pages, formFeed), expected };
}

/** Aligned labels, no colons: `公司名称          云智联…`. */
function alignedLabel(rng: Rng, spaced = false): (t: string) => string {
  const w = rng.int(14, 22);
  const min = rng.int(2, 4);
  return (t) => {
    const shown = spaced ? letterSpaced(t) : t;
    return padTo(shown, Math.max(w, width(shown) + min));
  };
}

/** The layout's pages with every line longer than `max` wrapped. */
function wrapPages(
  pages: string[][],
  max: number,
  keep: (line: string) => boolean = () => false,
): string[][] {
  return pages.map((p) => p.flatMap((line) => (keep(line) ? [line] : wrap(line, max))));
}

const TABLE_LINE = /[│┌├└\t]/u;

/** Cut a paragraph where a line may end (the rules of {@link wrap}), a third to two thirds in. */
function splitParagraph(line: string, rng: Rng): [string, string] {
  const total = width(line);
  const [wrapped = line] = wrap(line, rng.int(Math.floor(total / 3), Math.floor((total * 2) / 3)));
  // a browser breaks lines between ideographs or at word ends, never inside a word or a domain
  const head = wrapped.replace(/[0-9A-Za-z.-]+$/u, (run) =>
    /[0-9A-Za-z.-]/u.test(line.charAt(wrapped.length)) ? '' : run,
  );
  return head === '' ? [line, ''] : [head, line.slice(head.length)];
}

// ---- the families -------------------------------------------------------------------------------

const miitPrint: Family = {
  id: 'miit-print',
  name: 'MIIT print layout of the seed (blank lines, 发证机关(盖章), signed provision pages, - N -)',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, {
      miit: true,
      blankLines: true,
      services: 'labelled',
      labels: {
        ...defaultOptions(rng).labels,
        servicesAndCoverage: '业务种类（服务项目）及覆盖范围',
        number: '经营许可证编号',
      },
      label: (t) => `${t}：`,
    });
    // page numbers on the provision pages only, as the seed prints them
    const start = rng.int(2, 30);
    let n = start;
    const numbered = pages.map((p) => (p.includes('特别规定事项') ? [...p, '', `- ${n++} -`] : p));
    return doc(numbered, expected, false);
  },
};

const electronicCross: Family = {
  id: 'electronic-labelled',
  name: 'electronic licence: one label a line, 业务覆盖范围 after each service, annexes',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, { services: 'labelled' });
    return doc(pages, expected, rng.chance(0.5));
  },
};

const provincialHu: Family = {
  id: 'provincial-blocks',
  name: 'provincial electronic licence: 业务种类 / 业务覆盖范围 / 服务项目 per service',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, { services: 'hu' });
    return doc(pages, expected, rng.chance(0.5));
  },
};

const columns: Family = {
  id: 'aligned-columns',
  name: 'aligned columns: labels padded, coverage in its own column',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, {
      services: 'columns',
      label: alignedLabel(rng),
    });
    return doc(pages, expected, rng.chance(0.5));
  },
};

const afterExclusions: Family = {
  id: 'coverage-after-exclusions',
  name: 'coverage after the exclusions: …不含新闻、出版、电子公告服务。浙江省',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, { services: 'after-exclusions' });
    return doc(pages, expected, rng.chance(0.5));
  },
};

const ownLine: Family = {
  id: 'coverage-own-line',
  name: 'coverage alone on the line after its service',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, { services: 'own-line' });
    return doc(pages, expected, rng.chance(0.5));
  },
};

const colonInline: Family = {
  id: 'coverage-inline',
  name: 'per-service coverage inline: 互联网数据中心业务：北京、上海；',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, { services: 'colon-inline' });
    return doc(pages, expected, rng.chance(0.5));
  },
};

const sharedCoverage: Family = {
  id: 'shared-coverage',
  name: 'services on one line (；-separated), one 业务覆盖范围 for them all',
  render(record, rng) {
    const r = structuredClone(record);
    const cov = r.services[0]?.coverage ?? [];
    for (const s of r.services) s.coverage = [...cov];
    const { pages, expected } = standard(r, rng, { services: 'shared-coverage' });
    return doc(pages, expected, rng.chance(0.5));
  },
};

const validityRange: Family = {
  id: 'validity-range',
  name: '有效期：A至B (with or without 发证日期), every range separator',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, {
      services: rng.pick<ServiceStyle>(['labelled', 'hu']),
      validity: rng.chance(0.6) ? 'range' : 'range-only',
      dateForm: () => rng.pick(['cjk', 'cjk', 'cjk-unpadded', 'dash']),
    });
    return doc(pages, expected, rng.chance(0.5));
  },
};

const validityLimit: Family = {
  id: 'validity-limit',
  name: '有效期至 / 有效期限：A至B / 有效期限：B / 有效期限：至B',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, {
      services: rng.pick<ServiceStyle>(['labelled', 'hu']),
      validity: rng.chance(0.3) ? 'until' : 'limit',
    });
    return doc(pages, expected, rng.chance(0.5));
  },
};

const dateForms: Family = {
  id: 'date-forms',
  name: 'every date form the parser accepts (2022年9月5日, 2022.9.5, 2022/09/05, ２０２２…, 二〇二二年九月五日, 2022 年 09 月 05 日, …号)',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, {
      services: rng.pick<ServiceStyle>(['labelled', 'hu']),
      dateForm: () => rng.pick(DATE_FORMS),
      validity: rng.pick(['until', 'until', 'range', 'limit'] as const),
    });
    return doc(pages, expected, rng.chance(0.5));
  },
};

const wrapped: Family = {
  id: 'wrapped',
  name: 'lines wrapped at random widths, inside parentheses, numbers and domains',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, {
      services: rng.pick<ServiceStyle>(['labelled', 'hu', 'after-exclusions']),
      blankLines: true,
    });
    const max = rng.int(24, 60);
    return doc(wrapPages(pages, max), expected, rng.chance(0.5));
  },
};

const letterSpacedLabels: Family = {
  id: 'letter-spaced',
  name: 'letter-spaced labels: 公 司 名 称：, with or without colons',
  render(record, rng) {
    const colon = rng.chance(0.6);
    const label = colon
      ? (t: string): string => `${letterSpaced(t, rng.pick([' ', ' ', '  ', '\u3000']))}：`
      : alignedLabel(rng, true);
    const { pages, expected } = standard(record, rng, {
      services: rng.pick<ServiceStyle>(['labelled', 'hu']),
      label,
    });
    return doc(pages, expected, rng.chance(0.5));
  },
};

const EXTRA_SERVICES = [
  { code: 'B21', name: '在线数据处理与交易处理业务' },
  { code: 'B23', name: '存储转发类业务' },
  { code: 'B24-1', name: '国内呼叫中心业务' },
  { code: 'B12', name: '内容分发网络业务' },
  { code: 'B13', name: '国内互联网虚拟专用网业务' },
  { code: 'B11', name: '互联网数据中心业务' },
];

const manyServices: Family = {
  id: 'many-services-sites',
  name: 'several services and several websites and apps',
  render(record, rng) {
    const r = structuredClone(record);
    // at least 3 services, from the categories the number already lists
    const categories = /([AB][12](?:\.[AB][12])*)-/u.exec(r.number ?? '')?.[1]?.split('.') ?? [];
    for (const extra of EXTRA_SERVICES) {
      if (r.services.length >= 3) break;
      if (
        !categories.includes(extra.code.slice(0, 2)) ||
        r.services.some((s) => s.code === extra.code)
      )
        continue;
      r.services.push({
        ...extra,
        qualifier: null,
        includes: [],
        excludes: [],
        coverage: [...(r.services[0]?.coverage ?? [])],
      });
    }
    r.services.sort((a, b) => (a.code ?? '').localeCompare(b.code ?? ''));
    // add sites until there are at least 3 (a copy of the first with new domains), and an app
    const base = r.websites[0];
    if (base) {
      while (r.websites.length < 3) {
        const k = r.websites.length + 1;
        r.websites.push({
          ...base,
          name: `${base.name ?? ''}${k}`,
          domains: base.domains.map(
            (d) => `s${k}${rng.pick(['', '-'])}${d.replace(/^www\./u, '')}`,
          ),
        });
      }
      if (r.apps.length === 0)
        r.apps.push({ name: `${base.name ?? ''}APP`, stores: ['华为应用市场', '应用宝'] });
    }
    const { pages, expected } = standard(r, rng, {
      services: rng.pick<ServiceStyle>(['labelled', 'hu', 'columns']),
    });
    return doc(pages, expected, rng.chance(0.5));
  },
};

const boxTable: Family = {
  id: 'box-table',
  name: 'services in a box-drawn table (┌─┬ │), cells wrapped inside their column',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, { services: 'box-table' });
    return doc(pages, expected, rng.chance(0.5));
  },
};

const tabTable: Family = {
  id: 'tab-table',
  name: 'services in a tab-separated table, one row per service with its coverage',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, { services: 'tab-table' });
    return doc(pages, expected, rng.chance(0.5));
  },
};

const barTable: Family = {
  id: 'bar-table',
  name: 'services in a table typed with bars between its cells only (业务种类 | 覆盖范围)',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, { services: 'bar-table' });
    return doc(pages, expected, rng.chance(0.5));
  },
};

const firstPage: Family = {
  id: 'first-page-only',
  name: 'fields and websites on the first page, no annex headings, no provisions',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, {
      services: rng.pick<ServiceStyle>(['labelled', 'hu']),
      annex: 'inline',
      provisions: false,
    });
    return doc(pages, expected, false);
  },
};

const annexPages: Family = {
  id: 'annex-pages',
  name: 'annex on separate pages (form feeds), running number header, page numbers',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, {
      services: rng.pick<ServiceStyle>(['labelled', 'hu']),
    });
    return doc(withPageNumbers(pages, rng), expected, true);
  },
};

const browserPrint: Family = {
  id: 'browser-print',
  name: 'printed from a browser: date/time + title header, URL + n/N footer on every page',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, {
      services: rng.pick<ServiceStyle>(['labelled', 'hu', 'columns']),
    });
    const b = browserFurniture(rng);
    // a browser paginates by height: split long pages, then frame every page
    const split = pages.flatMap((p) => {
      const size = rng.int(18, 40);
      const out: string[][] = [];
      for (let i = 0; i < p.length; i += size) out.push(p.slice(i, i + size));
      // a long paragraph at a page's foot runs on to the next page
      for (let k = 0; k + 1 < out.length; k++) {
        const page = out[k] ?? [];
        const last = page[page.length - 1] ?? '';
        if (Array.from(last).length < 30 || !rng.chance(0.6)) continue;
        const [head, tail] = splitParagraph(last, rng);
        page[page.length - 1] = head;
        out[k + 1] = [tail, ...(out[k + 1] ?? [])];
      }
      return out;
    });
    const framed = split.map((p, i) => [
      b.header(i + 1, split.length),
      ...p,
      b.footer(i + 1, split.length),
    ]);
    return doc(framed, expected, rng.chance(0.7));
  },
};

const pdftotextRaw: Family = {
  id: 'pdftotext-raw',
  name: 'pdftotext -raw: no blank lines, columns joined by one space, PDF line wraps, form feeds',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, {
      services: rng.pick<ServiceStyle>(['labelled', 'hu', 'columns']),
      blankLines: false,
      label: rng.chance(0.5) ? (t) => `${t}：` : (t) => `${t} `,
    });
    const max = rng.int(60, 90);
    // a PDF wraps text within its cell, so a row of cells is not wrapped as one line
    const raw = wrapPages(pages, max, (l) => TABLE_LINE.test(l) || / {2,}\S/u.test(l.trim())).map(
      (p) => p.filter((l) => l.trim() !== '').map((l) => l.replace(/ {2,}/gu, ' ').trim()),
    );
    return doc(
      withPageNumbers(raw, rng, 'dash').map((p) => p.filter((l) => l !== '')),
      expected,
      true,
    );
  },
};

const pdftotextLayout: Family = {
  id: 'pdftotext-layout',
  name: 'pdftotext -layout: indented, aligned columns, centred page numbers, form feeds',
  render(record, rng) {
    const indent = ' '.repeat(rng.int(4, 12));
    const { pages, expected } = standard(record, rng, {
      services: rng.pick<ServiceStyle>(['columns', 'labelled', 'hu']),
      label: alignedLabel(rng),
      blankLines: rng.chance(0.5),
    });
    const max = rng.int(70, 100);
    const laid = wrapPages(pages, max, (l) => TABLE_LINE.test(l) || / {3,}\S/u.test(l.trim())).map(
      (p, i) => [
        ...p.map((l) => (l === '' ? '' : indent + l)),
        '',
        ' '.repeat(rng.int(30, 45)) + `- ${i + 1} -`,
      ],
    );
    return doc(laid, expected, true);
  },
};

const viewerCopy: Family = {
  id: 'viewer-copy',
  name: 'copied from a PDF viewer: CRLF, breaks at the visual line end, values on the line after their label, stray spaces',
  render(record, rng) {
    const { pages, expected } = standard(record, rng, {
      services: rng.pick<ServiceStyle>(['labelled', 'hu']),
      blankLines: false,
    });
    const max = rng.int(30, 70);
    const broken = pages.map((p) =>
      p.flatMap((line) => {
        // a value pushed onto the next line after its label
        const m = /^([^：:]{2,16}[：:])(.+)$/u.exec(line);
        if (m && rng.chance(0.25)) return [m[1] ?? '', ...wrap(m[2] ?? '', max)];
        return wrap(line, max).map((l) => (rng.chance(0.3) ? `${l} ` : l));
      }),
    );
    const text = joinPages(broken, false)
      .replace(/\n{3,}/gu, '\n\n')
      .replace(/\n/gu, '\r\n');
    return { text, expected };
  },
};

function encoded(
  id: string,
  name: string,
  enc: (text: string, rng: Rng) => { bytes: Uint8Array; encoding: TextEncoding },
): Family {
  return {
    id,
    name,
    render(record, rng) {
      const { pages, expected } = standard(record, rng, {
        services: rng.pick<ServiceStyle>(['labelled', 'hu', 'columns']),
      });
      const text = joinPages(
        rng.chance(0.5) ? withPageNumbers(pages, rng) : pages,
        rng.chance(0.5),
      );
      const crlf = rng.chance(0.5) ? text.replace(/\n/gu, '\r\n') : text;
      return { text: crlf, ...enc(crlf, rng), expected };
    },
  };
}

const gb18030 = encoded(
  'gb18030',
  'GB18030 bytes (Windows Chinese text), read through parseDocument',
  (text) => ({
    bytes: encodeGb18030(text),
    encoding: 'gb18030',
  }),
);

const utf16 = encoded(
  'utf-16',
  'UTF-16 LE/BE with BOM (and UTF-8 with BOM), read through parseDocument',
  (text, rng) => {
    const r = rng.int(0, 2);
    if (r === 0) return { bytes: encodeUtf16(text, 'le'), encoding: 'utf-16le' };
    if (r === 1) return { bytes: encodeUtf16(text, 'be'), encoding: 'utf-16be' };
    return { bytes: encodeUtf8(text, true), encoding: 'utf-8' };
  },
);

function damaged(kind: DamageKind, name: string): Family {
  return {
    id: `ocr-${kind}`,
    name: `OCR-style damage: ${name} (provisions not counted)`,
    render(record, rng) {
      const { pages, expected } = standard(record, rng, {
        services: rng.pick<ServiceStyle>(['labelled', 'hu']),
        label: (t) => `${t}：`,
      });
      return {
        text: damage(joinPages(pages, rng.chance(0.5)), kind, rng),
        expected,
        counts: DAMAGE_COUNTS,
      };
    },
  };
}

export const FAMILIES: readonly Family[] = [
  miitPrint,
  electronicCross,
  provincialHu,
  columns,
  afterExclusions,
  ownLine,
  colonInline,
  sharedCoverage,
  validityRange,
  validityLimit,
  dateForms,
  wrapped,
  letterSpacedLabels,
  manyServices,
  boxTable,
  tabTable,
  barTable,
  firstPage,
  annexPages,
  browserPrint,
  pdftotextRaw,
  pdftotextLayout,
  viewerCopy,
  gb18030,
  utf16,
  damaged('punctuation', 'ASCII vs full-width punctuation, stray ;: before values'),
  damaged('radicals', 'Kangxi / CJK radical code points (⼀, ⻔, ⻓)'),
  damaged('spaces', 'spaces inside words, numbers and codes'),
  damaged('drop-double', 'dropped or doubled colons, separators, 日'),
  damaged('lookalikes', 'look-alike characters (O/0, l/1, Z/2, S/5, 曰/日, 一/—)'),
];
