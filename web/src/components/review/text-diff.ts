/**
 * Where two values of a field differ, by characters (code points), so the review marks the
 * characters that changed rather than striking whole paragraphs: the common start and end are kept,
 * what lies between is the changed run. Losses, shortenings and pasted page furniture (what a save
 * is stopped for) each change one stretch of a field, which this marks exactly.
 */

/** One side's text as [kept start, changed run, kept end]. */
export type Runs = readonly [start: string, changed: string, end: string];

export function diffText(before: string, after: string): { before: Runs; after: Runs } {
  // code points: a CJK extension character is one character, not two halves (licence text has no
  // emoji sequences that would need grapheme clusters)
  const a = Array.from(before);
  const b = Array.from(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let end = 0;
  while (
    end < a.length - start &&
    end < b.length - start &&
    a[a.length - 1 - end] === b[b.length - 1 - end]
  ) {
    end += 1;
  }
  const split = (c: string[]): Runs => [
    c.slice(0, start).join(''),
    c.slice(start, c.length - end).join(''),
    c.slice(c.length - end).join(''),
  ];
  return { before: split(a), after: split(b) };
}
