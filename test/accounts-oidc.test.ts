/**
 * Single sign-on (docs/accounts.md, "Single sign-on") against a REAL OpenID Connect provider:
 * `oidc-provider` listening on 127.0.0.1 (a random port) with xuke's client registered, and a
 * second client (`other-app`) for the audience check. A person "logs in" at the provider without a
 * browser: fetch follows its redirects with a cookie jar, and its interaction endpoint finishes the
 * login as the account the test chose (`provider.interactionFinished`), so every run is the same.
 *
 * xuke side: the HTTP harness's app on every dialect; each case goes start → provider → callback →
 * session cookie → GET /api/v1/session, and checks the refusals: a wrong or replayed state, a
 * callback in another browser, an ID token for another client or with a broken signature, nobody
 * invited, an unverified e-mail, an existing account's e-mail without a link.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/adapters/http/app.js';
import type { ZodApp } from '../src/adapters/http/route-types.js';
import { createOidcClient, isLoopbackUrl } from '../src/adapters/oidc/oidc-client.js';
import { isDomainError } from '../src/core/errors.js';
import { startServer } from '../src/main/server.js';
import type { Role } from '../src/ports/access-store.js';
import { expectProblem, harnessFor, personSession } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

// ---------------------------------------------------------------------------------------------
// The provider. oidc-provider ships no types: what these tests use of it, typed here.

interface ProviderContext {
  readonly path: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  status: number;
  body: unknown;
  readonly oidc: {
    readonly provider: OidcProviderInstance;
    readonly client?: { readonly clientId: string };
    readonly session?: { readonly accountId?: string };
  };
}
interface GrantInstance {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface OidcProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  use(middleware: (ctx: ProviderContext, next: () => Promise<void>) => Promise<void>): void;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
  Grant: new (o: { clientId: string; accountId: string }) => GrantInstance;
}
type OidcProviderClass = new (
  issuer: string,
  config: Record<string, unknown>,
) => OidcProviderInstance;

// a module name TypeScript does not resolve (it has no types to resolve to)
const PROVIDER_MODULE: string = 'oidc-provider';
const { default: Provider } = (await import(PROVIDER_MODULE)) as {
  default: OidcProviderClass;
};

/** An account at the provider: what its ID token will say. */
interface Account {
  readonly sub: string;
  readonly email?: string;
  readonly email_verified?: boolean;
  readonly name?: string;
}

const XUKE = 'http://xuke.test';
const REDIRECT = `${XUKE}/api/v1/oidc/callback`;
const CLIENT = { id: 'xuke', secret: 'xuke-client-secret-2026-abcdefghijklmnop' };
const OTHER = {
  id: 'other-app',
  secret: 'other-client-secret-2026-abcdefghijklmnop',
  redirect: 'http://other.test/callback',
};

/** Who the next login at the provider is; null: the person declines. */
let nextLogin: Account | null = null;
/** Replaces the ID token of the provider's next token responses, while set. */
let swapIdToken: ((idToken: string) => string) | null = null;
const accounts = new Map<string, Account>();

/** A minimal in-memory store for the provider (silences its "development adapter" warning). */
class MemoryAdapter {
  static readonly rows = new Map<string, Record<string, unknown>>();
  constructor(private readonly model: string) {}
  private key(id: string): string {
    return `${this.model}:${id}`;
  }
  upsert(id: string, payload: Record<string, unknown>): Promise<void> {
    MemoryAdapter.rows.set(this.key(id), payload);
    return Promise.resolve();
  }
  find(id: string): Promise<Record<string, unknown> | undefined> {
    return Promise.resolve(MemoryAdapter.rows.get(this.key(id)));
  }
  findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
    for (const [k, v] of MemoryAdapter.rows) {
      if (k.startsWith(`${this.model}:`) && v['uid'] === uid) return Promise.resolve(v);
    }
    return Promise.resolve(undefined);
  }
  findByUserCode(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  consume(id: string): Promise<void> {
    const row = MemoryAdapter.rows.get(this.key(id));
    if (row !== undefined) row['consumed'] = Math.floor(Date.now() / 1000);
    return Promise.resolve();
  }
  destroy(id: string): Promise<void> {
    MemoryAdapter.rows.delete(this.key(id));
    return Promise.resolve();
  }
  revokeByGrantId(grantId: string): Promise<void> {
    for (const [k, v] of MemoryAdapter.rows)
      if (v['grantId'] === grantId) MemoryAdapter.rows.delete(k);
    return Promise.resolve();
  }
}

