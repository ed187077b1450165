/**
 * Company and authority names in their registered form. The register writes a name with full-width
 * brackets around its place or form (云智联网络科技（北京）有限公司), no spaces between Chinese
 * characters, and nothing before or after it; OCR and text copied from viewers give ASCII brackets,
 * `〈〉` for `（）`, spaces, and stray punctuation at the ends (`;:腾讯云计算(北京)有限责任公司`).
 */

/** Punctuation that is never the first or last character of a registered name. */
const EDGE_PUNCTUATION =
  /^[\s;；:：,，.。、·•*_|'"`‘’“”!！?？-]+|(?<![A-Za-z])\.+$|[\s;；:：,，。、·•*_|'"`‘’“”!！?？-]+$/gu;
const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff';
const SPACE_IN_CJK = new RegExp(`(?<=[${CJK}（）])\\s+(?=[${CJK}（）])`, 'gu');

/**
 * A company or authority name as registered: ASCII `()` and OCR's `〈〉` become `（）`, spaces
 * between Chinese characters go, stray punctuation at either end goes. Latin letters and digits
 * inside are kept as written (`ABC科技有限公司`). Never throws; an empty result means nothing of a
 * name was there.
 */
export function normaliseName(raw: string): string {
  let s = raw.replace(EDGE_PUNCTUATION, '');
  // Brackets: only when the name is Chinese (a Latin-script name keeps its ASCII brackets).
  if (new RegExp(`[${CJK}]`, 'u').test(s)) {
    s = s.replace(/[(〈<［[]/gu, '（').replace(/[)〉>］\]]/gu, '）');
  }
  s = s.replace(SPACE_IN_CJK, '');
  return s.replace(EDGE_PUNCTUATION, '');
}
