/**
 * Paging of the API's lists, like the licence list: `limit` and `cursor` query parameters, answered
 * `{ items, next }` with `next` null on the last page. A cursor is opaque: the base64url of the last
 * item's sort key (JSON), so a page after it is "the items whose key sorts after it" — stable when
 * items are inserted or removed meanwhile (no item is seen twice, none that existed throughout is
 * skipped). A cursor that is not one of ours is a 400 naming the `cursor` parameter.
 */
import { z } from 'zod';
import { list } from './schema-helpers.js';
import { RequestValidationError } from './validation-problem.js';

/** A list's default page size when the client names none. */
export const PAGE_DEFAULT = 100;
/** The largest page any list answers (a larger `limit` is a 400). */
export const PAGE_MAX = 1000;

/** The `limit` and `cursor` query parameters, with a list's own default and maximum. */
export function pageQuery(defaultLimit = PAGE_DEFAULT, max = PAGE_MAX) {
  return {
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(max)
      .default(defaultLimit)
      .describe(`items per page (default ${defaultLimit}, at most ${max})`),
    cursor: z
      .string()
      .max(500)
      .optional()
      .describe('the previous page’s next (opaque); absent for the first page'),
  };
}

/** The query of a list with no other parameter. */
export const PageQuerySchema = z.object(pageQuery());

/** A page's `next`. */
export const PageNext = z
  .string()
  .nullable()
  .describe('pass as cursor for the next page; null on the last page');

/** `{ items, next }`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: list(item), next: PageNext });
}

export type KeyPart = string | number | null;
export type Direction = 'asc' | 'desc';

/** The cursor of a sort key. */
export function encodeCursor(key: readonly KeyPart[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The 400 of a cursor that is not one of this list's. */
export function badCursor(query: unknown): RequestValidationError {
  return new RequestValidationError(
    'querystring',
    [{ code: 'custom', path: ['cursor'], params: { message: 'not a cursor of this list' } }],
    query,
  );
}

/**
 * The sort key a cursor carries, `arity` parts of strings, numbers or null; anything else (not
 * base64url, not JSON, another shape) is a 400 naming `cursor`.
 */
export function decodeCursor(cursor: string, arity: number, query: unknown): KeyPart[] {
  if (!/^[\w-]+$/u.test(cursor)) throw badCursor(query);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor(query);
  }
  if (
    !Array.isArray(key) ||
    key.length !== arity ||
    !key.every((k) => k === null || typeof k === 'string' || typeof k === 'number')
  ) {
    throw badCursor(query);
  }
  return key as KeyPart[];
}

function compareParts(a: KeyPart, b: KeyPart): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Compare two sort keys, each part in its direction. */
export function compareKeys(
  a: readonly KeyPart[],
  b: readonly KeyPart[],
  order: readonly Direction[],
): number {
  for (let i = 0; i < order.length; i++) {
    const c = compareParts(a[i] ?? null, b[i] ?? null);
    if (c !== 0) return order[i] === 'desc' ? -c : c;
  }
  return 0;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/**
 * One page of a list read whole from its store (a list bounded by what one organisation keeps:
 * webhooks, confirmations of a number, spot checks, annual reports, list entries): sorted by `key`
 * (unique: it ends with an id) in `order`, the items after the cursor's key, `limit` of them.
 */
export function paged<T>(
  all: readonly T[],
  key: (item: T) => readonly KeyPart[],
  order: readonly Direction[],
  page: PageRequest,
  query: unknown,
): { items: T[]; next: string | null } {
  const keyed = all.map((item) => ({ item, key: key(item) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key, order));
  const after =
    page.cursor === undefined ? undefined : decodeCursor(page.cursor, order.length, query);
  const rest =
    after === undefined ? keyed : keyed.filter((k) => compareKeys(k.key, after, order) > 0);
  const items = rest.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((k) => k.item),
    next: rest.length > page.limit && last !== undefined ? encodeCursor(last.key) : null,
  };
}
