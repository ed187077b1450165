/**
 * A field-level diff of two licence records (consecutive versions): which paths changed, what
 * they were and what they became. Paths follow the evidence keys of licence-record.md
 * (`holder.name`, `services[0].coverage`, `provisions[5].text`). A list of plain values
 * (coverage, domains, includes) is one field: a region added to a coverage reads as one change,
 * not as every later position shifting. Lists of objects (services, websites) go item by item.
 */

/** A field's value: a plain value, or a list of plain values. */
export type Leaf = string | number | boolean | null | readonly (string | number | boolean | null)[];

export interface FieldChange {
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  /** `undefined`: the field did not exist in that version */
  readonly before: Leaf | undefined;
  readonly after: Leaf | undefined;
}

type Plain = string | number | boolean | null;

function isPlain(v: unknown): v is Plain {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An object, or a list holding an object: something to descend into. */
function isContainer(v: unknown): boolean {
  return isRecord(v) || (Array.isArray(v) && v.some((x) => !isPlain(x)));
}

function sameLeaf(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  }
  return Object.is(a, b);
}

/** Anything that is not a container, shown as it is; a stray nested value as JSON. */
function asLeaf(v: unknown): Leaf | undefined {
  if (v === undefined || isPlain(v)) return v;
  if (Array.isArray(v) && v.every(isPlain)) return v;
  return JSON.stringify(v);
}

function walk(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  const descend =
    (isContainer(before) || isContainer(after)) &&
    // both sides must be of one shape (or missing) to be compared part by part
    (before === undefined ||
      after === undefined ||
      (Array.isArray(before) && Array.isArray(after)) ||
      (isRecord(before) && isRecord(after)));
  if (descend) {
    if (Array.isArray(before) || Array.isArray(after)) {
      const a = Array.isArray(before) ? before : [];
      const b = Array.isArray(after) ? after : [];
      for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
        walk(a[i], b[i], `${path}[${i}]`, out);
      }
      return;
    }
    const a = isRecord(before) ? before : {};
    const b = isRecord(after) ? after : {};
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    for (const key of keys) walk(a[key], b[key], path === '' ? key : `${path}.${key}`, out);
    return;
  }
  if (sameLeaf(before, after)) return;
  out.push({
    path,
    kind: before === undefined ? 'added' : after === undefined ? 'removed' : 'changed',
    before: asLeaf(before),
    after: asLeaf(after),
  });
}

/** Every field that differs between two records, in the record's own order. */
export function diffRecords(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  walk(before, after, '', out);
  return out;
}
