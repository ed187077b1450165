/**
 * The authority's signed word against tampering (docs/elicence.md), on both databases: an e-licence
 * with one byte of its payload or signature changed fails; a follower refuses a checkpoint or a log
 * entry with one byte changed, an unsigned entry, and a forked checkpoint, keeping its state; and
 * `audit verify` with a signed checkpoint finds entries removed from the end, a head wound back, a
 * chain recomputed after a rewrite, and a licence version edited in its table — none of which the
 * plain chain check sees (except the last).
 */
import { sql, type Kysely } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditHash } from '../src/adapters/db/audit-chain.js';
import { canonicalBytes } from '../src/adapters/crypto/jcs.js';
import { verifyAuditDeep } from '../src/app/signing/audit-anchor.js';
import {
  issueElicence,
  verifyElicenceJson,
  verifyElicenceQr,
} from '../src/app/signing/elicence.js';
import { envelopeBytes, signEnvelope } from '../src/app/signing/envelope.js';
import { toHex } from '../src/core/transparency/bytes.js';
import { leafHash } from '../src/core/transparency/merkle.js';
import { followRegister, type GetJson } from '../src/app/signing/follow.js';
import {
  createSigningKey,
  currentSigningKey,
  listPublishedKeys,
  revokeSigningKey,
  rotateSigningKey,
} from '../src/app/signing/keys.js';
import { registerCheckpoint } from '../src/app/signing/register-log.js';
import type { SigningDeps } from '../src/app/signing/signing-deps.js';
import { createOrganisation } from '../src/app/trust/organisations.js';
import { issueLicence, recordRegisterEvent } from '../src/app/trust/register.js';
import { parseDocument } from '../src/app/documents/parse-document.js';
import type { Checkpoint, Elicence, PublishedKey } from '../src/core/elicence/types.js';
import { TEXT_DOCUMENTS, fixtureText } from './fixtures.js';
import { startHarness, type HttpHarness } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

