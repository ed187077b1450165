/**
 * The signed-in person's optional second factor (docs/accounts.md, "Second factor"): begin
 * enrolment (a secret and its otpauth:// URI), confirm it with a code (ten recovery codes, shown
 * once), and turn it off with a code or a recovery code. A person's own, through their browser
 * session: an API token has no second factor.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  disableTotp,
} from '../../../app/accounts/second-factor.js';
import { DomainError } from '../../../core/errors.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { BEARER, type ZodApp } from '../route-types.js';

export const TotpEnrolmentSchema = z
  .object({
    secret: z.string().describe('base32, to type into an authenticator app; shown once'),
    uri: z
      .string()
      .describe(
        'otpauth://totp/xuke:EMAIL?secret=…&issuer=xuke&algorithm=SHA1&digits=6&period=30, for a QR code',
      ),
  })
  .meta({ id: 'TotpEnrolment' });

export const RecoveryCodesSchema = z
  .object({
    recoveryCodes: z
      .array(z.string())
      .describe('ten single-use codes (abcd-efgh-jkmn), shown once; only their sha256 is kept'),
  })
  .meta({ id: 'RecoveryCodes' });

const ConfirmBodySchema = z.strictObject({
  code: z.string().min(6).max(20).describe('the 6 digits the authenticator app shows now'),
});

const DisableBodySchema = z.strictObject({
  code: z
    .string()
    .min(6)
    .max(40)
    .describe('the 6 digits the authenticator app shows now, or an unused recovery code'),
});

/** The signed-in person (through a browser session); a token is refused in words. */
function signedInPerson(request: FastifyRequest): string {
  const p = request.principal;
  if (p === null) throw new DomainError('UNAUTHENTICATED', '未认证', 'Not authenticated');
  if (p.sessionId === null || p.person === null) {
    throw new DomainError(
      'FORBIDDEN',
      'API 令牌没有第二因素：请本人登录网页后设置两步验证',
      'An API token has no second factor: sign in as yourself to set one up',
    );
  }
  return p.person.id;
}

export function registerTotpRoutes(app: ZodApp, deps: HttpDeps): void {
  app.post(
    '/me/totp',
    {
      schema: {
        tags: ['session'],
        operationId: 'beginTotpEnrolment',
        security: BEARER,
        summary:
          'Begin setting up the second factor: a new secret and its otpauth:// URI (in force once confirmed)',
        response: { 200: TotpEnrolmentSchema, ...errorResponses(401, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      const userId = signedInPerson(request);
      const enrolment = await beginTotpEnrolment(userId, deps.accounts);
      return reply.header('cache-control', 'no-store').send(enrolment);
    },
  );

  app.post(
    '/me/totp/confirm',
    {
      schema: {
        tags: ['session'],
        operationId: 'confirmTotpEnrolment',
        security: BEARER,
        summary:
          'Confirm the second factor with a current code: it is in force, and ten recovery codes are shown once',
        body: ConfirmBodySchema,
        response: {
          200: RecoveryCodesSchema,
          ...errorResponses(400, 401, 403, 409, 413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      const userId = signedInPerson(request);
      // a lock-out is 429 with Retry-After (problem.ts reads SecondFactorLockedError's seconds)
      const codes = await confirmTotpEnrolment(userId, request.body.code, deps.accounts);
      return reply.header('cache-control', 'no-store').send({ recoveryCodes: [...codes] });
    },
  );

  app.delete(
    '/me/totp',
    {
      schema: {
        tags: ['session'],
        operationId: 'disableTotp',
        security: BEARER,
        summary: 'Turn the second factor off, with a current code or an unused recovery code',
        body: DisableBodySchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 409, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const userId = signedInPerson(request);
      await disableTotp(userId, request.body.code, deps.accounts);
      return reply.code(204).send(null);
    },
  );
}
