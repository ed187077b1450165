// eslint-disable-next-line no-restricted-imports -- test only: Node's OpenSSL HMAC-SHA256 as the injected one
import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { toHex } from '../transparency/bytes.js';
import {
  canonicalDrawInputs,
  checkDrawInputs,
  compareCodePoints,
  conflictTest,
  drawSpotChecks,
} from './draw.js';
import { DrawStream, blockMessage, type HmacSha256 } from './draw-stream.js';
import { reproduceDraw } from './record.js';
import type { Conflict, DrawInputs, Inspector, PopulationEntry } from './types.js';

const hmac: HmacSha256 = (key, message) =>
  new Uint8Array(createHmac('sha256', key).update(message).digest());

/** 00 01 02 … 1f: the seed of docs/spot-checks.md's test vector */
const VECTOR_SEED = toHex(Uint8Array.from({ length: 32 }, (_, i) => i));

/** The test vector of docs/spot-checks.md §5 (computed there by the Python reference too). */
const VECTOR: DrawInputs = {
  count: 3,
  inspectorsPerCheck: 2,
  population: [
    {
      number: '京B2-20180910',
      holder: '云智联网络科技（北京）有限公司',
      creditCode: '91110105MA01ABCD1X',
    },
    { number: '京B2-20190001', holder: '甲公司', creditCode: '91110000000000001A' },
    { number: '京B2-20200002', holder: '乙公司', creditCode: null },
    { number: '京B2-20210003', holder: '丙公司', creditCode: '91110000000000003C' },
    { number: '京B1-20210004', holder: '甲公司', creditCode: '91110000000000001A' },
  ],
  inspectors: [
    { id: 'i01', name: '张三' },
    { id: 'i02', name: '李四' },
    { id: 'i03', name: '王五' },
    { id: 'i04', name: '赵六' },
  ],
  conflicts: [
    { inspector: 'i01', creditCode: '91110000000000001A' },
    { inspector: 'i02', number: '京B2-20200002' },
  ],
};

const randomSeed = (): string => randomBytes(32).toString('hex');

function refusal(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError, got success');
}

describe('the random stream', () => {
  it('keys HMAC-SHA256 with the seed over the label and a 64-bit big-endian counter', () => {
    const m = blockMessage(1);
    expect(new TextDecoder().decode(m.slice(0, 18))).toBe('xuke.spot-check.v1');
    expect([...m.slice(18)]).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect([...blockMessage(2 ** 32 + 5).slice(18)]).toEqual([0, 0, 0, 1, 0, 0, 0, 5]);
    // the first block of the vector's seed, from Python's hmac module (docs/spot-checks.md §5)
    const s = new DrawStream(
      Uint8Array.from({ length: 32 }, (_, i) => i),
      hmac,
    );
    const words = Array.from({ length: 9 }, () => s.nextUint32().toString(16).padStart(8, '0'));
    expect(words.join('')).toBe(
      'd043a313be0f6de0fb6759211211db32f5fc3bf775b8b59cf51a728fce2c6dda96296747',
    );
  });

  it('reads one word for uniform(1), and rejects the words past the last whole multiple of n', () => {
    const words = [0xffff_ffff, 0xc000_0000, 0xbfff_ffff, 7];
    // a stream of one chosen block: those words, then zeros
    const fixed: HmacSha256 = () => {
      const b = new Uint8Array(32);
      const view = new DataView(b.buffer);
      words.forEach((w, i) => {
        view.setUint32(4 * i, w, false);
      });
      return b;
    };
    const s = new DrawStream(new Uint8Array(32), fixed);
    // n = 3·2^30: the limit is 3·2^30 = 0xc0000000, so 0xffffffff and 0xc0000000 are rejected
    expect(s.uniform(3 * 2 ** 30)).toBe(0xbfff_ffff);
    expect(s.wordsRead).toBe(3);
    expect(s.uniform(1)).toBe(0);
    expect(s.wordsRead).toBe(4);
    expect(() => s.uniform(0)).toThrow(RangeError);
    expect(() => s.uniform(2 ** 32 + 1)).toThrow(RangeError);
  });

  it('gives every value of uniform(n) about as often (a loose chi-square bound)', () => {
    for (const n of [2, 3, 5, 7, 10, 97]) {
      const s = new DrawStream(randomBytes(32), hmac);
      const draws = 2000 * n;
      const counts = new Array<number>(n).fill(0);
      for (let i = 0; i < draws; i++) {
        const v = s.uniform(n);
        counts[v] = (counts[v] ?? 0) + 1;
      }
      const expected = draws / n;
      const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
      // df = n − 1; mean df, sd √(2 df): 6 sd above the mean fails about once in 10^9 runs
      expect(chi2, `n = ${n}: ${counts.join(' ')}`).toBeLessThan(
        n - 1 + 6 * Math.sqrt(2 * (n - 1)),
      );
    }
  });

  it('stays unbiased where a plain modulo would not: n = 3·2^30 splits into equal thirds', () => {
    // x mod n on 32-bit words would give the lowest third twice as often as the others
    const n = 3 * 2 ** 30;
    const s = new DrawStream(randomBytes(32), hmac);
    const thirds = [0, 0, 0];
    const draws = 30_000;
    for (let i = 0; i < draws; i++) {
      const t = Math.floor(s.uniform(n) / 2 ** 30);
      thirds[t] = (thirds[t] ?? 0) + 1;
    }
    for (const c of thirds) expect(Math.abs(c - draws / 3)).toBeLessThan(draws * 0.03);
  });
});

