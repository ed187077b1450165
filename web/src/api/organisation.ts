/**
 * The signed-in organisation (`GET /api/v1/organisation`): its name, kind (authority, holder,
 * platform), its jurisdiction and settings. The pages whose actions depend on the kind read it
 * (an authority issues; a holder declares), so it is kept here, in a small store of its own rather
 * than through SWR: one read per page load serves them all, and `reloadOrganisation()` reads it
 * again after a change to it. Whatever changes who is signed in or where they act — signing in, a
 * switch of organisation, accepting an invitation — loads the page afresh (session.ts), so nothing
 * read for one person or organisation is shown to another.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { api, call, type Schemas } from './client';

export type OwnOrganisation =
  import('./schema').paths['/api/v1/organisation']['get']['responses'][200]['content']['application/json'];
export type Organisation = Schemas['Organisation'];

interface Read {
  readonly data: OwnOrganisation | undefined;
  /** the last read's failure; undefined when it succeeded or has not failed */
  readonly error: unknown;
}

const NOTHING: Read = { data: undefined, error: undefined };
let read: Read = NOTHING;
let pending: Promise<void> | null = null;
const listeners = new Set<() => void>();

function publish(next: Read): void {
  read = next;
  for (const l of listeners) l();
}

function load(): Promise<void> {
  if (pending !== null) return pending;
  const mine = (pending = call(api.GET('/api/v1/organisation'))
    .then(
      (data) => ({ data, error: undefined }),
      (error: unknown) => ({ data: read.data, error }),
    )
    .then((next: Read) => {
      // an answer to a read forgotten since (forgetOrganisation) is dropped
      if (pending !== mine) return;
      pending = null;
      publish(next);
    }));
  return mine;
}

/** Forget what was read (the tests, between organisations). */
export function forgetOrganisation(): void {
  pending = null;
  publish(NOTHING);
}

/** Read the organisation again (after a change to it): the header and the pages follow. */
export async function reloadOrganisation(): Promise<void> {
  if (pending !== null) await pending;
  await load();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The organisation, read once per page load; `mutate` reads it again (a retry). */
export function useOrganisation(): Read & { readonly mutate: () => Promise<void> } {
  const current = useSyncExternalStore(
    subscribe,
    () => read,
    () => NOTHING,
  );
  useEffect(() => {
    if (current === NOTHING) void load();
  }, [current]);
  return { ...current, mutate: reloadOrganisation };
}
