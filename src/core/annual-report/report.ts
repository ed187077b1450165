/**
 * An annual report's answers, their validation against the items' fields and the licence's
 * services, and the part that is published (art. 35 para. 2).
 */
import type { Licence, LicensedService } from '../licence.js';
import {
  MAX_TEXT,
  REPORT_ITEMS,
  type FieldDefinition,
  type ItemDefinition,
  type ReportItemNumber,
} from './items.js';

/** What a holder wrote for one item. */
export interface ItemAnswer {
  /** field key → value: a string (text), a number (count, money), or service key → number */
  readonly fields: Readonly<Record<string, unknown>>;
  /** items 5–6: whether the holder publishes it; ignored for the others */
  readonly public: boolean;
  /** items 1–3: fields withheld from publication as trade secrets */
  readonly secretFields: readonly string[];
}

export type Answers = Readonly<Record<`${ReportItemNumber}`, ItemAnswer>>;

export function emptyAnswers(): Answers {
  const blank = (): ItemAnswer => ({ fields: {}, public: false, secretFields: [] });
  return { '1': blank(), '2': blank(), '3': blank(), '4': blank(), '5': blank(), '6': blank() };
}

/** The key a licensed service is reported under: its catalogue code, else its name as written. */
export function serviceKey(s: LicensedService): string {
  return s.code ?? s.name;
}

export type ProblemCode =
  | 'required'
  | 'not-a-number'
  | 'negative'
  | 'not-whole'
  | 'too-precise'
  | 'too-long'
  | 'unknown-field'
  | 'unknown-service'
  | 'missing-service'
  | 'inconsistent'
  | 'not-secret-able';

export interface ReportProblem {
  readonly item: ReportItemNumber;
  /** the field's key, or null for the item as a whole */
  readonly field: string | null;
  readonly code: ProblemCode;
  readonly message: string;
  readonly messageEn: string;
}

function problem(
  item: ItemDefinition,
  field: FieldDefinition | null,
  code: ProblemCode,
  zh: string,
  en: string,
): ReportProblem {
  const where = field === null ? `第${item.no}项` : `第${item.no}项“${field.label}”`;
  const whereEn = field === null ? `Item ${item.no}` : `Item ${item.no}, “${field.labelEn}”`;
  return {
    item: item.no,
    field: field?.key ?? null,
    code,
    message: `${where}：${zh}`,
    messageEn: `${whereEn}: ${en}`,
  };
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function checkNumber(
  item: ItemDefinition,
  field: FieldDefinition,
  v: unknown,
  whole: boolean,
  label?: { zh: string; en: string },
): ReportProblem[] {
  const zhPre = label === undefined ? '' : `${label.zh}：`;
  const enPre = label === undefined ? '' : `${label.en}: `;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    return [problem(item, field, 'not-a-number', `${zhPre}须为数字`, `${enPre}must be a number`)];
  }
  if (v < 0) {
    return [problem(item, field, 'negative', `${zhPre}不能为负数`, `${enPre}cannot be negative`)];
  }
  if (whole && !Number.isInteger(v)) {
    return [
      problem(item, field, 'not-whole', `${zhPre}须为整数`, `${enPre}must be a whole number`),
    ];
  }
  if (!whole && Math.abs(v * 100 - Math.round(v * 100)) > 1e-6) {
    return [
      problem(
        item,
        field,
        'too-precise',
        `${zhPre}最多两位小数`,
        `${enPre}at most two decimal places`,
      ),
    ];
  }
  if (v > Number.MAX_SAFE_INTEGER) {
    return [problem(item, field, 'not-a-number', `${zhPre}数值过大`, `${enPre}is too large`)];
  }
  return [];
}

function checkField(
  item: ItemDefinition,
  field: FieldDefinition,
  v: unknown,
  services: readonly LicensedService[],
): ReportProblem[] {
  if (isBlank(v)) {
    return field.required ? [problem(item, field, 'required', '必填', 'required')] : [];
  }
  switch (field.kind) {
    case 'text':
      if (typeof v !== 'string') {
        return [problem(item, field, 'not-a-number', '须为文字', 'must be text')];
      }
      return v.length > MAX_TEXT
        ? [
            problem(
              item,
              field,
              'too-long',
              `不能超过 ${MAX_TEXT} 字（现为 ${v.length} 字）`,
              `at most ${MAX_TEXT} characters (it has ${v.length})`,
            ),
          ]
        : [];
    case 'count':
      return checkNumber(item, field, v, true);
    case 'money':
      return checkNumber(item, field, v, false);
    case 'per-service-count': {
      if (typeof v !== 'object' || Array.isArray(v)) {
        return [
          problem(item, field, 'not-a-number', '须按业务逐项填写', 'must be given per service'),
        ];
      }
      const given = v as Record<string, unknown>;
      const out: ReportProblem[] = [];
      const keys = new Set(services.map(serviceKey));
      for (const s of services) {
        const key = serviceKey(s);
        const label = { zh: `${s.name}（${key}）`, en: `${s.name} (${key})` };
        if (isBlank(given[key])) {
          out.push(
            problem(
              item,
              field,
              'missing-service',
              `缺少经营许可证所列业务 ${label.zh} 的数字`,
              `no figure for the licensed service ${label.en}`,
            ),
          );
        } else {
          out.push(...checkNumber(item, field, given[key], true, label));
        }
      }
      for (const key of Object.keys(given)) {
        if (!keys.has(key)) {
          out.push(
            problem(
              item,
              field,
              'unknown-service',
              `${key} 不是本经营许可证所列的业务，不能填报其用户数`,
              `${key} is not a service of this licence; it cannot have users here`,
            ),
          );
        }
      }
      return out;
    }
    default:
      return [];
  }
}

