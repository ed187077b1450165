/**
 * The review form's model: the editable part of a licence record as the texts in its inputs (a
 * draft), and back. A field the reviewer did not touch goes back exactly as parsed; list fields
 * (coverage, domains …) are edited as one line of text split on 、 or commas. Items of a list keep
 * the index they had in the parsed record (`origin`), so their evidence stays theirs after another
 * item is removed.
 */
import {
  formatFieldPath,
  parentFieldPath,
  parseFieldPath,
  type FieldPathPart,
} from '../../../../src/core/field-path';
import type { Assert, SameMembers } from '../../api/same-members';
import type { Evidence, Licence, Note } from './review-api';

export const SCALAR_FIELDS = [
  'number',
  'kind',
  'holder.name',
  'holder.legalRepresentative',
  'holder.creditCode',
  'holder.address',
  'issuer',
  'issuedOn',
  'validFrom',
  'expiresOn',
] as const;
export type ScalarField = (typeof SCALAR_FIELDS)[number];

export const ITEM_FIELDS = {
  services: ['name', 'code', 'qualifier', 'includes', 'excludes', 'coverage'],
  websites: ['name', 'domains', 'serverLocation', 'accessProvider'],
  apps: ['name', 'stores'],
} as const;
export type ListName = keyof typeof ITEM_FIELDS;
export type ItemField<L extends ListName> = (typeof ITEM_FIELDS)[L][number];

export interface ItemDraft<L extends ListName> {
  /** the item's index in the parsed record; null for an item the reviewer added */
  readonly origin: number | null;
  /** a stable key for React, unchanged when other items come and go */
  readonly key: string;
  readonly values: Readonly<Record<ItemField<L>, string>>;
}

export interface Draft {
  readonly scalars: Readonly<Record<ScalarField, string>>;
  readonly services: readonly ItemDraft<'services'>[];
  readonly websites: readonly ItemDraft<'websites'>[];
  readonly apps: readonly ItemDraft<'apps'>[];
  /** IDC machine-room locations, one a line */
  readonly facilities: string;
}

/** Fields whose value is a list, and how the list is written in one input. */
const LIST_VALUED: ReadonlySet<string> = new Set([
  'includes',
  'excludes',
  'coverage',
  'domains',
  'stores',
]);
const JOINERS: Readonly<Record<string, string>> = { domains: ', ' };
const SPLITTERS: Readonly<Record<string, RegExp>> = { domains: /[、，,；;\s]+/u };
const DEFAULT_SPLITTER = /[、，,；;]+/u;

function joinList(field: string, values: readonly string[]): string {
  return values.join(JOINERS[field] ?? '、');
}

