/**
 * The SSRF-safe fetcher: undici with a DNS lookup that validates every resolved address before the
 * socket connects, so the address checked is the address connected to (no re-resolution between
 * check and use). IP literals are checked before any request; redirects are followed by hand, each
 * target re-checked, at most `maxRedirects`; response size, time and content type are capped.
 * `allowHosts` (`--allow-host HOST:PORT`) is the only way to reach a private address or another port.
 *
 * Its refusals and failures say in words what went wrong and what the reader can do; the technical
 * detail (the policy's rule, the setting that lets a target in, the system's error code) is the
 * DomainError's `cause`, for the server's log.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { Agent, request } from 'undici';
import { DomainError, isDomainError } from '../../core/errors.js';
import {
  checkAddress,
  checkTarget,
  hostPort,
  isAllowListed,
  parseAllowedHost,
  refusalAdvice,
  type AllowedBy,
  type AllowedHost,
  type Refusal,
} from '../../core/scan/address-policy.js';
import type { FetchedResponse, FetchRequest, WebFetcher } from '../../ports/web-fetcher.js';

/** A resolver: host name → its addresses (A and AAAA). Injected so tests never use real DNS. */
export type Resolve = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

/** The system resolver (getaddrinfo), every address, in resolver order. */
export const systemResolve: Resolve = async (hostname) =>
  dnsLookup(hostname, { all: true, verbatim: true });

export interface SafeFetcherOptions {
  readonly resolve?: Resolve;
  /** `HOST:PORT` entries (validated here) */
  readonly allowHosts?: readonly string[];
  /**
   * where the allow-list is configured (default the scan's `--allow-host`): named in the errors of
   * its entries and in a refusal's technical detail (its cause, for the log)
   */
  readonly allowSetting?: string;
  /**
   * who a refusal tells the reader can let a target in: the option they pass (a command's reader
   * runs it) or the administrator (a service's users). Default: the option when `allowSetting` is
   * a command-line option (`--…`), else the administrator.
   */
  readonly allowedBy?: AllowedBy;
  /** largest response body, bytes (default 5 MiB) */
  readonly maxBytes?: number;
  /** whole request including redirects, ms (default 15 s) */
  readonly timeoutMs?: number;
  /** default 5 */
  readonly maxRedirects?: number;
  readonly userAgent?: string;
}

export const DEFAULT_FETCH_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  timeoutMs: 15_000,
  maxRedirects: 5,
} as const;

const DOCUMENT_TYPES = /^(text\/html|application\/xhtml\+xml)\b/iu;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Thrown inside the lookup; found again in the error chain undici rejects with. */
class RefusedLookup extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reasonEn);
  }
}

/**
 * A refusal in words (what is wrong, what to do), the rule and the setting in its cause: the
 * reader is told to have `host:port` allowed, never the setting's name or the rule's id.
 */
function refused(
  shown: string,
  u: URL,
  r: Refusal,
  allowedBy: AllowedBy,
  allowSetting: string,
): DomainError {
  const target = { host: bareHost(u), port: effectivePort(u) };
  const { advice, adviceEn } = refusalAdvice(r, target, allowedBy);
  return new DomainError(
    'TARGET_REFUSED',
    `拒绝访问 ${shown}：${r.reason}。${advice}`,
    `Refused ${shown}: ${r.reasonEn}. ${adviceEn}`,
    {
      cause: new Error(
        `address policy rule ${r.rule}; ${allowSetting} ${hostPort(target.host, target.port)} would allow it`,
      ),
    },
  );
}

/**
 * The system's error code somewhere in an error's causes (undici wraps them; a DomainError's own
 * code is not one), if any.
 */
