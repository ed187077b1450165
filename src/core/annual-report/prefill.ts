/**
 * What xuke already knows about a licence's year, laid out under the annual report's items: the
 * licensed services with their coverage, the websites and apps, every change recorded in the year,
 * the events the holder recorded, and the obligations that fell due in the year — met on time, late
 * or missed. People complete what it cannot know; these facts are the draft's starting point and
 * its evidence.
 */
import type { Licence } from '../licence.js';
import type { ReportItemNumber } from './items.js';
import { serviceKey } from './report.js';

export interface Fact {
  readonly text: string;
  readonly textEn: string;
  /** where it comes from: `licence`, `version 3`, `event 2025-04-01`, `occurrence …` */
  readonly source: string;
}

export interface PrefillInput {
  readonly year: number;
  /** the licence as it stood at the year's end (or now, when later versions do not exist) */
  readonly licence: Licence;
  /** the register's or copy's lifecycle events in the year (changed, renewed …) */
  readonly lifecycleEvents: readonly {
    readonly kind: string;
    readonly on: string;
    readonly note: string | null;
    readonly version?: number;
  }[];
  /** what changed between consecutive versions recorded in the year, in words */
  readonly changes: readonly {
    readonly version: number;
    readonly on: string;
    readonly fields: readonly string[];
  }[];
  /** the obligation events the holder recorded in the year */
  readonly obligationEvents: readonly {
    readonly kind: string;
    readonly date: string;
    readonly note: string | null;
  }[];
  /** occurrences due in the year, with how they stand */
  readonly occurrences: readonly {
    readonly id: string;
    readonly title: string;
    readonly titleEn: string;
    readonly dueOn: string;
    readonly doneOn: string | null;
    readonly status: string;
  }[];
  /** website scans of the year, newest per domain */
  readonly scans?: readonly {
    readonly domain: string;
    readonly on: string;
    readonly shown: boolean | null;
  }[];
}

export interface Prefill {
  /** the licensed services figures are reported for: key (code, else name) and name */
  readonly services: readonly { readonly key: string; readonly name: string }[];
  readonly facts: Readonly<Record<`${ReportItemNumber}`, readonly Fact[]>>;
  /** suggested starting values for fields, which the holder may change */
  readonly suggested: Readonly<Record<`${ReportItemNumber}`, Readonly<Record<string, unknown>>>>;
}

const EVENT_WORDS: Readonly<Record<string, { zh: string; en: string; item: ReportItemNumber }>> = {
  'illegal-content-disposed': {
    zh: '发现并处置违法信息',
    en: 'Illegal information disposed of',
    item: 4,
  },
  incident: { zh: '发生网络与信息安全事件', en: 'Security incident', item: 4 },
  'security-assessment-completed': {
    zh: '完成新技术新业务安全评估',
    en: 'Security assessment of a new service completed',
    item: 4,
  },
  'entity-change-decided': {
    zh: '决定合并、分立、股权变更或转让',
    en: 'Merger, split, shareholding change or transfer decided',
    item: 2,
  },
  'registration-change-completed': {
    zh: '完成名称、法定代表人或注册资本变更登记',
    en: 'Change of name, legal representative or capital registered',
    item: 2,
  },
  'local-info-changed': {
    zh: '当地经营或客户服务机构信息变更',
    en: 'Local operation or customer-service office changed',
    item: 2,
  },
  'national-licence-obtained': {
    zh: '取得覆盖省级许可的全国许可证',
    en: 'National licence covering a provincial one obtained',
    item: 2,
  },
  'exit-decided': { zh: '决定期满不再继续经营', en: 'Decided not to continue', item: 2 },
  'annual-report-make-up-ordered': {
    zh: '收到限期补报年报的通知',
    en: 'Ordered to make up the annual report',
    item: 5,
  },
};

const LIFECYCLE_WORDS: Readonly<Record<string, { zh: string; en: string }>> = {
  changed: { zh: '经营许可证变更', en: 'Licence changed' },
  renewed: { zh: '经营许可证续期', en: 'Licence renewed' },
  'renewal-applied': { zh: '申请续期', en: 'Renewal applied for' },
  suspended: { zh: '暂停', en: 'Suspended' },
  reinstated: { zh: '恢复', en: 'Reinstated' },
  issued: { zh: '发证', en: 'Issued' },
};

function inYear(day: string, year: number): boolean {
  return day.startsWith(`${year}-`);
}