const server = createServer();
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const ISSUER = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

const provider = new Provider(ISSUER, {
  adapter: MemoryAdapter,
  clients: [
    {
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
      redirect_uris: [REDIRECT],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
    {
      client_id: OTHER.id,
      client_secret: OTHER.secret,
      redirect_uris: [OTHER.redirect],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: {
    keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }],
  },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // The ID token carries the scopes' claims (as Keycloak, Authing and most providers do); the
  // userinfo path is exercised by a provider of its own below.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  ttl: {
    AccessToken: 600,
    AuthorizationCode: 60,
    Grant: 600,
    IdToken: 600,
    Interaction: 600,
    Session: 600,
  },
  interactions: {
    url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
  },
  findAccount: (_ctx: unknown, sub: string) => {
    const account = accounts.get(sub) ?? { sub };
    return { accountId: sub, claims: () => Promise.resolve({ ...account }) };
  },
  // first-party clients: consent is implied (the grant covers what was asked)
  loadExistingGrant: async (ctx: ProviderContext) => {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client?.clientId ?? '',
      accountId: ctx.oidc.session?.accountId ?? '',
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

// a token response's ID token replaced while `swapIdToken` is set
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && swapIdToken !== null && typeof ctx.body === 'object' && ctx.body) {
    const body = ctx.body as Record<string, unknown>;
    if (typeof body['id_token'] === 'string') {
      ctx.body = { ...body, id_token: swapIdToken(body['id_token']) };
    }
  }
});

const handle = provider.callback();
server.on('request', (req: IncomingMessage, res: ServerResponse) => {
  if (req.url?.startsWith('/interaction/') === true) {
    const login = nextLogin;
    const result =
      login === null
        ? { error: 'access_denied', error_description: 'the person declined' }
        : { login: { accountId: login.sub } };
    if (login !== null) accounts.set(login.sub, login);
    provider
      .interactionFinished(req, res, result, { mergeWithLastSubmission: false })
      .catch((e: unknown) => {
        res.statusCode = 500;
        res.end(String(e));
      });
    return;
  }
  handle(req, res);
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
});

/**
 * A browser at the provider: follows its redirects (with its own cookie jar, so every login is
 * fresh) after logging in as `account`, until the provider sends it to `until`; that URL.
 */
