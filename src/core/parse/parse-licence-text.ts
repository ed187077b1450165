/**
 * The text parser: extracted text of a licence document → the licence record, with notes on what
 * could not be read cleanly and the evidence line of every field.
 *
 * Contract: never throws on any input. A document with no licence in it is a `NOT_A_LICENCE`
 * outcome; anything else it cannot read becomes a note. Work is linear in the input: one pass over
 * the lines, anchored regular expressions, no backtracking across lines.
 */
import { parseLicenceNumber, type NumberParse } from '../licence-number.js';
import {
  authorityOneCharOff,
  findRegionByAuthority,
  findRegionByName,
  REGIONS,
  type Region,
} from '../regions.js';
import { parseDateRange, parseDocumentDate, type DateParse } from '../dates.js';
import {
  creditCodeCheckChar,
  normaliseCreditCode,
  suggestCreditCodeRepairs,
} from '../credit-code.js';
import {
  emptyLicence,
  type App,
  type Evidence,
  type Licence,
  type LicenceKind,
  type LicensedService,
  type Note,
  type Provision,
  type Signature,
  type Website,
} from '../licence.js';
import { chineseNumeral } from '../chinese-numeral.js';
import { joinText, splitLines } from './lines.js';
import { layoutLines, type LogicalLine as Line } from './layout.js';
import { normaliseName } from '../names.js';
import { ANNEX_VALUE_KEYS, LabelKey, matchLabel, type LabelMatch } from './labels.js';
import { isCoverageList, readScope, readService, splitList } from './services.js';

export interface ParseTextOptions {
  /**
   * The text came from OCR: clean reads get this confidence instead of 1 (default 1). The OCR
   * adapter sets it from the engine's own confidence.
   */
  readonly baseConfidence?: number;
}

export interface TextParseSuccess {
  readonly ok: true;
  readonly licence: Licence;
  readonly notes: Note[];
  readonly evidence: Record<string, Evidence>;
  /**
   * Fields whose value goes on past their evidence line (a provision over several lines): the
   * numbers of the further lines it was read from, page furniture between them left out
   */
  readonly continuedOn: Record<string, number[]>;
  /** printed page numbers, in order of appearance */
  readonly pageLabels: string[];
}
export interface TextParseFailure {
  readonly ok: false;
  readonly code: 'NOT_A_LICENCE';
  readonly message: string;
  readonly messageEn: string;
}
export type TextParse = TextParseSuccess | TextParseFailure;

// ---------------------------------------------------------------------------------------------
// Line shapes

const TITLE = /^(?:中华人民共和国)?(跨地区)?(增值|基础)电信业务经营许可证(?:[（(][^）)]*[）)])?$/u;
const ANNEX_MARKER =
  /^[（(]?(?:附页|附件[0-9一二三四五六七八九十]*|电子证照|正本|副本)[)）]?$|^附件[0-9一二三四五六七八九十]+[:：]?$/u;
const PAGE_LABEL = [
  /^[-－—–]\s*(\d{1,4})\s*[-－—–]$/u,
  /^第\s*(\d{1,4})\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/u,
  /^(\d{1,4})\s*\/\s*\d{1,4}$/u,
] as const;
const PROVISIONS_HEADER = /^[《〈]?特别规定事项[》〉]?[:：]?$/u;
const INSPECTIONS_HEADER = /年检(?:情况)?记录表$/u;
const SIGNATURE_ROLE = /(司[(（]局[)）]负责人|签发人|负责人|公司代表)[:：]/gu;
const DATE_SLOT =
  /(?:\d{4}|[〇零○一二三四五六七八九]{4})?年(?:\d{1,2}|[一二三四五六七八九十]{1,3})?月(?:\d{1,2}|[一二三四五六七八九十]{1,3})?日/gu;
const TOP_PROVISION = /^([一二三四五六七八九十百]{1,4})[、.．]\s*/u;
const SUB_PROVISION = /^[（(]([一二三四五六七八九十]{1,4})[)）]\s*/u;
const APPLIES_TO = /^([《〈（(<]{1,2})\s*适用于([^）)〉>]{1,60})([）)〉>])\s*/u;
const NUMBERED_ITEM = /^(\d{1,3})[.．、)）,，]\s*(.+)$/u;
const STAMP_ONLY = /^[（(]?(?:盖章|印章|签章)[)）]?$/u;
const TRAILING_STAMP = /[（(](?:盖章|印章|签章)[)）]$/u;
const INSPECTION_CELL_SPLIT = /(?=经审核)/u;
const INSPECTION_YEAR = /(\d{4}|[〇零○一二三四五六七八九]{4})\s*年度/u;
const PARENTHESISED = /[（(]([^）)]{2,12})[）)]/u;

/** Words OCR misreads that are never right in a licence: corrected, with the raw kept in evidence. */
const OCR_WORD_FIXES: readonly (readonly [RegExp, string])[] = [
  [/履盖/gu, '覆盖'],
  [/復盖/gu, '覆盖'],
];

// ---------------------------------------------------------------------------------------------

type Section = 'body' | 'provisions' | 'inspections';
type ListMode = 'none' | 'services' | 'facilities';
type ScalarKey =
  | typeof LabelKey.holderName
  | typeof LabelKey.legalRepresentative
  | typeof LabelKey.creditCode
  | typeof LabelKey.address
  | typeof LabelKey.issuer
  | typeof LabelKey.issuedOn
  | typeof LabelKey.expiresOn
  | typeof LabelKey.validity
  | typeof LabelKey.number
  | typeof LabelKey.coverage
  | typeof LabelKey.serviceItems;

interface SignatureSeen {
  readonly role: string;
  readonly name: string | null;
  date: string | null;
  readonly line: Line;
  /** the line the date was printed on (the row under the signature line) */
  dateLine?: Line;
}

