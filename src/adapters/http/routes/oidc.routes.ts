/**
 * Single sign-on's routes (docs/accounts.md, "Single sign-on"): whether it is configured (for the
 * sign-in page's button), the start (302 to the provider) and the provider's callback (302 to `/`
 * with the session cookie, or to `/sign-in#error=REASON`). All three are public; the start with
 * `link=1` needs a person signed in (they link their account).
 *
 * The browser is bound to its flow: the start sets a short-lived cookie holding the state, and the
 * callback is refused unless it carries it (the use case explains why). The callback answers a
 * browser, so it always redirects: the reason is a word from a fixed list in the URL's fragment,
 * never the provider's own message or a stack; the details go to the log at warn, without a code,
 * token or secret.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  beginOidcSignIn,
  finishOidcSignIn,
  OIDC_FAILURES,
  OIDC_FLOW_MINUTES,
  OidcSignInError,
  type OidcClient,
  type OidcSignInDeps,
} from '../../../app/accounts/oidc-sign-in.js';
import { DomainError } from '../../../core/errors.js';
import { principalIfAny, signedInSession } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { NO_TOKEN, type ZodApp } from '../route-types.js';
import {
  clientAddress,
  hostCookie,
  parseCookies,
  secureOf,
  setSessionCookie,
  userAgentOf,
} from '../session-cookie.js';

/** The cookie that binds a flow to the browser that started it (its state; 10 minutes). */
export const FLOW_COOKIE = 'xuke_oidc';
export const SECURE_FLOW_COOKIE = '__Host-xuke_oidc';

/** Reasons the sign-in page may be sent with: the use case's, and the route's own. */
export const CALLBACK_ERRORS = [...OIDC_FAILURES, 'server-error'] as const;

export const OidcStatusSchema = z
  .object({
    enabled: z.boolean().describe('single sign-on is configured (XUKE_OIDC_ISSUER …)'),
    name: z
      .string()
      .nullable()
      .describe('the provider’s name for the sign-in button (XUKE_OIDC_NAME); null when disabled'),
  })
  .meta({ id: 'OidcStatus' });

const StartQuery = z.object({
  invitation: z
    .string()
    .min(10)
    .max(200)
    .optional()
    .describe('an invitation’s code: the person joins its organisation on their first sign-in'),
  link: z
    .enum(['1', 'true'])
    .optional()
    .describe('a signed-in person links single sign-on to their account'),
});

// Providers add parameters of their own (Keycloak's session_state): unknown ones are ignored.
const CallbackQuery = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(1024).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(4096).optional(),
});

const REDIRECT = z.null().describe('Found: the Location header says where to');

function flowCookie(request: FastifyRequest, deps: HttpDeps, value: string, maxAge: number) {
  return hostCookie(FLOW_COOKIE, secureOf(request, deps.accounts.publicUrl), value, maxAge);
}

function flowStateOf(request: FastifyRequest): string | null {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return null;
  const cookies = parseCookies(header);
  return cookies.get(SECURE_FLOW_COOKIE) ?? cookies.get(FLOW_COOKIE) ?? null;
}

function notConfigured(): DomainError {
  return new DomainError(
    'NOT_FOUND',
    '未配置单点登录（XUKE_OIDC_ISSUER、XUKE_OIDC_CLIENT_ID、XUKE_OIDC_CLIENT_SECRET）',
    'Single sign-on is not configured (XUKE_OIDC_ISSUER, XUKE_OIDC_CLIENT_ID, XUKE_OIDC_CLIENT_SECRET)',
  );
}

function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(302).header('location', location).header('cache-control', 'no-store').send();
}

/** The sign-in page, told why (a word from CALLBACK_ERRORS: never the provider's own message). */
function signInPage(reason: (typeof CALLBACK_ERRORS)[number]): string {
  return `/sign-in#error=${reason}`;
}

/** The query string as the provider sent it (the code exchange reads code, state, iss, error). */
function queryOf(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? '' : url.slice(i);
}

