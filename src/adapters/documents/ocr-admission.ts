/**
 * Admission control for OCR (issue 19): one limiter per process bounds the pages being read by
 * Tesseract at once across every document, whoever sent it, and shares the waiting fairly between
 * organisations. Without it each upload started its own engine processes: six concurrent uploads
 * ran six, and a large scan could hold the machine for minutes after its client left.
 *
 * A document is *admitted* with its page count before anything is read: refused at once (BUSY)
 * when the pages waiting would overflow the queue or its organisation's share of it, so no work is
 * started that would only wait. Then each page *acquires* a slot before its OCR and releases it
 * after; waiting pages are granted round-robin by organisation (one organisation's 50-page PDF
 * does not starve another's one-page scan), first come first served within one. An abort (the
 * client gone, the job cancelled) takes a waiting page out of the queue at once; a running page's
 * Tesseract is killed by the same signal (child-run.ts).
 */
import { availableParallelism } from 'node:os';
import { DomainError } from '../../core/errors.js';

export interface OcrAdmissionOptions {
  /** pages read at once in this process (XUKE_OCR_PAGES_IN_FLIGHT); the cores by default */
  readonly pagesInFlight?: number;
  /** pages admitted but waiting for a slot (XUKE_OCR_QUEUE_PAGES); 8 × in flight by default */
  readonly queuePages?: number;
  /** what a page is assumed to take before one was measured, for Retry-After; 2 s by default */
  readonly pageSeconds?: number;
  /** the time in ms, for measuring pages (injected in tests) */
  readonly now?: () => number;
}

/** What the documents to read ask of the limiter. */
export interface AdmitRequest {
  /** whose work; the CLI's and other unattributed work share one name */
  readonly organisation: string;
  /** pages to OCR */
  readonly pages: number;
  /** how messages name the document */
  readonly name: string;
  /**
   * Charged once the pages are reserved (the organisation's quota, docs/settings.md); a throw
   * refuses the document and gives the reservation back.
   */
  readonly charge?: ((pages: number) => Promise<void>) | undefined;
}

/** One admitted document's claim on the limiter. */
export interface OcrTicket {
  /** Wait for a slot for one page; the function releases it. Rejects with the signal's reason. */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** The document is finished (or failed): its pages not yet started leave the queue. */
  close(): void;
}

export interface OcrAdmissionStats {
  readonly running: number;
  /** pages admitted and not yet started */
  readonly waiting: number;
  readonly pagesInFlight: number;
  readonly queuePages: number;
}

export interface OcrAdmission {
  /** Reserve `pages` in the queue (BUSY when it is full), charge them, and hand back the ticket. */
  admit(request: AdmitRequest): Promise<OcrTicket>;
  stats(): OcrAdmissionStats;
}

/** Unattributed work (the CLI, the seed document): one organisation of its own. */
export const LOCAL_WORK = '';

interface Waiter {
  readonly organisation: string;
  readonly grant: () => void;
}

/** An organisation's share of the queue: a quarter, so four can wait with full shares. */
export function organisationShare(queuePages: number): number {
  return Math.max(1, Math.ceil(queuePages / 4));
}

