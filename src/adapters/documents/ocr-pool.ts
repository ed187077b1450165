/**
 * Limits on reading scanned documents, and the pool that runs OCR pages in parallel within them.
 * OCR is CPU-bound: the pool is never wider than the machine's cores, and one document cannot hold
 * the machine longer than its total time budget.
 */
import { availableParallelism } from 'node:os';
import { DomainError } from '../../core/errors.js';
import type { ExtractOptions } from '../../ports/document-text-source.js';
import { LOCAL_WORK, type OcrAdmission, type OcrTicket } from './ocr-admission.js';

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

/** Whose OCR this is, and the process's limiter every page passes (ocr-admission.ts). */
export interface PipelineAdmission {
  readonly limiter: OcrAdmission;
  readonly organisation: string;
  /** the organisation's page quota, charged when the document is admitted */
  readonly charge?: ((pages: number) => Promise<void>) | undefined;
}

/** The pipeline's admission for a document read with `extractOptions`; none without a limiter. */
export function admissionOf(
  limiter: OcrAdmission | undefined,
  extractOptions: ExtractOptions,
): PipelineAdmission | undefined {
  if (!limiter) return undefined;
  return {
    limiter,
    organisation: extractOptions.organisation ?? LOCAL_WORK,
    charge: extractOptions.chargePages,
  };
}

export interface PipelineOptions {
  readonly limits: DocumentLimits;
  readonly name: string;
  readonly onProgress?: OnProgress | undefined;
  /** the caller's abort (a client gone, a job cancelled): stops the pages and their engines */
  readonly signal?: AbortSignal | undefined;
  /** without it the pages run on this document's pool alone (unit tests, benchmarks' baselines) */
  readonly admission?: PipelineAdmission | undefined;
}

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

/** An item made ready for OCR, with an estimate of what reading it costs (any unit). */
export interface Prepared<P> {
  readonly value: P;
  readonly cost: number;
}

/**
 * Prepare items 0…count-1 one at a time, in order (decoding a PDF page is single-threaded work on
 * this thread), at most twice the pool's width ahead of the OCR, and OCR the prepared items on at most
 * `poolWidth(limits)` at once, **the costliest ready item first**: a document's last page should
 * not be its slowest, or one core reads it alone while the other waits. On the fixture scan
 * (pages 1, 2, 1, 2; page 2 has half as much ink again) in-order reading ends with both page 2s on
 * one core (docs/reading-documents.md). `prepare` returning `null` means nothing to OCR (its result
 * is `null`). Results come back by index. The whole run gets `limits.totalTimeoutMs`: on overrun,
 * or when any step fails, the signal handed to the steps aborts and the first error is thrown.
 */
export async function runPipeline<P, T>(
  count: number,
  prepare: (index: number, signal: AbortSignal) => Promise<Prepared<P> | null>,
  work: (value: P, index: number, signal: AbortSignal) => Promise<T>,
  options: PipelineOptions,
): Promise<(T | null)[]> {
  const { name, admission, signal: outer } = options;
  outer?.throwIfAborted();
  // Admitted before anything is read: a full queue or a spent quota refuses the document whole.
  const ticket = admission
    ? await admission.limiter.admit({
        organisation: admission.organisation,
        pages: count,
        name,
        charge: admission.charge,
      })
    : null;
  try {
    return await runAdmitted(count, prepare, work, options, ticket);
  } finally {
    ticket?.close();
  }
}

