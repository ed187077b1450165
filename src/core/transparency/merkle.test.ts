// eslint-disable-next-line no-restricted-imports -- test only: Node's OpenSSL SHA-256 as the injected hash
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesEqual, fromBase64, fromHex, toBase64, toHex } from './bytes.js';
import {
  MerkleAccumulator,
  consistencyProof,
  emptyRoot,
  inclusionProof,
  leafHash,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
  type HashFn,
} from './merkle.js';

const sha256: HashFn = (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest());

// ---- reference implementation: RFC 9162 §2.1's recursive definitions, transcribed literally --------

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over leaf hashes (§2.1.1). */
function refRoot(d: readonly Uint8Array[]): Uint8Array {
  if (d.length === 0) return sha256(new Uint8Array(0));
  if (d.length === 1) return d[0] as Uint8Array;
  const k = largestPowerOfTwoBelow(d.length);
  return nodeHash(sha256, refRoot(d.slice(0, k)), refRoot(d.slice(k)));
}

/** PATH(m, D[n]) (§2.1.3.1). */
function refPath(m: number, d: readonly Uint8Array[]): Uint8Array[] {
  if (d.length <= 1) return [];
  const k = largestPowerOfTwoBelow(d.length);
  return m < k
    ? [...refPath(m, d.slice(0, k)), refRoot(d.slice(k))]
    : [...refPath(m - k, d.slice(k)), refRoot(d.slice(0, k))];
}

/** SUBPROOF(m, D[n], b) (§2.1.4.1). */
function refSubproof(m: number, d: readonly Uint8Array[], b: boolean): Uint8Array[] {
  if (m === d.length) return b ? [] : [refRoot(d)];
  const k = largestPowerOfTwoBelow(d.length);
  return m <= k
    ? [...refSubproof(m, d.slice(0, k), b), refRoot(d.slice(k))]
    : [...refSubproof(m - k, d.slice(k), false), refRoot(d.slice(0, k))];
}

const hexes = (hashes: readonly Uint8Array[]): string[] => hashes.map(toHex);
const ceilLog2 = (n: number): number => (n <= 1 ? 0 : Math.ceil(Math.log2(n)));

/** Distinct leaf hashes for leaves "seed:i". */
function leafHashesFor(n: number, seed = 'xuke'): Uint8Array[] {
  const enc = new TextEncoder();
  return Array.from({ length: n }, (_, i) => leafHash(sha256, enc.encode(`${seed}:${i}`)));
}

/** A copy of the hashes with one byte of one of them changed. */
function tamper(hashes: readonly Uint8Array[], which: number, byte: number): Uint8Array[] {
  return hashes.map((x, i) => {
    if (i !== which) return x;
    const y = x.slice();
    y[byte % y.length] = ((y[byte % y.length] ?? 0) ^ 0x5a) & 0xff;
    return y;
  });
}

const flipped = (x: Uint8Array): Uint8Array => tamper([x], 0, 7)[0] as Uint8Array;

// ---- known answers ------------------------------------------------------------------------------

/*
 * The Certificate Transparency reference vectors (RFC 6962 hashing, which RFC 9162 keeps), from
 * transparency-dev/merkle @ 417fb0c314750d94e53942e9f92e79b6d35915db:
 *   testonly/constants.go   LeafInputs, NodeHashes, RootHashes, CompactTrees, EmptyRootHash
 *   cmd/proofgen/main.go    inclusionProofs, consistencyProofs, and the corrupted and static probes
 *                           it writes to testdata/ (ported below)
 * The same leaves, roots, paths and proofs are in google/certificate-transparency @ 0fe5116f,
 * cpp/merkletree/merkle_tree_test.cc (kInputs, kSHA256Roots, kSHA256Paths, kSHA256Proofs).
 * Both sources number leaves from 1 in their proof tables; the indices below are 0-based.
 */
const LEAF_INPUTS = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(fromHex);

