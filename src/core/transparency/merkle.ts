/**
 * The Merkle tree of the tamper-evident licence register: RFC 9162 (Certificate Transparency 2.0)
 * §2.1. The tree and its proofs are RFC 6962's, unchanged, so with SHA-256 the CT reference code
 * and transparency-dev/merkle compute the same roots and proofs (the tests check their vectors).
 *
 * - §2.1.1 Merkle Tree Hash: MTH({}) = HASH(), MTH({d0}) = HASH(0x00 || d0), and for n > 1, with k
 *   the largest power of two smaller than n, MTH(D[n]) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])).
 *   `leafHash`, `nodeHash`, `rootHash`.
 * - §2.1.3.1 / §2.1.3.2 inclusion proofs PATH(m, D[n]): `inclusionProof`, `verifyInclusion`.
 * - §2.1.4.1 / §2.1.4.2 consistency proofs PROOF(m, D[n]): `consistencyProof`, `verifyConsistency`.
 * - `MerkleAccumulator`: the tree grown one leaf at a time, keeping only the roots of its perfect
 *   subtrees (a "compact range"), for a follower that streams the log and compares its root with a
 *   signed checkpoint.
 *
 * Pure: the hash function is injected (`HashFn`, SHA-256 in the register), nothing here does I/O.
 * Everything works on leaf *hashes* (`leafHash(h, entry)`), as the RFC's proofs do.
 *
 * Cost: a root, a proof or a subtree hash over n leaf hashes is at most n - 1 node hashes (each
 * subtree is hashed once, with the accumulator's stack); proofs are O(log n) long; an append is
 * O(log n) amortised O(1). Sizes and indices are JS numbers: safe non-negative integers.
 *
 * Conventions at the edges (as transparency-dev/merkle): a consistency proof needs 0 < size1 ≤
 * size2 — the proof from the empty tree says nothing and is refused; size1 = size2 has the empty
 * proof and verifies only if the two roots are equal. Proof builders throw a RangeError on
 * arguments out of range; verifiers return false on anything malformed, never throw.
 */
import { bytesEqual } from './bytes.js';

/** The tree's hash function, e.g. SHA-256: the digest of the given bytes. */
export type HashFn = (bytes: Uint8Array) => Uint8Array;

const EMPTY = new Uint8Array(0);

/** MTH of the empty tree: HASH() (RFC 9162 §2.1.1). */
export function emptyRoot(h: HashFn): Uint8Array {
  return h(EMPTY);
}

/** The hash of a leaf entry: HASH(0x00 || leaf) (RFC 9162 §2.1.1). */
export function leafHash(h: HashFn, leaf: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + leaf.length);
  input[0] = 0x00;
  input.set(leaf, 1);
  return h(input);
}

/** The hash of an interior node: HASH(0x01 || left || right) (RFC 9162 §2.1.1). */
export function nodeHash(h: HashFn, left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return h(input);
}

// ---- the accumulator (compact range) -------------------------------------------------------------

function isSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** The number of set bits of a safe non-negative integer: the perfect subtrees of a tree of size n. */
function popCount(n: number): number {
  let count = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}

/**
 * An append-only Merkle tree kept as the roots of its perfect subtrees, largest (leftmost) first:
 * one per set bit of `size`, so O(log n) memory. `append` merges equal-sized subtrees as a binary
 * counter carries; `root` folds the subtrees right to left, which is exactly MTH (the leftmost
 * subtree is the RFC's D[0:k], k the largest power of two below the size, and so on down).
 */
export class MerkleAccumulator {
  readonly #h: HashFn;
  readonly #peaks: Uint8Array[] = [];
  #size = 0;

  constructor(h: HashFn) {
    this.#h = h;
  }

  /**
   * Resume from a saved state: the tree's size and its perfect-subtree roots (`peaks`), largest
   * first, as `peaks` returned them. Throws a RangeError if their number is not the number of set
   * bits of `size`.
   */
  static restore(h: HashFn, size: number, peaks: readonly Uint8Array[]): MerkleAccumulator {
    if (!isSize(size))
      throw new RangeError(`MerkleAccumulator: size ${size} is not a safe non-negative integer`);
    const want = popCount(size);
    if (peaks.length !== want) {
      throw new RangeError(
        `MerkleAccumulator: a tree of size ${size} has ${want} perfect subtrees, ${peaks.length} given`,
      );
    }
    const acc = new MerkleAccumulator(h);
    for (const p of peaks) acc.#peaks.push(p.slice());
    acc.#size = size;
    return acc;
  }

