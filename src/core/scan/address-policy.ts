/**
 * The target policy of the website scan, as pure functions over parsed pieces: which schemes,
 * ports, host names and IP addresses a scan may connect to. The adapter (adapters/web) parses URLs
 * and resolves names; every address it connects to passes `checkAddress` first, so the address
 * checked is the address connected to.
 *
 * Refused (issue 9): loopback, private, link-local, CGNAT, multicast, unspecified, broadcast and
 * reserved IPv4 ranges; IPv6 loopback, unspecified, unique-local, link-local, multicast and
 * everything outside global unicast 2000::/3; IPv6 forms that embed an IPv4 address (mapped,
 * compatible, 6to4, NAT64, Teredo, SIIT) are judged by the IPv4 they embed; cloud metadata names
 * and addresses; schemes other than http(s); ports other than 80 and 443. An allow-list of
 * `HOST:PORT` entries is the only way past the address and port rules.
 *
 * A refusal is told in words (`reason`, and `refusalAdvice` for what to do); its `rule` is a stable
 * key for programs and the server's log, never part of a message a person reads.
 */
import ipaddr from 'ipaddr.js';

/** Why a target is refused, in both languages; `rule` is a stable key for tests and JSON. */
export interface Refusal {
  readonly rule: string;
  readonly reason: string;
  readonly reasonEn: string;
}

export type Verdict = { readonly ok: true } | ({ readonly ok: false } & Refusal);

const OK: Verdict = Object.freeze({ ok: true });

function refuse(rule: string, reason: string, reasonEn: string): Verdict {
  return { ok: false, rule, reason, reasonEn };
}

/** The ports a scan may use without an allow-list entry. */
export const DEFAULT_PORTS: readonly number[] = Object.freeze([80, 443]);

/** Schemes a scan may fetch. WebSockets are never opened (their attempt is a signal). */
export const ALLOWED_SCHEMES: readonly string[] = Object.freeze(['http:', 'https:']);

/**
 * Cloud metadata services by name. Their addresses (169.254.169.254, 100.100.100.200,
 * fd00:ec2::254) fall in refused ranges already; the names are refused before any lookup so a
 * split-horizon resolver cannot hand them out.
 */
export const METADATA_HOSTS: readonly string[] = Object.freeze([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.internal',
  'metadata.tencentyun.com',
  'metadata.platformequinix.com',
  'instance-data',
  'instance-data.ec2.internal',
  'kubernetes.default.svc',
]);

/** Metadata addresses named in refusals (the range refuses them anyway). */
const METADATA_ADDRESSES: Readonly<Record<string, string>> = {
  '169.254.169.254': 'AWS/GCP/Azure/OpenStack',
  '169.254.170.2': 'AWS ECS',
  '100.100.100.200': '阿里云 Alibaba Cloud',
  'fd00:ec2::254': 'AWS IPv6',
};

/** ipaddr.js IPv4 range names → zh / en descriptions. Only `unicast` is allowed. */
const V4_RANGES: Readonly<Record<string, readonly [string, string]>> = {
  unspecified: ['未指定地址 0.0.0.0/8', 'the unspecified range 0.0.0.0/8'],
  broadcast: ['广播地址 255.255.255.255', 'the broadcast address 255.255.255.255'],
  multicast: ['组播地址 224.0.0.0/4', 'the multicast range 224.0.0.0/4'],
  linkLocal: ['链路本地地址 169.254.0.0/16', 'the link-local range 169.254.0.0/16'],
  loopback: ['环回地址 127.0.0.0/8', 'the loopback range 127.0.0.0/8'],
  carrierGradeNat: ['运营商级 NAT 地址 100.64.0.0/10', 'the CGNAT range 100.64.0.0/10'],
  private: [
    '私有地址（10.0.0.0/8、172.16.0.0/12、192.168.0.0/16）',
    'a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)',
  ],
  reserved: [
    '保留地址（240.0.0.0/4、文档或基准测试地址等）',
    'a reserved range (240.0.0.0/4, documentation, benchmarking …)',
  ],
};