export function splitList(field: string, text: string): string[] {
  return text
    .split(SPLITTERS[field] ?? DEFAULT_SPLITTER)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function scalarValue(licence: Licence, field: ScalarField): string | null {
  switch (field) {
    case 'holder.name':
      return licence.holder.name;
    case 'holder.legalRepresentative':
      return licence.holder.legalRepresentative;
    case 'holder.creditCode':
      return licence.holder.creditCode;
    case 'holder.address':
      return licence.holder.address;
    default:
      return licence[field];
  }
}

type ItemOf<L extends ListName> = Licence[L][number];

function itemValues<L extends ListName>(list: L, item: ItemOf<L>): Record<ItemField<L>, string> {
  const out: Record<string, string> = {};
  const source = item as unknown as Record<string, string | readonly string[] | null>;
  for (const field of ITEM_FIELDS[list]) {
    const v = source[field];
    out[field] =
      v === null || v === undefined ? '' : typeof v === 'string' ? v : joinList(field, v);
  }
  return out;
}

let nextKey = 0;
function newKey(): string {
  nextKey += 1;
  return `item-${nextKey}`;
}

export function draftFromLicence(licence: Licence): Draft {
  const scalars = {} as Record<ScalarField, string>;
  for (const f of SCALAR_FIELDS) scalars[f] = scalarValue(licence, f) ?? '';
  const items = <L extends ListName>(list: L): ItemDraft<L>[] =>
    (licence[list] as readonly ItemOf<L>[]).map((item, i) => ({
      origin: i,
      key: newKey(),
      values: itemValues(list, item),
    }));
  return {
    scalars,
    services: items('services'),
    websites: items('websites'),
    apps: items('apps'),
    facilities: licence.facilities.join('\n'),
  };
}

export function emptyItem<L extends ListName>(list: L): ItemDraft<L> {
  const values: Record<string, string> = {};
  for (const f of ITEM_FIELDS[list]) values[f] = '';
  return { origin: null, key: newKey(), values: values as Record<ItemField<L>, string> };
}

function orNull(text: string): string | null {
  const t = text.trim();
  return t === '' ? null : t;
}

/** A licence's kinds, in the order the form offers them. */
export const LICENCE_KINDS = ['vats', 'vats-cross-regional', 'basic'] as const;
export type LicenceKindsChecked = Assert<
  SameMembers<typeof LICENCE_KINDS, NonNullable<Licence['kind']>>
>;

function itemFromDraft<L extends ListName>(
  list: L,
  original: ItemOf<L> | undefined,
  originalDraft: ItemDraft<L> | undefined,
  draft: ItemDraft<L>,
): ItemOf<L> {
  const base: Record<string, unknown> =
    original === undefined ? blankItem(list) : { ...(original as object) };
  for (const field of ITEM_FIELDS[list] as readonly ItemField<L>[]) {
    const text = draft.values[field];
    if (originalDraft !== undefined && originalDraft.values[field] === text) continue;
    if (LIST_VALUED.has(field)) {
      const items = splitList(field, text);
      base[field] = field === 'domains' ? items.map((d) => d.toLowerCase()) : items;
    } else if (field === 'name' && list === 'services') {
      base[field] = text.trim();
    } else {
      base[field] = orNull(text);
    }
  }
  return base as unknown as ItemOf<L>;
}

function blankItem(list: ListName): Record<string, unknown> {
  switch (list) {
    case 'services':
      return {
        code: null,
        name: '',
        qualifier: null,
        includes: [],
        excludes: [],
        coverage: [],
      };
    case 'websites':
      return { name: null, domains: [], serverLocation: null, accessProvider: null };
    case 'apps':
      return { name: null, stores: [] };
  }
}

/**
 * The record the draft describes: the parsed record with the reviewer's changes. Fields the form
 * does not edit (provisions, inspections, signatures) are the parsed ones.
 */
export function licenceFromDraft(parsed: Licence, initial: Draft, draft: Draft): Licence {
  const s = draft.scalars;
  const changed = (f: ScalarField) => s[f] !== initial.scalars[f];
  const scalar = (f: ScalarField) => (changed(f) ? orNull(s[f]) : scalarValue(parsed, f));
  const kind = scalar('kind');
  const items = <L extends ListName>(list: L): ItemOf<L>[] =>
    (draft[list] as readonly ItemDraft<L>[]).map((item) => {
      const origin = item.origin;
      const original = origin === null ? undefined : (parsed[list] as readonly ItemOf<L>[])[origin];
      const originalDraft =
        origin === null
          ? undefined
          : (initial[list] as readonly ItemDraft<L>[]).find((d) => d.origin === origin);
      return itemFromDraft(list, original, originalDraft, item);
    });
  return {
    ...parsed,
    kind:
      kind !== null && (LICENCE_KINDS as readonly string[]).includes(kind)
        ? (kind as Licence['kind'])
        : null,
    number: scalar('number'),
    holder: {
      name: scalar('holder.name'),
      legalRepresentative: scalar('holder.legalRepresentative'),
      creditCode: scalar('holder.creditCode'),
      address: scalar('holder.address'),
    },
    issuer: scalar('issuer'),
    issuedOn: scalar('issuedOn'),
    validFrom: scalar('validFrom'),
    expiresOn: scalar('expiresOn'),
    services: items('services'),
    websites: items('websites'),
    apps: items('apps'),
    facilities:
      draft.facilities === initial.facilities
        ? parsed.facilities
        : draft.facilities
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l !== ''),
  };
}

/** The field path of an item's field in the parsed record (`services[0].coverage`). */
export function itemPath(list: ListName, origin: number, field?: string): string {
  return formatFieldPath(field === undefined ? [list, origin] : [list, origin, field]);
}

/** Whether the reviewer changed an item's field (an added item's filled field counts). */
export function itemFieldChanged<L extends ListName>(
  initial: Draft,
  item: ItemDraft<L>,
  list: L,
  field: ItemField<L>,
): boolean {
  if (item.origin === null) return item.values[field] !== '';
  const before = (initial[list] as readonly ItemDraft<L>[]).find((d) => d.origin === item.origin);
  return before === undefined || before.values[field] !== item.values[field];
}

