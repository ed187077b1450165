/**
 * The scan's guard: every refused form is refused before any connection (undici's connection
 * attempts are counted through its diagnostics channels, a loopback server counts the TCP
 * connections it accepts, and the resolver is a spy). Nothing here leaves the loopback interface:
 * host names resolve through an injected resolver, and no refused address is ever dialled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAddress, checkTarget } from '../src/core/scan/address-policy.js';
import { createSafeFetcher, type Resolve } from '../src/adapters/web/safe-fetcher.js';
import { isDomainError } from '../src/core/errors.js';
import { countUndiciConnections, startServer, xukeAsync, type TestServer } from './scan-servers.js';

/** `evil.test` → 10.0.0.1, `mixed.test` → a public and a loopback address, `intranet.test` → 127.0.0.1. */
function fakeResolver(): Resolve & { calls: string[] } {
  const calls: string[] = [];
  const table: Record<string, { address: string; family: number }[]> = {
    'evil.test': [{ address: '10.0.0.1', family: 4 }],
    'meta.test': [{ address: '169.254.169.254', family: 4 }],
    'mapped.test': [{ address: '::ffff:127.0.0.1', family: 6 }],
    'mixed.test': [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ],
    'intranet.test': [{ address: '127.0.0.1', family: 4 }],
  };
  const resolve = (host: string): Promise<{ address: string; family: number }[]> => {
    calls.push(host);
    return Promise.resolve(table[host] ?? []);
  };
  return Object.assign(resolve, { calls });
}

describe('address policy', () => {
  it.each([
    ['127.0.0.1', 'ipv4-loopback'],
    ['127.255.255.254', 'ipv4-loopback'],
    ['10.0.0.1', 'ipv4-private'],
    ['172.16.0.1', 'ipv4-private'],
    ['172.31.255.255', 'ipv4-private'],
    ['192.168.1.1', 'ipv4-private'],
    ['169.254.1.1', 'ipv4-linkLocal'],
    ['169.254.169.254', 'metadata-address'],
    ['100.64.0.1', 'ipv4-carrierGradeNat'],
    ['100.100.100.200', 'metadata-address'],
    ['0.0.0.0', 'ipv4-unspecified'],
    ['224.0.0.1', 'ipv4-multicast'],
    ['239.255.255.250', 'ipv4-multicast'],
    ['240.0.0.1', 'ipv4-reserved'],
    ['255.255.255.255', 'ipv4-broadcast'],
    ['::1', 'ipv6-loopback'],
    ['::', 'ipv6-unspecified'],
    ['fc00::1', 'ipv6-uniqueLocal'],
    ['fd12:3456::1', 'ipv6-uniqueLocal'],
    ['fd00:ec2::254', 'metadata-address'],
    ['fe80::1', 'ipv6-linkLocal'],
    ['ff02::1', 'ipv6-multicast'],
    ['::ffff:127.0.0.1', 'ipv6-embeds-ipv4-loopback'],
    ['::ffff:7f00:1', 'ipv6-embeds-ipv4-loopback'],
    ['::ffff:10.0.0.1', 'ipv6-embeds-ipv4-private'],
    ['::127.0.0.1', 'ipv6-embeds-ipv4-loopback'],
    ['2002:7f00:1::', 'ipv6-embeds-ipv4-loopback'],
    ['2002:7f00:1:ffff::1', 'ipv6-embeds-ipv4-loopback'],
    ['64:ff9b::7f00:1', 'ipv6-embeds-ipv4-loopback'],
    ['64:ff9b::169.254.169.254', 'ipv6-embeds-metadata-address'],
    ['2001:0:7f00:1::1', 'ipv6-embeds-ipv4-loopback'],
    ['2001:db8::1', 'ipv6-reserved'],
    ['fec0::1', 'ipv6-deprecatedSiteLocal'],
  ])('refuses %s (%s)', (address, rule) => {
    const v = checkAddress(address);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.rule).toBe(rule);
  });

  it.each(['93.184.216.34', '2606:4700::1111', '::ffff:93.184.216.34', '64:ff9b::5db8:d822'])(
    'allows the public address %s',
    (address) => {
      expect(checkAddress(address).ok).toBe(true);
    },
  );

  it('refuses schemes, credentials, ports and metadata names without a resolver', () => {
    const t = (protocol: string, hostname: string, port: number, hasCredentials = false) =>
      checkTarget({ protocol, hostname, port, hasCredentials }, []);
    expect(t('file:', '', 0)).toMatchObject({ ok: false, rule: 'scheme' });
    expect(t('ftp:', 'example.test', 21)).toMatchObject({ ok: false, rule: 'scheme' });
    expect(t('http:', 'example.test', 8080)).toMatchObject({ ok: false, rule: 'port' });
    expect(t('http:', 'example.test', 80, true)).toMatchObject({ ok: false, rule: 'credentials' });
    expect(t('http:', 'metadata.google.internal', 80)).toMatchObject({
      ok: false,
      rule: 'metadata-host',
    });
    expect(t('http:', 'localhost', 80)).toMatchObject({ ok: false, rule: 'localhost' });
    expect(t('https:', 'example.test', 443)).toEqual({ ok: true });
  });

  it('lets an allow-listed HOST:PORT through, and only that port', () => {
    const allow = [{ host: '127.0.0.1', port: 8080 }];
    const base = { protocol: 'http:', hostname: '127.0.0.1', hasCredentials: false };
    expect(checkTarget({ ...base, port: 8080 }, allow).ok).toBe(true);
    expect(checkTarget({ ...base, port: 8081 }, allow).ok).toBe(false);
    expect(checkTarget({ ...base, port: 80 }, allow).ok).toBe(false);
  });

  it('names the setting that lets a port in: --allow-host by default, or the caller’s', () => {
    const target = {
      protocol: 'https:',
      hostname: 'hooks.example',
      port: 8443,
      hasCredentials: false,
    };
    expect(checkTarget(target, [])).toMatchObject({
      ok: false,
      rule: 'port',
      reasonEn: expect.stringContaining('--allow-host hooks.example:8443') as unknown,
    });
    const webhook = checkTarget(target, [], 'XUKE_WEBHOOK_ALLOW_HOSTS');
    expect(webhook).toMatchObject({
      ok: false,
      reason: expect.stringContaining('XUKE_WEBHOOK_ALLOW_HOSTS hooks.example:8443') as unknown,
    });
    expect(JSON.stringify(webhook)).not.toContain('--allow-host');
  });
});

