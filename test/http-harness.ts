/**
 * The HTTP API over a fresh database: the app (not listening), tokens of every role in the `acme`
 * organisation (the instance's administrator organisation) and an admin of `other`, the seed
 * licence declared in `acme` and the B1.B2 fixture in `other`; no authority unless a test adds one
 * (`addAuthority`); one per describe block (`harnessFor`), and the check of a problem answer.
 * Shared by the test/http-*.test.ts and test/trust-*.test.ts files. Every response its app (or any
 * app a test builds) sends is checked against the app's OpenAPI document: test/contract-setup.ts.
 */
import { documentViews } from '../src/adapters/documents/page-images.js';
import { kyselyMembershipAudit } from '../src/adapters/db/membership-audit.js';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import { KyselyAnnualReportStore } from '../src/adapters/db/annual-report.repository.js';
import { annualReportIssuerRecords } from '../src/app/annual-report/issuer-records.js';
import { KyselyCompletionStore } from '../src/adapters/db/completion.repository.js';
import { KyselyObligationEventStore } from '../src/adapters/db/obligation-event.repository.js';
import { KyselyReminderDirectory } from '../src/adapters/db/reminder.repository.js';
import { KyselyAuditLog } from '../src/adapters/db/audit-query.js';
import { KyselyBulkCheckScheduleStore } from '../src/adapters/db/bulk-check-schedule.repository.js';
import { KyselyAccessStore } from '../src/adapters/db/access.repository.js';
import { KyselyAccountStore } from '../src/adapters/db/account.repository.js';
import { KyselyInvitationStore } from '../src/adapters/db/invitation.repository.js';
import { KyselyOidcStore } from '../src/adapters/db/oidc.repository.js';
import { KyselySecondFactorStore } from '../src/adapters/db/second-factor.repository.js';
import { argon2Passwords } from '../src/adapters/crypto/argon2-passwords.js';
import type { AccountMail, SessionPolicy } from '../src/app/accounts/account-deps.js';
import { startSession } from '../src/app/accounts/sessions.js';
import { createPerson } from '../src/app/accounts/users.js';
import type { User } from '../src/ports/account-store.js';
import { buildApp } from '../src/adapters/http/app.js';
import type { HttpDeps, HttpOptions } from '../src/adapters/http/http-deps.js';
import { openJobQueue } from '../src/adapters/jobs/open-job-queue.js';
import { registerJobHandlers } from '../src/main/job-handlers.js';
import { guardedPost } from '../src/adapters/notify/guarded-post.js';
import { reminderChannels } from '../src/adapters/notify/reminder-channels.js';
import { cachedAccessStore, cachedLicenceStore } from '../src/adapters/http/read-cache.js';
import type { ZodApp } from '../src/adapters/http/route-types.js';
import { nodeDrawRandomness } from '../src/adapters/node-draw-randomness.js';
import { nodeSecrets } from '../src/adapters/node-secrets.js';
import { KyselySpotCheckStore } from '../src/adapters/db/spot-check.repository.js';
import { kyselyTrustStores } from '../src/adapters/db/organisation.repository.js';
import { signingServices } from '../src/main/registry.js';
import { readElicenceFile } from '../src/adapters/elicence/read-elicence-file.js';
import { createApiToken } from '../src/app/access/create-api-token.js';
import { createOrganisation } from '../src/app/trust/organisations.js';
import { parseDocument } from '../src/app/documents/parse-document.js';
import { registerLicence } from '../src/app/registry/register-licence.js';
import { DomainError } from '../src/core/errors.js';
import type { Role } from '../src/ports/access-store.js';
import type { WebFetcher } from '../src/ports/web-fetcher.js';
import { FIXTURES, TEXT_DOCUMENTS } from './fixtures.js';
import { fixedClock, type DialectHarness, type TestDatabase } from './registry-dialects.js';

export const SEED_NUMBER = '京B2-20180910';
export const OTHER_NUMBER = 'B1.B2-20233345';
/** the two numbers as they stand in a URL path */
export const SEED = encodeURIComponent(SEED_NUMBER);
export const OTHER = encodeURIComponent(OTHER_NUMBER);

/** A web without a network: example.test serves a page that shows the seed's number. */
export const fakeFetcher: WebFetcher = {
  check: (url) =>
    url.startsWith('http://example.test')
      ? Promise.resolve()
      : Promise.reject(new DomainError('TARGET_REFUSED', '拒绝', 'refused')),
  fetch: (request) => {
    if (!request.url.startsWith('http://example.test')) {
      return Promise.reject(
        new DomainError('TARGET_REFUSED', `拒绝 ${request.url}`, `Refused ${request.url}`),
      );
    }
    return Promise.resolve({
      url: request.url,
      finalUrl: request.url,
      redirects: [],
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      contentType: 'text/html; charset=utf-8',
      body: new TextEncoder().encode(
        `<html><body><p>云智联</p><footer>京ICP证180910号 ${SEED_NUMBER}</footer></body></html>`,
      ),
    });
  },
};

