/**
 * What an e-licence file holds, whatever form it came in: the signed JSON, or the QR code's text
 * read off its PDF or a photo (PNG, JPEG, WebP …) of it. UNREADABLE_DOCUMENT naming the form when
 * nothing can be read; UNSUPPORTED_FORMAT for anything else.
 */
import { DocumentFormat, sniffDocumentFormat } from '../../core/document-format.js';
import type { ElicenceFile } from '../../core/elicence/types.js';
import { DomainError } from '../../core/errors.js';
import { decodeQrFromImage, decodeQrFromPdf } from './qr-image.js';

export type { ElicenceFile };

const IMAGES: ReadonlySet<string> = new Set([
  DocumentFormat.png,
  DocumentFormat.jpeg,
  DocumentFormat.gif,
  DocumentFormat.webp,
  DocumentFormat.tiff,
]);

export async function readElicenceFile(bytes: Uint8Array, name = '文件'): Promise<ElicenceFile> {
  const format = sniffDocumentFormat(bytes);
  if (format === DocumentFormat.text) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/u, '');
    const trimmed = text.trim();
    if (trimmed.startsWith('{')) {
      try {
        return { kind: 'json', value: JSON.parse(trimmed) as unknown };
      } catch (e) {
        throw new DomainError(
          'UNREADABLE_DOCUMENT',
          `${name} 不是有效的 JSON：${(e as Error).message}`,
          `${name} is not valid JSON: ${(e as Error).message}`,
        );
      }
    }
    // the QR's text pasted into a file
    if (/#?xq1\./u.test(trimmed)) return { kind: 'qr', text: trimmed };
  }
  if (format === DocumentFormat.pdf) {
    const text = await decodeQrFromPdf(bytes, name);
    if (text === null) {
      throw new DomainError(
        'UNREADABLE_DOCUMENT',
        `${name}（PDF）的第一页上没有读到二维码`,
        `No QR code was read on the first page of ${name} (PDF)`,
      );
    }
    return { kind: 'qr', text };
  }
  if (IMAGES.has(format)) {
    const text = await decodeQrFromImage(bytes);
    if (text === null) {
      throw new DomainError(
        'UNREADABLE_DOCUMENT',
        `${name}（图片）上没有读到二维码；请拍清整个二维码`,
        `No QR code was read in ${name} (image); photograph the whole QR code, in focus`,
      );
    }
    return { kind: 'qr', text };
  }
  throw new DomainError(
    'UNSUPPORTED_FORMAT',
    `${name} 不是电子证照：应为其 JSON、PDF 或二维码照片`,
    `${name} is not an e-licence: its JSON, its PDF or a photo of its QR code is expected`,
  );
}
