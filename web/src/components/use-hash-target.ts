/**
 * Landing on the part of a page the address names (`/licences/京B2-20180910#licence-history`). The
 * browser looks for the fragment's element when the page loads, before a page that reads its data
 * has drawn it, and the shell scrolls a new page to its top: so the page says when its parts are
 * drawn (`ready`) and this scrolls the element into view then. It keeps the element in place while
 * content above it still arrives (a section that loads grows the page), until the reader scrolls,
 * clicks or types, or a few seconds have passed.
 */
import { useEffect, useRef } from 'react';

/** how long the target is kept in place while the page settles */
const SETTLE_MS = 4000;
/** what the reader does that takes the scroll position over */
const READER_EVENTS = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;

/** The element the address's fragment names, if the page has it. */
function fragmentTarget(): HTMLElement | null {
  const hash = window.location.hash.slice(1);
  if (hash === '') return null;
  let id = hash;
  try {
    id = decodeURIComponent(hash);
  } catch {
    // a malformed escape: look the fragment up as written
  }
  return document.getElementById(id);
}

/**
 * Once `ready` (the page has drawn what the fragment may name), scroll the fragment's element into
 * view, once per page.
 */
export function useHashTarget(ready: boolean): void {
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current) return;
    done.current = true;
    const target = fragmentTarget();
    if (target === null) return;
    const place = () => {
      target.scrollIntoView({ block: 'start' });
    };
    place();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(place);
    observer?.observe(document.body);
    const stop = () => {
      observer?.disconnect();
      window.clearTimeout(timer);
      for (const name of READER_EVENTS) window.removeEventListener(name, stop);
    };
    const timer = window.setTimeout(stop, SETTLE_MS);
    for (const name of READER_EVENTS) window.addEventListener(name, stop, { passive: true });
    return stop;
  }, [ready]);
}