  /** The number of leaves appended. */
  get size(): number {
    return this.#size;
  }

  /** The roots of the perfect subtrees, largest (leftmost) first; copies. With `size`, the state. */
  get peaks(): Uint8Array[] {
    return this.#peaks.map((p) => p.slice());
  }

  /** Append one leaf hash (`leafHash(h, entry)`). O(log n) node hashes, amortised O(1). */
  append(leafHashValue: Uint8Array): void {
    if (this.#size >= Number.MAX_SAFE_INTEGER)
      throw new RangeError('MerkleAccumulator: tree is full');
    let node: Uint8Array = leafHashValue.slice();
    // Each trailing 1 bit of the old size is a perfect subtree of the new node's height: merge it.
    for (let carry = this.#size; carry % 2 === 1; carry = (carry - 1) / 2) {
      const left = this.#peaks.pop();
      if (left === undefined) throw new Error('MerkleAccumulator: corrupt state');
      node = nodeHash(this.#h, left, node);
    }
    this.#peaks.push(node);
    this.#size++;
  }

  /** MTH of the leaves appended so far; HASH() when there are none. O(log n) node hashes. */
  root(): Uint8Array {
    let acc: Uint8Array | undefined;
    for (let i = this.#peaks.length - 1; i >= 0; i--) {
      const peak = this.#peaks[i] as Uint8Array;
      acc = acc === undefined ? peak.slice() : nodeHash(this.#h, peak, acc);
    }
    return acc ?? emptyRoot(this.#h);
  }

  /** An independent copy (same hash function). */
  clone(): MerkleAccumulator {
    return MerkleAccumulator.restore(this.#h, this.#size, this.#peaks);
  }
}

// ---- building roots and proofs from the leaf hashes ----------------------------------------------

/** MTH(D[start:end]) with one accumulator: end - start - 1 node hashes. */
function subtreeHash(
  h: HashFn,
  leafHashes: readonly Uint8Array[],
  start: number,
  end: number,
): Uint8Array {
  const acc = new MerkleAccumulator(h);
  for (let i = start; i < end; i++) acc.append(leafHashes[i] as Uint8Array);
  return acc.root();
}

/** The largest power of two strictly smaller than n (n ≥ 2): the RFC's split point k. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function requireTreeSize(what: string, size: number, available: number): void {
  if (!isSize(size))
    throw new RangeError(`${what}: tree size ${size} is not a safe non-negative integer`);
  if (size > available) {
    throw new RangeError(`${what}: tree size ${size} is beyond the ${available} leaf hashes given`);
  }
}

/**
 * MTH(D[n]) of all the given leaf hashes (RFC 9162 §2.1.1); HASH() for none. n - 1 node hashes.
 * For a prefix, pass `leafHashes.slice(0, size)` or use a `MerkleAccumulator`.
 */
export function rootHash(h: HashFn, leafHashes: readonly Uint8Array[]): Uint8Array {
  return subtreeHash(h, leafHashes, 0, leafHashes.length);
}

/**
 * The inclusion proof PATH(index, D[0:treeSize]) (RFC 9162 §2.1.3.1) of the leaf at `index` in the
 * tree of the first `treeSize` leaf hashes: the sibling subtree hashes from the leaf up to the
 * root. At most ⌈log2 treeSize⌉ hashes; at most treeSize - 1 node hashes to build. Throws a
 * RangeError unless 0 ≤ index < treeSize ≤ leafHashes.length.
 */
export function inclusionProof(
  h: HashFn,
  leafHashes: readonly Uint8Array[],
  index: number,
  treeSize: number,
): Uint8Array[] {
  requireTreeSize('inclusionProof', treeSize, leafHashes.length);
  if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) {
    throw new RangeError(
      `inclusionProof: leaf index ${index} is not in a tree of size ${treeSize}`,
    );
  }
  // Walk down from the root: at each level record the subtree beside the leaf's, then recurse into
  // the leaf's side. The recorded hashes are root-first; the proof is leaf-first.
  const path: Uint8Array[] = [];
  let start = 0;
  let end = treeSize;
  while (end - start > 1) {
    const mid = start + splitPoint(end - start);
    if (index < mid) {
      path.push(subtreeHash(h, leafHashes, mid, end));
      end = mid;
    } else {
      path.push(subtreeHash(h, leafHashes, start, mid));
      start = mid;
    }
  }
  return path.reverse();
}

/**
 * The consistency proof PROOF(size1, D[0:size2]) (RFC 9162 §2.1.4.1) that the tree of the first
 * `size1` leaf hashes is a prefix of the tree of the first `size2`. Empty when the sizes are
 * equal; at most ⌈log2 size2⌉ + 1 hashes; at most size2 - 1 node hashes to build. Throws a
 * RangeError unless 0 < size1 ≤ size2 ≤ leafHashes.length.
 */
export function consistencyProof(
  h: HashFn,
  leafHashes: readonly Uint8Array[],
  size1: number,
  size2: number,
): Uint8Array[] {
  requireTreeSize('consistencyProof', size2, leafHashes.length);
  if (!isSize(size1) || size1 > size2) {
    throw new RangeError(
      `consistencyProof: size1 ${size1} is not a tree size from 1 to size2 ${size2}`,
    );
  }
  if (size1 === 0) {
    throw new RangeError(
      'consistencyProof: size1 is 0; a proof from the empty tree proves nothing',
    );
  }
  // SUBPROOF(m, D[start:end], b), unrolled; `size1` stays absolute (m = size1 - start).
  const proof: Uint8Array[] = [];
  let start = 0;
  let end = size2;
  let haveRoot1 = true; // the RFC's b: the subtree [start, end) is the old tree itself
  while (size1 < end) {
    const mid = start + splitPoint(end - start);
    if (size1 <= mid) {
      // The old tree lies in the left subtree; the right one is new.
      proof.push(subtreeHash(h, leafHashes, mid, end));
      end = mid;
    } else {
      // The left subtree is complete in both trees; the old tree's edge is in the right one.
      proof.push(subtreeHash(h, leafHashes, start, mid));
      start = mid;
      haveRoot1 = false;
    }
  }
  // size1 === end: the subtree [start, end) is whole in the old tree. Its hash is known to the
  // verifier only when it is the old root itself.
  if (!haveRoot1) proof.push(subtreeHash(h, leafHashes, start, end));
  return proof.reverse();
}

// ---- verifying -----------------------------------------------------------------------------------

/** All the hashes have the (non-zero) length of the first. */
function sameLengths(first: Uint8Array, others: readonly Uint8Array[]): boolean {
  return first.length > 0 && others.every((x) => x.length === first.length);
}

const half = (n: number): number => Math.floor(n / 2);
const isOdd = (n: number): boolean => n % 2 === 1;

function isPowerOfTwo(n: number): boolean {
  let rest = n;
  while (rest > 1 && !isOdd(rest)) rest /= 2;
  return rest === 1;
}

/**
 * Whether `proof` shows the leaf hash `leafHashValue` at `index` in the tree of size `treeSize`
 * whose root is `root`: RFC 9162 §2.1.3.2, step by step. False (never a throw) on any malformed
 * argument: index ≥ treeSize, non-integer or negative numbers, a proof of the wrong length, hashes
 * of differing lengths.
 */
export function verifyInclusion(
  h: HashFn,
  leafHashValue: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isSize(treeSize) || !isSize(index) || index >= treeSize) return false;
  if (!sameLengths(root, [leafHashValue, ...proof])) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHashValue;
  for (const p of proof) {
    if (sn === 0) return false; // the proof is longer than the path
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(h, p, r);
      // Skip the levels where the node is the last of its level and so has no sibling.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(h, r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(r, root);
}

/**
 * Whether `proof` shows the tree of size `size1` with root `root1` to be a prefix of the tree of
 * size `size2` with root `root2`: RFC 9162 §2.1.4.2, step by step. For size1 = size2 the proof
 * must be empty and the roots equal; size1 = 0 is refused (see the header). False (never a throw)
 * on any malformed argument.
 */
export function verifyConsistency(
  h: HashFn,
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isSize(size1) || !isSize(size2) || size1 === 0 || size1 > size2) return false;
  if (!sameLengths(root1, [root2, ...proof])) return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  // 1. An empty proof fails. 2. If size1 is a power of two, its root is the first node.
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  // 3, 4. Start at the level of the old tree's rightmost perfect subtree.
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5. Both running hashes start from the first node.
  const [seed, ...rest] = path;
  if (seed === undefined) return false;
  let fr = seed;
  let sr = seed;
  // 6.
  for (const c of rest) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(h, c, fr);
      sr = nodeHash(h, c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(h, sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 7.
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}