/** How many corrections the draft holds: changed fields, added and removed items. */
export function countChanges(initial: Draft, draft: Draft): number {
  let n = SCALAR_FIELDS.filter((f) => draft.scalars[f] !== initial.scalars[f]).length;
  if (draft.facilities !== initial.facilities) n += 1;
  for (const list of Object.keys(ITEM_FIELDS) as ListName[]) {
    const now = draft[list] as readonly ItemDraft<typeof list>[];
    const before = initial[list] as readonly ItemDraft<typeof list>[];
    n += before.filter((b) => !now.some((d) => d.origin === b.origin)).length;
    for (const item of now) {
      if (item.origin === null) {
        n += 1;
        continue;
      }
      for (const field of ITEM_FIELDS[list]) {
        if (itemFieldChanged(initial, item, list, field)) n += 1;
      }
    }
  }
  return n;
}

/**
 * The evidence of a field path: its own, else its parent's (a service's `includes` was read from
 * the service's line `services[0]`; `holder.name` from its own line).
 */
export function findEvidence(
  evidence: Readonly<Record<string, Evidence>>,
  path: string,
): Evidence | undefined {
  for (let p: string | undefined = path; p !== undefined; p = parentFieldPath(p)) {
    const found = evidence[p];
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The parse notes about these exact field paths. */
export function notesFor(notes: readonly Note[], paths: readonly string[]): Note[] {
  return notes.filter((n) => paths.includes(n.field));
}

/**
 * The confidence below which a field is marked for a second look. A clean read has the document's
 * own confidence (1 for a text layer, the OCR engine's for a scan: the highest in the evidence);
 * repairs read lower (0.9 for a bracket, 0.8 for a date, 0.7 or less for a number). Marking every
 * field of a good scan would hide the ones that matter, so the mark is for fields below the
 * document's level (at most 0.9), and for every field of a poor scan (below 0.7).
 */
export function doubtfulBelow(evidence: Readonly<Record<string, Evidence>>): number {
  return Math.max(0.7, Math.min(0.9, documentConfidence(evidence)));
}

/** The confidence of the document's clean reads: 1 for a text layer, the OCR engine's for a scan. */
export function documentConfidence(evidence: Readonly<Record<string, Evidence>>): number {
  return Math.max(0, ...Object.values(evidence).map((e) => e.confidence));
}

export function isDoubtful(e: Evidence | undefined, below: number): boolean {
  return e !== undefined && (e.confidence < below || e.corrected === false);
}

/** A field path into an item of one of the form's lists: `services[0].coverage`. */
export interface ListItemPath {
  readonly list: ListName;
  readonly index: number;
  /** the item's field: `coverage`; null for the item itself (`services[0]`) */
  readonly field: string | null;
  /** the path's parts after the index (`['coverage']`) */
  readonly rest: readonly FieldPathPart[];
}

/** The list item a field path points into, or null (a scalar, facilities, provisions …). */
export function listItemOf(path: string): ListItemPath | null {
  const [list, index, ...rest] = parseFieldPath(path) ?? [];
  if (typeof list !== 'string' || !isListName(list) || typeof index !== 'number') return null;
  return { list, index, field: typeof rest[0] === 'string' ? rest[0] : null, rest };
}

/** The same path in another item of its list: `services[0].coverage` → `services[2].coverage`. */
export function moveItemPath(path: ListItemPath, index: number): string {
  return formatFieldPath([path.list, index, ...path.rest]);
}

function isListName(name: string): name is ListName {
  return Object.hasOwn(ITEM_FIELDS, name);
}

/**
 * The document's evidence keyed for the corrected record, for a re-check: item indexes follow the
 * draft's order, and the evidence of a removed item or of a field the reviewer changed is left out
 * (its line no longer says what the record does; the server treats a saved correction the same way).
 */
export function evidenceForDraft(
  evidence: Readonly<Record<string, Evidence>>,
  initial: Draft,
  draft: Draft,
): Record<string, Evidence> {
  const out: Record<string, Evidence> = {};
  for (const [key, e] of Object.entries(evidence)) {
    const path = listItemOf(key);
    if (path === null) {
      const field = key as ScalarField;
      const changed =
        (SCALAR_FIELDS as readonly string[]).includes(key) &&
        draft.scalars[field] !== initial.scalars[field];
      if (!changed) out[key] = e;
      continue;
    }
    const { list, field } = path;
    const items = draft[list] as readonly ItemDraft<ListName>[];
    const index = items.findIndex((i) => i.origin === path.index);
    const item = items[index];
    if (item === undefined) continue;
    const changed =
      field !== null &&
      path.rest.length === 1 &&
      (ITEM_FIELDS[list] as readonly string[]).includes(field) &&
      itemFieldChanged(initial, item, list, field as ItemField<ListName>);
    if (!changed) out[moveItemPath(path, index)] = e;
  }
  return out;
}
