/**
 * The request rate limits (docs/http-api.md), in two stages so junk cannot buy a database look-up
 * or push a real caller's counter out:
 *
 * - **Before authentication**, a request is counted per client address (an IPv6 client by its
 *   /64): requests without credentials, with a wrong token or session, or with credentials this
 *   process has not seen succeed yet. A flood of garbage tokens from one address is refused 429
 *   here, before any token is looked up. A credential that authenticated recently is "known": its
 *   request is counted against its principal here instead, so a valid caller is never refused for
 *   its neighbours' junk at a shared address (a NAT, an office).
 * - **After authentication**, a valid token is counted per token (its id), a browser session per
 *   person — never per presented string, so junk cannot mint counters.
 *
 * Counters live in bounded maps that evict only idle keys (not hit for a whole window: their count
 * has run out anyway, so evicting them loses nothing). Junk mints only address keys, in their own
 * map: the principals' map holds authenticated callers alone. When the address map is full of
 * active keys (a flood from more addresses than its capacity within one window), new addresses
 * share one overflow counter rather than pushing an active one out.
 *
 * Refusals are logged at debug, one line each; a summary (how many, by stage, the top addresses)
 * at info once per interval. `request.ip` is the client as fastify reads it: the peer, or the
 * right-most untrusted `X-Forwarded-For` hop when the peer is a trusted proxy (XUKE_TRUST_PROXY).
 */
import {
  LogController,
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import ipaddr from 'ipaddr.js';
import type { Principal } from '../../app/access/access-deps.js';
import { DomainError } from '../../core/errors.js';

/** The shared key of new keys when a map is full of active ones. */
export const OVERFLOW_KEY = '(overflow)';

/** An address's bucket: IPv4 as is, IPv4-mapped IPv6 as its IPv4, IPv6 by its /64. */
export function addressBucket(address: string): string {
  const zone = address.indexOf('%');
  const bare = zone < 0 ? address : address.slice(0, zone);
  if (!ipaddr.isValid(bare)) return address;
  let parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
  }
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const groups = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((g) => g.toString(16));
  return `${groups.join(':')}::/64`;
}

/** One counter's state after a hit. */
export interface Hit {
  readonly limit: number;
  readonly count: number;
  readonly remaining: number;
  /** milliseconds until the window starts again */
  readonly resetMs: number;
  readonly exceeded: boolean;
  /** the key was new and the map full of active keys: counted in the overflow counter */
  readonly overflow: boolean;
}

interface Entry {
  count: number;
  start: number;
  last: number;
  window: number;
}

/**
 * Fixed-window counters in a bounded map kept in least-recently-hit order. A new key, when the map
 * is full, first evicts idle keys (not hit for a whole window, so expired: nothing is lost); if
 * every key is active, it is counted in the shared overflow counter instead of evicting one.
 */
export class WindowCounters {
  readonly #entries = new Map<string, Entry>();

  constructor(
    readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  hit(key: string, limit: number, windowMs: number): Hit {
    const now = this.now();
    let k = key;
    let entry = this.#entries.get(k);
    let overflow = false;
    if (entry === undefined && this.#entries.size >= this.capacity) {
      this.#evictIdle(now);
      if (this.#entries.size >= this.capacity) {
        overflow = true;
        k = OVERFLOW_KEY;
        entry = this.#entries.get(k);
      }
    }
    if (entry === undefined) {
      entry = { count: 0, start: now, last: now, window: windowMs };
    } else {
      // to the back: the map's order is the order of the last hit
      this.#entries.delete(k);
    }
    if (entry.start + windowMs <= now) {
      entry.count = 0;
      entry.start = now;
    }
    entry.count += 1;
    entry.last = now;
    entry.window = windowMs;
    this.#entries.set(k, entry);
    return {
      limit,
      count: entry.count,
      remaining: Math.max(0, limit - entry.count),
      resetMs: Math.max(0, entry.start + windowMs - now),
      exceeded: entry.count > limit,
      overflow,
    };
  }

  /** The key's count in its current window, without counting (0 when none). */
  peek(key: string): { count: number; resetMs: number } {
    const now = this.now();
    const entry = this.#entries.get(key);
    if (entry === undefined || entry.start + entry.window <= now) return { count: 0, resetMs: 0 };
    return { count: entry.count, resetMs: entry.start + entry.window - now };
  }

  /** Idle keys are a prefix of the map (least recently hit first): drop it. */
  #evictIdle(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (entry.last + entry.window > now) return;
      this.#entries.delete(key);
    }
  }
}

/**
 * A store for @fastify/rate-limit (the routes with a limit of their own, such as the public
 * verification) on the same bounded counters: its default store is an LRU of 5,000 keys that new
 * keys evict active ones from.
 */
export class BoundedRateLimitStore {
  readonly #counters: WindowCounters;

