/**
 * Rate limits that hold (issue 19): junk is limited per client address before any token look-up
 * and cannot evict a real caller's counter; a valid caller is counted per token or person; trusted
 * proxies decide when X-Forwarded-For is believed; IPv6 clients are bucketed by /64; refusals are
 * logged at debug with a periodic summary at info.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addressKey } from '../src/app/accounts/throttle.js';
import { startSession } from '../src/app/accounts/sessions.js';
import { buildApp, loggerOptions } from '../src/adapters/http/app.js';
import type { HttpOptions } from '../src/adapters/http/http-deps.js';
import { addressBucket, OVERFLOW_KEY, WindowCounters } from '../src/adapters/http/rate-limits.js';
import type { ZodApp } from '../src/adapters/http/route-types.js';
import { loadSettings } from '../src/config/load-settings.js';
import { startServer } from '../src/main/server.js';
import { bearer, expectProblem, harnessFor, personSession } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

describe('the pieces', () => {
  it('buckets an address: IPv4 as is, IPv4-mapped as IPv4, IPv6 by its /64', () => {
    expect(addressBucket('203.0.113.9')).toBe('203.0.113.9');
    expect(addressBucket('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressBucket('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressBucket('not an address')).toBe('not an address');
  });

  it('counters evict only idle keys; full of active ones, new keys share the overflow', () => {
    let now = 0;
    const c = new WindowCounters(3, () => now);
    for (const k of ['a', 'b', 'c']) c.hit(k, 10, 1000);
    c.hit('a', 10, 1000);
    // every key active: the newcomers share one counter and nobody is pushed out
    const first = c.hit('junk-1', 10, 1000);
    const second = c.hit('junk-2', 10, 1000);
    expect(first.overflow && second.overflow).toBe(true);
    expect(second.count).toBe(2);
    expect(c.peek('a').count).toBe(2);
    expect(c.peek('b').count).toBe(1);
    expect(c.peek(OVERFLOW_KEY).count).toBe(2);
    // a window later, b and c are idle (nothing lost: their counts ran out); a is active again
    now = 1500;
    c.hit('a', 10, 1000);
    now = 2100;
    const fresh = c.hit('new', 10, 1000);
    expect(fresh.overflow).toBe(false);
    expect(c.peek('a').count).toBe(1);
    expect(c.peek('b').count).toBe(0);
  });

  it('XUKE_TRUST_PROXY takes addresses, CIDRs and range names, and names the wrong entries', () => {
    const s = loadSettings({ XUKE_TRUST_PROXY: '10.0.0.1, 10.0.0.0/8,fd00::/8 , ::1,loopback' }, [
      'service',
    ]);
    expect(s.service.trustProxy).toEqual(['10.0.0.1', '10.0.0.0/8', 'fd00::/8', '::1', 'loopback']);
    expect(loadSettings({}, ['service']).service.trustProxy).toEqual([]);
    let thrown: unknown;
    try {
      loadSettings({ XUKE_TRUST_PROXY: '10.0.0.0/33,proxy.internal,10.1.1.1' }, ['service']);
    } catch (e) {
      thrown = e;
    }
    expect((thrown as { messageEn?: string } | undefined)?.messageEn).toMatch(
      /XUKE_TRUST_PROXY: "10\.0\.0\.0\/33", "proxy\.internal" are not an IP address or CIDR/u,
    );
  });
});

/** `n` garbage bearer values, all different. */
function junk(n: number, tag: string): string[] {
  return Array.from({ length: n }, (_, i) => `xk_junk_${tag}_${i}_${'x'.repeat(20)}`);
}