const EMPTY_ROOT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** NodeHashes(): [level][index] of the perfect subtrees of the 8-leaf tree. */
const NODE_HASHES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  [
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
];

const nh = (level: number, index: number): string => NODE_HASHES[level]?.[index] ?? '';

/** RootHashes(): MTH of the first n leaves, n = 0..8. */
const ROOTS = [
  EMPTY_ROOT,
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** CompactTrees(): the perfect-subtree roots of the first n leaves, n = 0..8, as (level, index). */
const COMPACT_TREES: [number, number][][] = [
  [],
  [[0, 0]],
  [[1, 0]],
  [
    [1, 0],
    [0, 2],
  ],
  [[2, 0]],
  [
    [2, 0],
    [0, 4],
  ],
  [
    [2, 0],
    [1, 2],
  ],
  [
    [2, 0],
    [1, 2],
    [0, 6],
  ],
  [[3, 0]],
];

/** inclusionProofs (0-based index). */
const INCLUSION_PROOFS: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 1, proof: [] },
  { index: 0, size: 8, proof: [nh(0, 1), nh(1, 1), nh(2, 1)] },
  { index: 5, size: 8, proof: [nh(0, 4), nh(1, 3), nh(2, 0)] },
  { index: 2, size: 3, proof: [nh(1, 0)] },
  { index: 1, size: 5, proof: [nh(0, 0), nh(1, 1), nh(0, 4)] },
];

/** consistencyProofs. */
const CONSISTENCY_PROOFS: { size1: number; size2: number; proof: string[] }[] = [
  { size1: 1, size2: 1, proof: [] },
  { size1: 1, size2: 8, proof: [nh(0, 1), nh(1, 1), nh(2, 1)] },
  { size1: 6, size2: 8, proof: [nh(1, 2), nh(1, 3), nh(2, 0)] },
  { size1: 2, size2: 5, proof: [nh(1, 1), nh(0, 4)] },
  { size1: 6, size2: 7, proof: [nh(1, 2), nh(0, 6), nh(2, 0)] },
];