/** ipaddr.js IPv6 range names → zh / en descriptions (embedding forms are handled apart). */
const V6_RANGES: Readonly<Record<string, readonly [string, string]>> = {
  unspecified: ['未指定地址 ::', 'the unspecified address ::'],
  loopback: ['环回地址 ::1', 'the loopback address ::1'],
  uniqueLocal: ['唯一本地地址 fc00::/7', 'the unique-local range fc00::/7'],
  linkLocal: ['链路本地地址 fe80::/10', 'the link-local range fe80::/10'],
  multicast: ['组播地址 ff00::/8', 'the multicast range ff00::/8'],
};

const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');

function v4FromWords(hi: number, lo: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}

/**
 * The IPv4 address an IPv6 address embeds, and the form it uses: mapped ::ffff:0:0/96, compatible
 * ::/96, SIIT ::ffff:0:0:0/96, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16, Teredo
 * 2001::/32 (server and client, the client obfuscated by XOR). undefined for other addresses.
 */
export function embeddedIPv4(
  address: ipaddr.IPv6,
): { form: string; addresses: ipaddr.IPv4[] } | undefined {
  const p = address.parts;
  const w = (i: number): number => p[i] ?? 0;
  const zero = (from: number, to: number): boolean => p.slice(from, to).every((x) => x === 0);
  if (zero(0, 5) && w(5) === 0xffff)
    return { form: 'IPv4-mapped', addresses: [v4FromWords(w(6), w(7))] };
  if (zero(0, 4) && w(4) === 0xffff && w(5) === 0)
    return { form: 'SIIT', addresses: [v4FromWords(w(6), w(7))] };
  // ::/96 minus :: and ::1, which have ranges of their own
  if (zero(0, 6) && (w(6) !== 0 || w(7) > 1))
    return { form: 'IPv4-compatible', addresses: [v4FromWords(w(6), w(7))] };
  if (w(0) === 0x64 && w(1) === 0xff9b && (zero(2, 6) || w(2) === 1))
    return { form: 'NAT64', addresses: [v4FromWords(w(6), w(7))] };
  if (w(0) === 0x2002) return { form: '6to4', addresses: [v4FromWords(w(1), w(2))] };
  if (w(0) === 0x2001 && w(1) === 0) {
    return {
      form: 'Teredo',
      addresses: [v4FromWords(w(2), w(3)), v4FromWords(w(6) ^ 0xffff, w(7) ^ 0xffff)],
    };
  }
  return undefined;
}

/** The refusal for a cloud provider's metadata address, or undefined when `a` is none. */
function metadataVerdict(a: ipaddr.IPv4 | ipaddr.IPv6, shown: string): Verdict | undefined {
  const metadata = METADATA_ADDRESSES[a.toString()];
  if (metadata === undefined) return undefined;
  return refuse(
    'metadata-address',
    `${shown} 是云服务器元数据地址（${metadata}）`,
    `${shown} is a cloud metadata address (${metadata})`,
  );
}

function checkV4(a: ipaddr.IPv4, shown: string): Verdict {
  const metadata = metadataVerdict(a, shown);
  if (metadata) return metadata;
  const range = a.range();
  if (range === 'unicast') return OK;
  const [zh, en] = V4_RANGES[range] ?? [`保留地址（${range}）`, `a reserved range (${range})`];
  return refuse(`ipv4-${range}`, `${shown} 属于${zh}`, `${shown} is in ${en}`);
}