export function errorCode(e: unknown): string | undefined {
  for (let x: unknown = e, depth = 0; x instanceof Error && depth < 8; depth++) {
    const code = isDomainError(x) ? undefined : (x as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR') return code;
    // a refused connection to every address of a host: an AggregateError of them
    const inner = (x as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner[0] instanceof Error) {
      const first = (inner[0] as { code?: unknown }).code;
      if (typeof first === 'string') return first;
    }
    x = x.cause;
  }
  return undefined;
}

const TLS_CODE = /^(?:ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$)/u;

/**
 * Why a connection to `host` failed, in words and with what to do: a name that does not resolve, a
 * port where nothing listens, no answer in time, a certificate that does not hold. The system's
 * code (ENOTFOUND, ECONNREFUSED …) stays in the error's cause.
 */
export function connectionFailure(e: unknown, host: string): { zh: string; en: string } {
  const code = errorCode(e) ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_NONAME' || code === 'EAI_NODATA') {
    return {
      zh: `找不到主机 ${host}，请检查地址是否写对`,
      en: `The host ${host} could not be found; check the address`,
    };
  }
  if (code === 'EAI_AGAIN') {
    return {
      zh: `暂时查不到主机 ${host} 的地址，请稍后重试`,
      en: `The address of ${host} could not be looked up just now; try again later`,
    };
  }
  if (code === 'ECONNREFUSED') {
    return {
      zh: `${host} 拒绝了连接：这个端口上没有服务在运行，请检查地址和端口`,
      en: `${host} refused the connection: nothing is listening on that port; check the address and port`,
    };
  }
  if (/TIMEOUT|ETIMEDOUT/u.test(code)) {
    return {
      zh: `${host} 没有在规定时间内答复，请稍后重试`,
      en: `${host} did not answer in time; try again later`,
    };
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return {
      zh: `从这里无法到达 ${host}，请检查地址或稍后重试`,
      en: `${host} cannot be reached from here; check the address or try again later`,
    };
  }
  if (TLS_CODE.test(code)) {
    return {
      zh: `${host} 的 HTTPS 证书无效或无法建立安全连接，请检查对方的证书`,
      en: `The HTTPS certificate of ${host} is not valid or a secure connection failed; check its certificate`,
    };
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') {
    return {
      zh: `与 ${host} 的连接被中断，请稍后重试`,
      en: `The connection to ${host} was cut off; try again later`,
    };
  }
  return {
    zh: `无法连接 ${host}，请检查地址或稍后重试`,
    en: `Could not connect to ${host}; check the address or try again later`,
  };
}

function findRefusal(e: unknown): Refusal | undefined {
  for (let x: unknown = e, depth = 0; x instanceof Error && depth < 8; x = x.cause, depth++) {
    if (x instanceof RefusedLookup) return x.refusal;
  }
  return undefined;
}

/** A URL's scheme, host, port and credentials, or a refusal for a URL that does not parse. */
function parseTarget(url: string): URL {
  try {
    return new URL(url);
  } catch (e) {
    throw new DomainError(
      'INVALID_INPUT',
      `“${url}”不是有效的网址`,
      `"${url}" is not a valid URL`,
      { cause: e },
    );
  }
}

function effectivePort(u: URL): number {
  if (u.port !== '') return Number(u.port);
  return u.protocol === 'https:' ? 443 : u.protocol === 'http:' ? 80 : 0;
}

function bareHost(u: URL): string {
  return u.hostname
    .replace(/^\[|\]$/gu, '')
    .replace(/\.$/u, '')
    .toLowerCase();
}

/**
 * Parse and normalise `HOST:PORT` entries the way URL hosts are normalised; a bad entry is an
 * INVALID_INPUT error naming `setting`, where it was given.
 */
export function parseAllowHosts(
  entries: readonly string[],
  setting = '--allow-host',
): AllowedHost[] {
  return entries.map((text) => {
    const parsed = parseAllowedHost(text, setting);
    if (!parsed.ok) throw new DomainError('INVALID_INPUT', parsed.message, parsed.messageEn);
    const { host, port } = parsed.entry;
    try {
      const u = new URL(`http://${host.includes(':') ? `[${host}]` : host}:${port}/`);
      return { host: bareHost(u), port };
    } catch {
      throw new DomainError(
        'INVALID_INPUT',
        `${setting}：“${text}”中的主机无效`,
        `${setting}: the host in "${text}" is not valid`,
      );
    }
  });
}

/**
 * Build the guarded fetcher. Close it to release its connection pools.
 */