/**
 * Every problem that keeps the report from being signed off or submitted: required fields left
 * empty, numbers that are not numbers, users for services the licence does not have or missing for
 * one it has, resolved complaints above those received, incidents without their account, withheld
 * fields outside items 1–3. Empty when the report is complete.
 */
export function validateAnswers(answers: Answers, licence: Licence): ReportProblem[] {
  const out: ReportProblem[] = [];
  for (const item of REPORT_ITEMS) {
    const answer = answers[`${item.no}`];
    const known = new Set(item.fields.map((f) => f.key));
    for (const key of Object.keys(answer.fields)) {
      if (!known.has(key)) {
        out.push(
          problem(item, null, 'unknown-field', `没有栏目 ${key}`, `there is no field ${key}`),
        );
      }
    }
    for (const field of item.fields) {
      out.push(...checkField(item, field, answer.fields[field.key], licence.services));
    }
    if (answer.secretFields.length > 0 && item.publication !== 'public') {
      out.push(
        problem(
          item,
          null,
          'not-secret-able',
          '只有第一至三项可以按商业秘密不予公示',
          'only items 1–3 can withhold fields as trade secrets',
        ),
      );
    }
    for (const key of answer.secretFields) {
      if (!known.has(key)) {
        out.push(
          problem(item, null, 'unknown-field', `没有栏目 ${key}`, `there is no field ${key}`),
        );
      }
    }
  }
  const q = answers['3'].fields;
  if (
    typeof q['complaints'] === 'number' &&
    typeof q['complaintsResolved'] === 'number' &&
    q['complaintsResolved'] > q['complaints']
  ) {
    const item = REPORT_ITEMS[2];
    const field = item?.fields[1];
    if (item && field) {
      out.push(
        problem(
          item,
          field,
          'inconsistent',
          `已处理投诉数（${q['complaintsResolved']}）多于投诉数（${q['complaints']}）`,
          `resolved complaints (${q['complaintsResolved']}) exceed those received (${q['complaints']})`,
        ),
      );
    }
  }
  const s = answers['4'].fields;
  if (typeof s['incidents'] === 'number' && s['incidents'] > 0 && isBlank(s['incidentAccount'])) {
    const item = REPORT_ITEMS[3];
    const field = item?.fields[2];
    if (item && field) {
      out.push(
        problem(
          item,
          field,
          'required',
          `报告了 ${s['incidents']} 起安全事件，须说明经过与处置`,
          `${s['incidents']} incidents reported: say what happened and how they were handled`,
        ),
      );
    }
  }
  return out;
}

/** One published item: its fields, less those withheld. */
export interface PublicItem {
  readonly no: ReportItemNumber;
  readonly title: string;
  readonly titleEn: string;
  readonly fields: Readonly<Record<string, unknown>>;
  /** the labels of the fields withheld as trade secrets */
  readonly withheld: readonly string[];
}

/**
 * What the public sees of an accepted report (art. 35 para. 2): items 1–3 without the fields the
 * holder withheld as trade secrets; items 5–6 when the holder chose to publish them; never item 4.
 */
export function publicPart(answers: Answers): PublicItem[] {
  const out: PublicItem[] = [];
  for (const item of REPORT_ITEMS) {
    const answer = answers[`${item.no}`];
    const shown =
      item.publication === 'public' || (item.publication === 'holder-choice' && answer.public);
    if (!shown) continue;
    const secret = new Set(item.publication === 'public' ? answer.secretFields : []);
    const fields: Record<string, unknown> = {};
    for (const f of item.fields) {
      if (secret.has(f.key)) continue;
      const v = answer.fields[f.key];
      if (!isBlank(v)) fields[f.key] = v;
    }
    out.push({
      no: item.no,
      title: item.title,
      titleEn: item.titleEn,
      fields,
      withheld: item.fields.filter((f) => secret.has(f.key)).map((f) => f.label),
    });
  }
  return out;
}
