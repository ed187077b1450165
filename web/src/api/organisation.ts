/**
 * The signed-in organisation (`GET /api/v1/organisation`): its name, kind (authority, holder,
 * platform) and whether this token's user administers the instance. The header shows it on every
 * page and the pages whose actions depend on the kind read it too (an authority issues; a holder
 * declares), so it is kept here, in a small store of its own rather than through SWR: the header
 * stays cheap, and one read per token serves the header and the page alike. It is forgotten when the
 * token changes (sign-out, a switch of organisation) and read again by `reloadOrganisation()` after
 * a change to it.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { onTokenChange } from '../session';
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
/** bumped when the token changes: an answer for the previous token is dropped */
let generation = 0;
const listeners = new Set<() => void>();

function publish(next: Read): void {
  read = next;
  for (const l of listeners) l();
}

onTokenChange(() => {
  generation += 1;
  pending = null;
  if (read !== NOTHING) publish(NOTHING);
});

function load(): Promise<void> {
  if (pending !== null) return pending;
  const at = generation;
  const done = (next: Read) => {
    if (at !== generation) return;
    pending = null;
    publish(next);
  };
  pending = call(api.GET('/api/v1/organisation')).then(
    (data) => {
      done({ data, error: undefined });
    },
    (error: unknown) => {
      done({ data: read.data, error });
    },
  );
  return pending;
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

/** The organisation, read once per token; `mutate` reads it again (a retry). */
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
