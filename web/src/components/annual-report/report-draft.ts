/**
 * The editor's model of a report's answers (pure): what the inputs hold, as text, per art. 35 item,
 * and the answers the API takes back (`PUT /annual-reports/{id}/answers`). Built from the report
 * the API answers (its items, fields and `services`), so the form knows nothing of the items that
 * the report does not say. Numbers are typed as text and sent as numbers when they read as one; a
 * figure that does not is sent as written, so the server names the problem beside the field.
 */
import type { Schemas } from '../../api/client';

export type Report = Schemas['AnnualReport'];
export type Item = Report['items'][number];
export type Field = Item['fields'][number];

/** a per-service field: service key → text */
export type PerService = Readonly<Record<string, string>>;
export type FieldDraft = string | PerService;

export interface ItemDraft {
  readonly fields: Readonly<Record<string, FieldDraft>>;
  /** items 5–6: published by the holder's choice */
  readonly public: boolean;
  /** items 1–3: withheld from publication as trade secrets */
  readonly secretFields: readonly string[];
}

export type Draft = Readonly<Record<string, ItemDraft>>;

type SaveBody =
  import('../../api/schema').paths['/api/v1/annual-reports/{id}/answers']['put']['requestBody'];
export type Answers = NonNullable<SaveBody>['content']['application/json']['answers'];

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  return JSON.stringify(value);
}

/** The form as the report stands. */
export function draftOf(report: Report): Draft {
  const out: Record<string, ItemDraft> = {};
  for (const item of report.items) {
    const fields: Record<string, FieldDraft> = {};
    for (const f of item.fields) {
      if (f.kind === 'per-service-count') {
        const given =
          typeof f.value === 'object' && f.value !== null && !Array.isArray(f.value)
            ? (f.value as Record<string, unknown>)
            : {};
        fields[f.key] = Object.fromEntries(report.services.map((s) => [s.key, text(given[s.key])]));
      } else {
        fields[f.key] = text(f.value);
      }
    }
    out[`${item.no}`] = {
      fields,
      public: item.publication === 'holder-choice' && item.published,
      secretFields: item.fields.filter((f) => f.secret).map((f) => f.key),
    };
  }
  return out;
}

const FULL_WIDTH = /[０-９．－]/gu;

/**
 * A figure as typed: a number when it reads as one (thousands separators, spaces and full-width
 * digits allowed), nothing when empty, else the text as written (the server says what is wrong).
 */
export function figure(typed: string): number | string | undefined {
  const compact = typed
    .replace(/[\s,，]/gu, '')
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (compact === '') return undefined;
  return /^-?\d+(\.\d+)?$/u.test(compact) ? Number(compact) : typed.trim();
}

/** The answers the API takes, from the form: empty fields left out. */
export function answersOf(draft: Draft, report: Report): Answers {
  const out: Record<string, unknown> = {};
  for (const item of report.items) {
    const d = draft[`${item.no}`];
    if (d === undefined) continue;
    const fields: Record<string, unknown> = {};
    for (const f of item.fields) {
      const v = d.fields[f.key];
      if (v === undefined) continue;
      if (typeof v === 'string') {
        if (f.kind === 'text') {
          if (v.trim() !== '') fields[f.key] = v;
        } else {
          const n = figure(v);
          if (n !== undefined) fields[f.key] = n;
        }
      } else {
        const per: Record<string, unknown> = {};
        for (const [service, typed] of Object.entries(v)) {
          const n = figure(typed);
          if (n !== undefined) per[service] = n;
        }
        if (Object.keys(per).length > 0) fields[f.key] = per;
      }
    }
    out[`${item.no}`] = {
      fields,
      ...(item.publication === 'holder-choice' && { public: d.public }),
      ...(item.publication === 'public' &&
        d.secretFields.length > 0 && {
          secretFields: item.fields.map((f) => f.key).filter((k) => d.secretFields.includes(k)),
        }),
    };
  }
  return out;
}

/** One field's text changed. */
export function withField(draft: Draft, item: number, key: string, value: FieldDraft): Draft {
  const d = draft[`${item}`];
  if (d === undefined) return draft;
  return { ...draft, [`${item}`]: { ...d, fields: { ...d.fields, [key]: value } } };
}

/** An item's publication (5–6) or a field's trade-secret mark (1–3) changed. */
export function withPublication(
  draft: Draft,
  item: number,
  change: { public: boolean } | { secret: string; on: boolean },
): Draft {
  const d = draft[`${item}`];
  if (d === undefined) return draft;
  if ('public' in change) return { ...draft, [`${item}`]: { ...d, public: change.public } };
  const rest = d.secretFields.filter((k) => k !== change.secret);
  return {
    ...draft,
    [`${item}`]: { ...d, secretFields: change.on ? [...rest, change.secret] : rest },
  };
}