export interface HttpHarness {
  readonly app: ZodApp;
  readonly deps: HttpDeps;
  readonly db: TestDatabase;
  /** the clock every dependency reads: 2026-11-28 10:00 Shanghai until a test sets it */
  readonly clock: ReturnType<typeof fixedClock>;
  /** bearer secrets: acme's three roles, and other's admin */
  readonly tokens: Readonly<Record<Role | 'otherAdmin', string>>;
  close(): Promise<void>;
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** What a test may change in the people's dependencies (docs/accounts.md). */
export interface AccountOptions {
  /** mail to people (invitations, lock-out notices); default none */
  readonly mail?: AccountMail | null;
  /** default 120 idle minutes, 12 hours */
  readonly sessionPolicy?: SessionPolicy;
  readonly publicUrl?: string | null;
}

/** What a test may change in the app's dependencies (the job handlers read them too). */
export type DepsOverrides = Partial<Pick<HttpDeps, 'documents' | 'asyncDocuments'>>;

export async function startHarness(
  dialect: DialectHarness,
  options: HttpOptions = {},
  accountOptions: AccountOptions = {},
  overrides: DepsOverrides = {},
): Promise<HttpHarness> {
  const db = await dialect.fresh();
  // the job queue on the same database, polling often: documents, scans, bulk checks
  const jobs = await openJobQueue(db.open, {
    pollMs: 50,
    retryBaseMs: 50,
    ...(db.config.dialect === 'postgres' ? { connectionString: db.config.url } : {}),
  });
  const clock = fixedClock();
  // The read caches as the server has them, with a TTL far longer than any test: a stale read
  // after a write through the API would fail the tests.
  const cache = { ttlMs: 600_000 };
  const store = cachedLicenceStore(db.store(clock), cache);
  const registry = { store, clock, ...kyselyTrustStores(db.open.db, clock) };
  const obligations = new KyselyObligationEventStore(db.open.db);
  const reports = new KyselyAnnualReportStore(db.open.db);
  const deadlines = {
    ...registry,
    events: obligations,
    completions: new KyselyCompletionStore(db.open.db),
    issuerRecords: (numbers: readonly string[]) =>
      annualReportIssuerRecords(numbers, { reports, organisations: registry.organisations }),
  };
  const deps: HttpDeps = {
    registry,
    audit: new KyselyAuditLog(db.open.db),
    access: {
      access: cachedAccessStore(new KyselyAccessStore(db.open.db), cache),
      secrets: nodeSecrets,
      clock,
    },
    accounts: {
      accounts: new KyselyAccountStore(db.open.db),
      invitations: new KyselyInvitationStore(db.open.db),
      oidc: new KyselyOidcStore(db.open.db),
      secondFactors: new KyselySecondFactorStore(db.open.db),
      membershipAudit: kyselyMembershipAudit(db.open.db),
      passwords: argon2Passwords,
      secrets: nodeSecrets,
      clock,
      sessionPolicy: accountOptions.sessionPolicy ?? { idleMinutes: 120, maxHours: 12 },
      mail: accountOptions.mail ?? null,
      publicUrl: accountOptions.publicUrl ?? null,
    },
    documents: TEXT_DOCUMENTS,
    obligations,
    deadlines,
    annualReports: { ...deadlines, reports },
    // webhook deliveries go to the fake web: example.test answers 200, anything else is refused
    signing: signingServices(db.open.db, registry, () => 'harness passphrase 2026'),
    spotChecks: {
      spotChecks: new KyselySpotCheckStore(db.open.db),
      store,
      organisations: registry.organisations,
      clock,
      randomness: nodeDrawRandomness,
      newId: () => nodeSecrets.newId(),
    },
    readElicenceFile,
    originals: documentViews,
    reminders: reminderChannels({
      directory: new KyselyReminderDirectory(db.open.db),
      post: guardedPost(fakeFetcher),
      retry: { attempts: 1 },
    }),
    jobs,
    bulkCheckSchedules: new KyselyBulkCheckScheduleStore(db.open.db),
    scans: {
      clock,
      scan: (organisation) => ({ fetcher: fakeFetcher, registry: { store, organisation } }),
    },
    ...overrides,
  };
  registerJobHandlers(jobs, deps);
  await jobs.start();
  for (const [org, path] of [
    ['acme', FIXTURES.seed],
    ['other', FIXTURES.b1b2],
  ] as const) {
    const bytes = readFileSync(path);
    const parsed = await parseDocument(bytes, path, TEXT_DOCUMENTS);
    await registerLicence(
      {
        licence: parsed.licence,
        document: { sha256: parsed.source.sha256, format: 'text', bytes },
      },
      { organisation: org, actor: 'test' },
      deps.registry,
    );
  }
  const token = async (organisation: string, role: Role) =>
    (await createApiToken({ organisation, role, name: `${organisation}-${role}` }, deps.access))
      .token;
  const tokens = {
    admin: await token('acme', 'admin'),
    member: await token('acme', 'member'),
    viewer: await token('acme', 'viewer'),
    otherAdmin: await token('other', 'admin'),
  };
  const app = await buildApp(deps, { adminOrganisation: 'acme', ...options });
  return {
    app,
    deps,
    db,
    clock,
    tokens,
    close: async () => {
      await app.close();
      await jobs.stop();
      await db.close();
    },
  };
}

/**
 * The harness of a describe block: started before its tests (before the block's own `beforeAll`
 * hooks, which may use it) and closed after them.
 */
export function harnessFor(
  dialect: DialectHarness,
  options: HttpOptions = {},
  accountOptions: AccountOptions = {},
  overrides: DepsOverrides = {},
): HttpHarness {
  let started: HttpHarness | undefined;
  beforeAll(async () => {
    started = await startHarness(dialect, options, accountOptions, overrides);
  });
  afterAll(async () => {
    await started?.close();
  });
  const get = (): HttpHarness => {
    if (started === undefined) throw new Error('the HTTP harness starts in beforeAll');
    return started;
  };
  return {
    get app() {
      return get().app;
    },
    get deps() {
      return get().deps;
    },
    get db() {
      return get().db;
    },
    get clock() {
      return get().clock;
    },
    get tokens() {
      return get().tokens;
    },
    close: () => get().close(),
  };
}

/**
 * An authority organisation on the harness's instance (default: `beijing`, 北京市通信管理局, jurisdiction
 * 京) and a token of it (`member` by default: issuing power comes from the organisation, not the
 * role). Adding one changes every later comparison of a number in its jurisdiction.
 */
export async function addAuthority(
  h: Pick<HttpHarness, 'deps'>,
  options: { id?: string; name?: string; jurisdiction?: string; role?: Role } = {},
): Promise<{ id: string; name: string; token: string }> {
  const id = options.id ?? 'beijing';
  const name = options.name ?? '北京市通信管理局';
  await createOrganisation(
    { id, name, kind: 'authority', jurisdiction: options.jurisdiction ?? '京' },
    'test',
    h.deps.registry,
  );
  const role = options.role ?? 'member';
  const created = await createApiToken(
    { organisation: id, role, name: `${id}-${role}` },
    h.deps.access,
  );
  return { id, name, token: created.token };
}

/** What `app.inject()` answers, as much as `expectProblem` reads. */
export interface InjectedResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly body: string;
  json(): unknown;
}