interface ProvisionDraft {
  id: string;
  text: string;
  appliesTo: string | null;
  readonly line: Line;
  /** the lines the text continues on */
  readonly more: Line[];
  repairedMarker: boolean;
}

/** Parse extracted licence text. Never throws. */
export function parseLicenceText(text: string, options: ParseTextOptions = {}): TextParse {
  return new LicenceTextParser(options.baseConfidence ?? 1).parse(text);
}

class LicenceTextParser {
  private readonly licence: Licence = emptyLicence();
  private readonly notes: Note[] = [];
  private readonly evidence: Record<string, Evidence> = {};
  private readonly continuedOn: Record<string, number[]> = {};
  private readonly pageLabels: string[] = [];

  private section: Section = 'body';
  private listMode: ListMode = 'none';
  private pendingScalar: { key: ScalarKey; line: Line } | undefined;
  private titleSeen = false;
  private numberLine: Line | undefined;
  private numberParse: NumberParse | undefined;
  private numberRaw: string | undefined;
  /** the number as printed, when look-alike characters in it were read as digits */
  private numberRepairedFrom: string | undefined;
  private lastSignatureLine: SignatureSeen[] | undefined;
  private readonly signatures: SignatureSeen[] = [];
  private readonly provisions: ProvisionDraft[] = [];
  private provisionPreamble = false;
  private currentTop: number | undefined;
  private currentWebsite: Website | undefined;
  private currentApp: App | undefined;
  private readonly serviceLines: Line[] = [];
  private pendingCoverage: { items: string[]; line: Line } | undefined;
  /** indices of services still without coverage, latest last: a coverage line belongs to the top */
  private readonly uncovered: number[] = [];
  private currentWebsiteIndex = -1;
  /** the service read from the line just read, and its text: the next line may continue it */
  private lastService: { index: number; text: string } | undefined;
  /** a website or app label printed without its value, which follows on the next line */
  private pendingLabel: LabelMatch | undefined;
  /** a services label's value that named no service yet: a name wrapped before its end */
  private partialService: string | undefined;

  constructor(private readonly baseConfidence: number) {}

  parse(text: string): TextParse {
    const { lines } = layoutLines(splitLines(text));
    for (const line of lines) this.readLine(line);
    return this.finish();
  }

  // ---- per line --------------------------------------------------------------------------------

  private readLine(line: Line): void {
    const t = line.text;
    if (t === '') return;

    if (this.readFurniture(line)) return;
    this.lastSignatureLine = undefined;

    if (t.endsWith('记录表') && INSPECTIONS_HEADER.test(t)) {
      this.section = 'inspections';
      this.listMode = 'none';
      this.setEvidence('inspections', line);
      return;
    }
    if (PROVISIONS_HEADER.test(t)) {
      // The header repeats on every page of the provisions: only the first opens the section.
      if (this.section !== 'provisions') {
        this.section = 'provisions';
        this.listMode = 'none';
        this.pendingScalar = undefined;
      }
      return;
    }

    if (this.section === 'inspections') {
      this.readInspectionLine(line);
      return;
    }
    if (this.section === 'provisions') {
      const label = matchLabel(t);
      if (label?.key === LabelKey.number) {
        this.readNumber(label.value, line); // the running header of a provisions page
        return;
      }
      // A labelled field with its colon ends the provisions (an annex printed after them).
      if (!label || !/[:：]$/u.test(label.label)) {
        this.readProvisionLine(line);
        return;
      }
      this.section = 'body';
    }
    this.readBodyLine(line);
  }

  /** Page furniture: titles, annex markers, page labels, signature blocks, running headers. */
  private readFurniture(line: Line): boolean {
    const t = line.text;
    // Cheap string guards first: most lines are prose, and each pattern below would scan them.
    const mayBePageLabel = t.length <= 24 && /^[-－—–第\d]/u.test(t);
    for (const re of mayBePageLabel ? PAGE_LABEL : []) {
      const m = re.exec(t);
      if (m) {
        this.pageLabels.push(m[1] ?? '');
        this.lastSignatureLine = undefined;
        return true;
      }
    }
    const title = t.includes('许可证') ? TITLE.exec(t) : null;
    if (title) {
      if (!this.titleSeen) {
        this.titleSeen = true;
        const kind: LicenceKind =
          title[2] === '基础' ? 'basic' : title[1] ? 'vats-cross-regional' : 'vats';
        this.licence.kind = kind;
        this.setEvidence('kind', line);
      }
      return true;
    }
    if (t === '中华人民共和国' || ANNEX_MARKER.test(t)) return true;
    // The annex intro (…获准经营…相关信息): plain string tests, linear however long the line.
    if (t.endsWith('相关信息') && t.includes('获准经营') && this.section !== 'provisions')
      return true;

    if (
      (t.includes('负责人') || t.includes('公司代表') || t.includes('签发人')) &&
      SIGNATURE_ROLE.test(t)
    ) {
      SIGNATURE_ROLE.lastIndex = 0;
      this.readSignatureLine(line);
      return true;
    }
    if (this.lastSignatureLine && this.isDateSlotLine(t)) {
      this.readSignatureDates(line);
      this.lastSignatureLine = undefined;
      return true;
    }
    return false;
  }

  private isDateSlotLine(t: string): boolean {
    const compact = t.replace(/\s+/gu, '');
    DATE_SLOT.lastIndex = 0;
    return DATE_SLOT.test(compact) && compact.replace(DATE_SLOT, '') === '';
  }