async function atProvider(url: string, account: Account | null, until = REDIRECT): Promise<URL> {
  nextLogin = account;
  const jar = new Map<string, string>();
  let at = url;
  for (let i = 0; i < 10; i++) {
    const res = await fetch(at, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (location === null)
      throw new Error(`the provider answered ${String(res.status)}: ${await res.text()}`);
    at = new URL(location, at).href;
    if (at.startsWith(until)) return new URL(at);
  }
  throw new Error('the provider never sent the browser back');
}

/** The S256 challenge of a PKCE verifier. */
const challengeOf = (verifier: string): string =>
  createHash('sha256').update(verifier).digest('base64url');

/** An ID token the provider issued to `other-app` for this account, with this nonce. */
async function idTokenForOtherClient(account: Account, nonce: string): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const auth = new URL(`${ISSUER}/auth`);
  auth.search = new URLSearchParams({
    client_id: OTHER.id,
    redirect_uri: OTHER.redirect,
    response_type: 'code',
    scope: 'openid email profile',
    state: 'other-state',
    nonce,
    code_challenge: challengeOf(verifier),
    code_challenge_method: 'S256',
  }).toString();
  const back = await atProvider(auth.href, account, OTHER.redirect);
  const res = await fetch(`${ISSUER}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${OTHER.id}:${OTHER.secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      redirect_uri: OTHER.redirect,
      code_verifier: verifier,
    }).toString(),
  });
  const body = (await res.json()) as { id_token?: string };
  if (body.id_token === undefined) throw new Error(`no ID token: ${JSON.stringify(body)}`);
  return body.id_token;
}

/** The JWT's payload. */
const payloadOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;

const client = await createOidcClient({
  issuer: ISSUER,
  clientId: CLIENT.id,
  clientSecret: CLIENT.secret,
  redirectUri: REDIRECT,
  name: '测试单点登录',
  timeoutSeconds: 5,
});

// ---------------------------------------------------------------------------------------------
// xuke

/** The warnings and errors the app logs (the refusals' details), one JSON line each. */
const logLines: string[] = [];

interface Started {
  /** the provider's authorization URL */
  readonly url: string;
  /** the flow cookie (`xuke_oidc=STATE`) to send back with the callback */
  readonly cookie: string;
  readonly params: URLSearchParams;
}

interface SessionView {
  person: { id: string; name: string; email: string | null };
  organisation: { id: string };
  role: Role;
  method: string;
}

describe('the loopback rule for http issuers', () => {
  it('allows plain http only for this machine', () => {
    for (const ok of [
      'http://127.0.0.1:8080',
      'http://127.8.9.10/',
      'http://[::1]:3000',
      'http://localhost:1',
    ]) {
      expect(isLoopbackUrl(new URL(ok)), ok).toBe(true);
    }
    for (const no of [
      'http://idp.example.com',
      'http://localhost.example.com',
      'http://127.0.0.1.nip.io',
      'http://10.0.0.1',
      'http://[::2]',
      'http://128.0.0.1',
    ]) {
      expect(isLoopbackUrl(new URL(no)), no).toBe(false);
    }
  });

  it('refuses a non-loopback http issuer before asking it anything', async () => {
    const refused = await createOidcClient({
      issuer: 'http://idp.example.com/realms/corp',
      clientId: 'x',
      clientSecret: 'y',
      redirectUri: REDIRECT,
      name: 'x',
    }).catch((e: unknown) => e);
    expect(isDomainError(refused) && refused.code).toBe('INVALID_INPUT');
    expect((refused as Error).message).toContain('https');
  });

  it('reads the provider’s discovery document on this machine over http', () => {
    expect(client.issuer).toBe(ISSUER);
    expect(client.redirectUri).toBe(REDIRECT);
  });
});

describeEachDialect('single sign-on with OpenID Connect', (dialect) => {
  // the harness's app has no provider (single sign-on not configured); `sso` is the same
  // dependencies with the provider's client, as the composition root builds them
  const plain = harnessFor(dialect);
  let sso: ZodApp | undefined;
  beforeAll(async () => {
    sso = await buildApp(
      { ...plain.deps, oidc: client },
      {
        adminOrganisation: 'acme',
        logger: { level: 'warn', stream: { write: (line: string) => logLines.push(line) } },
      },
    );
  });
  afterAll(async () => {
    await sso?.close();
  });
  const h = {
    get app(): ZodApp {
      if (sso === undefined) throw new Error('the app starts in beforeAll');
      return sso;
    },
    get deps() {
      return plain.deps;
    },
    get db() {
      return plain.db;
    },
    get clock() {
      return plain.clock;
    },
  };

  async function start(query = '', cookie?: string): Promise<Started> {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/v1/oidc/start${query}`,
      headers: cookie === undefined ? {} : { cookie },
    });
    expect(res.statusCode, res.body).toBe(302);
    const url = String(res.headers['location']);
    expect(url.startsWith(`${ISSUER}/auth?`), url).toBe(true);
    const setCookie = [res.headers['set-cookie']].flat().map(String);
    const flow = setCookie.find((c) => c.startsWith('xuke_oidc='));
    expect(flow, setCookie.join('\n')).toBeDefined();
    expect(flow).toMatch(/HttpOnly/u);
    expect(flow).toMatch(/SameSite=Lax/u);
    return { url, cookie: (flow ?? '').split(';')[0] ?? '', params: new URL(url).searchParams };
  }

  async function callback(back: URL, cookie: string | null) {
    return h.app.inject({
      method: 'GET',
      url: `/api/v1/oidc/callback${back.search}`,
      headers: cookie === null ? {} : { cookie },
    });
  }

  /** A callback's answer: the session cookie when it went to `/`, else the error reason. */
  function outcome(res: Awaited<ReturnType<typeof callback>>): {
    location: string;
    session: string | null;
  } {
    expect(res.statusCode, res.body).toBe(302);
    const session =
      [res.headers['set-cookie']]
        .flat()
        .map(String)
        .find((c) => c.startsWith('xuke_session='))
        ?.split(';')[0] ?? null;
    return { location: String(res.headers['location']), session };
  }

  async function signIn(account: Account | null, query = '', cookie?: string) {
    const s = await start(query, cookie);
    const back = await atProvider(s.url, account);
    return outcome(await callback(back, s.cookie));
  }

  async function sessionOf(cookie: string): Promise<SessionView> {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<SessionView>();
  }

  /** An open invitation into `organisation`; its code. */
  async function invite(organisation: string, role: Role, email: string | null = null) {
    const deps = h.deps.accounts;
    const code = deps.secrets.newSecret();
    const now = deps.clock.now();
    await deps.invitations.createInvitation({
      id: deps.secrets.newId(),
      organisation,
      email,
      role,
      createdBy: 'test',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
      acceptedAt: null,
      acceptedBy: null,
      revokedAt: null,
      tokenHash: deps.secrets.hash(code),
    });
    return code;
  }

  async function policy(
    organisation: string,
    joinMode: 'invitation' | 'domain',
    domains: string[],
    joinRole: Role,
  ) {
    await h.deps.accounts.invitations.putAccessPolicy({
      organisation,
      joinMode,
      joinDomains: domains,
      joinRole,
      requireSecondFactor: false,
      updatedAt: h.deps.accounts.clock.now().toISOString(),
    });
  }

  let n = 0;
  /** A new account at the provider (verified e-mail unless told). */
  const account = (domain: string, extra: Partial<Account> = {}): Account => {
    n += 1;
    return {
      sub: `${dialect.name}-${String(n)}-${randomBytes(4).toString('hex')}`,
      email: `person${String(n)}.${dialect.name.toLowerCase()}@${domain}`,
      email_verified: true,
      name: `王${String(n)}`,
      ...extra,
    };
  };

  it('says whether single sign-on is configured, and what the button says', async () => {
    const on = await h.app.inject({ method: 'GET', url: '/api/v1/oidc' });
    expect(on.json()).toEqual({ enabled: true, name: '测试单点登录' });
    const off = await plain.app.inject({ method: 'GET', url: '/api/v1/oidc' });
    expect(off.json()).toEqual({ enabled: false, name: null });
    expectProblem(
      await plain.app.inject({ method: 'GET', url: '/api/v1/oidc/start' }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await plain.app.inject({ method: 'GET', url: '/api/v1/oidc/callback?code=a&state=b' }),
      404,
      'NOT_FOUND',
    );
  });

  it('sends the browser to the provider with PKCE (S256), state, nonce and the openid scopes', async () => {
    const s = await start();
    expect(s.params.get('client_id')).toBe(CLIENT.id);
    expect(s.params.get('redirect_uri')).toBe(REDIRECT);
    expect(s.params.get('response_type')).toBe('code');
    expect(s.params.get('scope')).toBe('openid email profile');
    expect(s.params.get('code_challenge_method')).toBe('S256');
    expect(s.params.get('code_challenge')).toMatch(/^[\w-]{43}$/u);
    const state = s.params.get('state') ?? '';
    expect(state.length).toBeGreaterThanOrEqual(32);
    expect((s.params.get('nonce') ?? '').length).toBeGreaterThanOrEqual(32);
    expect(s.cookie).toBe(`xuke_oidc=${state}`);
    // the flow is stored by the state's sha256, never the state itself
    const rows = await h.db.open.db.selectFrom('oidc_flows').selectAll().execute();
    expect(rows.some((r) => r.state_hash === h.deps.accounts.secrets.hash(state))).toBe(true);
    expect(rows.some((r) => r.state_hash === state)).toBe(false);
  });

  it('first sign-in with an invitation: a new person, linked, who joins with the invited role', async () => {
    const alice = account('corp.example', { name: '张丽' });
    const code = await invite('other', 'member');
    const users = await h.db.open.db.selectFrom('users').select('id').execute();
    const r = await signIn(alice, `?invitation=${encodeURIComponent(code)}`);
    expect(r.location).toBe('/');
    expect(r.session).not.toBeNull();
    const s = await sessionOf(r.session ?? '');
    expect(s.person).toMatchObject({ name: '张丽', email: alice.email });
    expect(s.organisation.id).toBe('other');
    expect(s.role).toBe('member');
    expect(s.method).toBe('oidc');
    expect(await h.db.open.db.selectFrom('users').select('id').execute()).toHaveLength(
      users.length + 1,
    );
    const user = await h.deps.accounts.accounts.findUser(s.person.id);
    expect(user?.passwordHash).toBeNull();
    expect(await h.deps.accounts.oidc.findIdentity(ISSUER, alice.sub)).toMatchObject({
      userId: s.person.id,
    });
    const inv = await h.deps.accounts.invitations.findInvitationByHash(
      h.deps.accounts.secrets.hash(code),
    );
    expect(inv?.acceptedBy).toBe(s.person.id);
    const joined = await h.deps.audit.list('other', {
      after: 0,
      limit: 100,
      person: s.person.id,
      action: 'member.joined',
    });
    expect(joined.map((e) => e.subject)).toEqual([s.person.id]);

    // the invitation worked once: another person presenting it again is refused at the start
    const again = await h.app.inject({
      method: 'GET',
      url: `/api/v1/oidc/start?invitation=${encodeURIComponent(code)}`,
    });
    expect(again.statusCode).toBe(302);
    expect(again.headers['location']).toBe('/sign-in#error=invitation-invalid');

    // a later sign-in, without an invitation, finds the same person by (issuer, subject)
    const later = await signIn({ ...alice, email: 'renamed@elsewhere.example' });
    expect(later.location).toBe('/');
    const s2 = await sessionOf(later.session ?? '');
    expect(s2.person.id).toBe(s.person.id);
    expect(s2.organisation.id).toBe('other');
    expect(await h.db.open.db.selectFrom('users').select('id').execute()).toHaveLength(
      users.length + 1,
    );
  });

  it('refuses a state it never gave, and a callback in another browser than the one that started', async () => {
    const bob = account('corp.example');
    const code = await invite('acme', 'viewer');
    const s = await start(`?invitation=${encodeURIComponent(code)}`);
    const back = await atProvider(s.url, bob);

    // a state it never gave (the browser's cookie agreeing with it)
    const forged = new URL(back);
    forged.searchParams.set('state', 'forged-state-0123456789abcdefghijklmnopq');
    const wrong = outcome(
      await callback(forged, 'xuke_oidc=forged-state-0123456789abcdefghijklmnopq'),
    );
    expect(wrong).toEqual({ location: '/sign-in#error=invalid-state', session: null });

    // the right state, in a browser that did not start the flow (login CSRF)
    expect(outcome(await callback(back, null))).toEqual({
      location: '/sign-in#error=invalid-state',
      session: null,
    });
    expect(outcome(await callback(back, 'xuke_oidc=someone-elses-state'))).toMatchObject({
      location: '/sign-in#error=invalid-state',
    });

    // neither used the flow up: the browser that started it signs in
    const ok = outcome(await callback(back, s.cookie));
    expect(ok.location).toBe('/');
    expect((await sessionOf(ok.session ?? '')).role).toBe('viewer');
    // and the refusals were logged with their reason
    expect(logLines.join('\n')).toContain('another browser');
  });

  it('refuses a replayed callback: the same code and state twice', async () => {
    const carol = account('corp.example');
    const code = await invite('acme', 'member');
    const s = await start(`?invitation=${encodeURIComponent(code)}`);
    const back = await atProvider(s.url, carol);
    const first = outcome(await callback(back, s.cookie));
    expect(first.location).toBe('/');
    const replay = outcome(await callback(back, s.cookie));
    expect(replay).toEqual({ location: '/sign-in#error=invalid-state', session: null });
  });

  it('refuses an ID token issued to another client (audience), with the right nonce and signature', async () => {
    const dave = account('corp.example');
    const code = await invite('acme', 'member');
    const s = await start(`?invitation=${encodeURIComponent(code)}`);
    const foreign = await idTokenForOtherClient(dave, s.params.get('nonce') ?? '');
    // a real token of the same provider, subject and nonce: only the audience differs
    expect(payloadOf(foreign)).toMatchObject({
      aud: OTHER.id,
      nonce: s.params.get('nonce'),
      sub: dave.sub,
      iss: ISSUER,
    });
    const back = await atProvider(s.url, dave);
    const before = logLines.length;
    swapIdToken = () => foreign;
    try {
      const r = outcome(await callback(back, s.cookie));
      expect(r).toEqual({ location: '/sign-in#error=invalid-token', session: null });
    } finally {
      swapIdToken = null;
    }
    const logged = logLines.slice(before).join('\n');
    expect(logged).toContain('"reason":"invalid-token"');
    expect(logged).toContain('aud');
    // nothing was created or linked, and the code and secret are not in the log
    expect(await h.deps.accounts.oidc.findIdentity(ISSUER, dave.sub)).toBeUndefined();
    expect(logged).not.toContain(back.searchParams.get('code') ?? 'no code');
    expect(logged).not.toContain(CLIENT.secret);
    expect(logged).not.toContain(foreign);
  });

  it('refuses an ID token whose signature does not verify', async () => {
    const erin = account('corp.example');
    const code = await invite('acme', 'member');
    const s = await start(`?invitation=${encodeURIComponent(code)}`);
    const back = await atProvider(s.url, erin);
    // the provider's own token with its claims changed (another e-mail), the signature kept
    swapIdToken = (token) => {
      const [head, , signature] = token.split('.');
      const claims = { ...payloadOf(token), email: 'mallory@corp.example' };
      return [head, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    };
    try {
      expect(outcome(await callback(back, s.cookie))).toEqual({
        location: '/sign-in#error=invalid-token',
        session: null,
      });
    } finally {
      swapIdToken = null;
    }
    expect(await h.deps.accounts.accounts.findUserByEmail('mallory@corp.example')).toBeUndefined();
  });

  it('a person who declines at the provider comes back to the sign-in page', async () => {
    expect(await signIn(null)).toEqual({
      location: '/sign-in#error=access-denied',
      session: null,
    });
  });

  it('joins just in time by e-mail domain under a `domain` policy, not under `invitation`', async () => {
    await policy('other', 'invitation', ['jit.example'], 'viewer');
    const frank = account('jit.example');
    expect(await signIn(frank)).toEqual({ location: '/sign-in#error=not-invited', session: null });
    expect(await h.deps.accounts.oidc.findIdentity(ISSUER, frank.sub)).toBeUndefined();
    expect(await h.deps.accounts.accounts.findUserByEmail(frank.email ?? '')).toBeUndefined();

    await policy('other', 'domain', ['jit.example'], 'viewer');
    const joined = await signIn(frank);
    expect(joined.location).toBe('/');
    const s = await sessionOf(joined.session ?? '');
    expect(s.organisation.id).toBe('other');
    expect(s.role).toBe('viewer');
    expect(s.person.email).toBe(frank.email);
    // the join is on the organisation's audit chain, by the person, naming the way in
    const joins = await h.deps.audit.list('other', {
      after: 0,
      limit: 100,
      person: s.person.id,
      action: 'member.joined',
    });
    expect(joins).toHaveLength(1);
    const payload: unknown = joins[0]?.payload;
    expect(typeof payload === 'string' ? JSON.parse(payload) : payload).toMatchObject({
      via: 'single-sign-on-domain',
      domain: 'jit.example',
      role: 'viewer',
    });
    // another domain is not let in
    expect((await signIn(account('elsewhere.example'))).location).toBe(
      '/sign-in#error=not-invited',
    );
  });

  it('does not join by domain on an unverified e-mail', async () => {
    await policy('acme', 'domain', ['unverified.example'], 'member');
    const grace = account('unverified.example', { email_verified: false });
    expect(await signIn(grace)).toEqual({ location: '/sign-in#error=not-invited', session: null });
    const absent = account('unverified.example');
    const withoutClaim: Account = { sub: absent.sub, email: absent.email ?? '', name: '无验证' };
    expect(await signIn(withoutClaim)).toEqual({
      location: '/sign-in#error=not-invited',
      session: null,
    });
    expect(await h.deps.accounts.accounts.findUserByEmail(grace.email ?? '')).toBeUndefined();
  });

  it('never links an existing account by e-mail alone; the person links it signed in', async () => {
    await policy('acme', 'domain', ['takeover.example'], 'member');
    const existing = await personSession(h, {
      email: 'boss@takeover.example',
      name: '老板',
      organisation: 'acme',
      role: 'admin',
    });
    const impostor = account('takeover.example', { email: 'boss@takeover.example' });
    // the domain lets new people in, but this e-mail has an account: no silent link
    expect(await signIn(impostor)).toEqual({
      location: '/sign-in#error=email-in-use',
      session: null,
    });
    // nor through an invitation that names no e-mail (anyone may hold such a link)
    const open = await invite('other', 'viewer');
    expect((await signIn(impostor, `?invitation=${encodeURIComponent(open)}`)).location).toBe(
      '/sign-in#error=email-in-use',
    );
    expect(await h.deps.accounts.oidc.findIdentity(ISSUER, impostor.sub)).toBeUndefined();

    // link=1 needs a person signed in, and xuke's own page to start it
    expectProblem(await h.app.inject({ method: 'GET', url: '/api/v1/oidc/start?link=1' }), 401);
    expectProblem(
      await h.app.inject({
        method: 'GET',
        url: '/api/v1/oidc/start?link=1',
        headers: { ...existing.cookieOnly, 'sec-fetch-site': 'cross-site' },
      }),
      403,
      'CSRF_REFUSED',
    );
    const linking = await start('?link=1', existing.cookieOnly.cookie);
    expect(linking.params.get('prompt')).toBe('login');
    expect((await start()).params.get('prompt')).toBeNull();
    // the person, signed in, links their provider account
    const linked = await signIn(impostor, '?link=1', existing.cookieOnly.cookie);
    expect(linked.location).toBe('/');
    expect((await sessionOf(linked.session ?? '')).person.id).toBe(existing.user.id);
    expect(await h.deps.accounts.oidc.findIdentity(ISSUER, impostor.sub)).toMatchObject({
      userId: existing.user.id,
    });
    // from now on the provider signs them in
    const later = await signIn(impostor);
    const s = await sessionOf(later.session ?? '');
    expect(s.person.id).toBe(existing.user.id);
    expect(s.role).toBe('admin');

    // the identity is theirs: another person cannot link it to themselves
    const other = await personSession(h, { organisation: 'acme', role: 'member' });
    expect((await signIn(impostor, '?link=1', other.cookieOnly.cookie)).location).toBe(
      '/sign-in#error=already-linked',
    );
  });

  it('links an existing account through an invitation addressed to its verified e-mail', async () => {
    const existing = await personSession(h, {
      email: 'invited@corp.example',
      organisation: 'acme',
      role: 'viewer',
    });
    const ivy = account('corp.example', { email: 'invited@corp.example' });
    const code = await invite('other', 'admin', 'invited@corp.example');
    const r = await signIn(ivy, `?invitation=${encodeURIComponent(code)}`);
    expect(r.location).toBe('/');
    const s = await sessionOf(r.session ?? '');
    expect(s.person.id).toBe(existing.user.id);
    expect(s.organisation.id).toBe('other');
    expect(s.role).toBe('admin');

    // an invitation for someone else's e-mail is not accepted with this provider account
    const jack = account('corp.example');
    const forSomeoneElse = await invite('other', 'member', 'someone.else@corp.example');
    expect((await signIn(jack, `?invitation=${encodeURIComponent(forSomeoneElse)}`)).location).toBe(
      '/sign-in#error=invitation-email-mismatch',
    );
  });

  it('refuses a flow older than 10 minutes', async () => {
    const kim = account('corp.example');
    const code = await invite('acme', 'member');
    const s = await start(`?invitation=${encodeURIComponent(code)}`);
    const back = await atProvider(s.url, kim);
    const now = h.clock.now();
    h.clock.set(new Date(now.getTime() + 11 * 60_000).toISOString());
    try {
      expect(outcome(await callback(back, s.cookie)).location).toBe('/sign-in#error=invalid-state');
    } finally {
      h.clock.set(now.toISOString());
    }
  });
});

