/**
 * Field paths: where a value sits in a licence record, as findings, evidence, parse notes and
 * record differences name it (`number`, `holder.name`, `services[0].coverage`, `signatures[1]`).
 * The one reader of the format, shared by the core and the web UI (which imports this file, so it
 * imports nothing and stays small).
 *
 * A path is a field name followed by `.name` (a field of an object) and `[n]` (an item of a list)
 * parts; a name is anything but `.`, `[` and `]`.
 */

/** One part of a path: a field name, or a list item's index. */
export type FieldPathPart = string | number;

const PATH = /^[^.[\]]+(?:\.[^.[\]]+|\[\d+\])*$/u;

/** `services[0].coverage` → `['services', 0, 'coverage']`; null when it is not a path. */
export function parseFieldPath(path: string): FieldPathPart[] | null {
  if (!PATH.test(path)) return null;
  // after a split on `.` and `[`, an index is the part that ends in `]` (a name cannot)
  return path.split(/[.[]/u).map((p) => (p.endsWith(']') ? Number(p.slice(0, -1)) : p));
}

/** `['services', 0, 'coverage']` → `services[0].coverage`. */
export function formatFieldPath(parts: readonly FieldPathPart[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i > 0 ? `.${p}` : p)).join('');
}

/** `a.b[2].c` → `a.b[2]` → `a.b` → `a` → undefined (and undefined for what is not a path). */
export function parentFieldPath(path: string): string | undefined {
  const parts = parseFieldPath(path);
  return parts !== null && parts.length > 1 ? formatFieldPath(parts.slice(0, -1)) : undefined;
}
