import type { DomainErrorCode } from '../../core/errors.js';

/**
 * CLI exit code for every domain error. 2 = the input could not be used (unreadable, not a
 * licence, too large, bad argument); 3 = a record asked for does not exist; 4 = a concurrent change
 * won (re-read and retry); 5 = the lifecycle refuses the event; 6 = the database or its audit chain
 * is not usable or not intact.
 */
export const EXIT_CODE: Readonly<Record<DomainErrorCode, number>> = {
  UNREADABLE_DOCUMENT: 2,
  NOT_A_LICENCE: 2,
  UNSUPPORTED_FORMAT: 2,
  INPUT_TOO_LARGE: 2,
  INVALID_INPUT: 2,
  NOT_FOUND: 3,
  CONFLICT: 4,
  ILLEGAL_TRANSITION: 5,
  STORAGE_FAILURE: 6,
  /** a refused scan target is unusable input: exit 2, with the reason */
  TARGET_REFUSED: 2,
  /** the site could not be fetched (network, timeout, HTTP status) */
  FETCH_FAILED: 7,
  /** credentials missing, unknown or not allowed (the API's; the CLI acts with the database's keys) */
  UNAUTHENTICATED: 8,
  FORBIDDEN: 8,
  RATE_LIMITED: 9,
  /** the number is in no register here: like a record that does not exist */
  NOT_IN_REGISTER: 3,
  /** a mismatch or suspect document saved without --acknowledge REASON */
  ACKNOWLEDGEMENT_REQUIRED: 11,
  /** a followed register's history does not verify: refused, the evidence kept */
  REGISTER_TAMPERED: 12,
  /** Chromium (or another local tool) could not do the job: the machine, not the input */
  RENDERER_UNAVAILABLE: 13,
  /** the API's refusals of a browser session (no CSRF token, no second factor) */
  CSRF_REFUSED: 8,
  SECOND_FACTOR_REQUIRED: 8,
  /** an invitation or link that is no longer usable: like a record that does not exist */
  GONE: 3,
  BUSY: 4,
  /** a document that would lose what the held version has, imported without --force */
  REGRESSION: 14,
};

/**
 * `xuke reminders run`: a reminder could not be sent to a channel (recorded in the sent-log and
 * retried by a later run), or an organisation's reminders could not be read. Not a DomainError: the
 * run itself completed.
 */
export const EXIT_SEND_FAILED = 10;

/** Exit code for an unexpected failure (a bug): distinct from every expected outcome. */
export const EXIT_INTERNAL = 70;
