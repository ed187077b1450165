/**
 * Field-by-field comparison of an expected licence record with a parsed one, for the corpus's
 * accuracy figures. Every scalar field is one field; list fields are compared item by item (an
 * item the parser missed, or one it invented, is a failed field). A list of strings inside one
 * item (a service's excludes, a website's domains) is one field, joined with 、.
 *
 * `key` marks the fields the scan target names: number, holder, legal representative,
 * credit code, services with codes, dates, domains.
 */
import type { Licence } from '../../src/core/licence.js';

export interface FieldComparison {
  path: string;
  key: boolean;
  exact: boolean;
  expected: string;
  actual: string;
}

export interface RecordComparison {
  fields: FieldComparison[];
}

const NULL = '∅';

function show(v: string | number | null | undefined): string {
  return v === null || v === undefined ? NULL : String(v);
}

function list(v: readonly string[] | undefined): string {
  return v === undefined ? NULL : v.join('、');
}

export function compareRecords(expected: Licence, actual: Licence): RecordComparison {
  const fields: FieldComparison[] = [];
  const add = (path: string, key: boolean, e: string, a: string): void => {
    fields.push({ path, key, exact: e === a, expected: e, actual: a });
  };

  add('kind', false, show(expected.kind), show(actual.kind));
  add('number', true, show(expected.number), show(actual.number));
  add('holder.name', true, show(expected.holder.name), show(actual.holder.name));
  add(
    'holder.legalRepresentative',
    true,
    show(expected.holder.legalRepresentative),
    show(actual.holder.legalRepresentative),
  );
  add('holder.creditCode', true, show(expected.holder.creditCode), show(actual.holder.creditCode));
  add('holder.address', false, show(expected.holder.address), show(actual.holder.address));
  add('issuer', false, show(expected.issuer), show(actual.issuer));
  add('issuedOn', true, show(expected.issuedOn), show(actual.issuedOn));
  add('validFrom', true, show(expected.validFrom), show(actual.validFrom));
  add('expiresOn', true, show(expected.expiresOn), show(actual.expiresOn));

  // List items are paired before they are compared, so one missed item does not fail every item
  // after it: each expected item takes the unpaired parsed item that agrees with it on the most
  // fields (at least one), else the parsed item at its own index if that is still free. Parsed
  // items left over are failures with nothing expected.
  const items = <T>(
    prefix: string,
    e: readonly T[],
    a: readonly T[],
    parts: (x: T | undefined) => [string, boolean, string][],
  ): void => {
    const pairs = align(e, a, (x, y) => {
      const px = parts(x);
      const py = parts(y);
      return px.filter(([, , v], k) => v === py[k]?.[2]).length;
    });
    pairs.forEach(([i, j], k) => {
      const label = i !== undefined ? i : e.length + k;
      const pe = parts(i === undefined ? undefined : e[i]);
      const pa = parts(j === undefined ? undefined : a[j]);
      pe.forEach(([name, key, v], f) => {
        add(`${prefix}[${label}]${name}`, key, v, pa[f]?.[2] ?? NULL);
      });
    });
  };

  items('services', expected.services, actual.services, (x) => [
    ['.code', true, show(x?.code)],
    ['.name', true, show(x?.name)],
    ['.qualifier', false, show(x?.qualifier)],
    ['.includes', false, list(x?.includes)],
    ['.excludes', false, list(x?.excludes)],
    ['.coverage', false, list(x?.coverage)],
  ]);
  items('websites', expected.websites, actual.websites, (x) => [
    ['.name', false, show(x?.name)],
    ['.domains', true, list(x?.domains)],
    ['.serverLocation', false, show(x?.serverLocation)],
    ['.accessProvider', false, show(x?.accessProvider)],
  ]);
  items('apps', expected.apps, actual.apps, (x) => [
    ['.name', false, show(x?.name)],
    ['.stores', false, list(x?.stores)],
  ]);
  items('facilities', expected.facilities, actual.facilities, (x) => [['', false, show(x)]]);
  items('provisions', expected.provisions, actual.provisions, (p) => [
    ['', false, p === undefined ? NULL : `${p.id}|${p.appliesTo ?? ''}|${p.text}`],
  ]);
  items('inspections', expected.inspections, actual.inspections, (x) => [
    ['', false, x === undefined ? NULL : `${x.year}|${x.result}|${x.stampedOn ?? ''}`],
  ]);
  items('signatures', expected.signatures, actual.signatures, (x) => [
    ['', false, x === undefined ? NULL : `${x.role}|${x.name ?? ''}|${x.date ?? ''}`],
  ]);
  return { fields };
}

/**
 * Pair expected items with parsed items: [expected index | undefined, parsed index | undefined],
 * in expected order, then the parsed items nobody took.
 */
function align<T>(
  e: readonly T[],
  a: readonly T[],
  score: (x: T, y: T) => number,
): [number | undefined, number | undefined][] {
  const used = new Set<number>();
  const pairs: [number | undefined, number | undefined][] = [];
  e.forEach((x, i) => {
    let best = -1;
    let bestScore = 0;
    a.forEach((y, j) => {
      if (used.has(j)) return;
      const s = score(x, y) + (i === j ? 0.5 : 0);
      if (s > bestScore) {
        best = j;
        bestScore = s;
      }
    });
    if (best < 0 && i < a.length && !used.has(i)) best = i;
    if (best >= 0) used.add(best);
    pairs.push([i, best >= 0 ? best : undefined]);
  });
  a.forEach((_, j) => {
    if (!used.has(j)) pairs.push([undefined, j]);
  });
  return pairs;
}

/** Restrict a comparison to the fields a family counts (damage families leave some out). */
export function countedFields(
  comparison: RecordComparison,
  counts: ((path: string) => boolean) | undefined,
): FieldComparison[] {
  return counts === undefined ? comparison.fields : comparison.fields.filter((f) => counts(f.path));
}