/**
 * Asserts a problem answer (RFC 9457, application/problem+json) with this status and, when given,
 * this code; returns the problem document.
 */
export function expectProblem(
  res: InjectedResponse,
  status: number,
  code?: string,
): Record<string, unknown> {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/u);
  const p = res.json() as Record<string, unknown>;
  expect(p['status']).toBe(status);
  expect(typeof p['type']).toBe('string');
  expect(typeof p['title']).toBe('string');
  if (code !== undefined) expect(p['code']).toBe(code);
  return p;
}

/** A person signed in through the browser: the request headers a test sends as them. */
export interface PersonSession {
  readonly user: User;
  /** the session's secret (the cookie's value) */
  readonly secret: string;
  readonly csrfToken: string;
  /** `cookie` (and, for writes, `x-csrf-token`) headers */
  readonly headers: { readonly cookie: string; readonly 'x-csrf-token': string };
  /** only the cookie: a write without it is refused (CSRF) */
  readonly cookieOnly: { readonly cookie: string };
}

/**
 * A new person (a fresh e-mail unless given), a member of `organisation` with `role`, signed in
 * through a session started directly (method `password`).
 */
export async function personSession(
  h: Pick<HttpHarness, 'deps'>,
  options: {
    email?: string;
    name?: string;
    password?: string | null;
    organisation?: string;
    role?: Role;
    instanceAdmin?: boolean;
    address?: string;
  } = {},
): Promise<PersonSession> {
  const deps = h.deps.accounts;
  const user = await createPerson(
    {
      email: options.email ?? `p${deps.secrets.newId().slice(0, 8)}@example.cn`,
      name: options.name ?? '张三',
      password: options.password ?? null,
      ...(options.instanceAdmin === undefined ? {} : { instanceAdmin: options.instanceAdmin }),
    },
    deps,
  );
  const organisation = options.organisation ?? 'acme';
  await deps.accounts.putMembership({
    userId: user.id,
    organisation,
    role: options.role ?? 'admin',
    createdAt: deps.clock.now().toISOString(),
    createdBy: 'test',
  });
  const { secret, session } = await startSession(
    {
      userId: user.id,
      organisation,
      method: 'password',
      secondFactor: false,
      address: options.address ?? '127.0.0.1',
      userAgent: 'vitest',
    },
    deps,
  );
  const cookie = `xuke_session=${secret}`;
  return {
    user,
    secret,
    csrfToken: session.csrfToken,
    headers: { cookie, 'x-csrf-token': session.csrfToken },
    cookieOnly: { cookie },
  };
}
