/** The organisation at a glance: recent check findings and events, checks of edited records. */
import type { HttpDeps } from '../http-deps.js';
import type { ZodApp } from '../route-types.js';

export function registerInsightRoutes(_app: ZodApp, _deps: HttpDeps): void {
  // routes are added here (issue 7)
}