  private readSignatureLine(line: Line): void {
    const t = line.text;
    const matches = [...t.matchAll(SIGNATURE_ROLE)];
    const seen: SignatureSeen[] = [];
    matches.forEach((m, i) => {
      const start = m.index + m[0].length;
      const end = matches[i + 1]?.index ?? t.length;
      const name = t.slice(start, end).trim();
      seen.push({ role: m[1] ?? '', name: name === '' ? null : name, date: null, line });
    });
    this.signatures.push(...seen);
    this.lastSignatureLine = seen;
  }

  private readSignatureDates(line: Line): void {
    const slots = line.text.replace(/\s+/gu, '').match(DATE_SLOT) ?? [];
    const sigs = this.lastSignatureLine ?? [];
    slots.forEach((slot, i) => {
      const sig = sigs[i];
      if (!sig || slot === '年月日') return; // an unfilled slot
      const d = parseDocumentDate(slot);
      if (d.ok) {
        sig.date = d.date;
        sig.dateLine = line;
      } else if (d.reason !== 'blank') {
        this.note(
          `signatures`,
          `签署日期无法识别：${slot}（${d.message}）`,
          `Unreadable signature date: ${slot} (${d.messageEn})`,
          sig.line,
        );
      }
    });
  }

  private readBodyLine(line: Line): void {
    const previousService = this.lastService;
    this.lastService = undefined;
    const partial = this.partialService;
    this.partialService = undefined;
    const label = matchLabel(line.text);
    const pendingLabel = this.pendingLabel;
    this.pendingLabel = undefined;
    if (label) {
      this.pendingScalar = undefined;
      if (label.value === '' && DEFERRED.has(label.key)) {
        // 网站域名： with its value on the next line
        this.pendingLabel = label;
        return;
      }
      this.readLabel(label, line);
      return;
    }
    if (pendingLabel) {
      this.readLabel({ ...pendingLabel, value: untab(line.text) }, line);
      return;
    }
    if (this.pendingScalar) {
      const { key } = this.pendingScalar;
      this.pendingScalar = undefined;
      this.readScalar(key, untab(line.text), line);
      return;
    }
    if (this.listMode === 'services') {
      // The rest of a service wrapped across lines.
      if (partial && this.addService(joinText(partial, untab(line.text)), line)) return;
      // Coverage on a line of its own, after the service it belongs to.
      if (this.uncovered.length > 0 && isCoverageList(untab(line.text))) {
        this.readCoverage(untab(line.text), line);
        return;
      }
      const alone = readService(line.text);
      if (alone?.service.code == null && previousService) {
        if (this.continueService(previousService, line)) return;
      }
      if (this.addService(line.text, line)) return;
      this.listMode = 'none';
    } else if (this.listMode === 'facilities') {
      const m = NUMBERED_ITEM.exec(line.text);
      if (m) {
        this.addFacility(m[2] ?? '', line);
        return;
      }
      this.listMode = 'none';
    }
    // Anything else in the body (the preamble, the closing sentences) carries no field.
  }

  private readLabel(label: LabelMatch, line: Line): void {
    const v = label.value;
    switch (label.key) {
      case LabelKey.servicesAndCoverage:
      case LabelKey.services:
        this.listMode = 'services';
        if (v !== '') {
          const parts = splitTopLevel(v);
          for (const part of parts) {
            // A service name wrapped before it ends (业务种类：信息服) reads with the next line.
            if (!this.addService(part, line) && parts.length === 1) this.partialService = part;
          }
        }
        return;
      case LabelKey.facilities:
        if (v === '') this.listMode = 'facilities';
        else for (const f of splitList(v)) this.addFacility(f, line);
        return;
      case LabelKey.websiteName:
        this.listMode = 'none';
        this.currentWebsite = this.newWebsite(v === '' ? null : v, line);
        return;
      case LabelKey.websiteDomains:
        this.readDomains(v, line);
        return;
      case LabelKey.serverLocation: {
        const w = this.websiteForField('serverLocation');
        w.site.serverLocation = v === '' ? null : v;
        this.setEvidence(`websites[${w.index}].serverLocation`, line);
        return;
      }
      case LabelKey.accessProvider: {
        const w = this.websiteForField('accessProvider');
        const field = `websites[${w.index}].accessProvider`;
        w.site.accessProvider = v === '' ? null : this.readName(untab(v), field, line);
        if (v === '') this.setEvidence(field, line);
        return;
      }
      case LabelKey.appName: {
        this.listMode = 'none';
        const app: App = { name: v === '' ? null : v, stores: [] };
        this.licence.apps.push(app);
        this.currentApp = app;
        this.setEvidence(`apps[${this.licence.apps.length - 1}].name`, line);
        return;
      }
      case LabelKey.appStores: {
        let app = this.currentApp;
        if (!app || app.stores.length > 0) {
          app = { name: null, stores: [] };
          this.licence.apps.push(app);
          this.currentApp = app;
        }
        app.stores.push(...splitList(v));
        this.setEvidence(`apps[${this.licence.apps.length - 1}].stores`, line);
        return;
      }
      default:
        if (label.key !== LabelKey.coverage && label.key !== LabelKey.serviceItems) {
          this.listMode = 'none';
        }
        if (v === '') {
          this.pendingScalar = { key: label.key, line };
          return;
        }
        this.readScalar(label.key, untab(v), line);
    }
  }