describe('the guarded fetcher', () => {
  let site: TestServer;
  let bystander: TestServer;
  beforeAll(async () => {
    // `bystander` is a loopback server no test may reach: its connection count must stay 0.
    bystander = await startServer((_req, res) => res.end('should never be reached'));
    site = await startServer((req, res) => {
      const to = /^\/redirect\?to=(.*)$/u.exec(req.url ?? '')?.[1];
      if (to !== undefined) {
        res.writeHead(302, { location: decodeURIComponent(to) });
        res.end();
        return;
      }
      if (req.url === '/loop') {
        res.writeHead(302, { location: '/loop' });
        res.end();
        return;
      }
      if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('x'.repeat(200_000));
        return;
      }
      if (req.url === '/image') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end('png');
        return;
      }
      if (req.url === '/slow') return; // never answers
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<p>ok</p>');
    });
  });
  afterAll(async () => {
    await site.close();
    await bystander.close();
  });

  const refusedUrls = (p: number): string[] => [
    `http://127.0.0.1:${p}/`,
    'http://127.0.0.1/',
    'http://127.1/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://017700000001/',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://192.168.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://100.100.100.200/',
    'http://0.0.0.0/',
    'http://0/',
    'http://224.0.0.1/',
    'http://240.0.0.1/',
    'http://255.255.255.255/',
    'http://[::1]/',
    'http://[::]/',
    'http://[fc00::1]/',
    'http://[fe80::1]/',
    'http://[ff02::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::127.0.0.1]/',
    'http://[2002:7f00:1::1]/',
    'http://[64:ff9b::7f00:1]/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://metadata/',
    'http://localhost/',
    'http://x.localhost/',
    'file:///etc/passwd',
    'ftp://127.0.0.1/',
    'gopher://127.0.0.1:70/',
    'ws://127.0.0.1/',
    'data:text/html,<p>hi</p>',
    'http://example.test:8080/',
    'https://example.test:8443/',
    'http://user:pw@example.test/',
  ];

  it('refuses every listed form with TARGET_REFUSED, no resolver call and no connection attempt', async () => {
    const resolver = fakeResolver();
    const fetcher = createSafeFetcher({ resolve: resolver });
    try {
      for (const url of refusedUrls(bystander.port)) {
        const r = await countUndiciConnections(() => fetcher.fetch({ url, purpose: 'document' }));
        expect(r.result, url).toBeUndefined();
        expect(isDomainError(r.error) && r.error.code, url).toBe('TARGET_REFUSED');
        expect(r.attempts, url).toEqual([]);
      }
      expect(resolver.calls).toEqual([]);
      expect(bystander.connections()).toBe(0);
    } finally {
      await fetcher.close();
    }
  });

  it.each([
    ['evil.test', '10.0.0.1', 'ipv4-private'],
    ['meta.test', '169.254.169.254', 'metadata-address'],
    ['mapped.test', '::ffff:127.0.0.1', 'ipv6-embeds-ipv4-loopback'],
    ['mixed.test', '127.0.0.1', 'ipv4-loopback'],
  ])(
    'refuses %s, which resolves to %s, in the lookup, before the socket connects',
    async (host, _address, rule) => {
      const resolver = fakeResolver();
      const fetcher = createSafeFetcher({ resolve: resolver });
      try {
        const r = await countUndiciConnections(() =>
          fetcher.fetch({ url: `http://${host}/`, purpose: 'document' }),
        );
        expect(isDomainError(r.error) && r.error.code).toBe('TARGET_REFUSED');
        expect(isDomainError(r.error) && r.error.messageEn).toContain(rule);
        expect(resolver.calls).toContain(host);
        expect(r.connected).toEqual([]);
      } finally {
        await fetcher.close();
      }
    },
  );

  it('reaches a private address only through --allow-host, by address or by name', async () => {
    const resolver = fakeResolver();
    const fetcher = createSafeFetcher({
      resolve: resolver,
      allowHosts: [site.hostPort, `intranet.test:${site.port}`],
    });
    try {
      const direct = await fetcher.fetch({ url: `${site.origin}/`, purpose: 'document' });
      expect(new TextDecoder().decode(direct.body)).toBe('<p>ok</p>');
      const named = await fetcher.fetch({
        url: `http://intranet.test:${site.port}/`,
        purpose: 'document',
      });
      expect(named.status).toBe(200);
      expect(resolver.calls).toEqual(['intranet.test']);
    } finally {
      await fetcher.close();
    }
  });

  it.each([
    (b: TestServer) => `http://127.0.0.1:${b.port}/`,
    () => 'http://10.0.0.1/',
    () => 'http://169.254.169.254/latest/meta-data/',
    () => 'http://[::ffff:7f00:1]/',
    () => 'http://evil.test/',
    () => 'file:///etc/passwd',
  ])('refuses a redirect from an allowed host to a refused one (%#)', async (target) => {
    const resolver = fakeResolver();
    const fetcher = createSafeFetcher({ resolve: resolver, allowHosts: [site.hostPort] });
    const before = site.connections();
    try {
      const to = target(bystander);
      const r = await countUndiciConnections(() =>
        fetcher.fetch({
          url: `${site.origin}/redirect?to=${encodeURIComponent(to)}`,
          purpose: 'document',
        }),
      );
      expect(isDomainError(r.error) && r.error.code).toBe('TARGET_REFUSED');
      // Only the allowed first hop was connected to.
      expect(r.connected).toEqual([`127.0.0.1:${site.port}`]);
      expect(site.connections() - before).toBe(1);
      expect(bystander.connections()).toBe(0);
    } finally {
      await fetcher.close();
    }
  });

  it('follows at most 5 redirects', async () => {
    const fetcher = createSafeFetcher({ resolve: fakeResolver(), allowHosts: [site.hostPort] });
    try {
      await expect(
        fetcher.fetch({ url: `${site.origin}/loop`, purpose: 'document' }),
      ).rejects.toMatchObject({
        code: 'FETCH_FAILED',
      });
      const paths = site.paths.filter((p) => p === '/loop');
      expect(paths.length).toBe(6);
    } finally {
      await fetcher.close();
    }
  });

  it('caps size, content type and time', async () => {
    const fetcher = createSafeFetcher({
      resolve: fakeResolver(),
      allowHosts: [site.hostPort],
      maxBytes: 100_000,
      timeoutMs: 500,
    });
    try {
      await expect(
        fetcher.fetch({ url: `${site.origin}/big`, purpose: 'document' }),
      ).rejects.toMatchObject({
        code: 'INPUT_TOO_LARGE',
      });
      await expect(
        fetcher.fetch({ url: `${site.origin}/image`, purpose: 'document' }),
      ).rejects.toMatchObject({
        code: 'UNSUPPORTED_FORMAT',
      });
      await expect(
        fetcher.fetch({ url: `${site.origin}/slow`, purpose: 'document' }),
      ).rejects.toMatchObject({
        code: 'FETCH_FAILED',
      });
    } finally {
      await fetcher.close();
    }
  });

  it('xuke scan exits 2 with the reason for a refused target and connects to nothing', async () => {
    const before = bystander.connections();
    const r = await xukeAsync([
      'scan',
      `http://[::ffff:7f00:1]:${bystander.port}/`,
      '--no-licence',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('拒绝访问');
    const en = await xukeAsync(['scan', 'http://0x7f.1/', '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('Refused http://0x7f.1/: 127.0.0.1 is in the loopback range');
    const redirected = await xukeAsync([
      'scan',
      `${site.origin}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${bystander.port}/`)}`,
      '--allow-host',
      site.hostPort,
      '--no-licence',
    ]);
    expect(redirected.code).toBe(2);
    expect(redirected.stderr).toContain(`端口 ${bystander.port} 不允许`);
    expect(bystander.connections()).toBe(before);
  });
});