describeEachDialect('rate limits that hold', (dialect) => {
  const h = harnessFor(dialect);
  const apps: ZodApp[] = [];
  const app = async (options: HttpOptions): Promise<ZodApp> => {
    const a = await buildApp(h.deps, { adminOrganisation: 'acme', ...options });
    apps.push(a);
    return a;
  };
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.close();
  });

  /** Counts the token look-ups the database is asked for. */
  function countLookups(): { readonly n: number; restore(): void } {
    const store = h.deps.access.access as { findTokenByHash: (hash: string) => Promise<unknown> };
    const original = store.findTokenByHash;
    const counter = { n: 0 };
    store.findTokenByHash = (hash) => {
      counter.n += 1;
      return original.call(store, hash);
    };
    return {
      get n() {
        return counter.n;
      },
      restore: () => {
        store.findTokenByHash = original;
      },
    };
  }

  it('garbage tokens rotating from one address get 429, without a token look-up', async () => {
    const a = await app({ rateLimitPerMinute: 20 });
    const lookups = countLookups();
    try {
      const statuses: number[] = [];
      for (const token of junk(200, 'one')) {
        const res = await a.inject({
          url: '/api/v1/licences',
          headers: bearer(token),
          remoteAddress: '198.51.100.7',
        });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
      // only the 20 the address was allowed reached the database
      expect(lookups.n).toBe(20);
      const refused = await a.inject({
        url: '/api/v1/licences',
        headers: bearer('xk_junk_more_0000000000000000'),
        remoteAddress: '198.51.100.7',
      });
      expectProblem(refused, 429, 'RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // another address is not affected
      const other = await a.inject({
        url: '/api/v1/licences',
        headers: bearer('xk_junk_other_000000000000000'),
        remoteAddress: '198.51.100.8',
      });
      expect(other.statusCode).toBe(401);
      // nor is a caller known valid at the flooded address (its neighbours' junk is not its own)
      expect(
        (await a.inject({ url: '/api/v1/licences', headers: bearer(h.tokens.viewer) })).statusCode,
      ).toBe(200);
      expect(
        (
          await a.inject({
            url: '/api/v1/licences',
            headers: bearer(h.tokens.viewer),
            remoteAddress: '198.51.100.7',
          })
        ).statusCode,
      ).toBe(200);
    } finally {
      lookups.restore();
    }
  });

  it('6,000 garbage tokens do not evict a real token’s counter', async () => {
    const a = await app({ rateLimitPerMinute: 50 });
    const get = (token: string, remoteAddress: string) =>
      a.inject({ url: '/api/v1/licences', headers: bearer(token), remoteAddress });
    let last = await get(h.tokens.member, '203.0.113.1');
    for (let i = 1; i < 10; i++) last = await get(h.tokens.member, '203.0.113.1');
    expect(last.headers['x-ratelimit-remaining']).toBe('40');
    // 6,000 different garbage tokens from 3,000 addresses, two each (the old store held 5,000
    // keys, one per presented value, and 5,200 of them evicted a real token's counter)
    const tokens = junk(6000, 'flood');
    for (let i = 0; i < tokens.length; i += 200) {
      const batch = tokens.slice(i, i + 200).map((t, j) => {
        const n = (i + j) >> 1;
        return get(t, `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`);
      });
      for (const res of await Promise.all(batch)) expect(res.statusCode).toBe(401);
    }
    // the real token's count is where it was, and it is limited at its own limit
    const after = await get(h.tokens.member, '203.0.113.1');
    expect(after.statusCode).toBe(200);
    expect(after.headers['x-ratelimit-remaining']).toBe('39');
    for (let i = 0; i < 39; i++)
      expect((await get(h.tokens.member, '203.0.113.1')).statusCode).toBe(200);
    expectProblem(await get(h.tokens.member, '203.0.113.1'), 429, 'RATE_LIMITED');
    // per token, not per address: from elsewhere it is the same counter
    expectProblem(await get(h.tokens.member, '192.0.2.99'), 429, 'RATE_LIMITED');
  }, 60_000);

  it('counts a token per token and a session per person, not per presented string', async () => {
    const a = await app({ rateLimitPerMinute: 4 });
    // one person, two browser sessions: one counter
    const person = await personSession(h, { role: 'viewer' });
    const second = await startSession(
      {
        userId: person.user.id,
        organisation: 'acme',
        method: 'password',
        secondFactor: false,
        address: '127.0.0.1',
        userAgent: 'vitest',
      },
      h.deps.accounts,
    );
    const me = (cookie: string, remoteAddress: string) =>
      a.inject({ url: '/api/v1/me', headers: { cookie }, remoteAddress });
    for (let i = 0; i < 2; i++)
      expect((await me(person.cookieOnly.cookie, '192.0.2.1')).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) {
      expect((await me(`xuke_session=${second.secret}`, '192.0.2.2')).statusCode).toBe(200);
    }
    expectProblem(await me(`xuke_session=${second.secret}`, '192.0.2.3'), 429, 'RATE_LIMITED');
    // another person is not affected
    const other = await personSession(h, { role: 'viewer' });
    expect((await me(other.cookieOnly.cookie, '192.0.2.1')).statusCode).toBe(200);
  });

  it('X-Forwarded-For: ignored from an untrusted peer, believed from a trusted proxy', async () => {
    const whoami = async (options: HttpOptions) => {
      const a = await app({ rateLimitPerMinute: 3, ...options });
      a.get(
        '/whoami',
        { config: { public: true }, schema: { response: { 200: z.object({ ip: z.string() }) } } },
        (request) => Promise.resolve({ ip: request.ip }),
      );
      return a;
    };
    const ask = async (a: ZodApp, remoteAddress: string, xff?: string) =>
      a.inject({
        url: '/api/v1/licences',
        remoteAddress,
        headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
      });
    const ipOf = async (a: ZodApp, remoteAddress: string, xff: string) =>
      (
        await a.inject({ url: '/whoami', remoteAddress, headers: { 'x-forwarded-for': xff } })
      ).json<{ ip: string }>().ip;

    // no trusted proxy: the header is the client's to write, and changes nothing
    const direct = await whoami({});
    expect(await ipOf(direct, '192.0.2.9', '198.51.100.1')).toBe('192.0.2.9');
    const untrusted = await whoami({});
    for (let i = 0; i < 3; i++) {
      expect((await ask(untrusted, '192.0.2.9', `198.51.100.${i}`)).statusCode).toBe(401);
    }
    expectProblem(await ask(untrusted, '192.0.2.9', '198.51.100.200'), 429);

    // a trusted proxy: each client behind it has its own bucket
    const proxied = await whoami({ trustProxy: ['10.0.0.0/8', 'fd00::/8'] });
    expect(await ipOf(proxied, '10.0.0.5', '198.51.100.1')).toBe('198.51.100.1');
    // the right-most hop that is not a trusted proxy: a spoofed first entry changes nothing
    expect(await ipOf(proxied, '10.0.0.5', '6.6.6.6, 203.0.113.5, 10.0.0.7')).toBe('203.0.113.5');
    expect(await ipOf(proxied, 'fd00::1', '2001:db8::8')).toBe('2001:db8::8');
    const limited = await whoami({ trustProxy: ['10.0.0.0/8'] });
    for (let i = 0; i < 3; i++) {
      expect((await ask(limited, '10.0.0.5', `${i}.1.1.1, 203.0.113.5`)).statusCode).toBe(401);
    }
    expectProblem(await ask(limited, '10.0.0.6', '9.9.9.9, 203.0.113.5'), 429);
    expect((await ask(limited, '10.0.0.5', '203.0.113.6')).statusCode).toBe(401);
    // a peer that is not the proxy cannot claim to be someone else
    expect(await ipOf(limited, '192.0.2.50', '203.0.113.77')).toBe('192.0.2.50');
  });

  it('the sign-in throttle counts the client behind a trusted proxy, by its /64', async () => {
    const a = await app({ trustProxy: ['10.0.0.0/8'] });
    const res = await a.inject({
      method: 'POST',
      url: '/api/v1/session',
      remoteAddress: '10.0.0.5',
      headers: { 'x-forwarded-for': '198.51.100.66, 2001:db8:9:9::5' },
      payload: { email: 'nobody@example.cn', password: 'not the password' },
    });
    expect(res.statusCode).toBe(401);
    const accounts = h.deps.accounts.accounts;
    expect((await accounts.findThrottle(addressKey('2001:db8:9:9::77')))?.failures).toBe(1);
    expect(await accounts.findThrottle(addressKey('10.0.0.5'))).toBeUndefined();
    expect(await accounts.findThrottle(addressKey('198.51.100.66'))).toBeUndefined();
  });

  it('IPv6 clients in one /64 share a bucket; in different /64s they do not', async () => {
    const a = await app({ rateLimitPerMinute: 3 });
    const ask = (remoteAddress: string) => a.inject({ url: '/api/v1/licences', remoteAddress });
    for (const ip of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:aaaa::3']) {
      expect((await ask(ip)).statusCode).toBe(401);
    }
    expectProblem(await ask('2001:db8:1:2:ffff:ffff:ffff:ffff'), 429);
    expect((await ask('2001:db8:1:3::1')).statusCode).toBe(401);
    expect((await ask('2001:db8:2:2::1')).statusCode).toBe(401);
  });

  it('refusals are logged at debug, not info, with a summary at info', async () => {
    const capture = (level: string) => {
      const lines: { level: number; msg: string; [k: string]: unknown }[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _enc, done) {
          for (const l of chunk.toString().split('\n'))
            if (l !== '') lines.push(JSON.parse(l) as (typeof lines)[number]);
          done();
        },
      });
      return { lines, logger: { ...loggerOptions(level), stream } };
    };
    const flood = async (a: ZodApp) => {
      for (const token of junk(60, 'log')) {
        await a.inject({
          url: '/api/v1/licences',
          headers: bearer(token),
          remoteAddress: '198.51.100.9',
        });
      }
    };

    // at info: the 50 refusals leave no line of their own, only the summary
    const info = capture('info');
    const a = await app({
      rateLimitPerMinute: 10,
      logger: info.logger,
      rateLimitSummaryMs: 60_000,
    });
    await flood(a);
    const completed = info.lines.filter((l) => l.msg === 'request completed');
    expect(completed).toHaveLength(10);
    expect(
      info.lines.some((l) => (l['res'] as { statusCode?: number } | undefined)?.statusCode === 429),
    ).toBe(false);
    expect(info.lines.some((l) => l.msg === 'rate limited')).toBe(false);
    await a.close();
    const summary = info.lines.filter((l) => l.msg.startsWith('rate limits refused'));
    expect(summary).toHaveLength(1);
    expect(summary[0]?.level).toBe(30);
    expect(summary[0]?.['rateLimit']).toMatchObject({
      refused: 50,
      stages: { address: 50, principal: 0, route: 0 },
      top: [{ address: '198.51.100.9', refused: 50 }],
    });
    const text = JSON.stringify(info.lines);
    expect(text).not.toContain('xk_junk');

    // at debug: one line per refusal, at level 20; the summary comes by itself once per interval
    const debug = capture('debug');
    const b = await app({ rateLimitPerMinute: 10, logger: debug.logger, rateLimitSummaryMs: 100 });
    await flood(b);
    const refusals = debug.lines.filter((l) => l.msg === 'rate limited');
    expect(refusals).toHaveLength(50);
    expect(refusals.every((l) => l.level === 20)).toBe(true);
    expect(refusals[0]?.['rateLimit']).toEqual({ stage: 'address', address: '198.51.100.9' });
    await new Promise((resolve) => setTimeout(resolve, 250));
    const periodic = debug.lines.filter((l) => l.msg.startsWith('rate limits refused'));
    expect(periodic).toHaveLength(1);
    expect(periodic[0]?.['rateLimit']).toMatchObject({ refused: 50, periodSeconds: 0 });
    expect(JSON.stringify(debug.lines)).not.toContain('xk_junk');
  });
});

describe('the service as started', () => {
  it('reads XUKE_TRUST_PROXY and XUKE_RATE_LIMIT: clients behind the proxy have their own buckets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xuke-limits-'));
    const server = await startServer({
      env: {
        XUKE_DATABASE_URL: `sqlite://${join(dir, 'xuke.sqlite')}`,
        XUKE_TRUST_PROXY: 'loopback',
        XUKE_RATE_LIMIT: '2',
      },
      port: 0,
      host: '127.0.0.1',
      logger: false,
      print: () => undefined,
    });
    try {
      const ask = async (client: string) =>
        (
          await fetch(`${server.url}/api/v1/licences`, {
            headers: { 'x-forwarded-for': client },
          })
        ).status;
      expect([await ask('198.51.100.1'), await ask('198.51.100.1')]).toEqual([401, 401]);
      expect(await ask('198.51.100.1')).toBe(429);
      expect(await ask('6.6.6.6, 198.51.100.2')).toBe(401);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
