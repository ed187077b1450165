/**
 * Character error rate of OCR output against a reference text: the edit distance between the two
 * after both are normalised (NFKC, so full-width and ASCII punctuation compare equal; whitespace
 * removed), divided by the reference's length. Used by the benchmark and the DPI measurement. Pure.
 */

function normalise(text: string): string[] {
  return Array.from(text.normalize('NFKC').replace(/\s+/gu, ''));
}

/** Levenshtein distance over code points, O(n·m) time and O(m) memory. */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur.push(Math.min(sub, (prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** CER of `hypothesis` against `reference`, 0 = perfect; can exceed 1 for garbage. */
export function characterErrorRate(hypothesis: string, reference: string): number {
  const ref = normalise(reference);
  if (ref.length === 0) return hypothesis.trim() === '' ? 0 : 1;
  return editDistance(normalise(hypothesis), ref) / ref.length;
}
