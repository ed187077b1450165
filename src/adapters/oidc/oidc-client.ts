/**
 * Single sign-on's relying party (docs/accounts.md, "Single sign-on"): openid-client v6 against any
 * compliant OpenID Connect provider. Discovery runs once, at start; each sign-in is the
 * authorization code flow with PKCE (S256), state and nonce; the code exchange checks the ID
 * token's issuer, audience, nonce, expiry and signature (the provider's JWKS: checked even over
 * TLS, so a test provider on plain http is held to the same rules). Every call to the provider is
 * bounded by a timeout.
 *
 * openid-client refuses plain http. It is allowed here ONLY for a loopback issuer (127.0.0.0/8,
 * ::1, localhost): a provider on this machine, as the tests run one. Any other http issuer is
 * refused before a request is made.
 */
import { isIPv4 } from 'node:net';
import * as oidc from 'openid-client';
import type {
  OidcAuthorization,
  OidcChecks,
  OidcClaims,
  OidcClient,
  OidcFailure,
} from '../../app/accounts/oidc-sign-in.js';
import { OidcSignInError } from '../../app/accounts/oidc-sign-in.js';
import { DomainError } from '../../core/errors.js';

export type { OidcAuthorization, OidcChecks, OidcClaims, OidcClient };

export interface OidcClientConfig {
  /** the provider's issuer identifier, exactly as its discovery document names it */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** `{XUKE_PUBLIC_URL}/api/v1/oidc/callback`, registered with the provider */
  readonly redirectUri: string;
  /** shown on the sign-in button (XUKE_OIDC_NAME) */
  readonly name: string;
  /** seconds each request to the provider may take; default 10 */
  readonly timeoutSeconds?: number;
}

/** The scopes asked for: the subject, the e-mail (with whether it is verified) and the name. */
export const OIDC_SCOPES = 'openid email profile';

const DEFAULT_TIMEOUT_SECONDS = 10;

/** Whether a URL's host is this machine: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  return isIPv4(host) && host.startsWith('127.');
}

function parseIssuer(issuer: string): URL {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new DomainError(
      'INVALID_INPUT',
      `单点登录的签发者（XUKE_OIDC_ISSUER）不是 URL：${issuer}`,
      `The single sign-on issuer (XUKE_OIDC_ISSUER) is not a URL: ${issuer}`,
    );
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackUrl(url)) return url;
  throw new DomainError(
    'INVALID_INPUT',
    `单点登录的签发者必须使用 https（仅本机地址可用 http）：${issuer}`,
    `The single sign-on issuer must use https (plain http only for this machine): ${issuer}`,
  );
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** `email_verified` as providers send it: a boolean, or (some) the string "true". */
const verified = (v: unknown): boolean => v === true || v === 'true';

/** openid-client's and oauth4webapi's errors → a reason for the sign-in page and the log. */
export function failureOf(e: unknown): OidcFailure {
  if (e instanceof oidc.AuthorizationResponseError) {
    // the provider redirected back with an error: the person declined, or the provider refused
    return e.error === 'access_denied' ? 'access-denied' : 'provider-error';
  }
  if (e instanceof oidc.ResponseBodyError || e instanceof oidc.WWWAuthenticateChallengeError) {
    // the token or userinfo endpoint refused (a used or foreign code, a wrong client secret)
    return 'provider-error';
  }
  if (e instanceof oidc.ClientError) {
    switch (e.code) {
      // the ID token's issuer, audience, nonce, subject, times or signature did not pass
      case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
      case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
      case 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED':
      case 'OAUTH_KEY_SELECTION_FAILED':
      case 'OAUTH_INVALID_RESPONSE':
        return 'invalid-token';
      default:
        return 'provider-error';
    }
  }
  return 'provider-error';
}

/** Words for the log: the library's message and code, never a token or a secret. */
function detailOf(e: unknown): string {
  if (e instanceof oidc.AuthorizationResponseError || e instanceof oidc.ResponseBodyError) {
    return `${e.error}${e.error_description === undefined ? '' : `: ${e.error_description}`}`;
  }
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    const cause = e.cause instanceof Error ? ` (${e.cause.message})` : '';
    return `${typeof code === 'string' ? `${code}: ` : ''}${e.message}${cause}`;
  }
  return String(e);
}

