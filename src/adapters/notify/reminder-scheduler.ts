/**
 * The service's reminder timer: a run on start, then one every interval after the previous run
 * ends (runs never overlap). The timer is unref'd, so it never keeps the process alive; `stop`
 * cancels the next run, tells the one in flight to stop between sends (its AbortSignal) and waits
 * for it a little. A run abandoned after that is safe: sends start only after a claim, and a claim
 * left without its outcome lapses in the sent-log and is retried by the next run.
 */
export interface ReminderSchedulerOptions {
  /** one run; it should stop starting sends once `signal` aborts */
  readonly run: (signal: AbortSignal) => Promise<void>;
  readonly intervalMs: number;
  /** told about a run that threw; the scheduler carries on */
  readonly onError?: (e: unknown) => void;
  /** how long `stop` waits for a run in flight (default 5 s) */
  readonly stopGraceMs?: number;
  /** injected for tests: schedule `fn` after `ms`, returning a cancel function */
  readonly setTimer?: (fn: () => void, ms: number) => () => void;
}

export interface ReminderScheduler {
  /** the run in flight, or a new one now; resolves when it ends (never rejects) */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

const nodeTimer = (fn: () => void, ms: number): (() => void) => {
  const t = setTimeout(fn, ms);
  t.unref();
  return () => {
    clearTimeout(t);
  };
};

export function startReminderScheduler(options: ReminderSchedulerOptions): ReminderScheduler {
  const setTimer = options.setTimer ?? nodeTimer;
  const abort = new AbortController();
  let cancelTimer: (() => void) | undefined;
  let inFlight: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;

  const schedule = (): void => {
    if (abort.signal.aborted) return;
    cancelTimer = setTimer(() => {
      cancelTimer = undefined;
      void runNow();
    }, options.intervalMs);
  };

  const runNow = (): Promise<void> => {
    if (inFlight !== undefined) return inFlight;
    if (abort.signal.aborted) return Promise.resolve();
    cancelTimer?.();
    cancelTimer = undefined;
    inFlight = (async () => {
      try {
        await options.run(abort.signal);
      } catch (e) {
        options.onError?.(e);
      } finally {
        inFlight = undefined;
        schedule();
      }
    })();
    return inFlight;
  };

  void runNow();

  return {
    runNow,
    stop: () =>
      (stopping ??= (async () => {
        abort.abort();
        cancelTimer?.();
        cancelTimer = undefined;
        const running = inFlight;
        if (running === undefined) return;
        let cancelGrace: (() => void) | undefined;
        const grace = new Promise<void>((resolve) => {
          cancelGrace = setTimer(resolve, options.stopGraceMs ?? 5000);
        });
        await Promise.race([running, grace]);
        cancelGrace?.();
      })()),
  };
}
