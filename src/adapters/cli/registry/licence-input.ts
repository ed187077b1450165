/**
 * A licence as `xuke register issue FILE` and `xuke register event … --record FILE` take it: an
 * application document (text, PDF, scan), parsed as `xuke import` parses it and kept as the
 * decision's document, or a JSON record (`xuke.licence/v1`, a ParseResult or an export line: their
 * `licence`), whose missing fields are empty.
 */
import { parseDocument } from '../../../app/documents/parse-document.js';
import { sniffDocumentFormat } from '../../../core/document-format.js';
import { DomainError } from '../../../core/errors.js';
import { emptyLicence, type Licence } from '../../../core/licence.js';
import type { SourceDocument } from '../../../ports/licence-store.js';
import type { CliContext } from '../cli-context.js';

export interface LicenceInput {
  readonly licence: Licence;
  /** the document it was read from; null for a JSON record */
  readonly document: SourceDocument | null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The JSON record in `bytes`, or undefined when they are not JSON text (a document, then). */
function jsonRecord(bytes: Uint8Array, name: string): Licence | undefined {
  if (sniffDocumentFormat(bytes) !== 'text') return undefined;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/u, '');
  if (!text.trimStart().startsWith('{')) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DomainError(
      'INVALID_INPUT',
      `${name}：不是有效的 JSON（${e instanceof Error ? e.message : String(e)}）`,
      `${name}: not valid JSON (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  if (!isObject(json)) {
    throw new DomainError(
      'INVALID_INPUT',
      `${name}：JSON 应为许可证记录对象`,
      `${name}: the JSON must be a licence record object`,
    );
  }
  const record = isObject(json['licence']) ? json['licence'] : json;
  const empty = emptyLicence();
  const holder = isObject(record['holder']) ? record['holder'] : {};
  // Validated by the use case (LicenceSchema): only missing fields are filled in here.
  return { ...empty, ...record, holder: { ...empty.holder, ...holder } };
}

export async function readLicenceInput(
  file: string,
  ctx: Pick<CliContext, 'io' | 'documents'>,
): Promise<LicenceInput> {
  const { maxBytes, hasher } = ctx.documents;
  const bytes =
    file === '-' ? await ctx.io.readStdin(maxBytes) : await ctx.io.readFile(file, maxBytes);
  const record = jsonRecord(bytes, file);
  if (record !== undefined) return { licence: record, document: null };
  const parsed = await parseDocument(bytes, file, ctx.documents);
  return {
    licence: parsed.licence,
    document: { sha256: hasher.sha256(bytes), format: parsed.source.format, bytes },
  };
}