describe('a provider that puts the e-mail in userinfo only and takes client_secret_post only', () => {
  it('reads the claims from the userinfo endpoint for the same subject, authenticating by post', async () => {
    // the same provider, but its ID tokens carry only `sub`: a second instance configured so
    const srv = createServer();
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${String((srv.address() as AddressInfo).port)}`;
    const strict = new Provider(issuer, {
      adapter: MemoryAdapter,
      clients: [
        {
          client_id: CLIENT.id,
          client_secret: CLIENT.secret,
          redirect_uris: [REDIRECT],
          token_endpoint_auth_method: 'client_secret_post',
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      jwks: {
        keys: [
          { ...privateKey.export({ format: 'jwk' }), kid: 'strict-key', use: 'sig', alg: 'RS256' },
        ],
      },
      cookies: { keys: [randomBytes(32).toString('hex')] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      // discovery lists only client_secret_post: xuke must not use its default (basic)
      clientAuthMethods: ['client_secret_post'],
      conformIdTokenClaims: true,
      features: { devInteractions: { enabled: false } },
      ttl: {
        AccessToken: 600,
        AuthorizationCode: 60,
        Grant: 600,
        IdToken: 600,
        Interaction: 600,
        Session: 600,
      },
      interactions: { url: (_ctx: unknown, i: { uid: string }) => `/interaction/${i.uid}` },
      findAccount: (_ctx: unknown, sub: string) => ({
        accountId: sub,
        claims: () =>
          Promise.resolve({
            sub,
            email: 'Strict@Corp.Example',
            email_verified: true,
            name: '严格',
          }),
      }),
      loadExistingGrant: async (ctx: ProviderContext) => {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client?.clientId ?? '',
          accountId: ctx.oidc.session?.accountId ?? '',
        });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
    });
    // oidc-provider takes either method from any client: refuse Basic, as a post-only provider does
    strict.use(async (ctx, next) => {
      if (ctx.path === '/token' && ctx.headers['authorization'] !== undefined) {
        ctx.status = 401;
        ctx.body = { error: 'invalid_client', error_description: 'client_secret_post only' };
        return;
      }
      await next();
    });
    const strictHandle = strict.callback();
    srv.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.url?.startsWith('/interaction/') === true) {
        void strict.interactionFinished(
          req,
          res,
          { login: { accountId: 'strict-1' } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      strictHandle(req, res);
    });
    try {
      const discovered = (await (
        await fetch(`${issuer}/.well-known/openid-configuration`)
      ).json()) as { token_endpoint_auth_methods_supported?: string[] };
      expect(discovered.token_endpoint_auth_methods_supported).toEqual(['client_secret_post']);
      const rp = await createOidcClient({
        issuer,
        clientId: CLIENT.id,
        clientSecret: CLIENT.secret,
        redirectUri: REDIRECT,
        name: 'strict',
      });
      const auth = await rp.authorization();
      const back = await atProvider(auth.url, { sub: 'strict-1' });
      const claims = await rp.exchange(back, auth);
      expect(claims).toEqual({
        issuer,
        subject: 'strict-1',
        email: 'strict@corp.example',
        emailVerified: true,
        name: '严格',
      });
    } finally {
      await new Promise<void>((resolve) => {
        srv.close(() => {
          resolve();
        });
      });
    }
  });
});

describe('the service configured for single sign-on (XUKE_OIDC_*)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xuke-oidc-serve-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const env = (more: Record<string, string>) => ({
    XUKE_DATABASE_URL: `sqlite://${join(dir, `${randomBytes(4).toString('hex')}.sqlite`)}`,
    XUKE_REMINDER_INTERVAL_MINUTES: '0',
    XUKE_OIDC_ISSUER: ISSUER,
    XUKE_OIDC_CLIENT_ID: CLIENT.id,
    XUKE_OIDC_CLIENT_SECRET: CLIENT.secret,
    XUKE_OIDC_NAME: '企业微信（测试）',
    ...more,
  });

  it('discovers the provider at start and offers its button; the start sends to the provider', async () => {
    const running = await startServer({
      env: env({ XUKE_PUBLIC_URL: XUKE }),
      port: 0,
      host: '127.0.0.1',
      logger: false,
      print: () => undefined,
    });
    try {
      const offered = await fetch(`${running.url}/api/v1/oidc`);
      expect(await offered.json()).toEqual({ enabled: true, name: '企业微信（测试）' });
      const start = await fetch(`${running.url}/api/v1/oidc/start`, { redirect: 'manual' });
      expect(start.status).toBe(302);
      const to = new URL(start.headers.get('location') ?? '');
      expect(to.origin).toBe(ISSUER);
      expect(to.searchParams.get('redirect_uri')).toBe(REDIRECT);
      expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    } finally {
      await running.close();
    }
  });

  it('does not start without XUKE_PUBLIC_URL, and says why', async () => {
    await expect(
      startServer({
        env: env({}),
        port: 0,
        host: '127.0.0.1',
        logger: false,
        print: () => undefined,
      }),
    ).rejects.toThrow(/XUKE_PUBLIC_URL/u);
  });
});
