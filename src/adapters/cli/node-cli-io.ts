import { open } from 'node:fs/promises';
import { DomainError } from '../../core/errors.js';
import type { CliIo } from './cli-io.js';

function tooLarge(name: string, maxBytes: number): DomainError {
  return new DomainError(
    'INPUT_TOO_LARGE',
    `${name}：超过大小上限 ${maxBytes} 字节`,
    `${name}: larger than the limit of ${maxBytes} bytes`,
  );
}

const IO_REASON: Readonly<Record<string, [string, string]>> = {
  ENOENT: ['文件不存在', 'no such file'],
  EACCES: ['没有读取权限', 'permission denied'],
  EISDIR: ['是目录，不是文件', 'is a directory'],
};

async function readFileBounded(path: string, maxBytes: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    if (size > maxBytes) throw tooLarge(path, maxBytes);
    return await handle.readFile();
  } catch (e) {
    if (e instanceof DomainError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const [zh, en] = IO_REASON[code] ?? ['无法读取', 'cannot be read'];
    throw new DomainError('UNREADABLE_DOCUMENT', `${path}：${zh}`, `${path}: ${en}`, { cause: e });
  } finally {
    await handle?.close();
  }
}

async function readStdinBounded(maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > maxBytes) throw tooLarge('-', maxBytes);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export const nodeCliIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: readFileBounded,
  readStdin: readStdinBounded,
};
