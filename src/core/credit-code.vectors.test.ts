/**
 * 统一社会信用代码 against python-stdnum's published vectors and generated codes.
 *
 * The vectors are python-stdnum's own (https://github.com/arthurdejong/python-stdnum, commit
 * 006192e59be8ed6e08fd680256868a6c31eb2ba9): `tests/test_cn_uscc.doctest` ("found online and should
 * all be valid numbers", and its corner cases) and the module doctest of `stdnum/cn/uscc.py`.
 * stdnum checks the length, digits in positions 1–8, the character set of 9–18 and the check
 * character; the table of positions 1–2 and the organisation code's GB 11714 check character are
 * checked here as well (credit-code.ts), and every published valid code passes them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  normaliseCreditCode,
  orgCodeCheckChar,
  REGISTRATION_AUTHORITIES,
} from './credit-code.js';

/** tests/test_cn_uscc.doctest: "These have been found online and should all be valid numbers." */
const STDNUM_VALID = [
  '121200004013590816',
  '911522010783762860',
  '91152201078377449P',
  '9115220107837941X1',
  '91152201078382010M',
  '911522010783917502',
  '91152201078394644D',
  '91152201078395188Q',
  '91310112087994932F',
  '91310115MA1K3BTP2B',
  '91310116052958608G',
  '91310116076409427L',
  '913101203509708598',
  '913205056082348768',
  '91340600MA2PBM9HXD',
  '91340600MA2PBMA74B',
  '91340600MA2PBN188W',
  '91340600MA2PBN831R',
  '91340600MA2PBNE723',
  '91340600MA2PBP2120',
  '91340600MA2PBP6A1W',
  '91340600MA2PENCC7K',
  '91340600MA2PENWF9P',
  '91340600MA2PEP518T',
  '91340600MA2PEP7F5B',
  '91340600MA2PERLJ2D',
  '91340600MA2UJYG49B',
  '91340602MA2UJY3J9W',
  '91340602MA2UJYD90G',
  '91340603MA2UJYN78Q',
  '91340603MA2UJYNU67',
  '91340604MA2PBQBH3P',
  '91340604MA2PEL1X3M',
  '91340621MA2PBPLU08',
  '91340621MA2PEMUHX8',
  '91340621MA2PEN6Q3Y',
  '91340621MA2PEPJB9F',
  '91371082775260043P',
  '914112810713741814',
  '9144030071526726XG',
  '91620100719023721L',
  '91620105224521729E',
  '91620105556273987U',
  '91620105556284969Y',
  '91620105556287545F',
  '91620105571630591E',
  '91620105585923360D',
  '91620105665404165K',
  '9162010567592034XQ',
  '91620105750906995R',
  '91620105750935948X',
  '91620105756580826D',
  '91620105767728304H',
  '91620105784023285J',
  '91620105789620900B',
  '91620105794891756D',
  '91620105L015101280',
  '92340602MA2PBQAH7E',
  '92340602MA2PEL3T3X',
  '92340602MA2PEL605A',
  '92340602MA2UK2TH6F',
  '92340602MA2UK33127',
  '92340603MA2PBMCG0U',
  '92340603MA2PBMD304',
  '92340603MA2PBMQL04',
  '92340603MA2PBMUF7M',
  '92340603MA2PBN17X5',
  '92340603MA2PBN2W0N',
  '92340603MA2PBNK461',
  '92340603MA2PBNLR0R',
  '92340603MA2PBQ7J4K',
  '92340603MA2PBQ7X9E',
  '92340603MA2PBQFT7J',
  '92340603MA2PBQGB6M',
  '92340603MA2PBQHD9N',
  '92340603MA2PBQUC3U',
  '92340603MA2PBQX04X',
  '92340603MA2PBQY862',
  '92340603MA2PEL613K',
  '92340603MA2PELE65C',
  '92340603MA2PELFF5B',
  '92340603MA2PELHL72',
  '92340603MA2PEM480D',
  '92340603MA2PEN9F2E',
  '92340603MA2PENAP06',
  '92340603MA2PENCQ1M',
  '92340603MA2PEP42XF',
  '92340603MA2PEPBN6L',
  '92340603MA2PEPM83M',
  '92340603MA2UJXYJ3P',
  '92340603MA2UJY0W68',
  '92340603MA2UJY2M7F',
  '92340603MA2UJYUM57',
  '92340603MA2UK0KQ72',
  '92340603MA2UK0ME1G',
  '92340603MA2UK0T79E',
  '92340603MA2UK1NC4L',
  '92340603MA2UK1PX9B',
  '92340603MA2UK1TD00',
  '92340603MA2UK1UE56',
  '92340603MA2UK28G4G',
  '92340603MA2UK2P79U',
  '92340603MA2UK2WX6M',
  '92340603MA2UK2XD94',
  '92340603MA2UK31A3N',
  '92340603MA2UK3CP6U',
  '92340603MA2UK3D673',
  '92340603MA2UK3DF0N',
  '92340603MA2UK3DT5H',
  '92340604MA2PBME53K',
  '92340604MA2PBMQK2P',
  '92340604MA2PBMXF6C',
  '92340604MA2PBNDT64',
  '92340604MA2PBNKR4Y',
  '92340604MA2PBNQNXM',
  '92340604MA2PBNR83C',
  '92340604MA2PBNUL9N',
  '92340604MA2PBNWH99',
  '92340604MA2PBNXH5J',
  '92340604MA2PBP1U3Y',
  '92340604MA2PBP7U1T',
  '92340604MA2PBPHC8R',
  '92340604MA2PBPXJ71',
  '92340604MA2PEM4L7X',
  '92340604MA2PEM5Q4E',
  '92340604MA2PENA300',
  '92340604MA2UJYCE59',
  '92340604MA2UJYPN1K',
  '92340604MA2UK03G7D',
  '92340604MA2UK04L4X',
  '92340604MA2UK07529',
  '92340604MA2UK08Y65',
  '92340621MA2PBKRXXG',
  '92340621MA2PBL318W',
  '92340621MA2PBLW63G',
  '92340621MA2PBLWT1Y',
  '92340621MA2PBLX27E',
  '92340621MA2PBM6286',
  '92340621MA2PBMA318',
  '92340621MA2PBMKK45',
  '92340621MA2PBMNMXM',
  '92340621MA2PBMUH3D',
  '92340621MA2PBN0KXX',
  '92340621MA2PBN145R',
  '92340621MA2PBN1962',
  '92340621MA2PBN1H1T',
  '92340621MA2PBN559X',
  '92340621MA2PBNFH07',
  '92340621MA2PBNJ232',
  '92340621MA2PBNTY9Y',
  '92340621MA2PBP431L',
  '92340621MA2PELD34J',
  '92340621MA2PELFR3H',
  '92340621MA2UJRKE7N',
  '92340621MA2UJRL762',
  '92340621MA2UJT9WXP',
  '92340621MA2UJTCK0M',
  '92340621MA2UJTM785',
  '92340621MA2UJTQ22E',
  '92340621MA2UJTTF8R',
  '92340621MA2UJTY74U',
  '92340621MA2UJW4UXQ',
  '92340621MA2UJW690P',
  '92340621MA2UJW703D',
  '92340621MA2UJWA961',
  '92340621MA2UJWCT2H',
  '92340621MA2UJWEE2G',
  '92340621MA2UJWFB49',
  '92340621MA2UJWGB0J',
  '92340621MA2UJWYPX8',
  '92340621MA2UJX6C8T',
  '92340621MA2UJX968M',
  '92340621MA2UJXLD1M',
  '92340621MA2UJY477E',
  '92340621MA2UJYE11E',
  '92340621MA2UJYG57G',
  '92340621MA2UK02XXW',
  '92340621MA2UK08G9K',
  '92340621MA2UK0DA11',
  '92340621MA2UK0G256',
  '92340621MA2UK0J08Q',
  '92340621MA2UK0JX8N',
  '92340621MA2UK0KR5Y',
  '92340621MA2UK1JY92',
  '92340621MA2UK1L38E',
  '92340621MA2UK1MK35',
  '92340621MA2UK1MN8P',
  '92340621MA2UK1PRX7',
  '92340621MA2UK22G6N',
  '92340621MA2UK25H3F',
  '92340621MA2UK2BU8B',
  '92340621MA2UK2CD59',
  '92340621MA2UK2EP62',
  '92340621MA2UK2GJXF',
  '92340621MA2UK2Q24Y',
  '92340621MA2UK2XX21',
  '92340621MA2UK30C35',
  '92340621MA2UK338XJ',
  '92340621MA2UK3C369',
  '92340621MA2UK3CE6L',
] as const;