export function registerOidcRoutes(app: ZodApp, deps: HttpDeps, oidc: OidcClient | null): void {
  const signInDeps = (client: OidcClient): OidcSignInDeps => ({
    ...deps.accounts,
    oidcClient: client,
  });

  app.get(
    '/oidc',
    {
      config: { public: true },
      schema: {
        tags: ['session'],
        operationId: 'getSingleSignOn',
        summary: 'Whether single sign-on is configured, and the provider’s name for the button',
        security: NO_TOKEN,
        response: { 200: OidcStatusSchema, ...errorResponses(429) },
      },
    },
    () => Promise.resolve({ enabled: oidc !== null, name: oidc?.name ?? null }),
  );

  app.get(
    '/oidc/start',
    {
      config: { public: true },
      schema: {
        tags: ['session'],
        operationId: 'startSingleSignOn',
        summary:
          'Start a single sign-on: 302 to the provider (authorization code with PKCE, state and nonce); with an invitation, the person joins; with link=1, the signed-in person links their account',
        security: NO_TOKEN,
        querystring: StartQuery,
        response: { 302: REDIRECT, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      if (oidc === null) throw notConfigured();
      let linkUserId: string | null = null;
      if (request.query.link !== undefined) {
        // a person links their own account: a session, not a token, and an unexpired one
        await principalIfAny(request, deps);
        linkUserId = signedInSession(request).user.id;
        // started from xuke's own pages, not by another site navigating the browser here (the
        // session cookie is SameSite=Lax: it would come along)
        const site = request.headers['sec-fetch-site'];
        if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
          throw new DomainError(
            'CSRF_REFUSED',
            '关联单点登录须从本系统的页面发起',
            'Linking single sign-on must be started from xuke’s own pages',
          );
        }
      }
      let location: string;
      try {
        const { url, state } = await beginOidcSignIn(
          { invitationCode: request.query.invitation ?? null, linkUserId },
          signInDeps(oidc),
        );
        void reply.header('set-cookie', flowCookie(request, deps, state, OIDC_FLOW_MINUTES * 60));
        location = url;
      } catch (e) {
        if (!(e instanceof OidcSignInError)) throw e;
        request.log.warn({ reason: e.reason, detail: e.message }, 'single sign-on not started');
        location = signInPage(e.reason);
      }
      return redirect(reply, location);
    },
  );

  app.get(
    '/oidc/callback',
    {
      config: { public: true },
      schema: {
        tags: ['session'],
        operationId: 'finishSingleSignOn',
        summary: `The provider’s redirect back: the state (once, from this browser) and the ID token (issuer, audience, nonce, signature, expiry) checked; 302 to / with the session cookie, or to /sign-in#error=REASON (${CALLBACK_ERRORS.join(', ')})`,
        security: NO_TOKEN,
        querystring: CallbackQuery,
        response: { 302: REDIRECT, ...errorResponses(400, 404, 429) },
      },
    },
    async (request, reply) => {
      if (oidc === null) throw notConfigured();
      // the flow's cookie has done its work whatever happens next
      void reply.header('set-cookie', flowCookie(request, deps, '', 0));
      let location: string;
      try {
        const signedIn = await finishOidcSignIn(
          {
            callbackUrl: new URL(`${oidc.redirectUri.split('?')[0] ?? ''}${queryOf(request.url)}`),
            browserState: flowStateOf(request),
            address: clientAddress(request),
            userAgent: userAgentOf(request),
          },
          signInDeps(oidc),
        );
        request.log.info(
          { userId: signedIn.userId, via: signedIn.via },
          'signed in through single sign-on',
        );
        // a second Set-Cookie (fastify appends): the flow's cleared, the session's set
        setSessionCookie(reply, request, signedIn.session.secret, deps);
        location = '/';
      } catch (e) {
        if (e instanceof OidcSignInError) {
          request.log.warn({ reason: e.reason, detail: e.message }, 'single sign-on refused');
          location = signInPage(e.reason);
        } else {
          request.log.error({ err: e }, 'single sign-on failed');
          location = signInPage('server-error');
        }
      }
      return redirect(reply, location);
    },
  );
}
