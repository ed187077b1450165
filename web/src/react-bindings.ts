/**
 * React's functions bound to names once, for the build only: vite.config.ts (reactBindings) gives
 * the UI's own imports of `react` and `react/jsx-runtime` this module instead. React is CommonJS, so
 * a bundled call through its module object is `(0,r.jsx)(…)`, 8 bytes more than `r(…)`, and a page
 * makes hundreds of JSX calls (the budget in docs/web-ui.md). The values are React's own. A name
 * used from React but missing here fails the build (MISSING_EXPORT): add it below.
 */
import * as React from 'react';
import * as runtime from 'react/jsx-runtime';

export const { jsx, jsxs } = runtime;
export const {
  Fragment,
  StrictMode,
  Suspense,
  createContext,
  lazy,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} = React;
