/**
 * The review form's layout (its groups, lists and input ids) and where a field path of the record
 * is edited in it: `services[0].coverage` → the first service's coverage input, named
 * "业务 1 · 覆盖范围", and the document lines the field was read from. Pure: the draft and the
 * words are passed in.
 */
import type { Translate } from '../../i18n';
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
import type { reviewMessages, ReviewKey } from './messages';
import type { FindingTarget } from './ReportView';
import type { Evidence, ReportFinding } from './review-api';

type Words = Translate<typeof reviewMessages.zh>;

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

export const LISTS: readonly {
  readonly list: ListName;
  readonly title: ReviewKey;
  readonly item: ReviewKey;
  readonly add: ReviewKey;
}[] = [
  { list: 'services', title: 'groupServices', item: 'service', add: 'addService' },
  { list: 'websites', title: 'groupWebsites', item: 'website', add: 'addWebsite' },
  { list: 'apps', title: 'groupApps', item: 'app', add: 'addApp' },
];

export const HINTS: Readonly<Record<string, ReviewKey>> = {
  includes: 'listHint',
  excludes: 'listHint',
  coverage: 'listHint',
  stores: 'listHint',
  domains: 'domainsHint',
  code: 'codeHint',
};

export function scalarId(field: string): string {
  return `review-f-${field.replace(/[^A-Za-z0-9]+/gu, '-')}`;
}
export function itemId(key: string, field: string): string {
  return `review-f-${key}-${field}`;
}
export const FACILITIES_ID = 'review-f-facilities';

export function itemFieldLabel(t: Words, list: ListName, field: string): string {
  return t(`${list}.${field}` as ReviewKey);
}

/**
 * A field path → the input that edits it and its name for people (`services[0].coverage` →
 * 业务 1 · 覆盖范围). `order` says whose indexes the path uses: the checked record's (the draft's
 * order) or the parsed record's (notes and evidence).
 */
export function resolvePath(
  t: Words,
  draft: Draft,
  path: string,
  order: 'draft' | 'parsed',
): { id: string | null; label: string } | null {
  if ((SCALAR_FIELDS as readonly string[]).includes(path)) {
    return { id: scalarId(path), label: t(path as ScalarField) };
  }
  if (path === 'facilities' || path.startsWith('facilities[')) {
    return { id: FACILITIES_ID, label: t('facilities') };
  }
  const at = listItemOf(path);
  if (at === null) return null;
  const { list, index } = at;
  const items = draft[list] as readonly ItemDraft<ListName>[];
  const item = order === 'draft' ? items[index] : items.find((i) => i.origin === index);
  const fields = ITEM_FIELDS[list] as readonly string[];
  const field = at.field !== null && fields.includes(at.field) ? at.field : 'name';
  const title = LISTS.find((l) => l.list === list)?.item ?? 'service';
  return {
    id: item === undefined ? null : itemId(item.key, field),
    label: `${t(title, { n: index + 1 })} · ${itemFieldLabel(t, list, field)}`,
  };
}

/** The finding's field paths (in the checked record's order) → the inputs that edit them. */
export function fieldTargets(
  t: Words,
  draft: Draft,
  f: ReportFinding,
): { id: string; label: string }[] {
  const out = new Map<string, string>();
  for (const path of f.fields) {
    const target = resolvePath(t, draft, path, 'draft');
    if (target !== null && target.id !== null) out.set(target.id, target.label);
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
