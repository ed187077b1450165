/**
 * Two real xuke services on loopback (docs/elicence.md): the authority's instance issues, renews and
 * revokes; the follower mirrors its register through the signed log (checkpoint, consistency,
 * entries, inclusion); a platform on the follower checks a forged document and gets `mismatch` from
 * the mirrored register; the public page of the follower answers from the mirror; and when the
 * authority's instance rewrites an old log entry (re-signed with its own key, so every signature
 * still holds), the follower refuses with the evidence kept and its last good state intact.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/app/access/create-api-token.js';
import { parseDocument } from '../src/app/documents/parse-document.js';
import { followRegister } from '../src/app/signing/follow.js';
import { createSigningKey, listPublishedKeys } from '../src/app/signing/keys.js';
import { issueLicence, recordRegisterEvent } from '../src/app/trust/register.js';
import { createOrganisation } from '../src/app/trust/organisations.js';
import { getJson } from '../src/adapters/web/get-json.js';
import { signatureCrypto } from '../src/adapters/crypto/signature-crypto.js';
import { canonicalBytes } from '../src/adapters/crypto/jcs.js';
import { leafHash } from '../src/core/transparency/merkle.js';
import type { RegisterEntry } from '../src/core/elicence/types.js';
import { openRegistry, type OpenRegistry } from '../src/main/registry.js';
import { startServer, type RunningServer } from '../src/main/server.js';
import { systemClock } from '../src/adapters/system-clock.js';
import { FIXTURES, TEXT_DOCUMENTS } from './fixtures.js';

/** `value`, or the test fails here saying what was missing. */
function must<T>(value: T | null | undefined, what = 'a value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}

const dir = mkdtempSync(join(tmpdir(), 'xuke-follow-'));
const PASSPHRASE = 'follow test passphrase';
const NUMBER = '京B2-20250417';
const HOLDER = '北京远帆数据服务有限公司';
const AUTH = 'demo-authority';

/** The seed licence re-issued as a new number and holder, valid to 2027-09-04 (a 5-year term). */
function licenceText(holder = HOLDER): string {
  return readFileSync(FIXTURES.seed, 'utf8')
    .replaceAll('京B2-20180910', NUMBER)
    .replaceAll('云智联网络科技（北京）有限公司', holder)
    .replaceAll('2023年05月3日', '2027年09月04日');
}

interface Instance {
  server: RunningServer;
  path: string;
  registry: OpenRegistry;
}

async function instance(name: string, extra: Record<string, string> = {}): Promise<Instance> {
  const path = join(dir, `${name}.sqlite`);
  const env = {
    XUKE_DATABASE_URL: `sqlite://${path}`,
    XUKE_KEY_PASSPHRASE: PASSPHRASE,
    // the follow writes from another connection, as `xuke register follow` does from another
    // process: the service's read cache (1 s by default) would serve the previous answer meanwhile
    XUKE_READ_CACHE_MS: '0',
    ...extra,
  };
  const server = await startServer({
    env,
    port: 0,
    host: '127.0.0.1',
    logger: false,
    print: () => undefined,
  });
  const registry = await openRegistry(
    { dialect: 'sqlite', path },
    { clock: systemClock, confirmationDays: 90, keyPassphrase: () => PASSPHRASE },
  );
  return { server, path, registry };
}

let a: Instance;
let b: Instance;
const who = { organisation: AUTH, actor: 'test:authority' };
const follower = { organisation: 'default', actor: 'test:follower' };

beforeAll(async () => {
  [a, b] = await Promise.all([instance('authority'), instance('follower')]);
  await createSigningKey(AUTH, who, a.registry.signing);
}, 60_000);

afterAll(async () => {
  // a failed beforeAll leaves them unset
  for (const i of [a, b] as (Instance | undefined)[]) {
    await i?.registry.close();
    await i?.server.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

const decision = (n: number) => ({ reason: '审查通过', decisionNumber: `京通信管〔2026〕${n}号` });

describe('following a register across two instances', { timeout: 120_000 }, () => {
  let keys: Awaited<ReturnType<typeof listPublishedKeys>>;

  it('the authority issues, renews and revokes; the follower mirrors every step', async () => {
    const parsed = await parseDocument(Buffer.from(licenceText()), 'doc.txt', TEXT_DOCUMENTS);
    await issueLicence({ licence: parsed.licence, ...decision(1) }, who, a.registry.registry);
    keys = await listPublishedKeys(a.registry.signing, AUTH);
    // the keys a follower is given out of band are those the authority publishes
    const published = (await getJson(`${a.server.url}/.well-known/xuke/keys.json`)) as {
      keys: unknown[];
    };
    expect(published.keys).toEqual(JSON.parse(JSON.stringify(keys)));

    const first = await followRegister(
      { sourceUrl: a.server.url, keys },
      follower,
      b.registry.signing,
      getJson,
    );
    // the seed licence and the new one: two issued entries
    expect(first).toMatchObject({
      organisation: `mirror-${AUTH}`,
      fromSize: 0,
      treeSize: 2,
      applied: 2,
    });

    await recordRegisterEvent(
      NUMBER,
      { kind: 'renewed', expiresOn: '2032-09-04', ...decision(2) },
      who,
      a.registry.registry,
    );
    const second = await followRegister(
      { sourceUrl: a.server.url, keys },
      follower,
      b.registry.signing,
      getJson,
    );
    expect(second).toMatchObject({ fromSize: 2, treeSize: 3, applied: 1 });

    const pub = await fetch(`${b.server.url}/api/v1/public/licences/${encodeURIComponent(NUMBER)}`);
    const view = (await pub.json()) as Record<string, unknown>;
    expect(view).toMatchObject({
      holder: HOLDER,
      expiresOn: '2032-09-04',
      provenance: 'mirrored',
      registerVersion: 2,
    });

    await recordRegisterEvent(
      NUMBER,
      { kind: 'revoked', ...decision(3) },
      who,
      a.registry.registry,
    );
    const third = await followRegister(
      { sourceUrl: a.server.url, keys },
      follower,
      b.registry.signing,
      getJson,
    );
    expect(third).toMatchObject({ fromSize: 3, treeSize: 4, applied: 1 });
    const revoked = (await (
      await fetch(`${b.server.url}/api/v1/public/licences/${encodeURIComponent(NUMBER)}`)
    ).json()) as Record<string, unknown>;
    expect(revoked).toMatchObject({
      status: 'revoked',
      provenance: 'mirrored',
      registerVersion: 3,
    });

    // nothing new: the same checkpoint, nothing applied
    const again = await followRegister(
      { sourceUrl: a.server.url, keys },
      follower,
      b.registry.signing,
      getJson,
    );
    expect(again).toMatchObject({ fromSize: 4, treeSize: 4, applied: 0 });
  });

  it('a service following on a schedule mirrors the same register', async () => {
    const keysFile = join(dir, 'keys.json');
    writeFileSync(keysFile, JSON.stringify({ keys }));
    const c = await instance('scheduled', {
      XUKE_FOLLOW_SOURCES: a.server.url,
      XUKE_FOLLOW_KEYS: keysFile,
    });
    try {
      expect(c.server.follows).not.toBeNull();
      await c.server.follows?.runNow();
      const state = await c.registry.signing.follows.findFollow(`mirror-${AUTH}`);
      expect(state?.treeSize).toBe(4);
      const view = (await (
        await fetch(`${c.server.url}/api/v1/public/licences/${encodeURIComponent(NUMBER)}`)
      ).json()) as Record<string, unknown>;
      expect(view).toMatchObject({ status: 'revoked', provenance: 'mirrored' });
    } finally {
      await c.registry.close();
      await c.server.close();
    }
  });

  it('a platform on the follower checks a forged document against the mirrored register: mismatch', async () => {
    await createOrganisation(
      {
        id: 'cloudhost',
        name: '某云平台',
        kind: 'platform',
        jurisdiction: null,
        publishDeclared: false,
      },
      'test',
      b.registry.registry,
    );
    const { token } = await createApiToken(
      { organisation: 'cloudhost', role: 'member', name: 'platform' },
      b.registry.access,
    );
    const check = async (text: string) => {
      const res = await fetch(`${b.server.url}/api/v1/documents`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
        body: text,
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { report: { verdict: string; register?: { kind?: string } } };
    };
    const forged = await check(licenceText('北京冒名科技有限公司'));
    expect(forged.report.verdict).toBe('mismatch');
  });

  it('an authority rewriting an old log entry is caught; the follower keeps its last good state', async () => {
    // the operator of the authority's instance rewrites entry 1 (the new licence's issue) to name
    // another holder, re-signs it with the authority's own key, and fixes the leaf hash
    const raw = new Database(a.path);
    const row = raw
      .prepare('select entry from register_log where organisation_id = ? and idx = 1')
      .get(AUTH) as { entry: string };
    const entry = JSON.parse(row.entry) as RegisterEntry;
    const forgedPayload = {
      ...entry.payload,
      licence: {
        ...must(entry.payload.licence),
        holder: { ...must(entry.payload.licence).holder, name: '篡改后的公司' },
      },
    };
    const { currentSigningKey } = await import('../src/app/signing/keys.js');
    const key = await currentSigningKey(AUTH, a.registry.signing);
    const { signEnvelope } = await import('../src/app/signing/envelope.js');
    const rewritten = signEnvelope(entry.schema, forgedPayload, key, signatureCrypto);
    const bytes = canonicalBytes(rewritten);
    raw
      .prepare(
        'update register_log set entry = ?, leaf_hash = ? where organisation_id = ? and idx = 1',
      )
      .run(
        Buffer.from(bytes).toString('utf8'),
        Buffer.from(leafHash(signatureCrypto.sha256, bytes)).toString('hex'),
        AUTH,
      );
    raw.close();
    // a new decision, so the authority signs a new, larger checkpoint over the rewritten log
    await recordRegisterEvent(
      NUMBER,
      { kind: 'annual-report-filed', year: 2026, ...decision(4) },
      who,
      a.registry.registry,
    ).catch(() => undefined);
    const parsed = await parseDocument(
      Buffer.from(licenceText().replaceAll(NUMBER, '京B2-20250418')),
      'doc2.txt',
      TEXT_DOCUMENTS,
    );
    await issueLicence({ licence: parsed.licence, ...decision(5) }, who, a.registry.registry);

    await expect(
      followRegister({ sourceUrl: a.server.url, keys }, follower, b.registry.signing, getJson),
    ).rejects.toMatchObject({ code: 'REGISTER_TAMPERED' });
    const incidents = await b.registry.signing.follows.listIncidents(`mirror-${AUTH}`);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.reasonEn).toMatch(/not consistent|history was rewritten/u);
    const evidence = JSON.parse(must(incidents[0]).evidence) as { held: unknown; served: unknown };
    expect(evidence.held).toBeTruthy();
    expect(evidence.served).toBeTruthy();
    // the mirror still answers from its last verified state
    const state = await b.registry.signing.follows.findFollow(`mirror-${AUTH}`);
    expect(state?.treeSize).toBe(4);
    const view = (await (
      await fetch(`${b.server.url}/api/v1/public/licences/${encodeURIComponent(NUMBER)}`)
    ).json()) as Record<string, unknown>;
    expect(view).toMatchObject({ holder: HOLDER, status: 'revoked' });
    const fresh = await fetch(
      `${b.server.url}/api/v1/public/licences/${encodeURIComponent('京B2-20250418')}`,
    );
    expect(fresh.status).toBe(404);
  });
});