export function createOcrAdmission(options: OcrAdmissionOptions = {}): OcrAdmission {
  const inFlight = Math.max(1, Math.floor(options.pagesInFlight ?? availableParallelism()));
  const queuePages = Math.max(1, Math.floor(options.queuePages ?? 8 * inFlight));
  const share = organisationShare(queuePages);
  const now = options.now ?? (() => performance.now());
  /** measured seconds a page holds a slot, smoothed; the first measurement replaces the guess */
  let pageSeconds = options.pageSeconds ?? 2;
  let measured = false;
  let running = 0;
  /** pages admitted and not started, by organisation */
  const reserved = new Map<string, number>();
  /** waiting pages by organisation, first come first served within one */
  const queues = new Map<string, Waiter[]>();
  /** organisations with waiting pages, in the order of their turn */
  const turn: string[] = [];

  const reservedOf = (org: string) => reserved.get(org) ?? 0;
  const unreserve = (org: string, pages: number) => {
    const left = reservedOf(org) - pages;
    if (left > 0) reserved.set(org, left);
    else reserved.delete(org);
  };
  /** Pages waiting as the bound counts them: each organisation's up to its share. */
  const weighed = (except?: string) => {
    let total = 0;
    for (const [org, pages] of reserved) if (org !== except) total += Math.min(pages, share);
    return total;
  };
  const waitSeconds = (pages: number) =>
    Math.min(3600, Math.max(1, Math.ceil((pages * pageSeconds) / inFlight)));

  /** Hand free slots to waiting pages, one organisation after another. */
  const dispatch = () => {
    while (running < inFlight && turn.length > 0) {
      const org = turn.shift() as string;
      const queue = queues.get(org) ?? [];
      const waiter = queue.shift();
      if (queue.length > 0) turn.push(org);
      else queues.delete(org);
      if (waiter) {
        running++;
        waiter.grant();
      }
    }
  };

  const busy = (request: AdmitRequest, orgFull: boolean, seconds: number) =>
    orgFull
      ? new DomainError(
          'BUSY',
          `${request.name}：本机构等待文字识别的页数已达上限 ${share} 页（另需 ${request.pages} 页），请约 ${seconds} 秒后重试`,
          `${request.name}: this organisation already has ${reservedOf(request.organisation)} page(s) waiting for OCR, its share of ${share}; ${request.pages} more do not fit. Retry in about ${seconds} s`,
          { retryAfterSeconds: seconds },
        )
      : new DomainError(
          'BUSY',
          `${request.name}：文字识别队列已满（等待中的页数上限 ${queuePages} 页），请约 ${seconds} 秒后重试`,
          `${request.name}: the OCR queue is full (at most ${queuePages} pages wait); retry in about ${seconds} s`,
          { retryAfterSeconds: seconds },
        );

  return {
    stats: () => ({ running, waiting: weighedAll(), pagesInFlight: inFlight, queuePages }),

    async admit(request) {
      const { organisation: org } = request;
      const pages = Math.max(0, Math.floor(request.pages));
      const mine = reservedOf(org);
      // A document over the share is admitted when its organisation has nothing waiting: the
      // largest document the limits allow must be readable at all.
      if (mine > 0 && mine + pages > share) throw busy(request, true, waitSeconds(mine));
      const others = weighed(org);
      if (others + Math.min(mine + pages, share) > queuePages) {
        throw busy(request, false, waitSeconds(others + mine));
      }
      reserved.set(org, mine + pages);
      let left = pages;
      let closed = false;
      try {
        await request.charge?.(pages);
      } catch (e) {
        unreserve(org, left);
        throw e;
      }
      return {
        acquire: (signal) =>
          new Promise<() => void>((resolve, reject) => {
            if (signal?.aborted) {
              reject(abortReason(signal));
              return;
            }
            const onAbort = () => {
              const queue = queues.get(org);
              const at = queue?.indexOf(waiter) ?? -1;
              if (queue && at >= 0) queue.splice(at, 1);
              if (queue?.length === 0) {
                queues.delete(org);
                turn.splice(turn.indexOf(org), 1);
              }
              reject(abortReason(signal as AbortSignal));
            };
            const waiter: Waiter = {
              organisation: org,
              grant: () => {
                signal?.removeEventListener('abort', onAbort);
                if (left > 0 && !closed) {
                  left--;
                  unreserve(org, 1);
                }
                const started = now();
                let released = false;
                resolve(() => {
                  if (released) return;
                  released = true;
                  running--;
                  const took = (now() - started) / 1000;
                  pageSeconds = measured ? 0.8 * pageSeconds + 0.2 * took : took;
                  measured = true;
                  dispatch();
                });
              },
            };
            signal?.addEventListener('abort', onAbort, { once: true });
            const queue = queues.get(org);
            if (queue) queue.push(waiter);
            else {
              queues.set(org, [waiter]);
              turn.push(org);
            }
            dispatch();
          }),
        close: () => {
          if (closed) return;
          closed = true;
          unreserve(org, left);
          left = 0;
        },
      };
    },
  };

  function weighedAll(): number {
    let total = 0;
    for (const pages of reserved.values()) total += pages;
    return total;
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

let processAdmission: OcrAdmission | undefined;

/**
 * The process's limiter with the default bounds, for document sources built without one (the CLI,
 * tests): every source built so shares it, as the service's share the one it configures.
 */
export function defaultOcrAdmission(): OcrAdmission {
  processAdmission ??= createOcrAdmission();
  return processAdmission;
}
