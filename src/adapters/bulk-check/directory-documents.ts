/**
 * A folder of documents (the CLI's `xuke bulk-check DIR`): its files, sub-folders included, in name
 * order, with the ZIP's limits (count, each file's size, the total). Hidden files are skipped;
 * symbolic links are not followed out of the folder.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DomainError } from '../../core/errors.js';
import type { DocumentEntry } from '../../core/bulk-check/types.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-entries.js';

export async function readDirectoryDocuments(
  dir: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<DocumentEntry[]> {
  const files: string[] = [];
  const walk = async (at: string): Promise<void> => {
    const names = (await readdir(at)).sort();
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const path = join(at, name);
      const stat = await lstat(path);
      if (stat.isDirectory()) await walk(path);
      else if (stat.isFile()) {
        files.push(path);
        if (files.length > limits.maxEntries) {
          throw new DomainError(
            'INPUT_TOO_LARGE',
            `${dir}：文件超过 ${limits.maxEntries} 个；请分批提交`,
            `${dir}: more than ${limits.maxEntries} files; split the batch`,
          );
        }
      }
    }
  };
  await walk(dir);
  let total = 0;
  const out: DocumentEntry[] = [];
  for (const path of files) {
    const name = relative(dir, path);
    const { size } = await lstat(path);
    if (size > limits.maxEntryBytes) {
      out.push({
        name,
        problem: {
          code: 'INPUT_TOO_LARGE',
          entry: name,
          message: `${name}：文件 ${size} 字节，超过上限 ${limits.maxEntryBytes} 字节`,
          messageEn: `${name}: ${size} bytes exceeds the limit of ${limits.maxEntryBytes}`,
        },
      });
      continue;
    }
    total += size;
    if (total > limits.maxTotalBytes) {
      throw new DomainError(
        'INPUT_TOO_LARGE',
        `${dir}：文件总大小超过 ${limits.maxTotalBytes} 字节；请分批提交`,
        `${dir}: more than ${limits.maxTotalBytes} bytes in all; split the batch`,
      );
    }
    out.push({ name, bytes: await readFile(path) });
  }
  return out;
}