describe("python-stdnum's cn.uscc vectors", () => {
  it('has all 200 published valid codes', () => {
    expect(new Set(STDNUM_VALID).size).toBe(200);
  });

  it.each(STDNUM_VALID)('accepts %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true });
  });

  it.each([
    ['91110000600037341L', '91110000600037341L'],
    ['91 110000 600037341L', '91110000600037341L'],
    ['9 1 110000 600037341L', '91110000600037341L'],
  ])('compacts %j to %s and accepts it (uscc.validate, uscc.format)', (raw, compact) => {
    expect(normaliseCreditCode(raw)).toBe(compact);
    expect(checkCreditCode(compact)).toEqual({ ok: true });
  });

  it.each([
    // InvalidLength
    ['12345', 'length'],
    // InvalidFormat: stdnum wants a digit in position 1. A1 is in the table (中央军委改革和编制办公室,
    // 军队事业单位), so here the code is judged further and its check character (computed for 9) fails.
    ['A1110000600037341L', 'check-digit'],
    // InvalidFormat: I, O, Z, S, V are not in the character set
    ['9111000060003IOZSV', 'charset'],
    // InvalidChecksum
    ['91110000600037341N', 'check-digit'],
  ])('rejects %s (%s)', (code, reason) => {
    const r = checkCreditCode(code);
    expect(r).toMatchObject({ ok: false, reason });
  });
});

