/**
 * The SM2 benchmark (e-licences): xuke's `sm2Sign` / `sm2Verify` over the RFC 8785 bytes of an
 * e-licence payload (the `hu` fixture's record), beside sm-crypto-v2's own `doSignature` /
 * `doVerifySignature` on the same bytes, key and ID in the same run. The ratio is what the wrapper
 * costs or saves: strict DER and key checks on one side, the verifying key's precomputed table
 * (kept for keys used more than once) on the other; a third row gives the library that table too.
 * Both sides must accept each other's signatures before anything is timed.
 */
import { sm2 } from 'sm-crypto-v2';
import { parseDocument } from '../src/app/documents/parse-document.js';
import { canonicalBytes } from '../src/adapters/crypto/jcs.js';
import { generateSm2KeyPair, sm2Sign, sm2Verify } from '../src/adapters/crypto/sm2.js';
import { DEFAULT_SIGNER_ID, type ElicencePayload } from '../src/core/elicence/types.js';
import { fixtureBytes, FIXTURES, TEXT_DOCUMENTS } from '../test/fixtures.js';
import {
  interleaved,
  row,
  type Benchmark,
  type BenchOutcome,
  type BenchRow,
  type BenchTarget,
} from './measure.js';

/** The wrapper may cost at most 30% of the library's throughput (a loaded machine is noisy). */
const MIN_RATIO = 0.7;
const OPTIONS = { rounds: 5, roundMs: 120, warmupMs: 150 };

let sink = 0;

async function payloadBytes(): Promise<Uint8Array> {
  const parsed = await parseDocument(fixtureBytes('hu'), FIXTURES.hu, TEXT_DOCUMENTS);
  const payload: ElicencePayload = {
    number: parsed.licence.number ?? '沪B2-20200731',
    version: 3,
    status: 'valid',
    licence: parsed.licence,
    authority: { id: 'org_shanghai_ca', name: '上海市通信管理局' },
    signedAt: '2026-11-28T08:00:00.000Z',
  };
  return canonicalBytes(payload);
}

async function runSm2Bench(): Promise<BenchOutcome> {
  const bytes = await payloadBytes();
  const key = generateSm2KeyPair();
  const { privateKeyHex, publicKeyHex } = key;
  const libraryOptions = { hash: true, der: true, userId: DEFAULT_SIGNER_ID };
  const signOptions = { ...libraryOptions, publicKey: publicKeyHex };
  const ours = sm2Sign(bytes, key);
  const theirs = sm2.doSignature(bytes, privateKeyHex, signOptions);
  const oursHex = Buffer.from(ours).toString('hex');
  if (
    !sm2Verify(bytes, Buffer.from(theirs, 'hex'), publicKeyHex) ||
    !sm2.doVerifySignature(bytes, oursHex, publicKeyHex, libraryOptions)
  ) {
    throw new Error('sm2 bench: xuke and sm-crypto-v2 do not accept each other’s signatures');
  }

  const size = `${(bytes.length / 1024).toFixed(1)} kB JCS e-licence`;
  const sign = await interleaved(
    () => (sink += sm2Sign(bytes, key).length),
    () => (sink += sm2.doSignature(bytes, privateKeyHex, signOptions).length),
    OPTIONS,
  );
  const verify = await interleaved(
    () => (sink += sm2Verify(bytes, ours, publicKeyHex) ? 1 : 0),
    () => (sink += sm2.doVerifySignature(bytes, oursHex, publicKeyHex, libraryOptions) ? 1 : 0),
    OPTIONS,
  );
  // The same, the library also given the precomputed point: what strict DER and key checks cost.
  const point = sm2.precomputePublicKey(publicKeyHex, 4);
  const verifyPrecomputed = await interleaved(
    () => (sink += sm2Verify(bytes, ours, publicKeyHex) ? 1 : 0),
    () => (sink += sm2.doVerifySignature(bytes, oursHex, point, libraryOptions) ? 1 : 0),
    OPTIONS,
  );
  if (sink < 0) throw new Error('unreachable');
  const rows = [
    row(`sm2/sign (${size}; vs sm-crypto-v2)`, sign.subject, 'signs/s', sign.baseline),
    row(`sm2/verify (${size}; vs sm-crypto-v2)`, verify.subject, 'verifies/s', verify.baseline),
    row(
      `sm2/verify (${size}; vs sm-crypto-v2, precomputed key)`,
      verifyPrecomputed.subject,
      'verifies/s',
      verifyPrecomputed.baseline,
    ),
  ];
  const target = (what: string, r: BenchRow | undefined): BenchTarget => ({
    description: `${what}: at least ${MIN_RATIO}× sm-crypto-v2's rate on the same bytes`,
    met: (r?.ratio ?? 0) >= MIN_RATIO,
    measured: `${(r?.ratio ?? NaN).toFixed(2)}× (${Math.round(r?.value ?? NaN)} vs ${Math.round(r?.baseline ?? NaN)} ${r?.unit ?? ''})`,
  });
  const targets = [
    target('sm2Sign', rows[0]),
    target('sm2Verify, both with the precomputed key', rows[2]),
  ];
  return { rows, targets };
}

export const sm2Benchmark: Benchmark = { name: 'sm2', run: runSm2Bench };
