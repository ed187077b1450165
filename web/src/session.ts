/**
 * The signed-in token. Kept in sessionStorage (gone when the tab closes) unless the user asks to be
 * remembered on this device (localStorage). Never put in a URL, never logged.
 */
const KEY = 'xuke.token';
/** the instance administrator's own token, kept while they act as another organisation */
const HOME_KEY = 'xuke.token.home';
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

/** Where the current token is kept: remembered on this device or this tab only. */
function remembered(): boolean {
  try {
    const t = localStorage.getItem(KEY);
    return t !== null && t !== '';
  } catch {
    return false;
  }
}

/** The administrator's own token while acting as another organisation; null otherwise. */
export function getHomeToken(): string | null {
  for (const s of stores()) {
    const t = s.getItem(HOME_KEY);
    if (t !== null && t !== '') return t;
  }
  return memoryHome;
}

let memoryHome: string | null = null;

/**
 * Act as another organisation with `token` (from POST /session/switch); the token in use until now
 * is kept beside it, once, so that switching back returns to the administrator's own organisation.
 */
export function switchToken(token: string): void {
  const home = getHomeToken() ?? getToken();
  const remember = remembered();
  setToken(token, remember);
  if (home !== null) {
    memoryHome = home;
    const [session, local] = stores();
    (remember ? local : session)?.setItem(HOME_KEY, home);
  }
  notify();
}

/** Back to the administrator's own organisation (and its token). */
export function switchHome(): void {
  const home = getHomeToken();
  if (home === null) return;
  setToken(home, remembered());
  notify();
}

export function clearToken(): void {
  clearStores();
  memory = null;
  notify();
}

function clearStores(): void {
  for (const s of stores()) {
    s.removeItem(KEY);
    s.removeItem(HOME_KEY);
  }
  memoryHome = null;
}

function notify(): void {
  for (const l of listeners) l();
}

export function onTokenChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
