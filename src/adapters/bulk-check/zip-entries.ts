/**
 * The documents of a ZIP, read with their limits (docs/bulk-check.md): at most `maxEntries` files,
 * each at most `maxEntryBytes` and all together at most `maxTotalBytes` once decompressed, counted
 * as they inflate (a header's stated size is not believed), so a zip bomb is refused after a few
 * megabytes of work. A name that climbs out of the archive (`../x`, `/etc/x`, `C:\x`) refuses the
 * whole ZIP. Folders, and the clutter archivers add (`__MACOSX/`, `.DS_Store`), are skipped.
 */
import { Unzip, UnzipInflate } from 'fflate';
import { DomainError } from '../../core/errors.js';

export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxEntryBytes: number;
  readonly maxTotalBytes: number;
}

/** Defaults for a batch of documents; the per-file limit is the document limit when given. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
};

/** Bytes handed to the inflater at a time: bounds what one step can produce (≤ ~1,000×). */
const STEP = 4096;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03;
}

/** Whether an archive's names are an XLSX workbook's. */
export function isXlsx(names: readonly string[]): boolean {
  return names.some((n) => n === 'xl/workbook.xml');
}

/** Why a name may not be taken out of an archive, or undefined when it may. */
function unsafeName(name: string): boolean {
  const n = name.replace(/\\/gu, '/');
  return (
    n.startsWith('/') ||
    /^[a-zA-Z]:/u.test(n) ||
    n.split('/').some((segment) => segment === '..') ||
    n.includes('\0')
  );
}

function skipped(name: string): boolean {
  const n = name.replace(/\\/gu, '/');
  if (n.endsWith('/')) return true;
  const segments = n.split('/');
  return segments.some((s) => s === '__MACOSX') || (segments.at(-1) ?? '').startsWith('.');
}

class Refused extends Error {
  constructor(readonly error: DomainError) {
    super(error.messageEn);
  }
}

/** Every file of the archive with its bytes, in archive order; DomainError when it is refused. */
export function readZipEntries(
  zip: Uint8Array,
  zipName: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): { name: string; bytes: Uint8Array }[] {
  const files: { name: string; chunks: Uint8Array[]; size: number }[] = [];
  let entries = 0;
  let total = 0;
  // the first refusal stands: fflate may hand an error thrown from a callback back to it
  let refused: Refused | undefined;
  const refuse = (zh: string, en: string, code: 'INPUT_TOO_LARGE' | 'INVALID_INPUT') => {
    refused ??= new Refused(new DomainError(code, `${zipName}：${zh}`, `${zipName}: ${en}`));
    throw refused;
  };
  const unzip = new Unzip((file) => {
    if (unsafeName(file.name)) {
      refuse(
        `条目“${file.name.slice(0, 200)}”的路径指向压缩包之外，拒绝处理整个压缩包`,
        `the entry "${file.name.slice(0, 200)}" points outside the archive; the ZIP is refused`,
        'INVALID_INPUT',
      );
    }
    if (skipped(file.name)) return;
    entries++;
    if (entries > limits.maxEntries) {
      refuse(
        `文件超过 ${limits.maxEntries} 个；请分批提交`,
        `more than ${limits.maxEntries} files; split the batch`,
        'INPUT_TOO_LARGE',
      );
    }
    const tooBig = () =>
      refuse(
        `条目“${file.name}”解压后超过 ${limits.maxEntryBytes} 字节`,
        `the entry "${file.name}" exceeds ${limits.maxEntryBytes} bytes decompressed`,
        'INPUT_TOO_LARGE',
      );
    if ((file.originalSize ?? 0) > limits.maxEntryBytes) tooBig();
    const entry = { name: file.name, chunks: [] as Uint8Array[], size: 0 };
    files.push(entry);
    file.ondata = (err, chunk) => {
      if (refused !== undefined) throw refused;
      if (err) {
        refuse(
          `条目“${file.name}”无法解压：${err.message}`,
          `the entry "${file.name}" cannot be decompressed: ${err.message}`,
          'INVALID_INPUT',
        );
      }
      entry.size += chunk.length;
      total += chunk.length;
      if (entry.size > limits.maxEntryBytes) tooBig();
      if (total > limits.maxTotalBytes) {
        refuse(
          `解压后总大小超过 ${limits.maxTotalBytes} 字节`,
          `more than ${limits.maxTotalBytes} bytes in all once decompressed`,
          'INPUT_TOO_LARGE',
        );
      }
      entry.chunks.push(chunk);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let i = 0; i < zip.length; i += STEP) {
      unzip.push(zip.subarray(i, Math.min(zip.length, i + STEP)), i + STEP >= zip.length);
      if (refused !== undefined) throw refused;
    }
  } catch (e) {
    if (refused !== undefined) throw refused.error;
    throw new DomainError(
      'UNREADABLE_DOCUMENT',
      `${zipName}：不是有效的 ZIP 文件`,
      `${zipName}: not a valid ZIP file`,
      { cause: e },
    );
  }
  return files.map((f) => ({ name: f.name, bytes: concat(f.chunks, f.size) }));
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The names in an archive without inflating anything (to tell an XLSX from a ZIP of documents). */
export function zipNames(zip: Uint8Array): string[] {
  const names: string[] = [];
  const unzip = new Unzip((file) => {
    names.push(file.name);
  });
  try {
    for (let i = 0; i < zip.length; i += 65536) {
      unzip.push(zip.subarray(i, Math.min(zip.length, i + 65536)), i + 65536 >= zip.length);
    }
  } catch {
    // a damaged archive: the names read so far
  }
  return names;
}
