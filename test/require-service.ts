/**
 * Tests that need something outside the project (PostgreSQL, Tesseract, Chromium) use this.
 * On a user's machine without it they skip, printing why; in CI (XUKE_REQUIRE_ALL=1) a missing
 * service fails the run instead, so CI can never pass by skipping.
 */
import { describe } from 'vitest';

export const REQUIRE_ALL = process.env['XUKE_REQUIRE_ALL'] === '1';

/**
 * `describe` when `available` is true; otherwise a skipped `describe` with the reason printed once,
 * or, with XUKE_REQUIRE_ALL=1, an error naming the missing service.
 */
export function describeWith(
  service: string,
  available: boolean,
  reason: string,
): typeof describe | typeof describe.skip {
  if (available) return describe;
  if (REQUIRE_ALL) {
    throw new Error(`${service} is required (XUKE_REQUIRE_ALL=1) but unavailable: ${reason}`);
  }
  process.stderr.write(`[xuke tests] skipping ${service} tests: ${reason}\n`);
  return describe.skip;
}
