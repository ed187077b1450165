/**
 * Running a helper process on one input, within a time limit and an abort signal: the `tesseract`
 * engine reads bytes on stdin and answers on stdout. The child is killed
 * (SIGKILL) when time runs out or the caller aborts. Nothing is written to disk.
 */
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';

export interface ChildResult {
  /** exit code, or null when the child died of a signal (a crash) */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  /** the first 4 KiB */
  readonly stderr: string;
}

export interface ChildOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
  /** the error for a run over its time (the caller names the work) */
  readonly timeoutError: () => Error;
  /** the error for a command that does not start (ENOENT and the like) */
  readonly startError: (e: Error) => Error;
}

/** Run `command` with `input` on stdin; resolves however the child ends, rejects on time or abort. */
export function runChild(
  command: string,
  args: readonly string[],
  input: Uint8Array,
  options: ChildOptions,
): Promise<ChildResult> {
  return new Promise<ChildResult>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: tmpdir(),
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      f();
    };
    const kill = (why: 'timeout' | 'abort') => {
      child.kill('SIGKILL');
      finish(() => {
        reject(
          why === 'timeout'
            ? options.timeoutError()
            : options.signal?.reason instanceof Error
              ? options.signal.reason
              : new Error('aborted'),
        );
      });
    };
    const onAbort = () => {
      kill('abort');
    };
    const timer = setTimeout(() => {
      kill('timeout');
    }, options.timeoutMs);
    if (options.signal?.aborted) {
      kill('abort');
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (err.length < 4096) err += chunk;
    });
    // The child may exit before reading all of stdin (input it refuses): not our error.
    child.stdin.on('error', () => undefined);
    child.on('error', (e) => {
      finish(() => {
        reject(options.startError(e));
      });
    });
    child.on('close', (code, signal) => {
      finish(() => {
        resolve({ code, signal, stdout: Buffer.concat(out), stderr: err });
      });
    });
    child.stdin.end(input);
  });
}
