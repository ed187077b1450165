/**
 * The review form's layout (its groups, lists and input ids) and where a field path of the record
 * is edited in it: `services[0].coverage` → the first service's coverage input, named
 * 第 1 项业务的覆盖范围 (licence/field-names.ts), and the document lines the field was read from.
 * Pure: the draft and the language are passed in.
 */
import type { Lang } from '../../i18n';
import { fieldLabel } from '../licence/field-names';
import {
  findEvidence,
  ITEM_FIELDS,
  LICENCE_KINDS,
  listItemOf,
  moveItemPath,
  SCALAR_FIELDS,
  type Draft,
  type ItemDraft,
  type ListName,
  type ScalarField,
} from './draft';
import type { ReviewKey } from './messages';
import type { FindingTarget } from './ReportView';
import type { Evidence, ReportFinding } from './review-api';

export const GROUPS: readonly {
  readonly title: ReviewKey;
  readonly fields: readonly ScalarField[];
}[] = [
  { title: 'groupLicence', fields: ['number', 'kind'] },
  {
    title: 'groupHolder',
    fields: ['holder.name', 'holder.legalRepresentative', 'holder.creditCode', 'holder.address'],
  },
  { title: 'groupValidity', fields: ['issuer', 'issuedOn', 'validFrom', 'expiresOn'] },
];
export const DATE_FIELDS: ReadonlySet<ScalarField> = new Set([
  'issuedOn',
  'validFrom',
  'expiresOn',
]);
/** The licence kind's choices: none (not recognised), then each kind. */
export const KIND_OPTIONS = ['', ...LICENCE_KINDS] as const;

/** The lists edited item by item, in the form's order; each titled by its field's name. */
export const LISTS: readonly { readonly list: ListName; readonly add: ReviewKey }[] = [
  { list: 'services', add: 'addService' },
  { list: 'websites', add: 'addWebsite' },
  { list: 'apps', add: 'addApp' },
];

export const HINTS: Readonly<Record<string, ReviewKey>> = {
  includes: 'listHint',
  excludes: 'listHint',
  coverage: 'listHint',
  stores: 'listHint',
  domains: 'domainsHint',
  code: 'codeHint',
  qualifier: 'qualifierHint',
};

export function scalarId(field: string): string {
  return `review-f-${field.replace(/[^A-Za-z0-9]+/gu, '-')}`;
}
/** Move the focus to the review's input with this id (a field a finding names, a new item's). */
export function focusInput(id: string): void {
  document.getElementById(id)?.focus();
}

export function itemId(key: string, field: string): string {
  return `review-f-${key}-${field}`;
}
export const FACILITIES_ID = 'review-f-facilities';

/**
 * A field path → the input that edits it and its name for people (`services[0].coverage` →
 * 第 1 项业务的覆盖范围). `order` says whose indexes the path uses: the checked record's (the draft's
 * order) or the parsed record's (notes and evidence); the name counts in the draft's order, as the
 * form shows the items. A path the form does not edit has no input (`id` null).
 */
export function resolvePath(
  lang: Lang,
  draft: Draft,
  path: string,
  order: 'draft' | 'parsed',
): { id: string | null; label: string } {
  if ((SCALAR_FIELDS as readonly string[]).includes(path)) {
    return { id: scalarId(path), label: fieldLabel(path, lang) };
  }
  if (path === 'facilities' || path.startsWith('facilities[')) {
    return { id: FACILITIES_ID, label: fieldLabel(path, lang) };
  }
  const at = listItemOf(path);
  if (at === null) return { id: null, label: fieldLabel(path, lang) };
  const { list, index } = at;
  const items = draft[list] as readonly ItemDraft<ListName>[];
  const position = order === 'draft' ? index : items.findIndex((i) => i.origin === index);
  const item = items[position];
  const fields = ITEM_FIELDS[list] as readonly string[];
  const field = at.field !== null && fields.includes(at.field) ? at.field : 'name';
  return {
    id: item === undefined ? null : itemId(item.key, field),
    label: fieldLabel(moveItemPath(at, position < 0 ? index : position), lang),
  };
}

/** The finding's field paths (in the checked record's order) → the inputs that edit them. */
export function fieldTargets(
  lang: Lang,
  draft: Draft,
  f: ReportFinding,
): { id: string; label: string }[] {
  const out = new Map<string, string>();
  for (const path of f.fields) {
    const target = resolvePath(lang, draft, path, 'draft');
    if (target.id !== null) out.set(target.id, target.label);
  }
  return [...out].map(([id, label]) => ({ id, label }));
}

/** The lines a finding rests on: its own evidence, else where its fields were read. */
export function linesOf(
  evidence: Readonly<Record<string, Evidence>>,
  draft: Draft,
  f: ReportFinding,
): FindingTarget[] {
  if (f.evidence.length > 0) return [...f.evidence];
  const lines = new Map<number, string>();
  for (const path of f.fields) {
    // a path into an item counts in the draft's order; the evidence in the parsed record's
    const at = listItemOf(path);
    const origin = at === null ? null : (draft[at.list][at.index]?.origin ?? null);
    const documentPath = at === null ? path : origin === null ? null : moveItemPath(at, origin);
    const e = documentPath === null ? undefined : findEvidence(evidence, documentPath);
    if (e !== undefined) lines.set(e.line, e.text);
  }
  return [...lines].map(([line, text]) => ({ line, text }));
}