async function runAdmitted<P, T>(
  count: number,
  prepare: (index: number, signal: AbortSignal) => Promise<Prepared<P> | null>,
  work: (value: P, index: number, signal: AbortSignal) => Promise<T>,
  options: PipelineOptions,
  ticket: OcrTicket | null,
): Promise<(T | null)[]> {
  const { limits, name, onProgress, signal: outer } = options;
  const width = Math.min(count, poolWidth(limits));
  const controller = new AbortController();
  const timeout = new DomainError(
    'INPUT_TOO_LARGE',
    `${name}：文字识别超过总时限 ${Math.round(limits.totalTimeoutMs / 1000)} 秒`,
    `${name}: OCR exceeded the total time limit of ${Math.round(limits.totalTimeoutMs / 1000)} s`,
  );
  const timer = setTimeout(() => {
    controller.abort(timeout);
  }, limits.totalTimeoutMs);
  const results = new Array<T | null>(count).fill(null);
  const ready: { index: number; prepared: Prepared<P> }[] = [];
  const state = { producing: true, done: 0, failure: undefined as Error | undefined };
  let waiters: (() => void)[] = [];
  /** Wake every step waiting for a change (an item ready or taken, the end, a failure). */
  const notify = () => {
    const woken = waiters;
    waiters = [];
    for (const w of woken) w();
  };
  const changed = () =>
    new Promise<void>((resolve) => {
      waiters.push(resolve);
    });
  const stopped = () => state.failure !== undefined || controller.signal.aborted;
  const fail = (e: unknown) => {
    if (state.failure === undefined) {
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : e;
      state.failure = reason instanceof Error ? reason : new Error(String(reason));
      controller.abort(state.failure);
    }
    notify();
  };
  controller.signal.addEventListener('abort', notify, { once: true });
  // The caller's abort ends the run as a failure of its own: its reason is what is thrown.
  const onOuterAbort = () => {
    fail(outer?.reason);
  };
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  if (outer?.aborted) onOuterAbort();
  const finished = () => {
    state.done++;
    onProgress?.({ name, done: state.done, total: count });
  };
  onProgress?.({ name, done: 0, total: count });

  const producer = async (): Promise<void> => {
    try {
      for (let index = 0; index < count && !stopped(); index++) {
        while (ready.length >= 2 * width && !stopped()) await changed();
        if (stopped()) return;
        const prepared = await prepare(index, controller.signal);
        if (prepared === null) finished();
        else ready.push({ index, prepared });
        notify();
      }
    } catch (e) {
      fail(e);
    } finally {
      state.producing = false;
      notify();
    }
  };
  const consumer = async (): Promise<void> => {
    for (;;) {
      while (ready.length === 0 && state.producing && !stopped()) await changed();
      if (stopped() || ready.length === 0) return;
      // The costliest ready item; the earliest of equals.
      let pick = 0;
      ready.forEach((r, k) => {
        if (r.prepared.cost > (ready[pick]?.prepared.cost ?? 0)) pick = k;
      });
      const [item] = ready.splice(pick, 1);
      notify();
      if (!item) continue;
      let release: (() => void) | undefined;
      try {
        // a slot of the process's bound for this page (none without admission)
        release = ticket ? await ticket.acquire(controller.signal) : undefined;
        results[item.index] = await work(item.prepared.value, item.index, controller.signal);
      } catch (e) {
        fail(e);
        return;
      } finally {
        release?.();
      }
      finished();
    }
  };
  try {
    await Promise.all([producer(), ...Array.from({ length: width }, consumer)]);
  } finally {
    clearTimeout(timer);
    controller.signal.removeEventListener('abort', notify);
    outer?.removeEventListener('abort', onOuterAbort);
  }
  if (state.failure) throw state.failure;
  if (controller.signal.aborted) throw timeout;
  return results;
}

/**
 * Run `task` for items 0…count-1 on at most `poolWidth(limits)` at once, in order of index, and
 * return the results by index; limits and failures as for `runPipeline`.
 */
export async function runPool<T>(
  count: number,
  task: (index: number, signal: AbortSignal) => Promise<T>,
  options: PipelineOptions,
): Promise<T[]> {
  const results = await runPipeline(
    count,
    (index) => Promise.resolve({ value: index, cost: 0 }),
    (index, _i, signal) => task(index, signal),
    options,
  );
  return results as T[];
}