  /** `options`: the plugin's, or a route's; `cache` is the capacity */
  constructor(options: object = {}) {
    const cache = (options as { cache?: unknown }).cache;
    this.#counters = new WindowCounters(typeof cache === 'number' ? cache : ROUTE_CAPACITY);
  }

  incr(
    key: string,
    cb: (e: Error | null, res: { current: number; ttl: number }) => void,
    timeWindow: number,
    max: number,
  ): void {
    const hit = this.#counters.hit(key, max, timeWindow);
    cb(null, { current: hit.count, ttl: hit.resetMs });
  }

  read(key: string, cb: (e: Error | null, res: { current: number; ttl: number }) => void): void {
    const { count, resetMs } = this.#counters.peek(key);
    cb(null, { current: count, ttl: resetMs });
  }

  child(options: object): BoundedRateLimitStore {
    return new BoundedRateLimitStore(options);
  }
}

/** Addresses counted at once (each ~150 bytes): beyond, new ones share the overflow counter. */
export const ADDRESS_CAPACITY = 100_000;
/** Principals counted at once: only authenticated callers are ever keys here. */
export const PRINCIPAL_CAPACITY = 100_000;
/** Keys per route of the routes' own limits (per address). */
export const ROUTE_CAPACITY = 50_000;
/** Credentials remembered as valid (a hash each), and for how long before they are checked again. */
export const KNOWN_CAPACITY = 20_000;
export const KNOWN_MS = 10 * 60_000;
/** Distinct addresses the summary counts before lumping the rest together. */
const SUMMARY_ADDRESSES = 10_000;

/** The counter a valid caller is counted by: its token, or the person of its session. */
export function principalKey(p: Principal): string | null {
  if (p.tokenId !== null) return `token:${p.tokenId}`;
  if (p.person !== null) return `person:${p.person.id}`;
  if (p.sessionId !== null) return `session:${p.sessionId}`;
  return null;
}

export type RefusalStage = 'address' | 'principal' | 'route';

/** RATE_LIMITED with the wait in whole seconds, in each language's words. */
export function rateLimitedError(resetMs: number): DomainError & { retryAfterSeconds: number } {
  const seconds = Math.max(1, Math.ceil(resetMs / 1000));
  const e = new DomainError(
    'RATE_LIMITED',
    `请求过多，请 ${seconds} 秒后重试`,
    `Too many requests; retry in ${seconds} second${seconds === 1 ? '' : 's'}`,
  );
  return Object.assign(e, { retryAfterSeconds: seconds });
}

export interface RequestLimitsOptions {
  /** requests per principal, and per address before authentication, per window */
  readonly perWindow: number;
  readonly windowMs?: number;
  /** the hash of the request's credential (bearer token, else session cookie), no look-up */
  readonly credentialOf: (request: FastifyRequest) => string | undefined;
  /** how often the summary of refusals is logged at info; default a minute */
  readonly summaryMs?: number;
  readonly addressCapacity?: number;
  readonly principalCapacity?: number;
  readonly knownCapacity?: number;
  readonly now?: () => number;
}

interface Counted {
  /** the principal's counter already counted this request (a known credential) */
  principal: boolean;
}

