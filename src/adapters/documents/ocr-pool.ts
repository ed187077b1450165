/**
 * Limits on reading scanned documents, and the pool that runs OCR pages in parallel within them.
 * OCR is CPU-bound: the pool is never wider than the machine's cores, and one document cannot hold
 * the machine longer than its total time budget.
 */
import { availableParallelism } from 'node:os';
import { DomainError } from '../../core/errors.js';

export interface DocumentLimits {
  /** pages per document (PDF pages, TIFF pages) */
  readonly maxPages: number;
  /** pixels per page image, width × height, checked before decoding */
  readonly maxPixelsPerPage: number;
  /** OCR time per page, in ms; the engine is killed when it runs over */
  readonly pageTimeoutMs: number;
  /** time for the whole document, in ms */
  readonly totalTimeoutMs: number;
  /** OCR workers; capped at the machine's cores */
  readonly workers: number;
}

/**
 * Licences run to a handful of pages; 50 leaves room for a licence bundled with its annexes. 36 Mpx
 * admits an A4 page scanned at 600 dpi (4961 × 7016 = 34.8 Mpx) and a 12 Mpx phone photo. A page
 * takes 1–2 s at the chosen resolution (docs/reading-documents.md), so 30 s means a stuck engine.
 */
export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxPages: 50,
  maxPixelsPerPage: 36_000_000,
  pageTimeoutMs: 30_000,
  totalTimeoutMs: 180_000,
  workers: availableParallelism(),
};

/** The pool width for these limits: at least 1, at most the cores. */
export function poolWidth(limits: DocumentLimits): number {
  return Math.max(1, Math.min(Math.floor(limits.workers), availableParallelism()));
}

/** Progress of reading one document, for a terminal indicator. */
export interface DocumentProgress {
  readonly name: string;
  /** pages finished */
  readonly done: number;
  /** pages to OCR */
  readonly total: number;
}
export type OnProgress = (progress: DocumentProgress) => void;

export function pageLimitError(name: string, pages: number, max: number): DomainError {
  return new DomainError(
    'INPUT_TOO_LARGE',
    `${name}：共 ${pages} 页，超过上限 ${max} 页`,
    `${name}: ${pages} pages exceeds the limit of ${max}`,
  );
}

export function pixelLimitError(
  name: string,
  page: number,
  width: number,
  height: number,
  max: number,
): DomainError {
  return new DomainError(
    'INPUT_TOO_LARGE',
    `${name}：第 ${page} 页图像 ${width}×${height} 像素，超过上限 ${max} 像素`,
    `${name}: page ${page} is ${width}×${height} pixels, over the limit of ${max}`,
  );
}

/**
 * Run `task` for items 0…count-1 on at most `poolWidth(limits)` at once, in order of index, and
 * return the results by index. The whole run gets `limits.totalTimeoutMs`: on overrun, or when any
 * task fails, the signal handed to the tasks aborts and the first error is thrown.
 */
export async function runPool<T>(
  count: number,
  task: (index: number, signal: AbortSignal) => Promise<T>,
  options: {
    readonly limits: DocumentLimits;
    readonly name: string;
    readonly onProgress?: OnProgress;
  },
): Promise<T[]> {
  const { limits, name, onProgress } = options;
  const controller = new AbortController();
  const timeout = new DomainError(
    'INPUT_TOO_LARGE',
    `${name}：文字识别超过总时限 ${Math.round(limits.totalTimeoutMs / 1000)} 秒`,
    `${name}: OCR exceeded the total time limit of ${Math.round(limits.totalTimeoutMs / 1000)} s`,
  );
  const timer = setTimeout(() => {
    controller.abort(timeout);
  }, limits.totalTimeoutMs);
  const results = new Array<T>(count);
  let next = 0;
  let done = 0;
  const state: { failure?: Error } = {};
  onProgress?.({ name, done, total: count });
  // Functions, not inline reads: the state changes across awaits, which narrowing cannot see.
  const stopped = () => state.failure !== undefined || controller.signal.aborted;
  const aborted = () => controller.signal.aborted;
  const worker = async (): Promise<void> => {
    while (next < count && !stopped()) {
      const index = next++;
      try {
        results[index] = await task(index, controller.signal);
      } catch (e) {
        if (state.failure === undefined) {
          const reason: unknown = aborted() ? controller.signal.reason : e;
          state.failure = reason instanceof Error ? reason : new Error(String(reason));
          controller.abort(state.failure);
        }
        return;
      }
      done++;
      onProgress?.({ name, done, total: count });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(count, poolWidth(limits)) }, worker));
  } finally {
    clearTimeout(timer);
  }
  if (state.failure) throw state.failure;
  if (controller.signal.aborted) throw timeout;
  return results;
}
