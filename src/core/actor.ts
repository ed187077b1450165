/**
 * Who did something, as recorded on events, history lines and the audit chain (docs/accounts.md).
 * An actor is one string, `kind:rest`, so the 45 places that record one carry it unchanged:
 *
 * - a person signed in through the browser: `person:{"id","name","email","address"}`;
 * - an API token: `token:{"id","name","createdBy":{"id","name"}|null,"address"}`;
 * - older entries and the system's own: `token:NAME`, `cli:USER`, `follow:SOURCE`, `xuke:…`,
 *   `service:…`, `authority:…`, kept as written (the chain's hashes cover them).
 *
 * The JSON keys are written in a fixed order, so `person:{"id":"u_1",` is a prefix a query can
 * filter by. Names are recorded as they were at the time: an auditor asks who did it then.
 */

export interface PersonRef {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
}

export type ParsedActor =
  | {
      readonly kind: 'person';
      readonly person: PersonRef;
      readonly address: string | null;
    }
  | {
      readonly kind: 'token';
      readonly token: { readonly id: string | null; readonly name: string };
      readonly createdBy: { readonly id: string; readonly name: string } | null;
      readonly address: string | null;
    }
  | { readonly kind: string; readonly name: string };

/** The actor string of a person acting through a browser session. */
export function personActor(person: PersonRef, address: string | null): string {
  return `person:${JSON.stringify({
    id: person.id,
    name: person.name,
    email: person.email,
    address,
  })}`;
}

/** The actor string of an API token, naming the person who created it when one did. */
export function tokenActor(
  token: { readonly id: string; readonly name: string },
  createdBy: { readonly id: string; readonly name: string } | null,
  address: string | null,
): string {
  return `token:${JSON.stringify({
    id: token.id,
    name: token.name,
    createdBy: createdBy === null ? null : { id: createdBy.id, name: createdBy.name },
    address,
  })}`;
}

/** The prefix every actor string of this person starts with (for filtering the audit log). */
export function personActorPrefix(userId: string): string {
  return `person:${JSON.stringify({ id: userId }).slice(0, -1)},`;
}

function objectOf(text: string): Record<string, unknown> | null {
  if (!text.startsWith('{')) return null;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** An actor string → its parts; any form it does not know is `{kind, name}` as written. */
export function parseActor(actor: string): ParsedActor {
  const colon = actor.indexOf(':');
  const kind = colon < 0 ? actor : actor.slice(0, colon);
  const rest = colon < 0 ? '' : actor.slice(colon + 1);
  const o = objectOf(rest);
  if (kind === 'person' && o !== null && str(o['id']) !== null) {
    return {
      kind: 'person',
      person: { id: str(o['id']) ?? '', name: str(o['name']) ?? '', email: str(o['email']) },
      address: str(o['address']),
    };
  }
  if (kind === 'token') {
    if (o === null) {
      return { kind: 'token', token: { id: null, name: rest }, createdBy: null, address: null };
    }
    const by = o['createdBy'];
    const creator =
      typeof by === 'object' && by !== null
        ? {
            id: str((by as Record<string, unknown>)['id']) ?? '',
            name: str((by as Record<string, unknown>)['name']) ?? '',
          }
        : null;
    return {
      kind: 'token',
      token: { id: str(o['id']), name: str(o['name']) ?? '' },
      createdBy: creator,
      address: str(o['address']),
    };
  }
  return { kind, name: rest };
}

/**
 * An actor in words for a terminal or a document: `张三 <zhang@example.com>`, `令牌“ci”（张三 创建）`,
 * `命令行（alice）`. The web UI has its own (web/src/components/actors.ts) in the page's language.
 */
export function describeActor(actor: string, lang: 'zh' | 'en' = 'zh'): string {
  const p = parseActor(actor);
  if ('person' in p) {
    return p.person.email === null ? p.person.name : `${p.person.name} <${p.person.email}>`;
  }
  if ('token' in p) {
    const name = p.token.name;
    if (p.createdBy === null) return lang === 'zh' ? `令牌“${name}”` : `token “${name}”`;
    return lang === 'zh'
      ? `令牌“${name}”（${p.createdBy.name} 创建）`
      : `token “${name}” (created by ${p.createdBy.name})`;
  }
  return actor;
}
