/**
 * The register-follow benchmark (docs/elicence.md): a follower mirrors a register log of 100,000
 * signed entries (BENCH_FOLLOW_ENTRIES to change it) from a source over loopback HTTP — checkpoint
 * signature, every entry's SM2 signature, the rebuilt Merkle root, the inclusion proof of the newest
 * entry, and the entries stored as mirrored licences in a fresh SQLite database — beside a plain
 * HTTP download of the same pages (fetched and JSON-parsed, nothing checked or stored) from the same
 * server in the same run. Also reports the inclusion and consistency proof sizes at that size against
 * ⌈log2 n⌉. The signed entries are made once and kept in the system's temp directory (signing
 * 100,000 entries takes about a minute and a half on this machine).
 */
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { createInterface } from 'node:readline';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from '../src/app/documents/parse-document.js';
import { signEnvelope } from '../src/app/signing/envelope.js';
import { followRegister } from '../src/app/signing/follow.js';
import { canonicalBytes } from '../src/adapters/crypto/jcs.js';
import { signatureCrypto as crypto } from '../src/adapters/crypto/signature-crypto.js';
import { systemClock } from '../src/adapters/system-clock.js';
import { getJson } from '../src/adapters/web/get-json.js';
import {
  CHECKPOINT_SCHEMA,
  REGISTER_ENTRY_SCHEMA,
  type PublishedKey,
  type RegisterEntryPayload,
} from '../src/core/elicence/types.js';
import { toHex } from '../src/core/transparency/bytes.js';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  rootHash,
} from '../src/core/transparency/merkle.js';
import { openRegistry } from '../src/main/registry.js';
import { fixtureBytes, FIXTURES, TEXT_DOCUMENTS } from '../test/fixtures.js';
import { row, type Benchmark, type BenchOutcome } from './measure.js';

const N = Number(process.env['BENCH_FOLLOW_ENTRIES'] ?? 100_000);
const PAGE = 1000;
const ORIGIN = 'bench-authority';
const SIGNED_AT = '2026-11-28T08:00:00.000Z';

interface Source {
  readonly entries: string[];
  readonly key: { kid: string; privateKeyHex: string; publicKeyHex: string };
}

/**
 * The signed entries, made once per size and kept in the temp directory as JSON lines (the key on
 * the first line): 100,000 entries of the `hu` licence's size are about half a gigabyte, more than
 * one JavaScript string holds.
 */
async function source(): Promise<Source> {
  const cache = join(tmpdir(), `xuke-bench-follow-v2-${N}.jsonl`);
  if (existsSync(cache)) {
    const lines = createInterface({ input: createReadStream(cache, 'utf8'), crlfDelay: Infinity });
    let key: Source['key'] | undefined;
    const entries: string[] = [];
    for await (const line of lines) {
      if (key === undefined) key = JSON.parse(line) as Source['key'];
      else if (line !== '') entries.push(line);
    }
    if (key !== undefined && entries.length === N) return { key, entries };
  }
  process.stderr.write(`  signing ${N.toLocaleString('en-US')} register entries (once)…\n`);
  const pair = crypto.generateKeyPair();
  const key = { kid: 'benchkey00000001', ...pair };
  const parsed = await parseDocument(fixtureBytes('hu'), FIXTURES.hu, TEXT_DOCUMENTS);
  const entries: string[] = [];
  const fd = openSync(`${cache}.part`, 'w');
  writeSync(fd, `${JSON.stringify(key)}\n`);
  for (let i = 0; i < N; i++) {
    // 10,000 serial numbers a year: years 2000 on
    const number = `京B2-${2000 + Math.floor(i / 10_000)}${String(i % 10_000).padStart(4, '0')}`;
    const payload: RegisterEntryPayload = {
      origin: ORIGIN,
      authority: { id: ORIGIN, name: '北京市通信管理局' },
      jurisdiction: ['京'],
      index: i,
      audit: { seq: i + 1, hash: '0'.repeat(64), at: SIGNED_AT, actor: 'bench' },
      kind: 'issued',
      number,
      version: 1,
      status: 'valid',
      on: '2026-11-28',
      note: '审查通过',
      data: { decisionNumber: `京通信管〔2026〕${i}号` },
      licence: {
        ...parsed.licence,
        number,
        holder: { ...parsed.licence.holder, name: `企业${i}有限公司` },
      },
      recordSha256: null,
      signedAt: SIGNED_AT,
    };
    const entry = signEnvelope(REGISTER_ENTRY_SCHEMA, payload, key, crypto);
    const line = new TextDecoder().decode(canonicalBytes(entry));
    entries.push(line);
    writeSync(fd, `${line}\n`);
  }
  closeSync(fd);
  renameSync(`${cache}.part`, cache);
  return { entries, key };
}