describe('the draw', () => {
  it('gives the documented test vector (docs/spot-checks.md §5)', () => {
    expect(drawSpotChecks(VECTOR, VECTOR_SEED, hmac)).toEqual({
      checks: [
        { number: '京B2-20190001', inspectors: ['i03', 'i04'] },
        { number: '京B2-20180910', inspectors: ['i01', 'i02'] },
        { number: '京B2-20210003', inspectors: ['i03', 'i04'] },
      ],
    });
  });

  it('reproduces from the seed: the same inputs, in any order, give the same draw', () => {
    const seed = randomSeed();
    const first = drawSpotChecks(VECTOR, seed, hmac);
    const reordered: DrawInputs = {
      ...VECTOR,
      population: [...VECTOR.population].reverse(),
      inspectors: [...VECTOR.inspectors].reverse(),
      conflicts: [...VECTOR.conflicts].reverse(),
    };
    expect(drawSpotChecks(reordered, seed, hmac)).toEqual(first);
    expect(drawSpotChecks(canonicalDrawInputs(VECTOR), seed, hmac)).toEqual(first);
  });

  it('draws differently from another seed', () => {
    const inputs = generated(50, 12, 10, 3, []);
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      seen.add(JSON.stringify(drawSpotChecks(inputs, randomSeed(), hmac)));
    }
    // 50·49·…·41 orders of licences alone: twenty seeds agreeing would be a broken stream
    expect(seen.size).toBe(20);
  });

  it('never assigns an inspector in conflict, and staffs every check with K distinct inspectors', () => {
    const scenario = fc
      .record({
        populationSize: fc.integer({ min: 1, max: 40 }),
        inspectorCount: fc.integer({ min: 1, max: 12 }),
        holders: fc.integer({ min: 1, max: 10 }),
        k: fc.integer({ min: 1, max: 4 }),
        countShare: fc.double({ min: 0, max: 1, noNaN: true }),
        conflicts: fc.array(
          fc.record({
            inspector: fc.nat(),
            byHolder: fc.boolean(),
            target: fc.nat(),
          }),
          { maxLength: 60 },
        ),
        seed: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      })
      .map((s) => {
        const conflicts: Conflict[] = s.conflicts.map((c) => {
          const inspector = `i${c.inspector % s.inspectorCount}`;
          return c.byHolder
            ? { inspector, creditCode: holderCode(c.target % s.holders) }
            : { inspector, number: licenceNumber(c.target % s.populationSize) };
        });
        const count = Math.max(1, Math.round(s.countShare * s.populationSize));
        return {
          inputs: generated(s.populationSize, s.inspectorCount, count, s.k, conflicts, s.holders),
          seed: toHex(s.seed),
        };
      });
    let drawn = 0;
    let refused = 0;
    fc.assert(
      fc.property(scenario, ({ inputs, seed }) => {
        const inConflict = conflictTest(inputs.conflicts);
        const staffable = inputs.population.every(
          (p) =>
            inputs.inspectors.filter((i) => !inConflict(i.id, p)).length >=
            inputs.inspectorsPerCheck,
        );
        if (!staffable || inputs.inspectors.length < inputs.inspectorsPerCheck) {
          // refused whatever the seed, before any randomness
          expect(() => {
            checkDrawInputs(inputs);
          }).toThrow(DomainError);
          refused++;
          return;
        }
        const result = drawSpotChecks(inputs, seed, hmac);
        drawn++;
        const byNumber = new Map(inputs.population.map((p) => [p.number, p]));
        expect(result.checks).toHaveLength(inputs.count);
        expect(new Set(result.checks.map((c) => c.number)).size).toBe(inputs.count);
        for (const check of result.checks) {
          const licence = byNumber.get(check.number);
          expect(licence).toBeDefined();
          if (licence === undefined) return;
          expect(check.inspectors).toHaveLength(inputs.inspectorsPerCheck);
          expect(new Set(check.inspectors).size).toBe(inputs.inspectorsPerCheck);
          for (const id of check.inspectors) {
            expect(inputs.inspectors.some((i) => i.id === id)).toBe(true);
            expect(inConflict(id, licence), `${id} × ${check.number}`).toBe(false);
          }
        }
        expect(reproduceDraw({ seed, inputs, result }, hmac)).toEqual({
          reproduced: true,
          checks: inputs.count,
        });
      }),
      { numRuns: 400 },
    );
    // the generator reaches both sides
    expect(drawn).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(10);
  });

  it('draws every licence and every eligible inspector about equally often over many seeds', () => {
    const inputs = generated(10, 6, 3, 2, [
      { inspector: 'i0', number: licenceNumber(0) },
      { inspector: 'i1', number: licenceNumber(0) },
    ]);
    const runs = 6000;
    const licences = new Map<string, number>();
    const onFirst = new Map<string, number>();
    for (let r = 0; r < runs; r++) {
      for (const c of drawSpotChecks(inputs, randomSeed(), hmac).checks) {
        licences.set(c.number, (licences.get(c.number) ?? 0) + 1);
        if (c.number === licenceNumber(0)) {
          for (const id of c.inspectors) onFirst.set(id, (onFirst.get(id) ?? 0) + 1);
        }
      }
    }
    // each licence is drawn with probability 3/10
    for (const p of inputs.population) {
      expect(Math.abs((licences.get(p.number) ?? 0) / runs - 0.3), p.number).toBeLessThan(0.03);
    }
    // licence 0's pair comes from i2…i5 only, each with probability 2/4
    expect([...onFirst.keys()].sort()).toEqual(['i2', 'i3', 'i4', 'i5']);
    const drawnFirst = licences.get(licenceNumber(0)) ?? 0;
    for (const n of onFirst.values()) expect(Math.abs(n / drawnFirst - 0.5)).toBeLessThan(0.05);
  });

  it('refuses a count over the population, an empty population and too few inspectors', () => {
    expect(
      refusal(() => drawSpotChecks({ ...VECTOR, count: 6 }, VECTOR_SEED, hmac)).messageEn,
    ).toMatch(/from 1 to 5/u);
    expect(refusal(() => drawSpotChecks({ ...VECTOR, count: 0 }, VECTOR_SEED, hmac)).code).toBe(
      'INVALID_INPUT',
    );
    expect(
      refusal(() => drawSpotChecks({ ...VECTOR, population: [] }, VECTOR_SEED, hmac)).messageEn,
    ).toMatch(/population is empty/u);
    expect(
      refusal(() => drawSpotChecks({ ...VECTOR, inspectorsPerCheck: 5 }, VECTOR_SEED, hmac))
        .messageEn,
    ).toMatch(/4 inspectors, fewer than the 5/u);
  });

  it('names the licence that cannot be staffed, whatever the seed would have drawn', () => {
    // i01 is in conflict with 甲公司 (two licences), i02 with 京B2-20200002: with K = 4 those three
    // licences have only three inspectors free
    const e = refusal(() =>
      drawSpotChecks({ ...VECTOR, count: 1, inspectorsPerCheck: 4 }, VECTOR_SEED, hmac),
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('京B1-20210004（甲公司）');
    expect(e.message).toContain('只有 3 名');
    expect(e.messageEn).toContain(
      'Licence 京B1-20210004 (甲公司) cannot be staffed with 4 inspectors',
    );
    expect(e.messageEn).toContain('2 more licences likewise');
  });

  it('refuses duplicates, a conflict naming an unknown inspector and a malformed seed', () => {
    const dup = { ...VECTOR, population: [...VECTOR.population, ...VECTOR.population.slice(0, 1)] };
    expect(refusal(() => drawSpotChecks(dup, VECTOR_SEED, hmac)).messageEn).toMatch(/twice/u);
    const twice = { ...VECTOR, inspectors: [...VECTOR.inspectors, { id: 'i01', name: '另一个' }] };
    expect(refusal(() => drawSpotChecks(twice, VECTOR_SEED, hmac)).messageEn).toMatch(
      /i01 is listed twice/u,
    );
    const stranger = { ...VECTOR, conflicts: [{ inspector: 'i99', number: '京B2-20190001' }] };
    expect(refusal(() => drawSpotChecks(stranger, VECTOR_SEED, hmac)).messageEn).toMatch(/i99/u);
    for (const seed of ['', VECTOR_SEED.toUpperCase(), VECTOR_SEED.slice(2), `${VECTOR_SEED}00`]) {
      expect(refusal(() => drawSpotChecks(VECTOR, seed, hmac)).messageEn).toMatch(
        /64 lower-case hex/u,
      );
    }
  });
});