export function prefillReport(input: PrefillInput): Prefill {
  const { licence, year } = input;
  const f1: Fact[] = [];
  const f2: Fact[] = [];
  const f3: Fact[] = [];
  const f4: Fact[] = [];
  const f5: Fact[] = [];
  const f6: Fact[] = [];
  const byItem: Record<ReportItemNumber, Fact[]> = { 1: f1, 2: f2, 3: f3, 4: f4, 5: f5, 6: f6 };

  for (const s of licence.services) {
    const coverage = s.coverage.length > 0 ? s.coverage.join('、') : '未载明';
    const coverageEn = s.coverage.length > 0 ? s.coverage.join(', ') : 'not stated';
    const qualifier = s.qualifier === null ? '' : `（${s.qualifier}）`;
    f1.push({
      text: `许可业务 ${serviceKey(s)} ${s.name}${qualifier}，业务覆盖范围：${coverage}`,
      textEn: `Licensed service ${serviceKey(s)} ${s.name}${qualifier}, coverage: ${coverageEn}`,
      source: 'licence',
    });
  }
  for (const w of licence.websites) {
    const name = w.name ?? '';
    f1.push({
      text: `网站 ${name}${name === '' ? '' : ' '}${w.domains.join('、')}${w.accessProvider === null ? '' : `，接入服务商 ${w.accessProvider}`}`,
      textEn: `Website ${name}${name === '' ? '' : ' '}${w.domains.join(', ')}${w.accessProvider === null ? '' : `, access provider ${w.accessProvider}`}`,
      source: 'licence',
    });
  }
  for (const a of licence.apps) {
    if (a.name === null) continue;
    f1.push({ text: `应用 ${a.name}`, textEn: `App ${a.name}`, source: 'licence' });
  }

  for (const e of input.lifecycleEvents) {
    if (!inYear(e.on, year)) continue;
    const w = LIFECYCLE_WORDS[e.kind] ?? { zh: e.kind, en: e.kind };
    const note = e.note === null ? '' : `：${e.note}`;
    const noteEn = e.note === null ? '' : `: ${e.note}`;
    f2.push({
      text: `${e.on} ${w.zh}${note}`,
      textEn: `${e.on} ${w.en}${noteEn}`,
      source: e.version === undefined ? `event ${e.on}` : `version ${e.version}`,
    });
  }
  for (const c of input.changes) {
    if (!inYear(c.on, year) || c.fields.length === 0) continue;
    f2.push({
      text: `${c.on} 第 ${c.version} 版记录变更了：${c.fields.join('、')}`,
      textEn: `${c.on} version ${c.version} changed: ${c.fields.join(', ')}`,
      source: `version ${c.version}`,
    });
  }
  for (const e of input.obligationEvents) {
    if (!inYear(e.date, year)) continue;
    const w = EVENT_WORDS[e.kind] ?? { zh: e.kind, en: e.kind, item: 6 as ReportItemNumber };
    const note = e.note === null ? '' : `：${e.note}`;
    const noteEn = e.note === null ? '' : `: ${e.note}`;
    byItem[w.item].push({
      text: `${e.date} ${w.zh}${note}`,
      textEn: `${e.date} ${w.en}${noteEn}`,
      source: `event ${e.date}`,
    });
  }

  let met = 0;
  let late = 0;
  let missed = 0;
  for (const o of input.occurrences) {
    if (!inYear(o.dueOn, year)) continue;
    let zh: string;
    let en: string;
    if (o.doneOn !== null && o.doneOn <= o.dueOn) {
      met += 1;
      zh = `按期完成（${o.doneOn}）`;
      en = `met on time (${o.doneOn})`;
    } else if (o.doneOn !== null) {
      late += 1;
      zh = `逾期完成（${o.doneOn}，应于 ${o.dueOn} 前）`;
      en = `met late (${o.doneOn}, due ${o.dueOn})`;
    } else if (o.status === 'not-applicable') {
      continue;
    } else {
      missed += 1;
      zh = `未完成（应于 ${o.dueOn} 前）`;
      en = `not met (due ${o.dueOn})`;
    }
    f5.push({
      text: `${o.title}：${zh}`,
      textEn: `${o.titleEn}: ${en}`,
      source: `occurrence ${o.id}`,
    });
  }
  for (const p of licence.provisions) {
    f5.push({
      text: `特别规定事项第 ${p.id} 项：${p.text.length > 80 ? `${p.text.slice(0, 80)}…` : p.text}`,
      textEn: `Special provision ${p.id}`,
      source: `provision ${p.id}`,
    });
  }
  for (const s of input.scans ?? []) {
    if (!inYear(s.on, year)) continue;
    const shown =
      s.shown === true
        ? '首页展示了经营许可证编号'
        : s.shown === false
          ? '首页未见经营许可证编号'
          : '未能判断首页是否展示编号';
    const shownEn =
      s.shown === true
        ? 'the home page shows the licence number'
        : s.shown === false
          ? 'the licence number was not found on the home page'
          : 'could not tell whether the number is shown';
    f5.push({
      text: `${s.on} 检查网站 ${s.domain}：${shown}`,
      textEn: `${s.on} scanned ${s.domain}: ${shownEn}`,
      source: `scan ${s.domain}`,
    });
  }

  const changeLines = f2.map((f) => f.text);
  const suggested = {
    '1': {},
    '2': changeLines.length === 0 ? {} : { changes: changeLines.join('\n') },
    '3': {},
    '4': {},
    '5': {
      compliance:
        `本年度到期的期限事项 ${met + late + missed} 项：按期完成 ${met} 项，逾期完成 ${late} 项，未完成 ${missed} 项。` +
        (f5.length === 0
          ? ''
          : `\n${f5
              .filter((f) => f.source.startsWith('occurrence'))
              .map((f) => f.text)
              .join('\n')}`),
    },
    '6': {},
  } as const;
  return {
    services: licence.services.map((s) => ({ key: serviceKey(s), name: s.name })),
    facts: { '1': f1, '2': f2, '3': f3, '4': f4, '5': f5, '6': f6 },
    suggested,
  };
}

const FIELD_WORDS: readonly [keyof Licence, string, string][] = [
  ['holder', '持证单位信息', 'holder'],
  ['services', '业务种类或覆盖范围', 'services or coverage'],
  ['websites', '网站', 'websites'],
  ['apps', '应用', 'apps'],
  ['facilities', '机房', 'facilities'],
  ['expiresOn', '有效期', 'expiry'],
  ['issuer', '发证机关', 'issuer'],
  ['provisions', '特别规定事项', 'special provisions'],
];

/** The parts of a licence record that differ between two versions, in words. */
export function changedParts(before: Licence, after: Licence): { zh: string[]; en: string[] } {
  const zh: string[] = [];
  const en: string[] = [];
  for (const [key, z, e] of FIELD_WORDS) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      zh.push(z);
      en.push(e);
    }
  }
  return { zh, en };
}
