/**
 * The scan's guard: every refused form is refused before any connection (undici's connection
 * attempts are counted through its diagnostics channels, a loopback server counts the TCP
 * connections it accepts, and the resolver is a spy). Nothing here leaves the loopback interface:
 * host names resolve through an injected resolver, and no refused address is ever dialled.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAddress, checkTarget, refusalAdvice } from '../src/core/scan/address-policy.js';
import { createSafeFetcher, errorCode, type Resolve } from '../src/adapters/web/safe-fetcher.js';
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

  it('says in words why a port is refused, and what to do: ask an administrator, or pass the option', () => {
    const target = {
      protocol: 'https:',
      hostname: 'hooks.example',
      port: 8443,
      hasCredentials: false,
    };
    const refused = checkTarget(target, []);
    expect(refused).toEqual({
      ok: false,
      rule: 'port',
      reason: '端口 8443 不在允许范围内：只连接 80 和 443 端口',
      reasonEn: 'port 8443 is not allowed: only ports 80 and 443 are used',
    });
    if (refused.ok) return;
    const at = { host: 'hooks.example', port: 8443 };
    expect(refusalAdvice(refused, at, { kind: 'administrator' })).toEqual({
      advice:
        '该地址不在允许的主机列表中；如确需使用，请联系管理员在服务设置中允许 hooks.example:8443',
      adviceEn:
        'The address is not on the list of allowed hosts; if it must be used, ask your administrator to allow hooks.example:8443 in the service’s settings',
    });
    expect(refusalAdvice(refused, at, { kind: 'option', option: '--allow-host' })).toEqual({
      advice: '如确需访问，请加上参数 --allow-host hooks.example:8443',
      adviceEn: 'To reach it anyway, add --allow-host hooks.example:8443',
    });
    // no entry lifts a scheme or credentials: the reader changes the URL
    const scheme = checkTarget({ ...target, protocol: 'ftp:' }, []);
    if (scheme.ok) throw new Error('ftp is refused');
    expect(refusalAdvice(scheme, at, { kind: 'administrator' }).advice).toBe(
      '请改用以 http:// 或 https:// 开头的地址',
    );
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
        // the rule is for the log (the error's cause), never in what a person reads
        const cause = isDomainError(r.error) ? r.error.cause : undefined;
        expect(cause instanceof Error && cause.message).toContain(`rule ${rule};`);
        expect(isDomainError(r.error) && `${r.error.message} ${r.error.messageEn}`).not.toContain(
          rule,
        );
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

  it('says in words why a connection failed, the system’s code kept in the cause', async () => {
    // a port nothing listens on: a server opened and closed again
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const { port } = gone.address() as AddressInfo;
    await new Promise((resolve) => gone.close(resolve));
    const fetcher = createSafeFetcher({
      allowHosts: [`127.0.0.1:${port}`],
      resolve: (host) =>
        Promise.reject(
          Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }),
        ),
    });
    try {
      const refused = await fetcher
        .fetch({ url: `http://127.0.0.1:${port}/`, purpose: 'document' })
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({
        code: 'FETCH_FAILED',
        message: '127.0.0.1 拒绝了连接：这个端口上没有服务在运行，请检查地址和端口',
        messageEn:
          '127.0.0.1 refused the connection: nothing is listening on that port; check the address and port',
      });
      expect(errorCode(refused)).toBe('ECONNREFUSED');
      const unknown = await fetcher
        .fetch({ url: 'http://nohost.example/', purpose: 'document' })
        .catch((e: unknown) => e);
      expect(unknown).toMatchObject({
        code: 'FETCH_FAILED',
        message: '找不到主机 nohost.example，请检查地址是否写对',
        messageEn: 'The host nohost.example could not be found; check the address',
      });
      expect(errorCode(unknown)).toBe('ENOTFOUND');
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
    expect(redirected.stderr).toContain(`端口 ${bystander.port} 不在允许范围内`);
    // the command's reader can let it in: the option is named
    expect(redirected.stderr).toContain(`请加上参数 --allow-host 127.0.0.1:${bystander.port}`);
    expect(bystander.connections()).toBe(before);
  });
});