const DIGIT = fc.constantFrom(...Array.from('0123456789'));
const CHAR = fc.constantFrom(...Array.from(CREDIT_CODE_CHARSET));
const LETTER = fc.constantFrom(...Array.from(CREDIT_CODE_CHARSET.slice(10)));

/** Positions 1–2 from the table. */
const authorityAndType = fc
  .constantFrom(...Object.entries(REGISTRATION_AUTHORITIES))
  .chain(([code, a]) => fc.constantFrom(...Array.from(a.types)).map((t) => `${code}${t}`));

/** A valid code: table, six digits, an organisation code with its check, the check character. */
const validCode = fc
  .tuple(
    authorityAndType,
    fc.array(DIGIT, { minLength: 6, maxLength: 6 }),
    fc.array(CHAR, { minLength: 8, maxLength: 8 }),
  )
  .map(([head, division, body]) => {
    const org = `${body.join('')}${orgCodeCheckChar(body.join(''))}`;
    const first17 = `${head}${division.join('')}${org}`;
    return `${first17}${creditCodeCheckChar(first17)}`;
  });

/** Each rule's name as the messages say it. */
const RULE_WORDS = {
  charset: ['不是允许的字符', 'not allowed'],
  authority: ['登记管理部门代码', 'registration authority'],
  'entity-type': ['机构类别代码', 'organisation type'],
  division: ['行政区划码（GB/T 2260）', 'administrative division code (GB/T 2260)'],
  'check-digit': ['校验码', 'check character'],
  'org-code-check-digit': ['组织机构代码', 'organisation code'],
} as const;

function expectNamed(code: string): void {
  const r = checkCreditCode(code);
  expect(r.ok, code).toBe(false);
  if (r.ok) return;
  expect(r.position, code).toBeDefined();
  expect(r.message).toContain(`第 ${r.position ?? 0} 位`);
  expect(r.messageEn).toContain(`position ${r.position ?? 0}`);
  if (r.reason === 'length') throw new Error(`${code}: length`);
  const [zh, en] = RULE_WORDS[r.reason];
  expect(r.message).toContain(zh);
  expect(r.messageEn).toContain(en);
}

describe('generated codes', () => {
  it('accepts every valid code', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(checkCreditCode(code)).toEqual({ ok: true });
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects every code with one character changed, naming a position and a rule', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), CHAR, (code, i, ch) => {
        fc.pre(code.charAt(i) !== ch);
        // any one substitution changes Σ by (new − old) × weight ≢ 0 (mod 31): never a valid code
        expectNamed(`${code.slice(0, i)}${ch}${code.slice(i + 1)}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects a letter in positions 3–8 as the administrative division, even with both checks right', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 2, max: 7 }), LETTER, (code, i, letter) => {
        // recompute the check character so that only the division rule can fail
        const first17 = `${code.slice(0, i)}${letter}${code.slice(i + 1, 17)}`;
        const mutated = `${first17}${creditCodeCheckChar(first17)}`;
        const r = checkCreditCode(mutated);
        expect(r).toMatchObject({ ok: false, reason: 'division', position: i + 1 });
        expectNamed(mutated);
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects a position 1 outside the table and a position 2 outside its authority’s types', () => {
    const authorities = Object.keys(REGISTRATION_AUTHORITIES);
    fc.assert(
      fc.property(validCode, CHAR, CHAR, (code, first, second) => {
        const a = REGISTRATION_AUTHORITIES[first];
        fc.pre(a === undefined || !a.types.includes(second));
        const first17 = `${first}${second}${code.slice(2, 17)}`;
        const r = checkCreditCode(`${first17}${creditCodeCheckChar(first17)}`);
        expect(r).toMatchObject(
          authorities.includes(first)
            ? { ok: false, reason: 'entity-type', position: 2 }
            : { ok: false, reason: 'authority', position: 1 },
        );
      }),
      { numRuns: 1000 },
    );
  });
});
