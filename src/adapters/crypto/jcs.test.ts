/** RFC 8785 canonical JSON: the RFC's own examples, Chinese text, and what has no JSON form. */
import { describe, expect, test } from 'vitest';
import { canonicalBytes, canonicalJson } from './jcs.js';

describe('canonicalJson: RFC 8785', () => {
  test('§3.2.2: the sample with numbers, escapes and literals', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    expect(canonicalJson(JSON.parse(input))).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  test('§3.2.3: properties sorted by UTF-16 code units, not code points', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // The RFC's result: `\r` is escaped; U+0080 and the rest are written as UTF-8 (c2 80, …).
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    const bytes = Buffer.from(canonicalBytes(input)).toString('hex');
    expect(bytes.startsWith('7b225c72223a')).toBe(true);
    expect(bytes).toContain('22c280223a');
  });

  test('Appendix B: numbers as ECMAScript prints them', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [1e21, '1e+21'],
      [1e20, '100000000000000000000'],
      [0.000001, '0.000001'],
      [0.0000001, '1e-7'],
      [9007199254740992, '9007199254740992'],
      [295147905179352830000, '295147905179352830000'],
      [4.35, '4.35'],
      [0.002, '0.002'],
      [1e23, '1e+23'],
      [-5e-324, '-5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [333333333.3333333, '333333333.3333333'],
    ];
    for (const [value, text] of cases) {
      expect(canonicalJson(value), text).toBe(text);
      expect(canonicalJson({ n: value })).toBe(`{"n":${text}}`);
    }
  });

  test('Chinese text is kept as UTF-8, not escaped; keys sort by code unit', () => {
    const payload = {
      许可证编号: '京B2-20180001',
      持证单位: '北京某某科技有限公司',
      services: [{ code: 'B25', coverage: ['北京市'] }],
      signedAt: new Date('2026-01-02T03:04:05Z'),
    };
    const text =
      '{"services":[{"code":"B25","coverage":["北京市"]}],"signedAt":"2026-01-02T03:04:05.000Z",' +
      '"持证单位":"北京某某科技有限公司","许可证编号":"京B2-20180001"}';
    expect(canonicalJson(payload)).toBe(text);
    expect(canonicalBytes(payload)).toEqual(new TextEncoder().encode(text));
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  test('the same bytes whatever the property order or whitespace', () => {
    const a = { b: [1, { y: 2, x: 1 }], a: 'x' };
    const b = JSON.parse('{ "a" : "x", "b" : [ 1.0, { "x" : 1, "y" : 2e0 } ] }') as unknown;
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":"x","b":[1,{"x":1,"y":2}]}');
  });
});

describe('canonicalJson: what has no JSON form is refused, naming where', () => {
  const cycle: Record<string, unknown> = {};
  cycle['self'] = { cycle };
  const cases: [string, unknown, RegExp][] = [
    ['undefined', undefined, /undefined at \$ /],
    ['an undefined property', { a: { b: undefined } }, /undefined at \$\.a\.b/],
    ['undefined in an array', [1, undefined], /undefined at \$\[1\]/],
    ['NaN', { n: NaN }, /NaN at \$\.n/],
    ['Infinity', [Infinity], /Infinity at \$\[0\]/],
    ['-Infinity', -Infinity, /-Infinity at \$/],
    ['a function', { f: () => 1 }, /function at \$\.f/],
    ['a symbol', { s: Symbol('s') }, /symbol at \$\.s/],
    ['a bigint', { n: 1n }, /bigint at \$\.n/],
    ['a lone surrogate', { s: 'a\ud800b' }, /lone surrogate at \$\.s/],
    ['a lone surrogate in a key', { '\udc00': 1 }, /key with a lone surrogate/],
    ['a cycle', cycle, /circular reference at \$\.self\.cycle/],
    ['a Map', { m: new Map([[1, 2]]) }, /instance of Map at \$\.m/],
    ['a boxed number', { n: Object(1) as unknown }, /instance of Number/],
  ];
  test.each(cases)('%s', (_name, value, message) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
    expect(() => canonicalBytes(value)).toThrow(message);
  });

  test('a shared (not circular) object is fine', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});