function checkV6(a: ipaddr.IPv6, shown: string): Verdict {
  const metadata = metadataVerdict(a, shown);
  if (metadata) return metadata;
  const range = a.range();
  const named = V6_RANGES[range];
  if (named !== undefined) {
    return refuse(`ipv6-${range}`, `${shown} 属于${named[0]}`, `${shown} is in ${named[1]}`);
  }
  const embedded = embeddedIPv4(a);
  if (embedded !== undefined) {
    for (const v4 of embedded.addresses) {
      const verdict = checkV4(v4, v4.toString());
      if (!verdict.ok) {
        return refuse(
          `ipv6-embeds-${verdict.rule}`,
          `${shown} 是内嵌 IPv4 的 ${embedded.form} 形式：${verdict.reason}`,
          `${shown} is the ${embedded.form} form of an IPv4 address: ${verdict.reasonEn}`,
        );
      }
    }
    return OK;
  }
  if (!a.match(GLOBAL_UNICAST)) {
    return refuse(
      `ipv6-${range === 'unicast' ? 'unallocated' : range}`,
      `${shown} 不在全球单播地址 2000::/3 内`,
      `${shown} is outside global unicast 2000::/3`,
    );
  }
  // 2000::/3 still holds documentation, benchmarking, ORCHID and similar blocks.
  if (range !== 'unicast') {
    return refuse(
      `ipv6-${range}`,
      `${shown} 属于保留地址（${range}）`,
      `${shown} is in a reserved range (${range})`,
    );
  }
  return OK;
}

/** Whether `text` is an IP address literal (dotted IPv4 in four parts, or IPv6 without brackets). */
export function isIpLiteral(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

/**
 * Whether a scan may connect to this resolved IP address. `address` is an address as a resolver or
 * a normalised URL gives it: dotted-decimal IPv4 or IPv6 without brackets.
 */
export function checkAddress(address: string): Verdict {
  const text = address.replace(/^\[|\]$/gu, '');
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return checkV4(ipaddr.IPv4.parse(text), text);
  if (ipaddr.IPv6.isValid(text)) return checkV6(ipaddr.IPv6.parse(text), text);
  return refuse('not-an-address', `“${text}”不是 IP 地址`, `"${text}" is not an IP address`);
}

/** An allow-list entry: a host (name or address, lower case, IPv6 without brackets) and a port. */
export interface AllowedHost {
  readonly host: string;
  readonly port: number;
}

/**
 * `HOST:PORT` → an entry, or a message naming `setting`, where the entry was given. `[::1]:8080` for IPv6. The host is kept as written in lower
 * case; callers normalise it the way they normalise URL hosts before comparing (adapters use the
 * WHATWG URL parser for both, so `2130706433:80` and `127.0.0.1:80` are one entry).
 */
export function parseAllowedHost(
  text: string,
  setting = '--allow-host',
): { ok: true; entry: AllowedHost } | { ok: false; message: string; messageEn: string } {
  const m = /^(?:\[([0-9a-f:.]+)\]|([^:[\]\s/]+)):(\d{1,5})$/iu.exec(text.trim());
  const port = Number(m?.[3]);
  const host = (m?.[1] ?? m?.[2] ?? '').toLowerCase();
  if (!m || host === '' || !Number.isInteger(port) || port < 1 || port > 65535) {
    return {
      ok: false,
      message: `${setting}：“${text}”应为 主机:端口，如 127.0.0.1:8080 或 [::1]:8080`,
      messageEn: `${setting}: "${text}" should be HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080`,
    };
  }
  return { ok: true, entry: { host, port } };
}

/** Whether (host, port) is on the allow-list. `host` as the URL parser normalised it. */
export function isAllowListed(host: string, port: number, allow: readonly AllowedHost[]): boolean {
  const h = host.replace(/^\[|\]$/gu, '').toLowerCase();
  return allow.some((a) => a.host === h && a.port === port);
}

/** A target as the URL parser gives it: `protocol` with its colon, hostname, effective port. */
export interface TargetParts {
  readonly protocol: string;
  /** lower case; IPv4 literals in dotted decimal (the WHATWG parser normalises 0x7f.1 and 2130706433) */
  readonly hostname: string;
  readonly port: number;
  /** true when the URL carries user:password@ */
  readonly hasCredentials: boolean;
}

/**
 * The checks that need no resolver: scheme, credentials, port, metadata and `localhost` names, and
 * the address itself when the host is an IP literal. A host name that passes here must still have
 * every resolved address pass `checkAddress` (unless allow-listed). The refusal says what is wrong
 * in words; what the reader can do about it is {@link refusalAdvice}'s.
 */
export function checkTarget(target: TargetParts, allow: readonly AllowedHost[]): Verdict {
  if (!ALLOWED_SCHEMES.includes(target.protocol)) {
    return refuse(
      'scheme',
      `不允许的协议“${target.protocol.replace(/:$/u, '')}”：只连接 http 和 https 地址`,
      `scheme "${target.protocol.replace(/:$/u, '')}" is not allowed: only http and https addresses are used`,
    );
  }
  if (target.hasCredentials) {
    return refuse(
      'credentials',
      '网址中带有用户名或密码，xuke 不发送凭据',
      'the URL carries a user name or password, which xuke does not send',
    );
  }
  const host = target.hostname
    .replace(/^\[|\]$/gu, '')
    .replace(/\.$/u, '')
    .toLowerCase();
  const allowed = isAllowListed(host, target.port, allow);
  if (allowed) return OK;
  if (!DEFAULT_PORTS.includes(target.port)) {
    return refuse(
      'port',
      `端口 ${target.port} 不在允许范围内：只连接 80 和 443 端口`,
      `port ${target.port} is not allowed: only ports 80 and 443 are used`,
    );
  }
  if (METADATA_HOSTS.includes(host)) {
    return refuse(
      'metadata-host',
      `${host} 是云服务器元数据服务的主机名`,
      `${host} is a cloud metadata host name`,
    );
  }
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return refuse('localhost', `${host} 指向本机`, `${host} names this machine`);
  }
  if (isIpLiteral(host)) return checkAddress(host);
  return OK;
}