/** `value`, or the test fails here saying what was missing. */
function must<T>(value: T | null | undefined, what = 'a value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}

const AUTH = 'bj';
const who = { organisation: AUTH, actor: 'test' };
const decision = (n: number) => ({ reason: '审查通过', decisionNumber: `京通信管〔2026〕${n}号` });

/** One character of a JSON text changed, the result still JSON of the same shape. */
function flipChar(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0) throw new Error(`no ${from}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

async function authority(h: HttpHarness): Promise<SigningDeps> {
  await createOrganisation(
    {
      id: AUTH,
      name: '北京市通信管理局',
      kind: 'authority',
      jurisdiction: '京',
      publishDeclared: false,
    },
    'test',
    h.deps.registry,
  );
  const d = h.deps.signing;
  await createSigningKey(AUTH, who, d);
  // the seed licence with a current term, so it can still be revoked
  const text = fixtureText('seed').replaceAll('2023年05月3日', '2027年09月04日');
  const parsed = await parseDocument(Buffer.from(text), 'seed.txt', TEXT_DOCUMENTS);
  await issueLicence({ licence: parsed.licence, ...decision(1) }, who, d);
  await recordRegisterEvent(
    '京B2-20180910',
    { kind: 'annual-report-filed', year: 2022, ...decision(2) },
    who,
    d,
  );
  return d;
}

/** The source harness's API as a follower reaches it, with an optional tamperer of the answers. */
function sourceOf(
  h: HttpHarness,
  tamper: (path: string, body: string) => string = (_p, b) => b,
): GetJson {
  return async (url) => {
    const path = url.replace(/^http:\/\/source/u, '');
    const res = await h.app.inject({ method: 'GET', url: path });
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
    return JSON.parse(tamper(path, res.body)) as unknown;
  };
}

describeEachDialect('signatures and the register log', (dialect) => {
  let h: HttpHarness;
  let follower: HttpHarness;
  let d: SigningDeps;
  let keys: PublishedKey[];

  beforeEach(async () => {
    h = await startHarness(dialect);
    follower = await startHarness(dialect);
    d = await authority(h);
    keys = await listPublishedKeys(d, AUTH);
    return async () => {
      await h.close();
      await follower.close();
    };
  });

  it('keys.json publishes the public halves only; rotation keeps the old key for checking', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/.well-known/xuke/keys.json' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/private|encrypted|ct"/iu);
    expect(res.json<{ keys: PublishedKey[] }>().keys).toHaveLength(1);
    const { elicence } = await issueElicence('京B2-20180910', AUTH, 'https://x.test', d);
    h.clock.set('2026-11-29T02:00:00.000Z');
    await rotateSigningKey(AUTH, who, d);
    const after = await listPublishedKeys(d, AUTH);
    expect(after).toHaveLength(2);
    // signed before the rotation, with a key then valid: still valid
    expect(verifyElicenceJson(elicence, after, d.crypto).valid).toBe(true);
    // a revoked key's signatures fail, saying so
    await revokeSigningKey(must(keys[0]).kid, '私钥泄露', who, d);
    const revoked = verifyElicenceJson(elicence, await listPublishedKeys(d, AUTH), d.crypto);
    expect(revoked).toMatchObject({ valid: false, failure: 'revoked-key' });
  });

  it('an e-licence verifies; one byte of its payload or signature changed fails', async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/v1/public/licences/${encodeURIComponent('京B2-20180910')}/elicence`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const { elicence, qrText } = res.json<{ elicence: Elicence; qrText: string }>();
    expect(elicence.payload).toMatchObject({
      number: '京B2-20180910',
      version: 2,
      authority: { id: AUTH },
    });
    expect(verifyElicenceJson(elicence, keys, d.crypto)).toMatchObject({
      valid: true,
      failure: null,
    });
    expect(verifyElicenceQr(qrText, keys, d.crypto)).toMatchObject({
      valid: true,
      number: '京B2-20180910',
      version: 2,
    });

    const text = JSON.stringify(elicence);
    const payloadFlip = JSON.parse(flipChar(text, '云智联', '云智连')) as Elicence;
    expect(verifyElicenceJson(payloadFlip, keys, d.crypto)).toMatchObject({
      valid: false,
      failure: 'bad-signature',
    });
    const sig = elicence.signature.value;
    const sigFlip = {
      ...elicence,
      signature: { ...elicence.signature, value: (sig[10] === 'A' ? 'B' : 'A') + sig.slice(1) },
    };
    const flipped = {
      ...sigFlip,
      signature: {
        ...sigFlip.signature,
        value: sig.slice(0, 10) + (sig[10] === 'A' ? 'B' : 'A') + sig.slice(11),
      },
    };
    expect(verifyElicenceJson(flipped, keys, d.crypto)).toMatchObject({
      valid: false,
      failure: 'bad-signature',
    });
    // the QR: another version claimed with the same signature
    expect(verifyElicenceQr(qrText.replace('.2.', '.3.'), keys, d.crypto)).toMatchObject({
      valid: false,
      failure: 'bad-signature',
    });
    // unknown key
    expect(verifyElicenceJson(elicence, [], d.crypto)).toMatchObject({
      valid: false,
      failure: 'unknown-key',
    });

    // the verify route answers with the register's standing too
    const v = await h.app.inject({
      method: 'POST',
      url: '/api/v1/public/elicence/verify',
      payload: { elicence },
    });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json()).toMatchObject({ valid: true, register: { state: 'current', version: 2 } });
    await recordRegisterEvent('京B2-20180910', { kind: 'revoked', ...decision(3) }, who, d);
    const later = await h.app.inject({
      method: 'POST',
      url: '/api/v1/public/elicence/verify',
      payload: { qr: qrText },
    });
    expect(later.json()).toMatchObject({
      valid: true,
      register: { state: 'superseded', version: 3, status: 'revoked' },
    });
  });

  it('a follower mirrors the log, and refuses one changed byte, an unsigned entry or a fork', async () => {
    const f = follower.deps.signing;
    const follow = (get: GetJson) =>
      followRegister(
        { sourceUrl: 'http://source', keys },
        { organisation: 'x', actor: 'test' },
        f,
        get,
      );
    await expect(follow(sourceOf(h))).resolves.toMatchObject({ treeSize: 2, applied: 2 });
    await recordRegisterEvent('京B2-20180910', { kind: 'revoked', ...decision(3) }, who, d);

    const refusals: [string, (path: string, body: string) => string][] = [
      [
        'checkpoint byte',
        (p, b) => (p.includes('/checkpoint') ? flipChar(b, '"treeSize":3', '"treeSize":4') : b),
      ],
      ['entry byte', (p, b) => (p.includes('/entries') ? flipChar(b, 'revoked', 'reVoked') : b)],
      [
        'unsigned entry',
        (p, b) => {
          if (!p.includes('/entries')) return b;
          const page = JSON.parse(b) as { entries: Record<string, unknown>[] };
          delete must(page.entries[0]).signature;
          return JSON.stringify(page);
        },
      ],
    ];
    for (const [what, tamper] of refusals) {
      await expect(follow(sourceOf(h, tamper)), what).rejects.toMatchObject({
        code: 'REGISTER_TAMPERED',
      });
    }
    // a fork: a checkpoint of the same size as the one held, with another root, properly signed
    const key = await currentSigningKey(AUTH, d);
    const held = await registerCheckpoint(must(await d.organisations.findOrganisation(AUTH)), d);
    const forked = signEnvelope(
      held.schema,
      { ...held.payload, treeSize: 2, rootHash: 'ab'.repeat(32) },
      key,
      d.crypto,
    );
    await expect(
      follow(sourceOf(h, (p, b) => (p.includes('/checkpoint') ? JSON.stringify(forked) : b))),
    ).rejects.toMatchObject({ code: 'REGISTER_TAMPERED' });

    const incidents = await f.follows.listIncidents(`mirror-${AUTH}`);
    expect(incidents.map((i) => i.reasonEn)).toEqual([
      expect.stringMatching(/checkpoint signature invalid/u),
      expect.stringMatching(/entry 2: .*does not match/u),
      expect.stringMatching(/entry 2: .*signature is missing/u),
      expect.stringMatching(/same log size has a different root/u),
    ]);
    // the last good state is kept, and an honest pull then succeeds
    expect((await f.follows.findFollow(`mirror-${AUTH}`))?.treeSize).toBe(2);
    await expect(follow(sourceOf(h))).resolves.toMatchObject({
      fromSize: 2,
      treeSize: 3,
      applied: 1,
    });
  });

  describe('audit verify against a signed checkpoint', () => {
    const kdb = () => h.db.open.db as unknown as Kysely<Record<string, never>>;
    const unguard = async () => {
      if (dialect.name === 'PostgreSQL')
        await sql`drop trigger audit_log_no_change on audit_log`.execute(kdb());
      else {
        await sql`drop trigger audit_log_no_update`.execute(kdb());
        await sql`drop trigger audit_log_no_delete`.execute(kdb());
      }
    };
    const checkpointText = async () =>
      JSON.stringify(
        await registerCheckpoint(must(await d.organisations.findOrganisation(AUTH)), d),
      );

    it('passes untouched, with every version checked', async () => {
      const r = await verifyAuditDeep(who, d, await checkpointText());
      expect(r).toMatchObject({ ok: true, versionsChecked: 2, checkpoint: { ok: true } });
    });

    it('finds entries removed from the end and the head wound back', async () => {
      const cp = await checkpointText();
      const head = must(await d.log.auditHead(AUTH));
      await unguard();
      await sql`delete from audit_log where organisation_id = ${AUTH} and seq = ${head.seq}`.execute(
        kdb(),
      );
      const prev = must(await d.log.auditEntry(AUTH, head.seq - 1));
      await sql`update audit_heads set seq = ${head.seq - 1}, hash = ${prev.hash} where organisation_id = ${AUTH}`.execute(
        kdb(),
      );
      // the chain alone still verifies
      expect(await d.store.verifyAudit(AUTH)).toMatchObject({ ok: true });
      const r = await verifyAuditDeep(who, d, cp);
      expect(r.ok).toBe(false);
      expect(r.checkpoint?.findings[0]?.reasonEn).toMatch(
        /removed from the end or the head was wound back/u,
      );
    });

    it('finds a chain recomputed after a rewrite, and a version edited in its table', async () => {
      const cp = await checkpointText();
      await unguard();
      // rewrite the issue's entry (#3, after the organisation's and the key's) and recompute and recompute every hash after it, and the head
      const rows = (
        await sql<{
          seq: number | string;
          at: string;
          actor: string;
          action: string;
          subject: string;
          payload: string;
          prev_hash: string;
        }>`
        select seq, at, actor, action, subject, payload, prev_hash from audit_log where organisation_id = ${AUTH} order by seq`.execute(
          kdb(),
        )
      ).rows;
      let prev = must(rows[0]).prev_hash;
      for (const r of rows) {
        // PostgreSQL may answer integers as strings through raw sql
        const seq = Number(r.seq);
        const payload = seq === 3 ? r.payload.replace('审查通过', '审查未过') : r.payload;
        const hash = auditHash({
          organisationId: AUTH,
          seq,
          at: r.at,
          actor: r.actor,
          action: r.action,
          subject: r.subject,
          payload,
          prevHash: prev,
        });
        await sql`update audit_log set payload = ${payload}, prev_hash = ${prev}, hash = ${hash} where organisation_id = ${AUTH} and seq = ${r.seq}`.execute(
          kdb(),
        );
        prev = hash;
      }
      await sql`update audit_heads set hash = ${prev} where organisation_id = ${AUTH}`.execute(
        kdb(),
      );
      expect(await d.store.verifyAudit(AUTH)).toMatchObject({ ok: true });
      expect(rows[2]?.payload).toContain('审查通过');
      const r = await verifyAuditDeep(who, d, cp);
      expect(r.checkpoint?.findings[0]?.reasonEn, JSON.stringify(r)).toMatch(
        /rewritten and recomputed/u,
      );

      await sql`update licence_versions set record = replace(record, '李国杰', '王五') where organisation_id = ${AUTH}`.execute(
        kdb(),
      );
      const v = await verifyAuditDeep(who, d);
      expect(v.ok).toBe(false);
      expect(v.versionFindings[0]?.reasonEn).toMatch(/edited directly/u);
      expect(v.checkpoint).toBeNull();
    });

    it('finds a log entry altered in its table, and a log rewritten with its leaf hashes', async () => {
      const cp = await checkpointText();
      await sql`update register_log set entry = replace(entry, '审查通过', '审查未过') where organisation_id = ${AUTH} and idx = 0`.execute(
        kdb(),
      );
      const altered = await verifyAuditDeep(who, d, cp);
      expect(altered.checkpoint?.findings[0]?.reasonEn).toBe('Register log entry 0 was altered');
      // the leaf hash recomputed too: the entry passes, the tree does not
      const [leaf] = await d.log.leaves(AUTH, 0, 1);
      const fixed = toHex(leafHash(d.crypto.sha256, new TextEncoder().encode(must(leaf).entry)));
      await sql`update register_log set leaf_hash = ${fixed} where organisation_id = ${AUTH} and idx = 0`.execute(
        kdb(),
      );
      const rewritten = await verifyAuditDeep(who, d, cp);
      expect(rewritten.checkpoint?.findings[0]?.reasonEn).toMatch(/log was rewritten/u);
    });

    it('refuses a checkpoint with one byte changed', async () => {
      const cp = JSON.parse(await checkpointText()) as Checkpoint;
      const altered = JSON.stringify({
        ...cp,
        payload: { ...cp.payload, treeSize: cp.payload.treeSize + 1 },
      });
      const r = await verifyAuditDeep(who, d, altered);
      expect(r.checkpoint?.findings[0]?.reasonEn).toMatch(/signature is invalid/u);
    });
  });

  it('the log leaf is the canonical bytes of the signed entry', async () => {
    await registerCheckpoint(must(await d.organisations.findOrganisation(AUTH)), d);
    const [leaf] = await d.log.leaves(AUTH, 0, 1);
    const entry = JSON.parse(must(leaf).entry) as Elicence;
    expect(leaf?.entry).toBe(new TextDecoder().decode(canonicalBytes(entry)));
    // the follower's shortcut: the envelope's bytes from its payload's
    expect(envelopeBytes(entry, canonicalBytes(entry.payload), d.crypto)).toEqual(
      canonicalBytes(entry),
    );
  });
});