  private readScalar(key: ScalarKey, value: string, line: Line): void {
    const h = this.licence.holder;
    switch (key) {
      case LabelKey.number:
        this.readNumber(value, line);
        return;
      case LabelKey.holderName:
        if (h.name === null) h.name = this.readName(value, 'holder.name', line);
        return;
      case LabelKey.legalRepresentative:
        if (h.legalRepresentative === null) {
          h.legalRepresentative = value;
          this.setEvidence('holder.legalRepresentative', line);
        }
        return;
      case LabelKey.creditCode:
        this.readCreditCode(value, line);
        return;
      case LabelKey.address:
        if (h.address === null) {
          h.address = this.repairBrackets(value, 'holder.address', line);
          this.setEvidence('holder.address', line);
        }
        return;
      case LabelKey.issuer: {
        const issuer = value.replace(TRAILING_STAMP, '').trim();
        if (STAMP_ONLY.test(value) || issuer === '') return; // "发证机关(盖章)": a stamp, no name
        if (this.licence.issuer === null) this.readIssuer(issuer, line);
        return;
      }
      case LabelKey.issuedOn:
        this.readDate('issuedOn', value, line);
        return;
      case LabelKey.expiresOn:
        this.readDate('expiresOn', value, line);
        return;
      case LabelKey.validity: {
        const range = parseDateRange(value);
        if (!range) {
          // 有效期限：2029年05月20日 — one date under a validity label is the expiry.
          const single = parseDocumentDate(value);
          if (single.ok) {
            this.applyDate('expiresOn', single, line);
            return;
          }
          this.note('expiresOn', `有效期无法识别：${value}`, `Unreadable validity: ${value}`, line);
          return;
        }
        this.applyDate('validFrom', range.from, line);
        this.applyDate('expiresOn', range.to, line);
        return;
      }
      case LabelKey.coverage:
        this.readCoverage(value, line);
        return;
      case LabelKey.serviceItems:
        this.readServiceItems(value, line);
        return;
    }
  }

  // ---- fields ----------------------------------------------------------------------------------

  private readNumber(value: string, line: Line): void {
    // Running headers repeat the first page's number on every page: the same text needs no parse.
    if (value === this.numberRaw) return;
    let parsed = parseLicenceNumber(value);
    if (!parsed.ok) {
      // OCR's look-alikes in the serial: O for 0, l or I for 1, 一 for the dash.
      const repaired = parseLicenceNumber(unLookalikeNumber(value));
      if (repaired.ok) {
        parsed = repaired;
        if (this.numberParse === undefined) this.numberRepairedFrom = value;
      }
    }
    this.numberRaw ??= value;
    if (this.numberParse === undefined) {
      this.numberParse = parsed;
      this.numberLine = line;
      return;
    }
    // A running header on a later page: it must repeat the same number.
    const first = this.numberParse.ok ? this.numberParse.number.text : this.numberParse.normalised;
    const again = parsed.ok ? parsed.number.text : parsed.normalised;
    if (first !== again) {
      this.note(
        'number',
        `第 ${line.no} 行的许可证编号 ${again} 与首页的 ${first} 不一致`,
        `Licence number ${again} on line ${line.no} differs from ${first} on the first page`,
        line,
      );
    }
  }

  private readCreditCode(value: string, line: Line): void {
    if (this.licence.holder.creditCode !== null) return;
    const code = normaliseCreditCode(value);
    if (/^[0-9A-HJ-NPQRTUWXY]{18}$/u.test(code)) {
      this.licence.holder.creditCode = code;
      this.setEvidence('holder.creditCode', line);
      return;
    }
    // GB 32100 never uses I, O, S, Z: OCR's look-alikes of 1, 0, 5, 2. Read so only when the
    // check character then agrees.
    const digits = code.replace(/[IOSZ]/gu, (c) => CREDIT_LOOKALIKES[c] ?? c);
    if (
      digits !== code &&
      /^[0-9A-HJ-NPQRTUWXY]{18}$/u.test(digits) &&
      creditCodeCheckChar(digits.slice(0, 17)) === digits.slice(17)
    ) {
      this.licence.holder.creditCode = digits;
      this.setEvidence('holder.creditCode', line, { raw: value, confidence: 0.8 });
      this.note(
        'holder.creditCode',
        `统一社会信用代码“${value}”中有形近字母（O/0、I/1、Z/2、S/5），校验位相符，已读作 ${digits}`,
        `Credit code "${value}" had look-alike letters (O/0, I/1, Z/2, S/5); the check character agrees: read as ${digits}`,
        line,
      );
      return;
    }
    const candidates = suggestCreditCodeRepairs(code).slice(0, 3);
    const hint =
      candidates.length > 0
        ? `；删去一个字符后能通过校验的候选：${candidates.join('、')}，请与原件核对`
        : '';
    const hintEn =
      candidates.length > 0
        ? `; candidates that pass the check digits after deleting one character: ${candidates.join(', ')} (compare with the original)`
        : '';
    this.note(
      'holder.creditCode',
      `统一社会信用代码“${value}”不是 18 位有效字符（${code.length} 位），未采用${hint}`,
      `Credit code "${value}" is not 18 valid characters (${code.length}); not used${hintEn}`,
      line,
    );
    this.setEvidence('holder.creditCode', line, { raw: value, confidence: 0, corrected: false });
  }

  private readDate(field: 'issuedOn' | 'expiresOn', value: string, line: Line): void {
    this.applyDate(field, parseDocumentDate(value), line);
  }

  private applyDate(field: 'issuedOn' | 'expiresOn' | 'validFrom', d: DateParse, line: Line): void {
    if (this.licence[field] !== null) return;
    if (!d.ok) {
      this.note(
        field,
        `${FIELD_ZH[field]}“${d.raw}”无法识别：${d.message}`,
        `${field} "${d.raw}" unreadable: ${d.messageEn}`,
        line,
      );
      return;
    }
    this.licence[field] = d.date;
    if (d.corrected) {
      this.setEvidence(field, line, { raw: d.raw, confidence: 0.8 });
      this.note(
        field,
        `日期“${d.raw}”含多余字符，已读作 ${d.date}`,
        `Date "${d.raw}" had stray characters; read as ${d.date}`,
        line,
      );
    } else {
      this.setEvidence(field, line);
    }
  }

