/**
 * Expected failures: one error type with a closed union of codes. Each transport maps every code in
 * one `Record<DomainErrorCode, …>` table (CLI exit code, HTTP status), so a new code does not compile
 * until it is mapped. Check results are never errors: they are `Finding` values.
 */
import type { Regression } from './regressions.js';

export const DomainErrorCode = {
  /** the bytes are not a document we can read (binary, unknown encoding, corrupt) */
  UNREADABLE_DOCUMENT: 'UNREADABLE_DOCUMENT',
  /** readable, but no licence in it */
  NOT_A_LICENCE: 'NOT_A_LICENCE',
  /** a format xuke recognises but cannot read in this build (PDF, image before their adapters) */
  UNSUPPORTED_FORMAT: 'UNSUPPORTED_FORMAT',
  /** over a configured size, page or time limit */
  INPUT_TOO_LARGE: 'INPUT_TOO_LARGE',
  /** malformed input: a bad argument, date or field */
  INVALID_INPUT: 'INVALID_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  /** someone else changed the record first (optimistic versioning); re-read and retry */
  CONFLICT: 'CONFLICT',
  /** the lifecycle does not allow this event in the licence's state, or its requirements are unmet */
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  /** the database, its configuration or its integrity (audit chain) is not as it must be */
  STORAGE_FAILURE: 'STORAGE_FAILURE',
  /** the web scan's guard refuses the target (address, scheme, port, redirect): nothing was connected to */
  TARGET_REFUSED: 'TARGET_REFUSED',
  /** a web page could not be fetched (network, timeout, HTTP error status, too many redirects) */
  FETCH_FAILED: 'FETCH_FAILED',
  /** no credentials, or credentials that are unknown, revoked or already used */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** known credentials whose role does not allow the action */
  FORBIDDEN: 'FORBIDDEN',
  /** too many requests for one token or address in the window; retry later */
  RATE_LIMITED: 'RATE_LIMITED',
  /** the number is well formed but no register on this instance (nor a published copy) holds it */
  NOT_IN_REGISTER: 'NOT_IN_REGISTER',
  /** saving a document that differs from the register or has errors needs a stated reason */
  ACKNOWLEDGEMENT_REQUIRED: 'ACKNOWLEDGEMENT_REQUIRED',
  /** a followed register rewrote its history, forked, or served an unsigned or altered entry */
  REGISTER_TAMPERED: 'REGISTER_TAMPERED',
  /** a tool the request needs on this machine (Chromium to print a PDF) is missing or failed */
  RENDERER_UNAVAILABLE: 'RENDERER_UNAVAILABLE',
  /** a cookie-authenticated write without the session's CSRF token (x-csrf-token) */
  CSRF_REFUSED: 'CSRF_REFUSED',
  /**
   * a second factor is needed: the sign-in of an account with TOTP sent no code (or a wrong one),
   * or the organisation requires one and the person has not enrolled
   */
  SECOND_FACTOR_REQUIRED: 'SECOND_FACTOR_REQUIRED',
  /** it existed and is no longer usable: an invitation expired, used or revoked */
  GONE: 'GONE',
  /**
   * the machine's bounded work (OCR pages in flight, the job queue) is full: retry after the
   * error's retryAfterSeconds; nothing was started
   */
  BUSY: 'BUSY',
  /**
   * saving a document as a new version would lose what the held version has (a value lost, a list
   * or text cut short, page furniture pasted in: core/regressions.ts): saved only when forced
   */
  REGRESSION: 'REGRESSION',
} as const;
export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    /** zh-CN, names the thing and the place */
    message: string,
    /** English */
    readonly messageEn: string = message,
    options?: {
      cause?: unknown;
      /** where to go next, by name (officialQuery: the authority's own query page) */
      links?: Readonly<Record<string, string>>;
      /** when to ask again (RATE_LIMITED, BUSY): the HTTP answer's Retry-After */
      retryAfterSeconds?: number;
      /** REGRESSION: what the refused save would have lost */
      regressions?: readonly Regression[];
    },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.links !== undefined) this.links = options.links;
    if (options?.regressions !== undefined) this.regressions = options.regressions;
    if (options?.retryAfterSeconds !== undefined)
      this.retryAfterSeconds = options.retryAfterSeconds;
  }

  readonly links?: Readonly<Record<string, string>>;
  readonly retryAfterSeconds?: number;
  readonly regressions?: readonly Regression[];
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
