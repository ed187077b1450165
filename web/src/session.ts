/**
 * The signed-in token. Kept in sessionStorage (gone when the tab closes) unless the user asks to be
 * remembered on this device (localStorage). Never put in a URL, never logged.
 */
const KEY = 'xuke.token';
type Listener = () => void;
const listeners = new Set<Listener>();

function stores(): Storage[] {
  const out: Storage[] = [];
  try {
    out.push(sessionStorage, localStorage);
  } catch {
    // storage disabled: the session lives in memory only
  }
  return out;
}

let memory: string | null = null;

export function getToken(): string | null {
  for (const s of stores()) {
    const t = s.getItem(KEY);
    if (t !== null && t !== '') return t;
  }
  return memory;
}

export function setToken(token: string, remember: boolean): void {
  clearStores();
  memory = token;
  const [session, local] = stores();
  (remember ? local : session)?.setItem(KEY, token);
  notify();
}

export function clearToken(): void {
  clearStores();
  memory = null;
  notify();
}

function clearStores(): void {
  for (const s of stores()) s.removeItem(KEY);
}

function notify(): void {
  for (const l of listeners) l();
}

export function onTokenChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
