import { describe, expect, it } from 'vitest';
import { DomainError } from '../../core/errors.js';
import type { DocumentTextSource } from '../../ports/document-text-source.js';
import { parseDocument, type ParseDocumentDeps } from './parse-document.js';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const hasher = { sha256: () => '0'.repeat(64) };

function failingSource(error: DomainError): DocumentTextSource {
  return { extract: () => Promise.reject(error) };
}

function deps(source: DocumentTextSource): ParseDocumentDeps {
  return { sources: { jpeg: source }, hasher, maxBytes: 1024 };
}

describe('parseDocument', () => {
  it('names the document in an error from deep inside a source (an OCR engine)', async () => {
    const engine = new DomainError(
      'UNREADABLE_DOCUMENT',
      '图片无法解码',
      'the image cannot be decoded',
    );
    const e = await parseDocument(JPEG, 'scan.jpg', deps(failingSource(engine))).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({
      code: 'UNREADABLE_DOCUMENT',
      message: 'scan.jpg：图片无法解码',
      messageEn: 'scan.jpg: the image cannot be decoded',
      cause: engine,
    });
  });

  it('leaves an error that already names the document as it is', async () => {
    const named = new DomainError('UNREADABLE_DOCUMENT', 'scan.jpg：坏了', 'scan.jpg: broken');
    const e = await parseDocument(JPEG, 'scan.jpg', deps(failingSource(named))).catch(
      (x: unknown) => x,
    );
    expect(e).toBe(named);
  });
});
