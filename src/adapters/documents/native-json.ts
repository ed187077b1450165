/**
 * pdf.js's legacy build bundles core-js's `JSON.parse`/`JSON.stringify` with source (the
 * JSON.rawJSON proposal). Node 20 has no `JSON.rawJSON`, so core-js replaces both functions for
 * the whole process with JavaScript ones: stringify of a 370 KB answer went from 1.1 ms to 18.3 ms,
 * and every HTTP answer is serialised with it. pdf.js itself never uses rawJSON (core-js's
 * feature test is the only caller), so the native functions are put back.
 *
 * This module is evaluated before pdf.js (it is pdf-document.ts's first import) and keeps the
 * native functions; `restoreNativeJson` puts them back after pdf.js and its worker have loaded.
 */
const nativeStringify = JSON.stringify;
const nativeParse = JSON.parse;

export function restoreNativeJson(): void {
  if (JSON.stringify !== nativeStringify) JSON.stringify = nativeStringify;
  if (JSON.parse !== nativeParse) JSON.parse = nativeParse;
}