/** The two-stage limits of one app (see the top of the file). */
export class RequestLimits {
  readonly #addresses: WindowCounters;
  readonly #principals: WindowCounters;
  /** credential hash → principal key, in least-recently-used order */
  readonly #known = new Map<string, { key: string; until: number }>();
  readonly #counted = new WeakMap<FastifyRequest, Counted>();
  readonly #refused = new WeakSet<FastifyRequest>();
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #knownCapacity: number;
  readonly #now: () => number;
  #summary = {
    refused: 0,
    stages: { address: 0, principal: 0, route: 0 },
    by: new Map<string, number>(),
  };
  #timer: NodeJS.Timeout | undefined;
  #log: FastifyBaseLogger | undefined;

  constructor(private readonly options: RequestLimitsOptions) {
    this.#now = options.now ?? Date.now;
    this.#addresses = new WindowCounters(options.addressCapacity ?? ADDRESS_CAPACITY, this.#now);
    this.#principals = new WindowCounters(
      options.principalCapacity ?? PRINCIPAL_CAPACITY,
      this.#now,
    );
    this.#limit = options.perWindow;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#knownCapacity = options.knownCapacity ?? KNOWN_CAPACITY;
  }

  /**
   * The first stage, before any look-up: a known credential counts against its principal, any
   * other request against its address. Returns the refusal, if refused.
   */
  beforeAuthentication(
    request: FastifyRequest,
    reply: FastifyReply,
  ): (DomainError & { retryAfterSeconds: number }) | undefined {
    const credential = this.options.credentialOf(request);
    const known = credential === undefined ? undefined : this.#knownKey(credential);
    if (known !== undefined) {
      this.#counted.set(request, { principal: true });
      return this.#count(request, reply, this.#principals, known, 'principal');
    }
    this.#counted.set(request, { principal: false });
    return this.#count(request, reply, this.#addresses, addressBucket(request.ip), 'address');
  }

  /**
   * The second stage, once authentication has settled: a valid credential is remembered and
   * counted against its principal (unless the first stage did); a wrong one is forgotten.
   */
  afterAuthentication(
    request: FastifyRequest,
    reply: FastifyReply,
  ): (DomainError & { retryAfterSeconds: number }) | undefined {
    const credential = this.options.credentialOf(request);
    const principal = request.principal;
    const key = principal === null ? null : principalKey(principal);
    if (key === null) {
      if (credential !== undefined) this.#known.delete(credential);
      return undefined;
    }
    if (credential !== undefined) this.#remember(credential, key);
    if (this.#counted.get(request)?.principal === true) return undefined;
    this.#counted.set(request, { principal: true });
    return this.#count(request, reply, this.#principals, key, 'principal');
  }

  /** A route's own limit refused the request (@fastify/rate-limit's onExceeded). */
  routeRefused(request: FastifyRequest): void {
    this.#refusal(request, 'route', addressBucket(request.ip), undefined);
  }

  /** Whether the request was refused by a limit (its completion is logged at debug only). */
  refused(request: FastifyRequest): boolean {
    return this.#refused.has(request);
  }

  /** Log the summary to `log` once per interval (at info), until `stop`. */
  start(log: FastifyBaseLogger): void {
    this.#log = log;
    const every = this.options.summaryMs ?? 60_000;
    this.#timer = setInterval(() => {
      this.flush(every);
    }, every);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.flush();
  }

  /** Log the refusals since the last summary, if any, and start counting again. */
  flush(periodMs?: number): void {
    const s = this.#summary;
    if (s.refused === 0) return;
    this.#summary = { refused: 0, stages: { address: 0, principal: 0, route: 0 }, by: new Map() };
    const top = [...s.by]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([address, refused]) => ({ address, refused }));
    this.#log?.info(
      {
        rateLimit: {
          refused: s.refused,
          stages: s.stages,
          addresses: s.by.size,
          top,
          ...(periodMs === undefined ? {} : { periodSeconds: Math.round(periodMs / 1000) }),
        },
      },
      `rate limits refused ${s.refused} request${s.refused === 1 ? '' : 's'}`,
    );
  }

  #knownKey(credential: string): string | undefined {
    const known = this.#known.get(credential);
    if (known === undefined) return undefined;
    this.#known.delete(credential);
    if (known.until <= this.#now()) return undefined;
    this.#known.set(credential, known);
    return known.key;
  }

  #remember(credential: string, key: string): void {
    this.#known.delete(credential);
    if (this.#known.size >= this.#knownCapacity) {
      const oldest = this.#known.keys().next();
      if (oldest.done !== true) this.#known.delete(oldest.value);
    }
    this.#known.set(credential, { key, until: this.#now() + KNOWN_MS });
  }

  #count(
    request: FastifyRequest,
    reply: FastifyReply,
    counters: WindowCounters,
    key: string,
    stage: RefusalStage,
  ): (DomainError & { retryAfterSeconds: number }) | undefined {
    const hit = counters.hit(key, this.#limit, this.#windowMs);
    const reset = Math.ceil(hit.resetMs / 1000);
    void reply
      .header('x-ratelimit-limit', hit.limit)
      .header('x-ratelimit-remaining', hit.remaining)
      .header('x-ratelimit-reset', reset);
    if (!hit.exceeded) return undefined;
    const e = rateLimitedError(hit.resetMs);
    void reply.header('retry-after', e.retryAfterSeconds);
    this.#refusal(
      request,
      stage,
      addressBucket(request.ip),
      stage === 'principal' ? key : undefined,
    );
    return e;
  }

  #refusal(
    request: FastifyRequest,
    stage: RefusalStage,
    address: string,
    principal: string | undefined,
  ): void {
    this.#refused.add(request);
    const s = this.#summary;
    s.refused += 1;
    s.stages[stage] += 1;
    const slot = s.by.has(address) || s.by.size < SUMMARY_ADDRESSES ? address : '(others)';
    s.by.set(slot, (s.by.get(slot) ?? 0) + 1);
    request.log.debug(
      {
        rateLimit: { stage, address, ...(principal === undefined ? {} : { principal }) },
        method: request.method,
        url: request.routeOptions.url ?? 'unmatched',
      },
      'rate limited',
    );
  }
}

/**
 * The request log lines (fastify's `logController`): each request logged once at info when it is
 * answered (with its method, URL and address), "incoming request" at debug, and a request a rate
 * limit refused not at all at info (its refusal is logged at debug, and counted in the summary),
 * so a flood of refusals cannot flood the log.
 */
export class RequestLogs extends LogController {
  constructor(private readonly limits: RequestLimits) {
    super({});
  }

  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error !== null && error !== undefined) {
      reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      );
    } else if (!this.limits.refused(request)) {
      reply.log.info(
        { req: request, res: reply, responseTime: reply.elapsedTime },
        'request completed',
      );
    }
  }
}