export function createSafeFetcher(options: SafeFetcherOptions = {}): WebFetcher & {
  close(): Promise<void>;
  readonly allow: readonly AllowedHost[];
} {
  const resolve = options.resolve ?? systemResolve;
  const allowSetting = options.allowSetting ?? '--allow-host';
  const allowedBy: AllowedBy =
    options.allowedBy ??
    (allowSetting.startsWith('-')
      ? { kind: 'option', option: allowSetting }
      : { kind: 'administrator' });
  /** `shown`: the URL as the reader wrote it (or, for a hop, as it was reached) */
  const refusedTarget = (shown: string, u: URL, r: Refusal) =>
    refused(shown, u, r, allowedBy, allowSetting);
  const allow = parseAllowHosts(options.allowHosts ?? [], allowSetting);
  const maxBytes = options.maxBytes ?? DEFAULT_FETCH_LIMITS.maxBytes;
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_LIMITS.timeoutMs;
  const maxRedirects = options.maxRedirects ?? DEFAULT_FETCH_LIMITS.maxRedirects;
  const userAgent = options.userAgent ?? 'xuke-scan/0.1 (+https://github.com/xuke)';
  const agents = new Map<string, Agent>();

  /** Every address `hostname` resolves to must pass, unless (hostname, port) is allow-listed. */
  async function resolveChecked(hostname: string, port: number): Promise<LookupAddress[]> {
    const addresses = await resolve(hostname);
    if (addresses.length === 0) {
      throw new RefusedLookup({
        rule: 'no-address',
        reason: `找不到主机 ${hostname} 的地址`,
        reasonEn: `no address was found for the host ${hostname}`,
      });
    }
    if (!isAllowListed(hostname, port, allow)) {
      for (const a of addresses) {
        const verdict = checkAddress(a.address);
        if (!verdict.ok) {
          throw new RefusedLookup({
            rule: verdict.rule,
            reason: `${hostname} 指向内部或保留的网络地址：${verdict.reason}`,
            reasonEn: `${hostname} points to an internal or reserved network address: ${verdict.reasonEn}`,
          });
        }
      }
    }
    return addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  }

  function agentFor(hostname: string, port: number): Agent {
    const key = hostPort(hostname, port);
    let agent = agents.get(key);
    if (agent === undefined) {
      agent = new Agent({
        connect: {
          timeout: timeoutMs,
          // net/tls call this for host names (never for IP literals, which checkTarget judged).
          lookup: (host, opts, callback) => {
            resolveChecked(host, port).then(
              (list) => {
                const all = (opts as { all?: boolean }).all === true;
                const first = list[0];
                if (all) (callback as (e: null, a: LookupAddress[]) => void)(null, list);
                else if (first) callback(null, first.address, first.family);
              },
              (e: unknown) => {
                callback(e as NodeJS.ErrnoException, '', 4);
              },
            );
          },
        },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        maxRedirections: 0,
      } as Agent.Options);
      agents.set(key, agent);
    }
    return agent;
  }

  function precheck(url: string): URL {
    const u = parseTarget(url);
    const verdict = checkTarget(
      {
        protocol: u.protocol,
        hostname: bareHost(u),
        port: effectivePort(u),
        hasCredentials: u.username !== '' || u.password !== '',
      },
      allow,
    );
    if (!verdict.ok) throw refusedTarget(url, u, verdict);
    return u;
  }

  async function check(url: string): Promise<void> {
    const u = precheck(url);
    const host = bareHost(u);
    if (/^[\d.]+$/u.test(host) || host.includes(':')) return;
    try {
      await resolveChecked(host, effectivePort(u));
    } catch (e) {
      const r = findRefusal(e);
      if (r) throw refusedTarget(url, u, r);
      const why = connectionFailure(e, host);
      throw new DomainError('FETCH_FAILED', why.zh, why.en, { cause: e });
    }
  }

  async function fetchOnce(
    u: URL,
    req: FetchRequest,
    signal: AbortSignal,
    method: string,
  ): Promise<{
    status: number;
    headers: Record<string, string>;
    body: Uint8Array | null;
    location: string | null;
  }> {
    const host = bareHost(u);
    const port = effectivePort(u);
    let res;
    try {
      res = await request(u, {
        dispatcher: agentFor(host, port),
        method: method as 'GET',
        headers: {
          'user-agent': userAgent,
          accept: req.purpose === 'document' ? 'text/html,application/xhtml+xml;q=0.9' : '*/*',
          'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
          ...(req.headers ?? {}),
        },
        ...(req.body !== undefined && method !== 'GET' && method !== 'HEAD'
          ? { body: req.body }
          : {}),
        signal,
      });
    } catch (e) {
      const r = findRefusal(e);
      if (r) throw refusedTarget(u.href, u, r);
      if (signal.aborted) {
        const seconds = Math.max(1, Math.round(timeoutMs / 1000));
        throw new DomainError(
          'FETCH_FAILED',
          `${host} 没有在 ${seconds} 秒内答复，请稍后重试`,
          `${host} did not answer within ${seconds} s; try again later`,
          { cause: e },
        );
      }
      const why = connectionFailure(e, host);
      throw new DomainError('FETCH_FAILED', why.zh, why.en, { cause: e });
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    if (REDIRECTS.has(res.statusCode) && headers['location'] !== undefined) {
      await res.body.dump();
      return { status: res.statusCode, headers, body: null, location: headers['location'] };
    }
    const contentType = headers['content-type'] ?? '';
    if (req.purpose === 'document') {
      if (res.statusCode >= 400) {
        await res.body.dump();
        throw new DomainError(
          'FETCH_FAILED',
          `${u.href} 返回 HTTP ${res.statusCode}`,
          `${u.href} answered HTTP ${res.statusCode}`,
        );
      }
      if (contentType !== '' && !DOCUMENT_TYPES.test(contentType)) {
        await res.body.dump();
        throw new DomainError(
          'UNSUPPORTED_FORMAT',
          `${u.href} 的内容类型是 ${contentType}，不是网页`,
          `${u.href} is ${contentType}, not a web page`,
        );
      }
    }
    const declared = Number(headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      res.body.destroy();
      throw tooLarge(u.href);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          res.body.destroy();
          throw tooLarge(u.href);
        }
        chunks.push(chunk);
      }
    } catch (e) {
      if (e instanceof DomainError) throw e;
      throw new DomainError('FETCH_FAILED', `读取 ${u.href} 失败`, `Reading ${u.href} failed`, {
        cause: e,
      });
    }
    const body = new Uint8Array(size);
    let offset = 0;
    for (const c of chunks) {
      body.set(c, offset);
      offset += c.byteLength;
    }
    return { status: res.statusCode, headers, body, location: null };
  }

  function tooLarge(url: string): DomainError {
    return new DomainError(
      'INPUT_TOO_LARGE',
      `${url} 的内容超过上限 ${maxBytes} 字节`,
      `${url} is larger than the limit of ${maxBytes} bytes`,
    );
  }

  async function fetchGuarded(req: FetchRequest): Promise<FetchedResponse> {
    const signal = AbortSignal.timeout(timeoutMs);
    const redirects: string[] = [];
    let u = precheck(req.url);
    let method = (req.method ?? 'GET').toUpperCase();
    for (;;) {
      const r = await fetchOnce(u, req, signal, method);
      if (r.location === null) {
        return {
          url: req.url,
          finalUrl: u.href,
          redirects,
          status: r.status,
          headers: r.headers,
          contentType: r.headers['content-type'] ?? '',
          body: r.body ?? new Uint8Array(),
        };
      }
      if (maxRedirects === 0) {
        throw new DomainError(
          'FETCH_FAILED',
          `${u.href} 答复了重定向（HTTP ${r.status}），这里不跟随重定向；请直接填写最终地址`,
          `${u.href} answered with a redirect (HTTP ${r.status}), which is not followed here; enter the final address instead`,
        );
      }
      if (redirects.length >= maxRedirects) {
        throw new DomainError(
          'FETCH_FAILED',
          `${req.url}：重定向超过 ${maxRedirects} 次`,
          `${req.url}: more than ${maxRedirects} redirects`,
        );
      }
      let next: string;
      try {
        next = new URL(r.location, u).href;
      } catch (e) {
        throw new DomainError(
          'FETCH_FAILED',
          `${u.href} 重定向到无效网址`,
          `${u.href} redirects to an invalid URL`,
          { cause: e },
        );
      }
      // Each hop is judged afresh: an allowed host must not bounce the scan to a refused one.
      u = precheck(next);
      redirects.push(next);
      if (r.status === 303 || ((r.status === 301 || r.status === 302) && method === 'POST'))
        method = 'GET';
    }
  }

  return {
    allow,
    check,
    fetch: fetchGuarded,
    async close() {
      await Promise.all([...agents.values()].map((a) => a.close()));
      agents.clear();
    },
  };
}
