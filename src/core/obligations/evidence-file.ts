/**
 * A file kept as evidence of a completed obligation (a filing receipt, a screenshot of the
 * submission, the report itself): how large it may be, what it is called and what type it is
 * stored and served as. The type is told by the file's content where the content says it (PDF and
 * images by their magic bytes, text by having no NUL bytes), and only otherwise by what the browser
 * declared, within a short list of office formats; anything else is `application/octet-stream`.
 * So a stored file is never served as HTML or script, whatever its uploader said it was.
 */
import { sniffDocumentFormat, type DocumentFormat } from '../document-format.js';

/** The largest evidence file stored: 10 MiB. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** The longest file name kept, in characters (its extension is kept when it is cut). */
export const EVIDENCE_NAME_MAX = 200;

const BY_CONTENT: Readonly<Partial<Record<DocumentFormat, string>>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  heif: 'image/heif',
  jpeg2000: 'image/jp2',
};

/** Binary formats taken as declared: their content (a ZIP, an OLE file) does not say which. */
const DECLARED_BINARY: readonly string[] = [
  'application/zip',
  'application/ofd',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
];

const FALLBACK = 'application/octet-stream';

/** Every media type an evidence file is stored and served as. */
export const EVIDENCE_MEDIA_TYPES: readonly string[] = [
  ...new Set([
    ...Object.values(BY_CONTENT),
    'text/plain',
    'text/csv',
    ...DECLARED_BINARY,
    FALLBACK,
  ]),
];

/**
 * The media type to store `bytes` as: the content's own where it tells one, else the declared
 * type when it is one of the office formats, else `application/octet-stream`. Text is `text/plain`
 * (`text/csv` when so declared), never HTML.
 */
export function evidenceMediaType(bytes: Uint8Array, declared: string | undefined): string {
  const stated = (declared ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const format = sniffDocumentFormat(bytes);
  const byContent = BY_CONTENT[format];
  if (byContent !== undefined) return byContent;
  if (format === 'text') return stated === 'text/csv' ? 'text/csv' : 'text/plain';
  return DECLARED_BINARY.includes(stated) ? stated : FALLBACK;
}

/**
 * A file name safe to store and to offer back: the last part of a path (some browsers send
 * `C:\fakepath\…`), without control characters, trimmed, at most {@link EVIDENCE_NAME_MAX}
 * characters with its extension kept; `evidence` when nothing is left.
 */
export function evidenceFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/u).pop() ?? '';
  const clean = base.replace(/\p{Cc}|\p{Cf}/gu, '').trim();
  if (clean === '' || clean === '.' || clean === '..') return 'evidence';
  // cut between characters as a person sees them, never inside one
  const chars = graphemes(clean);
  if (chars.length <= EVIDENCE_NAME_MAX) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 10 ? graphemes(clean.slice(dot)) : [];
  return [...chars.slice(0, EVIDENCE_NAME_MAX - ext.length), ...ext].join('');
}

function graphemes(text: string): string[] {
  return Array.from(
    new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text),
    (s) => s.segment,
  );
}
