/**
 * Warn before unsaved work is lost. While `dirty`:
 *
 * - closing the tab, reloading or leaving the site asks the browser's own question (beforeunload;
 *   browsers show their own words, not ours);
 * - leaving the page inside the app asks `message` first, and stays when the reader says so: every
 *   in-app navigation (a link, the header's navigation, a redirect) goes through
 *   `history.pushState` / `replaceState`, which are wrapped while the work is unsaved;
 * - the browser's Back and Forward within the app are asked about through the Navigation API's
 *   cancelable `navigate` event, where the browser has it. (`popstate` cannot be used: it comes
 *   after the traversal, and the router, which listens first, has by then drawn the other page.)
 *
 * Moving within the page (its fragment or its query) is not leaving it. `confirmLeave` asks the same
 * question for the page's own ways out (a "start again" button).
 */
import { useCallback, useEffect, useRef } from 'react';

type HistoryWrite = History['pushState'];

/** The path part of a URL as `history` takes it (relative to the current address). */
function pathOf(url: string | URL | null | undefined): string {
  if (url === null || url === undefined) return window.location.pathname;
  return new URL(String(url), window.location.href).pathname;
}

export function useUnsavedChanges(
  dirty: boolean,
  message: string,
): { confirmLeave: () => boolean } {
  const state = useRef({ dirty, message });
  state.current = { dirty, message };

  const confirmLeave = useCallback(
    () => !state.current.dirty || window.confirm(state.current.message),
    [],
  );

  useEffect(() => {
    if (!dirty) return;
    const here = window.location.pathname;

    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };

    /** off once the work is saved or the page gone, should another wrapper sit on top of ours */
    let active = true;
    const wrap = (write: HistoryWrite): HistoryWrite =>
      function (this: History, data, unused, url) {
        if (active && pathOf(url) !== here && !window.confirm(state.current.message)) return;
        write.call(this, data, unused, url);
      };
    // kept as they are (the router's own wrappers) to be put back, and called on history
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const push = history.pushState;
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const replace = history.replaceState;
    const guardedPush = wrap(push);
    const guardedReplace = wrap(replace);
    history.pushState = guardedPush;
    history.replaceState = guardedReplace;

    // Back and Forward: asked before the traversal, and cancelled when the reader stays (a browser
    // lets a page cancel one only after the reader has acted on it, as typing a correction is)
    const navigation = 'navigation' in window ? window.navigation : undefined;
    const onNavigate = (event: NavigateEvent) => {
      // another document's traversal is beforeunload's to ask about
      if (event.navigationType !== 'traverse' || !event.destination.sameDocument) return;
      if (!event.cancelable) return;
      if (pathOf(event.destination.url) === here || window.confirm(state.current.message)) return;
      event.preventDefault();
    };

    window.addEventListener('beforeunload', onBeforeUnload);
    navigation?.addEventListener('navigate', onNavigate);
    return () => {
      active = false;
      window.removeEventListener('beforeunload', onBeforeUnload);
      navigation?.removeEventListener('navigate', onNavigate);
      // only ours is taken off: a wrapper put on top since stays whole
      if (history.pushState === guardedPush) history.pushState = push;
      if (history.replaceState === guardedReplace) history.replaceState = replace;
    };
  }, [dirty]);

  return { confirmLeave };
}