  /** Add a service read from `text`; false when the text names no business type. */
  /**
   * A line that continues the service read from the line before: that line stopped inside its scope
   * or coverage list (信息即 / 时交互服务). Re-read joined, when that names the same service.
   */
  private continueService(prev: { index: number; text: string }, line: Line): boolean {
    const before = this.licence.services[prev.index];
    if (!before) return false;
    // Coverage printed as a column on the service's first line (…不含药品和医⇥福建省 / 疗器械): the
    // next line goes on with the service's text, before that column.
    const tab = prev.text.lastIndexOf('\t');
    const column = tab > 0 && isCoverageList(prev.text.slice(tab + 1).trim()) ? tab : -1;
    const head = column < 0 ? prev.text : prev.text.slice(0, column);
    if (/[。；;）)】]$/u.test(head)) return false;
    const open =
      before.includes.length + before.excludes.length + before.coverage.length > 0 ||
      /[不含、，,]$/u.test(head);
    if (!open) return false;
    const joined = joinText(head, untab(line.text));
    const text = column < 0 ? joined : joined + prev.text.slice(column);
    const reading = readService(text);
    if (!reading || reading.service.name !== before.name) return false;
    const coverage =
      reading.service.coverage.length > 0 ? reading.service.coverage : before.coverage;
    Object.assign(before, reading.service, { coverage });
    if (coverage.length > 0) {
      const at = this.uncovered.indexOf(prev.index);
      if (at >= 0) this.uncovered.splice(at, 1);
    }
    this.lastService = { index: prev.index, text };
    return true;
  }

  private addService(text: string, line: Line): boolean {
    const reading = readService(text);
    if (!reading) return false;
    this.lastService = { index: this.licence.services.length, text };
    const i = this.licence.services.length;
    const service: LicensedService = reading.service;
    if (service.coverage.length === 0 && this.pendingCoverage) {
      service.coverage.push(...this.pendingCoverage.items);
      this.setEvidence(`services[${i}].coverage`, this.pendingCoverage.line);
      this.pendingCoverage = undefined;
    }
    this.licence.services.push(service);
    this.serviceLines.push(line);
    if (service.coverage.length === 0) this.uncovered.push(i);
    this.setEvidence(`services[${i}]`, line);
    if (reading.repairedBrackets) {
      this.setEvidence(`services[${i}].qualifier`, line, { raw: text, confidence: 0.9 });
      this.note(
        `services[${i}].qualifier`,
        `“${text}”的括号不是（），按识别误差读作“${service.qualifier ?? ''}”`,
        `Brackets in "${text}" are not （）; read through as OCR damage: "${service.qualifier ?? ''}"`,
        line,
      );
    }
    if (reading.inlineCoverage) this.setEvidence(`services[${i}].coverage`, line);
    return true;
  }

  private readCoverage(value: string, line: Line): void {
    const items = splitList(value);
    const services = this.licence.services;
    // The coverage line follows the service it belongs to.
    const i = this.uncovered.pop();
    if (i === undefined) {
      if (services.length === 0) this.pendingCoverage = { items, line };
      else {
        this.note(
          'services',
          `覆盖范围“${value}”没有对应的业务`,
          `Coverage "${value}" follows no service`,
          line,
        );
      }
      return;
    }
    services[i]?.coverage.push(...items);
    this.setEvidence(`services[${i}].coverage`, line);
    // Services listed on one line (业务种类：A；B；C) share the coverage printed after them.
    const from = this.serviceLines[i];
    for (let k = this.uncovered.length - 1; k >= 0; k--) {
      const j = this.uncovered[k] ?? -1;
      if (this.serviceLines[j] !== from) break;
      this.uncovered.splice(k, 1);
      services[j]?.coverage.push(...items);
      this.setEvidence(`services[${j}].coverage`, line);
    }
    this.listMode = 'services';
  }

  private readServiceItems(value: string, line: Line): void {
    const service = this.licence.services.at(-1);
    if (!service) {
      this.note(
        'services',
        `服务项目“${value}”没有对应的业务`,
        `Service items "${value}" follow no service`,
        line,
      );
      return;
    }
    const i = this.licence.services.length - 1;
    const scope = readScope(value);
    if (scope.includes.length === 0 && scope.excludes.length === 0) {
      service.includes.push(...splitList(value));
    } else {
      service.includes.push(...scope.includes);
      service.excludes.push(...scope.excludes);
    }
    this.setEvidence(`services[${i}].items`, line);
  }

  private newWebsite(name: string | null, line: Line): Website {
    const site: Website = { name, domains: [], serverLocation: null, accessProvider: null };
    this.licence.websites.push(site);
    this.currentWebsiteIndex = this.licence.websites.length - 1;
    this.setEvidence(`websites[${this.currentWebsiteIndex}].name`, line);
    return site;
  }

  /** The website a field line belongs to: the current one, or a new one when that field is taken. */
  private websiteForField(field: 'serverLocation' | 'accessProvider' | 'domains'): {
    site: Website;
    index: number;
  } {
    let site = this.currentWebsite;
    const taken = site && (field === 'domains' ? site.domains.length > 0 : site[field] !== null);
    if (!site || taken) {
      site = { name: null, domains: [], serverLocation: null, accessProvider: null };
      this.licence.websites.push(site);
      this.currentWebsite = site;
      this.currentWebsiteIndex = this.licence.websites.length - 1;
    }
    return { site, index: this.currentWebsiteIndex };
  }

  private readDomains(value: string, line: Line): void {
    const w = this.websiteForField('domains');
    for (const item of value.split(/[、，,；;\s]+/u)) {
      const host = item
        .trim()
        .replace(/^[a-z][a-z0-9+.-]*:\/\//iu, '')
        .replace(/[/?#].*$/u, '')
        .replace(/[。.]+$/u, '')
        .toLowerCase();
      if (host !== '') w.site.domains.push(host);
    }
    this.setEvidence(`websites[${w.index}].domains`, line);
  }

  private addFacility(text: string, line: Line): void {
    const f = text.trim();
    if (f === '') return;
    this.licence.facilities.push(f);
    this.setEvidence(`facilities[${this.licence.facilities.length - 1}]`, line);
  }

  // ---- provisions ------------------------------------------------------------------------------

  private readProvisionLine(line: Line): void {
    const t = untab(line.text);
    const top = TOP_PROVISION.exec(t);
    if (top) {
      const n = chineseNumeral(top[1] ?? '');
      if (n !== undefined) {
        const expected = (this.currentTop ?? 0) + 1;
        if (n !== expected) {
          this.note(
            'provisions',
            `特别规定事项编号跳跃：${this.currentTop ?? 0} 之后是 ${n}`,
            `Provision numbering jumps from ${this.currentTop ?? 0} to ${n}`,
            line,
          );
        }
        this.currentTop = n;
        this.startProvision(String(n), t.slice(top[0].length), line);
        return;
      }
    }
    const sub = SUB_PROVISION.exec(t);
    if (sub && this.currentTop !== undefined) {
      const n = chineseNumeral(sub[1] ?? '');
      if (n !== undefined) {
        this.startProvision(`${this.currentTop}.${n}`, t.slice(sub[0].length), line);
        return;
      }
    }
    const current = this.provisions.at(-1);
    if (current) {
      current.text = joinText(current.text, t);
      current.more.push(line);
    } else {
      this.provisionPreamble = true; // 《特别规定事项》是经营许可证重要组成部分…
    }
  }

  private startProvision(id: string, body: string, line: Line): void {
    let text = body;
    let appliesTo: string | null = null;
    let repairedMarker = false;
    const applies = APPLIES_TO.exec(text);
    if (applies) {
      appliesTo = (applies[2] ?? '').trim();
      repairedMarker = !/^[（(]$/u.test(applies[1] ?? '') || !/^[）)]$/u.test(applies[3] ?? '');
      text = text.slice(applies[0].length);
    }
    this.provisions.push({ id, text, appliesTo, line, more: [], repairedMarker });
  }

  // ---- inspections -----------------------------------------------------------------------------

  private readInspectionLine(line: Line): void {
    for (const cell of line.raw.split('\t').flatMap((c) => c.split(INSPECTION_CELL_SPLIT))) {
      const compact = cell.replace(/\s+/gu, '');
      if (!compact.includes('年检')) continue;
      const y = INSPECTION_YEAR.exec(compact);
      if (!y) continue; // an empty slot of the table is not an inspection
      const year = /^\d+$/u.test(y[1] ?? '') ? Number(y[1]) : chineseNumeral(y[1] ?? '');
      if (year === undefined) continue;
      const slots = compact.slice(y.index + y[0].length).match(DATE_SLOT) ?? [];
      let stampedOn: string | null = null;
      for (const slot of slots) {
        const d = parseDocumentDate(slot);
        if (d.ok) stampedOn = d.date;
      }
      this.licence.inspections.push({ year, result: 'passed', stampedOn });
      this.setEvidence(`inspections[${this.licence.inspections.length - 1}]`, line);
    }
  }

  // ---- the end of the document -----------------------------------------------------------------

  private finish(): TextParse {
    this.finishNumber();
    this.finishProvisions();
    this.finishSignatures();
    this.finishServices();

    const l = this.licence;
    const signals = [
      l.number !== null,
      l.holder.name !== null,
      l.holder.legalRepresentative !== null,
      l.services.length > 0,
      l.issuer !== null,
      l.issuedOn !== null,
      l.expiresOn !== null,
      l.provisions.length > 0,
    ].filter(Boolean).length;
    if (!(this.titleSeen || this.numberParse !== undefined) || signals < 2) {
      return {
        ok: false,
        code: 'NOT_A_LICENCE',
        message: '未找到许可证：没有许可证标题或编号，也没有公司名称、业务种类、发证日期等字段',
        messageEn:
          'No licence found: no licence title or number, and no company name, services or dates',
      };
    }

    if (!this.titleSeen) {
      this.note(
        'kind',
        '未找到许可证标题，许可证类别未知',
        'No licence title found; the kind of licence is unknown',
        null,
      );
    }
    const missing: [keyof typeof FIELD_ZH, boolean][] = [
      ['number', l.number === null && this.numberParse === undefined],
      ['holder.name', l.holder.name === null],
      // A validity range states the start: no issue date is missing then.
      ['issuedOn', l.issuedOn === null && l.validFrom === null && !this.hasNote('issuedOn')],
      ['expiresOn', l.expiresOn === null && !this.hasNote('expiresOn')],
      ['services', l.services.length === 0],
    ];
    for (const [field, isMissing] of missing) {
      if (isMissing)
        this.note(field, `未载明${FIELD_ZH[field]}`, `${FIELD_EN[field]} not stated`, null);
    }
    return {
      ok: true,
      licence: l,
      notes: this.notes,
      evidence: this.evidence,
      continuedOn: this.continuedOn,
      pageLabels: this.pageLabels,
    };
  }

  private finishNumber(): void {
    const parsed = this.numberParse;
    const line = this.numberLine;
    if (!parsed || !line) return;
    if (parsed.ok) {
      this.licence.number = parsed.number.text;
      const raw = this.numberRepairedFrom;
      if (raw === undefined) this.setEvidence('number', line);
      else {
        this.setEvidence('number', line, { raw, confidence: 0.8 });
        this.note(
          'number',
          `编号“${raw}”中有形近字符（O/0、l/1），已读作 ${parsed.number.text}`,
          `The number "${raw}" had look-alike characters (O/0, l/1); read as ${parsed.number.text}`,
          line,
        );
      }
      if (parsed.number.filingSuffix !== null) {
        this.note(
          'number',
          `编号后的“-${parsed.number.filingSuffix}”是网站备案序号，不属于许可证编号`,
          `The trailing "-${parsed.number.filingSuffix}" is a website filing suffix, not part of the licence number`,
          line,
        );
      }
      if (parsed.number.regionVariant !== null) {
        this.note(
          'number',
          `编号中的省份简称“${parsed.number.regionVariant}”是异体，已规范为“${parsed.number.region ?? ''}”`,
          `Region prefix "${parsed.number.regionVariant}" is a variant; normalised to "${parsed.number.region ?? ''}"`,
          line,
        );
      }
      return;
    }
    if (parsed.reason === 'unknown-region' && parsed.tail !== undefined) {
      const region = this.regionFromDocument();
      if (region) {
        const repaired = parseLicenceNumber(region.abbr + parsed.tail);
        if (repaired.ok) {
          this.licence.number = repaired.number.text;
          this.setEvidence('number', line, { raw: parsed.normalised, confidence: 0.7 });
          this.note(
            'number',
            `编号前缀“${parsed.unknownPrefix ?? ''}”不是省份简称；文中发证机关、住所、覆盖范围或信用代码都指向${region.name}，已读作 ${repaired.number.text}`,
            `Prefix "${parsed.unknownPrefix ?? ''}" is no region; the issuer, address, coverage or credit code point to ${region.name}: read as ${repaired.number.text}`,
            line,
          );
          return;
        }
      }
    }
    // Keep what the document says, normalised, and say why it is not a valid number.
    this.licence.number = parsed.normalised === '' ? null : parsed.normalised;
    this.setEvidence('number', line, { confidence: 0.5 });
    this.note('number', parsed.message, parsed.messageEn, line);
  }

  /**
   * The one region the rest of the document points to: the issuing authority, the registered
   * address, the coverage, a bracketed place in the company name, the credit code's division code.
   * Undefined when they point nowhere or to more than one region.
   */
  private regionFromDocument(): Region | undefined {
    const l = this.licence;
    const found = new Set<Region>();
    const add = (r: Region | undefined): void => {
      if (r) found.add(r);
    };
    if (l.issuer) add(findRegionByAuthority(l.issuer));
    if (l.holder.address) add(findRegionByName(l.holder.address));
    for (const s of l.services) for (const c of s.coverage) add(findRegionByName(c));
    const paren = l.holder.name ? PARENTHESISED.exec(l.holder.name) : null;
    if (paren) add(findRegionByName(paren[1] ?? ''));
    const code = l.holder.creditCode;
    if (code) add(REGIONS.find((r) => r.code === code.slice(2, 4)));
    return found.size === 1 ? [...found][0] : undefined;
  }

  private finishProvisions(): void {
    if (this.provisionPreamble && this.provisions.length === 0) {
      this.note(
        'provisions',
        '特别规定事项中未找到编号条款',
        'No numbered items found in the special provisions',
        null,
      );
    }
    this.provisions.forEach((p, i) => {
      let text = p.text;
      let fixed = false;
      for (const [re, to] of OCR_WORD_FIXES) {
        if (re.test(text)) {
          text = text.replace(re, to);
          fixed = true;
        }
        re.lastIndex = 0;
      }
      const provision: Provision = { id: p.id, text, appliesTo: p.appliesTo };
      this.licence.provisions.push(provision);
      const more = [...p.line.more, ...p.more.flatMap((l) => [l.no, ...l.more])];
      if (more.length > 0) this.continuedOn[`provisions[${i}]`] = more;
      if (fixed || p.repairedMarker) {
        this.setEvidence(`provisions[${i}]`, p.line, { raw: p.text, confidence: 0.9 });
        this.note(
          `provisions[${i}]`,
          `第 ${p.id} 条含识别误差（${fixed ? '错字' : ''}${fixed && p.repairedMarker ? '、' : ''}${p.repairedMarker ? '“适用于”括号' : ''}），已更正，原文见证据`,
          `Provision ${p.id} had OCR damage (${[fixed ? 'misread words' : '', p.repairedMarker ? 'brackets of its 适用于 marker' : ''].filter(Boolean).join(', ')}); corrected, raw text kept in evidence`,
          p.line,
        );
      } else {
        this.setEvidence(`provisions[${i}]`, p.line);
      }
    });
  }

  /** Signature blocks repeat on every page: keep each (role, name) once, with the date it bears. */
  private finishSignatures(): void {
    const byKey = new Map<string, { first: SignatureSeen; dates: Map<string, Line> }>();
    for (const s of this.signatures) {
      const key = `${s.role}\u0000${s.name ?? ''}`;
      const entry = byKey.get(key) ?? { first: s, dates: new Map<string, Line>() };
      if (s.date !== null && s.dateLine && !entry.dates.has(s.date))
        entry.dates.set(s.date, s.dateLine);
      byKey.set(key, entry);
    }
    for (const { first, dates } of byKey.values()) {
      const list: [string | null, Line | undefined][] =
        dates.size === 0 ? [[null, undefined]] : [...dates];
      for (const [date, dateLine] of list) {
        const sig: Signature = { role: first.role, name: first.name, date };
        this.licence.signatures.push(sig);
        const i = this.licence.signatures.length - 1;
        this.setEvidence(`signatures[${i}]`, first.line);
        if (dateLine) this.setEvidence(`signatures[${i}].date`, dateLine);
      }
    }
  }

  private finishServices(): void {
    if (this.pendingCoverage) {
      this.note(
        'services',
        '覆盖范围没有对应的业务',
        'Coverage follows no service',
        this.pendingCoverage.line,
      );
    }
    this.licence.services.forEach((s, i) => {
      if (s.coverage.length === 0) {
        this.note(
          `services[${i}].coverage`,
          '未载明业务覆盖范围',
          '业务覆盖范围 (coverage) not stated',
          this.serviceLines[i] ?? null,
        );
      }
      if (s.code === null) {
        this.note(
          `services[${i}].code`,
          `业务“${s.name}”不在《电信业务分类目录（2015年版）》中`,
          `Service "${s.name}" is not in the 2015 catalogue`,
          this.serviceLines[i] ?? null,
        );
      }
    });
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /**
   * A company or authority name in its registered form (full-width brackets, no stray punctuation):
   * the raw text in evidence when it differs, and a note when OCR's 〈〉 brackets were read through.
   */
  private readName(value: string, field: string, line: Line): string {
    const name = normaliseName(value);
    if (name === value || name === '') {
      this.setEvidence(field, line);
      return name === '' ? value : name;
    }
    this.setEvidence(field, line, { raw: value, confidence: 0.95 });
    if (/[〈〉<>]/u.test(value)) {
      this.note(
        field,
        `“${value}”中的括号为识别误差，已读作“${name}”`,
        `Brackets in "${value}" misread; read as "${name}"`,
        line,
      );
    }
    return name;
  }

  /** OCR reads （ as 〈 and ） as ): give the value the document's brackets back, in evidence. */
  private repairBrackets(value: string, field: string, line: Line): string {
    const fixed = value.replace(/〈/gu, '（').replace(/〉/gu, '）');
    const balanced = fixed.includes('（') ? fixed.replace(/\)/gu, '）') : fixed;
    if (balanced !== value) {
      this.setEvidence(field, line, { raw: value, confidence: 0.9 });
      this.note(
        field,
        `“${value}”中的括号为识别误差，已读作“${balanced}”`,
        `Brackets in "${value}" misread; read as "${balanced}"`,
        line,
      );
    }
    return balanced;
  }

  /**
   * Record where a field came from. With `repair.raw`, the value differs from what the document
   * says: `corrected` (default) when xuke repaired it, false when the raw text was rejected.
   */
  /**
   * The issuing authority. From OCR (base confidence below 1), a name one character off exactly
   * one known authority — a seal stamped over 管 read as 答 — is read as that authority, with the
   * raw text in `evidence` and a note; from a text layer it stays as printed, where a misspelt
   * authority is a forgery signal the issuer check reports.
   */
  private readIssuer(issuer: string, line: Line): void {
    const known = this.baseConfidence < 1 ? authorityOneCharOff(issuer) : undefined;
    if (known === undefined) {
      this.licence.issuer = this.readName(issuer, 'issuer', line);
      return;
    }
    this.licence.issuer = known;
    this.setEvidence('issuer', line, { raw: issuer, confidence: 0.7 });
    this.note(
      'issuer',
      `发证机关“${issuer}”与“${known}”只差一个字，按识别误差读作“${known}”，请核对`,
      `Issuer "${issuer}" is one character off "${known}": read as "${known}" (an OCR slip); please review`,
      line,
    );
  }

  private setEvidence(
    field: string,
    line: Line,
    repair?: { raw?: string; confidence: number; corrected?: boolean },
  ): void {
    const e: Evidence = {
      line: line.no,
      text: line.raw.trim(),
      confidence: repair ? Math.min(repair.confidence, this.baseConfidence) : this.baseConfidence,
    };
    if (repair?.raw !== undefined) {
      e.raw = repair.raw;
      e.corrected = repair.corrected ?? true;
    }
    this.evidence[field] = e;
  }

  private note(field: string, message: string, messageEn: string, line: Line | null): void {
    this.notes.push({ field, message, messageEn, line: line?.no ?? null });
  }

  private hasNote(field: string): boolean {
    return this.notes.some((n) => n.field === field);
  }
}

const FIELD_ZH = {
  number: '经营许可证编号',
  'holder.name': '公司名称',
  issuedOn: '发证日期',
  expiresOn: '有效期',
  validFrom: '有效期起始日',
  services: '业务种类',
} as const;
const FIELD_EN: Record<keyof typeof FIELD_ZH, string> = {
  number: 'Licence number',
  'holder.name': 'Company name',
  issuedOn: 'Issue date',
  expiresOn: 'Expiry date',
  validFrom: 'Start of validity',
  services: 'Services',
};

const DEFERRED = ANNEX_VALUE_KEYS;

/** Split `A业务：北京；B业务：全国` into its services; a single service stays whole. */
function splitTopLevel(value: string): string[] {
  const parts = value.split(/[；;](?=[^；;]*业务)/u).map((p) => p.trim());
  return parts.filter((p) => p !== '');
}

/** A cell-separated text as running text: the cells joined as wrapped text joins. */
function untab(text: string): string {
  if (!text.includes('\t')) return text;
  return text
    .split('\t')
    .map((c) => c.trim())
    .reduce((a, b) => joinText(a, b), '');
}

const CREDIT_LOOKALIKES: Readonly<Record<string, string>> = { I: '1', O: '0', S: '5', Z: '2' };

/** A licence number with OCR's look-alikes in its serial read as digits: B2-2O18O91O → B2-20180910. */
function unLookalikeNumber(value: string): string {
  const m = /^(.*?[ABＡＢ]\s*[12１２](?:\s*[.．]\s*[ABＡＢ]\s*[12１２])*)(.*)$/u.exec(value);
  if (!m) return value;
  const tail = (m[2] ?? '')
    .replace(/^(\s*)[一—－]/u, '$1-')
    .replace(/[OoＯ〇]/gu, '0')
    .replace(/[IlＩｌ|]/gu, '1');
  return (m[1] ?? '') + tail;
}
