/**
 * A list's domains cell → the domains: separated by spaces, commas (`,` `，`), the enumeration
 * comma `、`, semicolons (`;` `；`) or line breaks, in any mix; empty pieces dropped, duplicates
 * (case-insensitive) kept once, in the order written.
 */
const SEPARATORS = /[\s,，、;；]+/u;

export function splitDomains(cell: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const piece of cell.normalize('NFKC').split(SEPARATORS)) {
    const domain = piece.trim();
    if (domain === '') continue;
    const key = domain.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(domain);
  }
  return out;
}