describe('reproducing a recorded draw', () => {
  it('names the first check that differs, and says when the inputs give no draw', () => {
    const result = drawSpotChecks(VECTOR, VECTOR_SEED, hmac);
    const [a, b, c] = result.checks;
    if (a === undefined || b === undefined || c === undefined) throw new Error('three checks');
    const swapped = { checks: [b, a, c] };
    const r = reproduceDraw({ seed: VECTOR_SEED, inputs: VECTOR, result: swapped }, hmac);
    expect(r).toMatchObject({ reproduced: false, expected: result });
    if (!r.reproduced)
      expect(r.reasonEn).toMatch(/^Check 1: the recomputed draw gives 京B2-20190001/u);
    const otherSeed = reproduceDraw({ seed: randomSeed(), inputs: VECTOR, result }, hmac);
    expect(otherSeed.reproduced).toBe(false);
    const impossible = reproduceDraw(
      { seed: VECTOR_SEED, inputs: { ...VECTOR, count: 9 }, result },
      hmac,
    );
    expect(impossible).toMatchObject({ reproduced: false, expected: null });
  });
});

describe('code-point order', () => {
  it('orders by code points, not UTF-16 units', () => {
    // U+FF5E (～) sorts before U+1F600 by code point, after its surrogate 0xD83D by UTF-16 unit
    expect(compareCodePoints('a\u{ff5e}', 'a\u{1f600}')).toBe(-1);
    expect(['a\u{1f600}', 'a\u{ff5e}'].sort()).toEqual(['a\u{ff5e}', 'a\u{1f600}'].reverse());
    expect(compareCodePoints('京B1', '京B2')).toBe(-1);
    expect(compareCodePoints('abc', 'ab')).toBe(1);
    expect(compareCodePoints('', '')).toBe(0);
  });
});

// ---- generators -----------------------------------------------------------------------------

function licenceNumber(i: number): string {
  return `京B2-2020${String(i).padStart(4, '0')}`;
}

function holderCode(h: number): string {
  return `9111000000000${String(h).padStart(4, '0')}X`;
}

/** `size` licences spread over `holders` holders, inspectors i0…, the given conflicts. */
function generated(
  size: number,
  inspectorCount: number,
  count: number,
  k: number,
  conflicts: readonly Conflict[],
  holders = size,
): DrawInputs {
  const population: PopulationEntry[] = Array.from({ length: size }, (_, i) => ({
    number: licenceNumber(i),
    holder: `公司${i % holders}`,
    creditCode: i % 7 === 6 ? null : holderCode(i % holders),
  }));
  const inspectors: Inspector[] = Array.from({ length: inspectorCount }, (_, i) => ({
    id: `i${i}`,
    name: `检查员${i}`,
  }));
  return { count, inspectorsPerCheck: k, population, inspectors, conflicts };
}
