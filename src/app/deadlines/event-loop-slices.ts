/**
 * Long computations on the event loop (the deadlines of a large organisation: several pages may be
 * computed at once) cut into slices, so other requests (/healthz) are answered meanwhile (issue 19).
 *
 * The budget is shared by every computation in the process: each turn of the event loop gives the
 * computations SLICE_MS of work between them, not SLICE_MS each, so four concurrent pages hold the
 * loop about as long as one. Each computation still does at least one unit of work per turn it is
 * resumed in, so none starves while another has the budget.
 */

/** Work between two turns of the event loop, across every computation, at most (about). */
export const SLICE_MS = 4;

/** When the current turn's work began: set by the first immediate of each turn a slicer yields to. */
let turnStart = performance.now();
let turnMarked = false;

/**
 * Queue the marker that starts the next turn's budget. It is queued before the yielding
 * computation's own immediate, so it runs before any computation resumes in that turn.
 */
function markNextTurn(): void {
  if (turnMarked) return;
  turnMarked = true;
  setImmediate(() => {
    turnMarked = false;
    turnStart = performance.now();
  });
}

/** A turn of the event loop: timers, I/O and other requests run, then the work goes on. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A pause to await between units of work: it yields to the event loop once this turn's shared
 * budget is spent. The unit after a yield always runs, so a resumed computation progresses even when
 * another spent the turn's budget before it.
 */
export function slicer(): () => Promise<void> {
  // a new computation's budget starts when it does (the shared turn's may be long over)
  let since = performance.now();
  return async () => {
    if (performance.now() - Math.max(since, turnStart) < SLICE_MS) return;
    markNextTurn();
    await yieldToEventLoop();
    // resumed: from now on, what is left of the turn's shared budget
    since = -Infinity;
  };
}
