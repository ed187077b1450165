import type { DomainErrorCode } from '../../core/errors.js';

/**
 * CLI exit code for every domain error. 2 = the input could not be used (unreadable, not a
 * licence, too large, bad argument); 3 = a record asked for does not exist.
 */
export const EXIT_CODE: Readonly<Record<DomainErrorCode, number>> = {
  UNREADABLE_DOCUMENT: 2,
  NOT_A_LICENCE: 2,
  UNSUPPORTED_FORMAT: 2,
  INPUT_TOO_LARGE: 2,
  INVALID_INPUT: 2,
  NOT_FOUND: 3,
};

/** Exit code for an unexpected failure (a bug): distinct from every expected outcome. */
export const EXIT_INTERNAL = 70;