/**
 * Who may let a refused target in: the service's administrator, through its settings (the reader
 * is a user of the service), or the reader, with an option of the command they run (`--allow-host`).
 */
export type AllowedBy =
  { readonly kind: 'administrator' } | { readonly kind: 'option'; readonly option: string };

/** Refusals no allow-list entry lifts: the reader changes the URL instead. */
const FIX_THE_URL: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  scheme: [
    '请改用以 http:// 或 https:// 开头的地址',
    'Use an address that starts with http:// or https://',
  ],
  credentials: ['请去掉网址中的用户名和密码', 'Remove the user name and password from the URL'],
  'not-an-address': ['请检查地址是否写对', 'Check that the address is written correctly'],
  'no-address': ['请检查地址是否写对', 'Check that the address is written correctly'],
};

/**
 * What the reader of a refusal can do about it, in both languages: change the URL (a scheme or
 * credentials no entry lifts), or have `host:port` allowed, by whom `by` says. Neither a rule id
 * nor a setting's name: those are for the server's log.
 */
export function refusalAdvice(
  refusal: Refusal,
  target: { readonly host: string; readonly port: number },
  by: AllowedBy,
): { readonly advice: string; readonly adviceEn: string } {
  const fix = Object.hasOwn(FIX_THE_URL, refusal.rule) ? FIX_THE_URL[refusal.rule] : undefined;
  if (fix !== undefined) return { advice: fix[0], adviceEn: fix[1] };
  const entry = hostPort(target.host.replace(/^\[|\]$/gu, ''), target.port);
  return by.kind === 'administrator'
    ? {
        advice: `该地址不在允许的主机列表中；如确需使用，请联系管理员在服务设置中允许 ${entry}`,
        adviceEn: `The address is not on the list of allowed hosts; if it must be used, ask your administrator to allow ${entry} in the service’s settings`,
      }
    : {
        advice: `如确需访问，请加上参数 ${by.option} ${entry}`,
        adviceEn: `To reach it anyway, add ${by.option} ${entry}`,
      };
}

/** `host:port`, bracketing IPv6. */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