/** A source instance's register routes over the precomputed entries (as a xuke service serves them). */
function serve(s: Source, leaves: Uint8Array[], checkpoint: string): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const q = (k: string) => Number(url.searchParams.get(k));
    let body: string;
    if (url.pathname.endsWith('/checkpoint')) body = checkpoint;
    else if (url.pathname.endsWith('/entries')) {
      const start = q('start');
      const end = Math.min(q('end'), start + PAGE);
      body = `{"start":${start},"entries":[${s.entries.slice(start, end).join(',')}]}`;
    } else if (url.pathname.endsWith('/inclusion')) {
      const proof = inclusionProof(crypto.sha256, leaves, q('index'), q('treeSize'));
      body = JSON.stringify({ proof: proof.map(toHex) });
    } else {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(server);
    });
  });
}

async function runFollowBench(): Promise<BenchOutcome> {
  const s = await source();
  const leaves = s.entries.map((e) => leafHash(crypto.sha256, new TextEncoder().encode(e)));
  const root = toHex(rootHash(crypto.sha256, leaves));
  const cp = signEnvelope(
    CHECKPOINT_SCHEMA,
    {
      origin: ORIGIN,
      authority: { id: ORIGIN, name: '北京市通信管理局' },
      jurisdiction: ['京'],
      treeSize: N,
      rootHash: root,
      auditHead: null,
      signedAt: SIGNED_AT,
    },
    s.key,
    crypto,
  );
  const server = await serve(s, leaves, JSON.stringify(cp));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const keys: PublishedKey[] = [
    {
      kid: s.key.kid,
      organisation: ORIGIN,
      organisationName: '北京市通信管理局',
      alg: 'SM2-SM3',
      publicKeyPem: crypto.publicKeyToPem(s.key.publicKeyHex),
      validFrom: '2026-01-01T00:00:00.000Z',
      validUntil: null,
      revokedAt: null,
      revocationReason: null,
    },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'xuke-bench-follow-'));
  try {
    // baseline: the same pages downloaded and parsed, nothing checked or stored
    let t0 = performance.now();
    let downloaded = 0;
    for (let start = 0; start < N; start += PAGE) {
      const page = (await getJson(
        `${base}/api/v1/register/entries?start=${start}&end=${start + PAGE}`,
      )) as {
        entries: unknown[];
      };
      downloaded += page.entries.length;
    }
    const downloadRate = downloaded / ((performance.now() - t0) / 1000);

    const registry = await openRegistry(
      { dialect: 'sqlite', path: join(dir, 'follower.sqlite') },
      { clock: systemClock, confirmationDays: 90 },
    );
    try {
      t0 = performance.now();
      const result = await followRegister(
        { sourceUrl: base, keys },
        { organisation: 'default', actor: 'bench' },
        registry.signing,
      );
      const followRate = result.treeSize / ((performance.now() - t0) / 1000);
      if (result.applied !== N) throw new Error(`follow applied ${result.applied} of ${N}`);
      const inclusion = inclusionProof(crypto.sha256, leaves, Math.floor(N / 3), N).length;
      const consistency = consistencyProof(crypto.sha256, leaves, Math.floor(N / 3), N).length;
      const log2 = Math.ceil(Math.log2(N));
      return {
        rows: [
          row(
            `follow/${N} entries (verify + store) vs download`,
            followRate,
            'entries/s',
            downloadRate,
          ),
          row(`follow/inclusion proof at ${N}`, inclusion, 'hashes', log2),
          row(`follow/consistency proof at ${N}`, consistency, 'hashes', log2),
        ],
        targets: [
          {
            description: `proofs O(log n): inclusion ≤ ⌈log2 n⌉ = ${log2}, consistency ≤ ${log2 + 1}`,
            met: inclusion <= log2 && consistency <= log2 + 1,
            measured: `${inclusion} and ${consistency} hashes`,
          },
        ],
      };
    } finally {
      await registry.close();
    }
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const followBenchmark: Benchmark = { name: 'follow', run: runFollowBench };
