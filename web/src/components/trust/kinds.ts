/**
 * The glossary's words for the kinds of organisation (docs/trust.md), apart from the rest of it
 * (glossary.ts, which includes them): the header names the current organisation's kind on every
 * page, and should not carry the whole glossary to do so.
 */
import type { Schemas } from '../../api/client';
import type { Assert, SameMembers } from '../../api/same-members';
import { defineMessages, useT, type Pair } from '../../i18n';

export const ORG_KINDS = ['authority', 'holder', 'platform'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export type OrgKindsChecked = Assert<
  SameMembers<typeof ORG_KINDS, Schemas['Organisation']['kind']>
>;

/** The kinds' words (glossary.ts includes them in its own). */
export const KIND_WORDS = {
  kind_authority: ['发证机关', 'Issuing authority'],
  kind_holder: ['持证单位', 'Licence holder'],
  kind_platform: ['平台', 'Platform'],
} as const satisfies Readonly<Record<string, Pair>>;

export const kindWords = defineMessages(KIND_WORDS);

/** The key of a kind's word, or null for a kind the UI does not know (shown as it is). */
export function kindKey(kind: string): keyof typeof kindWords.zh | null {
  return (ORG_KINDS as readonly string[]).includes(kind)
    ? (`kind_${kind}` as keyof typeof kindWords.zh)
    : null;
}

/** The word for a kind: `kind('authority')` → 发证机关; an unknown kind as it is. */
export function useKindWord(): (kind: string) => string {
  const k = useT(kindWords);
  return (kind) => {
    const key = kindKey(kind);
    return key === null ? kind : k(key);
  };
}