/**
 * The client of one provider: discovery now (its issuer must match the discovery document's),
 * then `authorization()` and `exchange()` per sign-in.
 */
export async function createOidcClient(config: OidcClientConfig): Promise<OidcClient> {
  const issuerUrl = parseIssuer(config.issuer);
  const redirect = new URL(config.redirectUri);
  const timeout = config.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const execute: ((c: oidc.Configuration) => void)[] = [oidc.enableNonRepudiationChecks];
  // only a loopback issuer gets here over http (parseIssuer): the tests' provider on this machine
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated only to stand out: loopback only
  if (issuerUrl.protocol === 'http:') execute.push(oidc.allowInsecureRequests);
  let configuration: oidc.Configuration;
  try {
    configuration = await oidc.discovery(
      issuerUrl,
      config.clientId,
      config.clientSecret,
      // the OpenID Connect default (token_endpoint_auth_method client_secret_basic) …
      oidc.ClientSecretBasic(config.clientSecret),
      { execute, timeout },
    );
  } catch (e) {
    throw new DomainError(
      'FETCH_FAILED',
      `无法读取单点登录提供方 ${config.issuer} 的配置（/.well-known/openid-configuration）：${detailOf(e)}`,
      `Cannot read the single sign-on provider’s configuration at ${config.issuer} (/.well-known/openid-configuration): ${detailOf(e)}`,
      { cause: e },
    );
  }
  // … unless the provider says it takes only client_secret_post
  const methods = configuration.serverMetadata().token_endpoint_auth_methods_supported;
  if (
    methods !== undefined &&
    !methods.includes('client_secret_basic') &&
    methods.includes('client_secret_post')
  ) {
    configuration = new oidc.Configuration(
      configuration.serverMetadata(),
      config.clientId,
      config.clientSecret,
      oidc.ClientSecretPost(config.clientSecret),
    );
    for (const run of execute) run(configuration);
    configuration.timeout = timeout;
  }
  const metadata = configuration.serverMetadata();
  const issuer = metadata.issuer;

  return {
    issuer,
    name: config.name,
    redirectUri: redirect.href,

    async authorization(options: { readonly prompt?: 'login' } = {}): Promise<OidcAuthorization> {
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(configuration, {
        redirect_uri: redirect.href,
        response_type: 'code',
        scope: OIDC_SCOPES,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...(options.prompt === undefined ? {} : { prompt: options.prompt }),
      });
      return { url: url.href, state, nonce, codeVerifier };
    },

    async exchange(callbackUrl: URL, checks: OidcChecks): Promise<OidcClaims> {
      try {
        const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
        const idToken = tokens.claims();
        if (idToken === undefined) {
          throw new OidcSignInError('invalid-token', 'the token response has no ID token');
        }
        let claims: Record<string, unknown> = { ...idToken };
        // Providers that follow OpenID Connect Core 5.4 to the letter (and oidc-provider by
        // default) put the scope's claims in the userinfo answer, not the ID token: ask it, for
        // the same subject, when the ID token has no e-mail.
        if (str(claims['email']) === null && metadata.userinfo_endpoint !== undefined) {
          const info = await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
          // the ID token's own claims (name …) stand; the e-mail and its verification are userinfo's
          claims = { ...info, ...idToken, email: info.email, email_verified: info.email_verified };
        }
        const email = str(claims['email'])?.trim().toLowerCase() ?? null;
        return {
          issuer: idToken.iss,
          subject: idToken.sub,
          email,
          emailVerified: email !== null && verified(claims['email_verified']),
          name:
            str(claims['name']) ??
            str(claims['preferred_username']) ??
            str(claims['nickname']) ??
            null,
        };
      } catch (e) {
        if (e instanceof OidcSignInError) throw e;
        throw new OidcSignInError(failureOf(e), detailOf(e), { cause: e });
      }
    },
  };
}