// The hex above is copied from the sources; spot-check a few against the literal published strings.
const PUBLISHED_SPOT_CHECKS: [string, string][] = [
  [nh(1, 3), 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0'],
  [nh(2, 1), '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
  [nh(0, 4), 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'],
];

const VECTOR_LEAVES = LEAF_INPUTS.map((leaf) => leafHash(sha256, leaf));
/** sha256SomeHash in cmd/proofgen/main.go */
const SOME_HASH = fromHex('abacaba000000000000000000000000000000000000000000060061e00123456');

describe('RFC 6962 / 9162 reference vectors', () => {
  it('the vector tables are the published strings', () => {
    for (const [ours, published] of PUBLISHED_SPOT_CHECKS) expect(ours).toBe(published);
  });

  it('hashes the empty tree to SHA-256 of nothing', () => {
    expect(toHex(emptyRoot(sha256))).toBe(EMPTY_ROOT);
    expect(toHex(rootHash(sha256, []))).toBe(EMPTY_ROOT);
    expect(toHex(new MerkleAccumulator(sha256).root())).toBe(EMPTY_ROOT);
  });

  it('leaf hashes are level 0 of NodeHashes, and every perfect subtree hashes as published', () => {
    expect(hexes(VECTOR_LEAVES)).toEqual(NODE_HASHES[0]);
    NODE_HASHES.forEach((level, height) => {
      level.forEach((expected, index) => {
        const width = 2 ** height;
        const leaves = VECTOR_LEAVES.slice(index * width, (index + 1) * width);
        expect(toHex(rootHash(sha256, leaves)), `level ${height} #${index}`).toBe(expected);
      });
    });
  });

  it('roots for sizes 0..8, by rootHash, by the accumulator and by the reference recursion', () => {
    const acc = new MerkleAccumulator(sha256);
    for (let n = 0; n <= 8; n++) {
      const prefix = VECTOR_LEAVES.slice(0, n);
      expect(toHex(rootHash(sha256, prefix)), `size ${n}`).toBe(ROOTS[n]);
      expect(toHex(refRoot(prefix)), `reference, size ${n}`).toBe(ROOTS[n]);
      expect(acc.size).toBe(n);
      expect(toHex(acc.root()), `accumulator, size ${n}`).toBe(ROOTS[n]);
      const compact = (COMPACT_TREES[n] ?? []).map(([level, index]) => nh(level, index));
      expect(hexes(acc.peaks), `compact range, size ${n}`).toEqual(compact);
      const next = VECTOR_LEAVES[n];
      if (next !== undefined) acc.append(next);
    }
  });

  it.each(INCLUSION_PROOFS)('inclusion proof for leaf $index in a tree of $size', (vector) => {
    const { index, size } = vector;
    const proof = inclusionProof(sha256, VECTOR_LEAVES, index, size);
    expect(hexes(proof)).toEqual(vector.proof);
    const root = fromHex(ROOTS[size] ?? '');
    const leaf = VECTOR_LEAVES[index] as Uint8Array;
    expect(verifyInclusion(sha256, leaf, index, size, proof, root)).toBe(true);
  });

  it.each(CONSISTENCY_PROOFS)('consistency proof from $size1 to $size2', (vector) => {
    const { size1, size2 } = vector;
    const proof = consistencyProof(sha256, VECTOR_LEAVES, size1, size2);
    expect(hexes(proof)).toEqual(vector.proof);
    const root1 = fromHex(ROOTS[size1] ?? '');
    const root2 = fromHex(ROOTS[size2] ?? '');
    expect(verifyConsistency(sha256, size1, size2, root1, root2, proof)).toBe(true);
  });

  // Ported from invalidInclusionProof in cmd/proofgen/main.go: every probe must fail.
  it.each(INCLUSION_PROOFS)(
    'rejects the corrupted inclusion probes of leaf $index in $size',
    (v) => {
      const root = fromHex(ROOTS[v.size] ?? '');
      const leaf = VECTOR_LEAVES[v.index] as Uint8Array;
      const proof = v.proof.map(fromHex);
      const probes: [string, number, number, Uint8Array, Uint8Array, Uint8Array[]][] = [
        ['leafIdx sub 1', v.index - 1, v.size, root, leaf, proof],
        ['leafIdx plus 1', v.index + 1, v.size, root, leaf, proof],
        ['leafIdx XOR 2', v.index ^ 2, v.size, root, leaf, proof],
        ['treeSize mul 2', v.index, v.size * 2, root, leaf, proof],
        ['treeSize div 2', v.index, Math.floor(v.size / 2), root, leaf, proof],
        ['wrong leaf', v.index, v.size, root, new TextEncoder().encode('WrongLeaf'), proof],
        ['empty root', v.index, v.size, fromHex(EMPTY_ROOT), leaf, proof],
        ['random root', v.index, v.size, SOME_HASH, leaf, proof],
        ['trailing garbage', v.index, v.size, root, leaf, [...proof, new Uint8Array(0)]],
        ['trailing root', v.index, v.size, root, leaf, [...proof, root]],
        ['preceding garbage', v.index, v.size, root, leaf, [new Uint8Array(0), ...proof]],
        ['preceding root', v.index, v.size, root, leaf, [root, ...proof]],
      ];
      proof.forEach((_, i) => {
        const wrong = proof.map((p, j) =>
          j === i ? Uint8Array.of((p[0] ?? 0) ^ 8, ...p.slice(1)) : p,
        );
        probes.push([`modified proof[${i}] bit 3`, v.index, v.size, root, leaf, wrong]);
      });
      if (proof.length > 0) {
        probes.push(['removed component', v.index, v.size, root, leaf, proof.slice(0, -1)]);
      }
      if (proof.length > 1) {
        const inserted = [proof[0] as Uint8Array, SOME_HASH, ...proof.slice(1)];
        probes.push(['inserted component', v.index, v.size, root, leaf, inserted]);
      }
      for (const [desc, index, size, r, l, p] of probes) {
        expect(verifyInclusion(sha256, l, index, size, p, r), desc).toBe(false);
      }
    },
  );

  // Ported from invalidConsistencyProof (only for non-empty proofs, as there).
  it.each(CONSISTENCY_PROOFS.filter((v) => v.proof.length > 0))(
    'rejects the corrupted consistency probes from $size1 to $size2',
    (v) => {
      const r1 = fromHex(ROOTS[v.size1] ?? '');
      const r2 = fromHex(ROOTS[v.size2] ?? '');
      const proof = v.proof.map(fromHex);
      const wrongRoot = new TextEncoder().encode('WrongRoot');
      const garbage = new Uint8Array(0);
      const probes: [string, number, number, Uint8Array, Uint8Array, Uint8Array[]][] = [
        ['size1 sub 1', v.size1 - 1, v.size2, r1, r2, proof],
        ['size1 plus 1', v.size1 + 1, v.size2, r1, r2, proof],
        ['size1 XOR 2', v.size1 ^ 2, v.size2, r1, r2, proof],
        ['size2 mul 2', v.size1, v.size2 * 2, r1, r2, proof],
        ['size2 div 2', v.size1, Math.floor(v.size2 / 2), r1, r2, proof],
        ['wrong root1', v.size1, v.size2, wrongRoot, r2, proof],
        ['wrong root2', v.size1, v.size2, r1, wrongRoot, proof],
        ['swapped roots', v.size1, v.size2, r2, r1, proof],
        ['empty proof', v.size1, v.size2, r1, r2, []],
        ['trailing garbage', v.size1, v.size2, r1, r2, [...proof, garbage]],
        ['trailing root1', v.size1, v.size2, r1, r2, [...proof, r1]],
        ['trailing root2', v.size1, v.size2, r1, r2, [...proof, r2]],
        ['preceding garbage', v.size1, v.size2, r1, r2, [garbage, ...proof]],
        ['preceding root1', v.size1, v.size2, r1, r2, [r1, ...proof]],
        ['preceding root2', v.size1, v.size2, r1, r2, [r2, ...proof]],
        ['preceding proof 0', v.size1, v.size2, r1, r2, [proof[0] as Uint8Array, ...proof]],
        ['truncated proof', v.size1, v.size2, r1, r2, proof.slice(0, -1)],
      ];
      proof.forEach((_, i) => {
        const wrong = proof.map((p, j) =>
          j === i ? Uint8Array.of((p[0] ?? 0) ^ 16, ...p.slice(1)) : p,
        );
        probes.push([`modified proof[${i}] bit 4`, v.size1, v.size2, r1, r2, wrong]);
      });
      for (const [desc, size1, size2, root1, root2, p] of probes) {
        expect(verifyConsistency(sha256, size1, size2, root1, root2, p), desc).toBe(false);
      }
    },
  );

  // staticConsistencyProbes in cmd/proofgen/main.go.
  it('the static consistency probes', () => {
    const enc = new TextEncoder();
    const root1 = enc.encode("don't care 1");
    const root2 = enc.encode("don't care 2");
    const empty = fromHex(EMPTY_ROOT);
    const probes: [string, number, number, Uint8Array, Uint8Array, Uint8Array[], boolean][] = [
      ['sizes are equal (zero) but roots are not', 0, 0, root1, root2, [], false],
      ['sizes are equal (one) but roots are not', 1, 1, root1, root2, [], false],
      ['sizes are equal (zero) and proof is empty', 0, 0, root1, root1, [], false],
      ['size1 is zero and does not equal size2', 0, 1, root1, root2, [], false],
      ['sizes are equal (one) and proof is empty', 1, 1, root2, root2, [], true],
      ['size1 is greater than size2', 1, 0, root1, root2, [], false],
      ['size1 is greater than size2 again', 2, 1, root1, root2, [], false],
      ['sizes do not match and proof is empty', 1, 2, root1, root2, [], false],
      ['roots do not match and sizes are zero', 0, 0, empty, root2, [], false],
      ['roots do not match and sizes are one', 1, 1, empty, root2, [], false],
      ['sizes match, proof not empty, sizes zero', 0, 0, empty, empty, [empty], false],
      ['sizes match, proof not empty, sizes one', 1, 1, empty, empty, [empty], false],
      ['size1 is zero and size2 is not zero', 0, 1, empty, root2, [], false],
      ['consistency from the empty tree is useless', 0, 1, empty, empty, [empty], false],
    ];
    for (const [desc, size1, size2, r1, r2, proof, want] of probes) {
      expect(verifyConsistency(sha256, size1, size2, r1, r2, proof), desc).toBe(want);
    }
  });

  // staticInclusionProbes and singleEntryInclusionProbes in cmd/proofgen/main.go; the base64 is
  // testdata/inclusion/single-entry/matching-root-and-leaf.json.
  it('the static and single-entry inclusion probes', () => {
    const empty = fromHex(EMPTY_ROOT);
    for (const [index, size] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [2, 1],
    ] as const) {
      expect(verifyInclusion(sha256, SOME_HASH, index, size, [], new Uint8Array(0))).toBe(false);
      expect(verifyInclusion(sha256, new Uint8Array(0), index, size, [], empty)).toBe(false);
      expect(verifyInclusion(sha256, SOME_HASH, index, size, [], empty)).toBe(false);
    }
    const data = leafHash(sha256, new TextEncoder().encode('data'));
    expect(toBase64(data)).toBe('DTrtAjFI/9KiWfvQzcf7PPl1ZYdg03dbgq9vkKrMLfw=');
    const none = new Uint8Array(0);
    expect(verifyInclusion(sha256, data, 0, 1, [], data)).toBe(true);
    expect(verifyInclusion(sha256, none, 0, 1, [], data)).toBe(false);
    expect(verifyInclusion(sha256, data, 0, 1, [], none)).toBe(false);
    expect(verifyInclusion(sha256, none, 0, 1, [], none)).toBe(false);
  });
});

// ---- against the reference recursion, exhaustively for small trees --------------------------------

describe('matches RFC 9162 §2.1 definitions exactly', () => {
  const leaves = leafHashesFor(33);

  it('MTH, PATH and PROOF for every size ≤ 33, every index and every earlier size', () => {
    for (let n = 1; n <= leaves.length; n++) {
      const prefix = leaves.slice(0, n);
      const root = rootHash(sha256, prefix);
      expect(toHex(root), `MTH ${n}`).toBe(toHex(refRoot(prefix)));
      for (let m = 0; m < n; m++) {
        const path = inclusionProof(sha256, leaves, m, n);
        expect(hexes(path), `PATH(${m}, D[${n}])`).toEqual(hexes(refPath(m, prefix)));
        expect(verifyInclusion(sha256, leaves[m] as Uint8Array, m, n, path, root)).toBe(true);
      }
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(sha256, leaves, m, n);
        expect(hexes(proof), `PROOF(${m}, D[${n}])`).toEqual(hexes(refSubproof(m, prefix, true)));
        const root1 = rootHash(sha256, leaves.slice(0, m));
        expect(verifyConsistency(sha256, m, n, root1, root, proof)).toBe(true);
      }
    }
  });
});

// ---- properties ---------------------------------------------------------------------------------

const MAX_N = 300;
const POOL = leafHashesFor(MAX_N, 'pool');

describe('inclusion proofs (properties)', () => {
  const treeAndLeaf = fc.integer({ min: 1, max: MAX_N }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      index: fc.integer({ min: 0, max: n - 1 }),
      other: fc.integer({ min: 0, max: n - 1 }),
      byte: fc.nat(),
      which: fc.nat(),
    }),
  );

  it('every proof verifies, is at most ⌈log2 n⌉ long, and any change makes it fail', () => {
    fc.assert(
      fc.property(treeAndLeaf, ({ n, index, other, byte, which }) => {
        const root = rootHash(sha256, POOL.slice(0, n));
        const leaf = POOL[index] as Uint8Array;
        const proof = inclusionProof(sha256, POOL, index, n);
        expect(proof.length).toBeLessThanOrEqual(ceilLog2(n));
        expect(verifyInclusion(sha256, leaf, index, n, proof, root)).toBe(true);
        // another leaf, another index, another root
        expect(verifyInclusion(sha256, flipped(leaf), index, n, proof, root)).toBe(false);
        if (other !== index) {
          expect(verifyInclusion(sha256, leaf, other, n, proof, root)).toBe(false);
          expect(verifyInclusion(sha256, POOL[other] as Uint8Array, index, n, proof, root)).toBe(
            false,
          );
        }
        expect(verifyInclusion(sha256, leaf, index, n, proof, flipped(root))).toBe(false);
        // one byte of one proof element
        if (proof.length > 0) {
          const bad = tamper(proof, which % proof.length, byte);
          expect(verifyInclusion(sha256, leaf, index, n, bad, root)).toBe(false);
          expect(verifyInclusion(sha256, leaf, index, n, proof.slice(1), root)).toBe(false);
        }
        expect(verifyInclusion(sha256, leaf, index, n, [...proof, root], root)).toBe(false);
        // out of range
        expect(verifyInclusion(sha256, leaf, n, n, proof, root)).toBe(false);
        expect(verifyInclusion(sha256, leaf, -1, n, proof, root)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});

describe('consistency proofs (properties)', () => {
  const sizes = fc.integer({ min: 1, max: MAX_N }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      m: fc.integer({ min: 1, max: n }),
      byte: fc.nat(),
      which: fc.nat(),
    }),
  );

  it('every proof verifies, is at most ⌈log2 n⌉ + 1 long, and any change makes it fail', () => {
    fc.assert(
      fc.property(sizes, ({ n, m, byte, which }) => {
        const root1 = rootHash(sha256, POOL.slice(0, m));
        const root2 = rootHash(sha256, POOL.slice(0, n));
        const proof = consistencyProof(sha256, POOL, m, n);
        expect(proof.length).toBeLessThanOrEqual(ceilLog2(n) + 1);
        expect(verifyConsistency(sha256, m, n, root1, root2, proof)).toBe(true);
        expect(verifyConsistency(sha256, m, n, flipped(root1), root2, proof)).toBe(false);
        expect(verifyConsistency(sha256, m, n, root1, flipped(root2), proof)).toBe(false);
        if (proof.length > 0) {
          const bad = tamper(proof, which % proof.length, byte);
          expect(verifyConsistency(sha256, m, n, root1, root2, bad)).toBe(false);
          expect(verifyConsistency(sha256, m, n, root1, root2, proof.slice(0, -1))).toBe(false);
        }
        expect(verifyConsistency(sha256, m, n, root1, root2, [...proof, root2])).toBe(false);
        if (m < n) {
          // a rewritten history: the old tree with one entry changed
          const forged = POOL.slice(0, m);
          forged[which % m] = flipped(forged[which % m] as Uint8Array);
          expect(verifyConsistency(sha256, m, n, rootHash(sha256, forged), root2, proof)).toBe(
            false,
          );
          expect(verifyConsistency(sha256, n, m, root2, root1, proof)).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('MerkleAccumulator', () => {
  it('its root equals rootHash for every prefix', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_N }), fc.string(), (n, seed) => {
        const leaves = leafHashesFor(n, seed);
        const acc = new MerkleAccumulator(sha256);
        expect(toHex(acc.root())).toBe(EMPTY_ROOT);
        for (let i = 0; i < n; i++) {
          acc.append(leaves[i] as Uint8Array);
          expect(acc.size).toBe(i + 1);
          expect(
            bytesEqual(acc.root(), rootHash(sha256, leaves.slice(0, i + 1))),
            `prefix ${i + 1}`,
          ).toBe(true);
        }
      }),
      { numRuns: 10 },
    );
  });

  it('restores from its size and peaks, and clones independently', () => {
    const leaves = leafHashesFor(45);
    const acc = new MerkleAccumulator(sha256);
    for (const l of leaves.slice(0, 21)) acc.append(l);
    expect(acc.peaks).toHaveLength(3); // 21 = 16 + 4 + 1
    const resumed = MerkleAccumulator.restore(sha256, acc.size, acc.peaks);
    const copy = acc.clone();
    for (const l of leaves.slice(21)) resumed.append(l);
    expect(toHex(resumed.root())).toBe(toHex(rootHash(sha256, leaves)));
    expect(copy.size).toBe(21);
    expect(toHex(copy.root())).toBe(toHex(rootHash(sha256, leaves.slice(0, 21))));
    expect(() => MerkleAccumulator.restore(sha256, 21, acc.peaks.slice(1))).toThrow(RangeError);
    expect(() => MerkleAccumulator.restore(sha256, -1, [])).toThrow(RangeError);
  });

  it('keeps its own copies of the hashes it is given and returns', () => {
    const leaf = leafHash(sha256, Uint8Array.of(1));
    const acc = new MerkleAccumulator(sha256);
    acc.append(leaf);
    const expected = toHex(leaf);
    leaf.fill(0);
    acc.root().fill(0);
    acc.peaks.forEach((p) => p.fill(0));
    expect(toHex(acc.root())).toBe(expected);
  });
});

// ---- arguments out of range ---------------------------------------------------------------------

describe('arguments out of range', () => {
  const leaves = leafHashesFor(8);
  const root = rootHash(sha256, leaves);

  it('proof builders throw a RangeError that says what is wrong', () => {
    expect(() => inclusionProof(sha256, leaves, 8, 8)).toThrow(
      /leaf index 8 is not in a tree of size 8/,
    );
    expect(() => inclusionProof(sha256, leaves, -1, 8)).toThrow(RangeError);
    expect(() => inclusionProof(sha256, leaves, 0.5, 8)).toThrow(RangeError);
    expect(() => inclusionProof(sha256, leaves, 0, 0)).toThrow(RangeError);
    expect(() => inclusionProof(sha256, leaves, 0, 9)).toThrow(/beyond the 8 leaf hashes given/);
    expect(() => inclusionProof(sha256, leaves, 0, Number.NaN)).toThrow(RangeError);
    expect(() => consistencyProof(sha256, leaves, 5, 4)).toThrow(/size1 5 is not a tree size/);
    expect(() => consistencyProof(sha256, leaves, 0, 4)).toThrow(/empty tree/);
    expect(() => consistencyProof(sha256, leaves, 2, 9)).toThrow(/beyond the 8 leaf hashes/);
    expect(() => consistencyProof(sha256, leaves, 1.5, 4)).toThrow(RangeError);
    expect(() => consistencyProof(sha256, leaves, -1, 4)).toThrow(RangeError);
    expect(consistencyProof(sha256, leaves, 4, 4)).toEqual([]);
  });

  it('verifiers return false', () => {
    const proof = inclusionProof(sha256, leaves, 3, 8);
    const leaf = leaves[3] as Uint8Array;
    expect(verifyInclusion(sha256, leaf, 3, 8, proof, root)).toBe(true);
    for (const [index, size] of [
      [3.5, 8],
      [3, 8.5],
      [3, Number.POSITIVE_INFINITY],
      [Number.NaN, 8],
      [-3, 8],
      [3, -8],
      [8, 8],
      [3, 2 ** 60],
    ]) {
      expect(verifyInclusion(sha256, leaf, index as number, size as number, proof, root)).toBe(
        false,
      );
    }
    const cproof = consistencyProof(sha256, leaves, 3, 8);
    const root3 = rootHash(sha256, leaves.slice(0, 3));
    expect(verifyConsistency(sha256, 3, 8, root3, root, cproof)).toBe(true);
    for (const [s1, s2] of [
      [3.5, 8],
      [3, 8.5],
      [-3, 8],
      [9, 8],
      [0, 8],
      [3, Number.NaN],
      [3, 2 ** 60],
    ]) {
      expect(verifyConsistency(sha256, s1 as number, s2 as number, root3, root, cproof)).toBe(
        false,
      );
    }
    // hashes of the wrong length
    expect(verifyConsistency(sha256, 3, 8, root3.slice(1), root, cproof)).toBe(false);
    expect(
      verifyInclusion(sha256, leaf, 3, 8, [...proof.slice(0, 2), new Uint8Array(33)], root),
    ).toBe(false);
  });
});

// ---- a large tree -------------------------------------------------------------------------------

describe('100,000 leaves', () => {
  it('root, one inclusion proof (17 hashes) and one consistency proof (≤ 18) in linear work', () => {
    const n = 100_000;
    // Pseudo leaf hashes (the tree does not care how they were made), so only the tree is timed.
    const leaves = Array.from({ length: n }, (_, i) => {
      const x = new Uint8Array(32);
      new DataView(x.buffer).setUint32(0, i);
      x[31] = 0xaa;
      return x;
    });
    let calls = 0;
    const counting: HashFn = (bytes) => {
      calls++;
      return sha256(bytes);
    };

    const root = rootHash(counting, leaves);
    expect(calls).toBe(n - 1);

    calls = 0;
    const proof = inclusionProof(counting, leaves, 54_321, n);
    expect(calls).toBeLessThan(n);
    expect(proof).toHaveLength(17);
    expect(verifyInclusion(sha256, leaves[54_321] as Uint8Array, 54_321, n, proof, root)).toBe(
      true,
    );

    calls = 0;
    const m = 31_415;
    const cproof = consistencyProof(counting, leaves, m, n);
    expect(calls).toBeLessThan(n);
    expect(cproof.length).toBeLessThanOrEqual(18);
    const root1 = rootHash(sha256, leaves.slice(0, m));
    expect(verifyConsistency(sha256, m, n, root1, root, cproof)).toBe(true);
  });
});

// ---- bytes --------------------------------------------------------------------------------------

describe('bytes', () => {
  it('hex and base64 round-trip any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        expect(fromHex(toHex(bytes))).toEqual(bytes);
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
        expect(toBase64(bytes)).toBe(globalThis.btoa(String.fromCharCode(...bytes)));
      }),
      { numRuns: 200 },
    );
  });

  it('decoders refuse what is not the canonical encoding', () => {
    expect(fromHex('00FFab')).toEqual(Uint8Array.of(0, 255, 171));
    expect(() => fromHex('abc')).toThrow(SyntaxError);
    expect(() => fromHex('0g')).toThrow(/offset 1/);
    expect(() => fromHex('0x00')).toThrow(SyntaxError);
    expect(fromBase64('')).toEqual(new Uint8Array(0));
    expect(fromBase64('AA==')).toEqual(Uint8Array.of(0));
    expect(() => fromBase64('AB==')).toThrow(/padding bits/);
    expect(() => fromBase64('AAA')).toThrow(SyntaxError);
    expect(() => fromBase64('A===')).toThrow(SyntaxError);
    expect(() => fromBase64('AA=A')).toThrow(SyntaxError);
    expect(() => fromBase64('AA==AAAA')).toThrow(SyntaxError);
    expect(() => fromBase64('-_AA')).toThrow(SyntaxError);
    expect(() => fromBase64('AA AA')).toThrow(SyntaxError);
  });

  it('bytesEqual', () => {
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(bytesEqual(Uint8Array.of(1), Uint8Array.of(1, 0))).toBe(false);
  });
});
