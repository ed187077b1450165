/**
 * Plain-text licence documents: detect the encoding and decode. UTF-8 (with or without BOM),
 * UTF-16 with a BOM, and GB18030 (a superset of GBK and GB2312) are what Chinese documents come in.
 */
import { isUtf8 } from 'node:buffer';
import { DomainError } from '../../core/errors.js';
import type { Note } from '../../core/licence.js';
import type { DocumentTextSource, ExtractedText } from '../../ports/document-text-source.js';

export interface DecodedText {
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
  readonly notes: Note[];
}

// Decoders are stateless for one-shot decode() calls; constructing one costs more than decoding a
// licence, so each is built once.
const FATAL_GB18030 = new TextDecoder('gb18030', { fatal: true });
const UTF8 = new TextDecoder('utf-8');
const UTF16LE = new TextDecoder('utf-16le');
const UTF16BE = new TextDecoder('utf-16be');

/** Share of decoded characters that are CJK ideographs, ASCII or common punctuation. */
function plausibility(text: string): number {
  if (text.length === 0) return 1;
  let good = 0;
  let n = 0;
  for (const ch of text) {
    n++;
    const c = ch.codePointAt(0) ?? 0;
    if (
      (c >= 0x20 && c < 0x7f) ||
      c === 0x09 ||
      c === 0x0a ||
      c === 0x0d ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3000 && c <= 0x303f) ||
      (c >= 0xff00 && c <= 0xffef)
    ) {
      good++;
    }
  }
  return good / n;
}

/**
 * Decode bytes to text. Throws `DomainError(UNREADABLE_DOCUMENT)` naming the file when no
 * supported encoding reads them.
 */
export function decodeText(bytes: Uint8Array, name: string): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: UTF8.decode(bytes), encoding: 'utf-8', notes: [] };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: UTF16LE.decode(bytes), encoding: 'utf-16le', notes: [] };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: UTF16BE.decode(bytes), encoding: 'utf-16be', notes: [] };
  }
  // isUtf8 validates with SIMD, several times faster than a fatal TextDecoder.
  if (isUtf8(bytes)) return { text: UTF8.decode(bytes), encoding: 'utf-8', notes: [] };
  // A file cut in the middle of a character is still UTF-8: decode all but the broken tail.
  for (let cut = 1; cut <= 3 && cut < bytes.length; cut++) {
    const head = bytes.subarray(0, bytes.length - cut);
    if (!isUtf8(head)) continue;
    return {
      text: UTF8.decode(head),
      encoding: 'utf-8',
      notes: [
        {
          field: 'document',
          message: `${name} 末尾有 ${cut} 个字节不完整（文件可能被截断），已忽略`,
          messageEn: `${name} ends in ${cut} incomplete byte(s) (truncated file?); ignored`,
          line: null,
        },
      ],
    };
  }
  try {
    const text = FATAL_GB18030.decode(bytes);
    if (plausibility(text) >= 0.9) return { text, encoding: 'gb18030', notes: [] };
  } catch {
    // fall through to the error
  }
  throw new DomainError(
    'UNREADABLE_DOCUMENT',
    `${name}：无法识别文本编码（支持 UTF-8、UTF-16（带 BOM）、GB18030/GBK）`,
    `${name}: unrecognised text encoding (UTF-8, UTF-16 with BOM and GB18030/GBK are supported)`,
  );
}

/** The `DocumentTextSource` for plain text. */
export const textDocumentSource: DocumentTextSource = {
  extract(bytes: Uint8Array, name: string): Promise<ExtractedText> {
    try {
      const decoded = decodeText(bytes, name);
      return Promise.resolve({
        format: 'text',
        encoding: decoded.encoding,
        text: decoded.text,
        baseConfidence: 1,
        notes: decoded.notes,
      });
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  },
};
