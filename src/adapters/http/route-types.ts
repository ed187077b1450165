import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

/** The app with zod as its type provider: route handlers see the schemas' types. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * `security` of a route behind a caller (every route unless its config says public): a bearer
 * token, or a person's browser session cookie (docs/accounts.md).
 */
export const BEARER = [{ bearer: [] }, { session: [] }];
/** `security` of an open route (config.public): no credential at all. */
export const NO_TOKEN: readonly Record<string, readonly string[]>[] = [];
/** `security` of the calendar feed: its secret `key` query parameter is the credential. */
export const CALENDAR_KEY = [{ calendarKey: [] }];
