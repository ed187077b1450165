/**
 * The draw's random stream (docs/spot-checks.md §2): HMAC-SHA256 keyed with the seed, in counter
 * mode, read as big-endian 32-bit words; and unbiased integers from it by rejection sampling. The
 * HMAC is injected (the core has no crypto): node:crypto's in the service and the CLI, any
 * implementation of RFC 2104 with SHA-256 in an independent verifier.
 */
import { SPOT_CHECK_ALGORITHM } from './types.js';

/** HMAC-SHA256 (RFC 2104, FIPS 180-4): 32 bytes. */
export type HmacSha256 = (key: Uint8Array, message: Uint8Array) => Uint8Array;

const TWO_32 = 2 ** 32;

/** The label every block's message starts with: the algorithm's name in ASCII. */
const LABEL: readonly number[] = Array.from(SPOT_CHECK_ALGORITHM, (c) => c.charCodeAt(0));

/** Block j's message: the label, then j as an unsigned 64-bit big-endian integer. */
export function blockMessage(j: number): Uint8Array {
  if (!Number.isSafeInteger(j) || j < 0) throw new RangeError(`block counter ${j}`);
  const message = new Uint8Array(LABEL.length + 8);
  message.set(LABEL, 0);
  const view = new DataView(message.buffer);
  view.setUint32(LABEL.length, Math.floor(j / TWO_32), false);
  view.setUint32(LABEL.length + 4, j % TWO_32, false);
  return message;
}

/** The stream of one seed: words and unbiased integers, consumed in order. */
export class DrawStream {
  private block: Uint8Array = new Uint8Array(0);
  private offset = 0;
  private counter = 0;
  /** how many 32-bit words have been read (the tests' measure of rejections) */
  wordsRead = 0;

  constructor(
    private readonly seed: Uint8Array,
    private readonly hmac: HmacSha256,
  ) {}

  /** The next 4 bytes of the stream as an unsigned big-endian integer. */
  nextUint32(): number {
    if (this.offset + 4 > this.block.length) {
      const block = this.hmac(this.seed, blockMessage(this.counter));
      if (block.length !== 32) {
        throw new Error(`HMAC-SHA256 gave ${block.length} bytes, not 32`);
      }
      this.block = block;
      this.counter++;
      this.offset = 0;
    }
    const word = new DataView(
      this.block.buffer,
      this.block.byteOffset,
      this.block.byteLength,
    ).getUint32(this.offset, false);
    this.offset += 4;
    this.wordsRead++;
    return word;
  }

  /**
   * A uniform integer in [0, n), 1 ≤ n ≤ 2^32: words at or above the largest multiple of n that
   * fits in 32 bits are rejected and the next word is read, so every value is equally likely.
   * Always reads at least one word, for n = 1 too (the specification has no special cases).
   */
  uniform(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_32) throw new RangeError(`uniform(${n})`);
    const limit = TWO_32 - (TWO_32 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }
}
