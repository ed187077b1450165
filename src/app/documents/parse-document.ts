/**
 * Use case: a submitted document (bytes) → the licence record (ParseResult).
 * Picks the text source by the document's content, extracts its text, parses it, and records where
 * it came from. Expected failures are `DomainError`s that name the document.
 */
import { sniffDocumentFormat } from '../../core/document-format.js';
import { DomainError } from '../../core/errors.js';
import { LICENCE_SCHEMA_ID, type Evidence, type ParseResult } from '../../core/licence.js';
import { markDoubtfulFields } from '../../core/ocr/doubtful-fields.js';
import type { LineGeometry } from '../../core/ocr/line-geometry.js';
import { parseLicenceText } from '../../core/parse/parse-licence-text.js';
import type { DocumentTextSources, Hasher } from '../../ports/document-text-source.js';
import type { UsageQuota } from '../../ports/usage-quota.js';

export interface ParseDocumentDeps {
  readonly sources: DocumentTextSources;
  readonly hasher: Hasher;
  /** the largest document accepted, in bytes */
  readonly maxBytes: number;
  /** each organisation's quotas (the service); charged only when a read names its organisation */
  readonly quota?: UsageQuota | undefined;
}

/** Whose read this is and when to stop it (the API's uploads and jobs; the CLI passes none). */
export interface ReadOptions {
  /** the client disconnected, the job was cancelled: OCR stops and its processes are killed */
  readonly signal?: AbortSignal | undefined;
  /** the organisation charged (quotas) and served in its turn (the OCR queue) */
  readonly organisation?: string | undefined;
}

/** Default size limit for one document: generous for text and PDFs of licences (a few pages). */
export const DEFAULT_MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  pdf: 'PDF',
  png: 'PNG 图片',
  jpeg: 'JPEG 图片',
  tiff: 'TIFF 图片',
  gif: 'GIF 图片',
  webp: 'WebP 图片',
  bmp: 'BMP 图片',
  heif: 'HEIC/HEIF/AVIF 图片',
  jpeg2000: 'JPEG 2000 图片',
};

/** Formats xuke recognises but never reads: the user is told what to convert them to. */
const CONVERT_FIRST = new Set(['gif', 'webp', 'bmp', 'heif', 'jpeg2000']);

/**
 * Every error about a document names it. Extractors name it where they know it; errors from deeper
 * down (an OCR engine, a decoder) do not, and get the name here, once for every source.
 */
function namingDocument(e: unknown, name: string): unknown {
  if (!(e instanceof DomainError) || e.message.includes(name)) return e;
  return new DomainError(e.code, `${name}：${e.message}`, `${name}: ${e.messageEn}`, {
    cause: e,
    // a refusal's wait (a quota, a full queue) stays with it: the API's Retry-After
    ...(e.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: e.retryAfterSeconds }),
  });
}

/** Each field's evidence with the page and box of its line, where OCR said where it was. */
function placeEvidence(
  evidence: Record<string, Evidence>,
  geometry: readonly (LineGeometry | null)[] | undefined,
): Record<string, Evidence> {
  if (!geometry) return evidence;
  const out: Record<string, Evidence> = {};
  for (const [field, e] of Object.entries(evidence)) {
    const place = geometry[e.line - 1];
    out[field] = place ? { ...e, page: place.page, box: [...place.box] } : e;
  }
  return out;
}

/** A parsed document with the text it was parsed from. */
export interface ReadDocument {
  readonly parse: ParseResult;
  /** the extracted text the parser read: its lines are the evidence's line numbers */
  readonly text: string;
}

/**
 * Parse one document. `name` is how messages refer to it (a file path, `-` for stdin, an upload's
 * file name).
 */
export async function parseDocument(
  bytes: Uint8Array,
  name: string,
  deps: ParseDocumentDeps,
  options: ReadOptions = {},
): Promise<ParseResult> {
  return (await readDocument(bytes, name, deps, options)).parse;
}

/** {@link parseDocument}, keeping the extracted text (the review screen shows it beside the fields). */
export async function readDocument(
  bytes: Uint8Array,
  name: string,
  deps: ParseDocumentDeps,
  options: ReadOptions = {},
): Promise<ReadDocument> {
  if (bytes.length > deps.maxBytes) {
    throw new DomainError(
      'INPUT_TOO_LARGE',
      `${name}：文件 ${bytes.length} 字节，超过上限 ${deps.maxBytes} 字节`,
      `${name}: ${bytes.length} bytes exceeds the limit of ${deps.maxBytes}`,
    );
  }
  if (bytes.length === 0) {
    throw new DomainError('NOT_A_LICENCE', `${name}：文件为空`, `${name}: the file is empty`);
  }
  const format = sniffDocumentFormat(bytes);
  if (format === 'binary') {
    throw new DomainError(
      'UNREADABLE_DOCUMENT',
      `${name}：不是文本、PDF 或图片文件`,
      `${name}: neither text, PDF nor an image`,
    );
  }
  const source = deps.sources[format];
  if (!source) {
    const what = FORMAT_NAMES[format] ?? format;
    if (CONVERT_FIRST.has(format)) {
      throw new DomainError(
        'UNSUPPORTED_FORMAT',
        `${name}：是 ${what}，不能直接读取；请转换为 PDF、PNG、JPEG 或 TIFF 后再提交`,
        `${name}: a ${format.toUpperCase()} image, which xuke does not read; convert it to PDF, PNG, JPEG or TIFF`,
      );
    }
    throw new DomainError(
      'UNSUPPORTED_FORMAT',
      `${name}：是 ${what}，本版本尚不能读取此格式（请提供文本文件）`,
      `${name}: a ${format.toUpperCase()} document, which this build cannot read yet (supply text)`,
    );
  }
  const { organisation, signal } = options;
  const quota = organisation === undefined ? undefined : deps.quota;
  if (quota && organisation !== undefined) {
    await quota.chargeUploadBytes(organisation, bytes.length).catch((e: unknown) => {
      throw namingDocument(e, name);
    });
  }
  const extracted = await source
    .extract(bytes, name, {
      signal,
      organisation,
      chargePages:
        quota && organisation !== undefined
          ? (pages) => quota.chargeOcrPages(organisation, pages)
          : undefined,
    })
    .catch((e: unknown) => {
      throw namingDocument(e, name);
    });
  const parsed = parseLicenceText(extracted.text, { baseConfidence: extracted.baseConfidence });
  if (!parsed.ok) {
    throw new DomainError(
      parsed.code,
      `${name}：${parsed.message}`,
      `${name}: ${parsed.messageEn}`,
    );
  }
  // Fields OCR was unsure of are marked where the engine said so, character by character.
  const doubtful = extracted.characterConfidence
    ? markDoubtfulFields(parsed, extracted.text, extracted.characterConfidence)
    : { evidence: parsed.evidence, notes: [] };
  const parse: ParseResult = {
    schema: LICENCE_SCHEMA_ID,
    licence: parsed.licence,
    source: {
      format: extracted.format,
      encoding: extracted.encoding,
      sha256: deps.hasher.sha256(bytes),
      pageLabels: parsed.pageLabels,
      ...(extracted.pages === undefined ? {} : { pages: extracted.pages }),
    },
    notes: [...extracted.notes, ...parsed.notes, ...doubtful.notes],
    evidence: placeEvidence(doubtful.evidence, extracted.lineGeometry),
  };
  return { parse, text: extracted.text };
}
