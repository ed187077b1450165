/**
 * The signed-in person's browser session (docs/accounts.md). The session itself is an HttpOnly
 * cookie the browser sends by itself: the UI never sees or keeps a secret. It reads
 * `GET /api/v1/session` once (who is signed in, in which organisation, the CSRF token every write
 * sends), keeps the answer here for the shell and the pages, and forgets it on sign-out or when the
 * server answers 401. Undefined: not read yet; null: nobody is signed in.
 */
import type { components } from './api/schema';

export type Session = components['schemas']['Session'];

type Listener = () => void;
const listeners = new Set<Listener>();
let current: Session | null | undefined;
/** why the last read failed: the HTTP status, 0 when the server was not reached */
let failure: number | undefined;
let pending: Promise<void> | null = null;

export const getSession = (): Session | null | undefined => current;
export const sessionFailure = (): number | undefined => failure;

function notify(): void {
  for (const l of listeners) l();
}

/** What the server said about the session (after sign-in, a switch, or a 401: null). */
export function setSession(session: Session | null | undefined): void {
  pending = null;
  failure = undefined;
  current = session;
  notify();
}

/**
 * Read the session from the server: once (`again` reads it anew, after signing in or when a call
 * was refused with 401). A 401 means nobody is signed in; another failure is kept, for a retry.
 * Never rejects.
 */
export function loadSession(again = false): Promise<void> {
  if (pending !== null) return pending;
  if (current !== undefined && !again) return Promise.resolve();
  const fail = (status: number) => {
    if (pending !== read) return;
    pending = null;
    failure = status;
    notify();
  };
  const read: Promise<void> = globalThis
    .fetch(new Request('/api/v1/session'))
    .then(async (response) => {
      const answer = response.ok ? ((await response.json()) as Session) : null;
      if (pending !== read) return;
      if (answer !== null || response.status === 401) setSession(answer);
      else fail(response.status);
    })
    .catch(() => {
      fail(0);
    });
  pending = read;
  return read;
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
