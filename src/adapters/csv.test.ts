import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, csvRecord, FORMULA_TRIGGERS, neutraliseFormula, restoreFormula } from './csv.js';
import { readCsv } from './cli/registry/export-readers.test-helpers.js';

/** Strings rich in what matters here: triggers, quotes, separators, line ends, CJK. */
const tricky = fc.string({
  unit: fc.constantFrom(
    '=',
    '+',
    '-',
    '@',
    '\t',
    '\r',
    '\n',
    "'",
    '"',
    ',',
    ';',
    'a',
    '1',
    '星',
    ' ',
  ),
  maxLength: 12,
});

describe('neutraliseFormula (OWASP CSV Injection)', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tabc', "'\tabc"],
    ['\rabc', "'\rabc"],
    ['-', "'-"],
    ['-5', "'-5"],
    ["'=1+2", "''=1+2"],
    ["''@x", "'''@x"],
    ["'abc", "'abc"],
    ['a-b', 'a-b'],
    ['星桥云数据', '星桥云数据'],
    ['', ''],
  ])('%j → %j', (value, cell) => {
    expect(neutraliseFormula(value)).toBe(cell);
    expect(restoreFormula(cell)).toBe(value);
  });

  it('never leaves a trigger first, and restoreFormula gives the value back', () => {
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string({ unit: 'grapheme' })), (value) => {
        const cell = neutraliseFormula(value);
        expect(FORMULA_TRIGGERS.some((t) => cell.startsWith(t))).toBe(false);
        expect(restoreFormula(cell)).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('csvField and csvRecord (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"quoted"', '"""quoted"""'],
    ['a\r\nb', '"a\r\nb"'],
    ['a\rb', '"a\rb"'],
    ['a;=1+2', '"a;=1+2"'],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['-2+3', `"'-2+3"`],
    ['\rabc', `"'\rabc"`],
  ])('%j → %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('reads back as the values, once each cell is restored', () => {
    fc.assert(
      fc.property(fc.array(tricky, { minLength: 1, maxLength: 6 }), (values) => {
        const [record] = readCsv(csvRecord(values));
        expect(record?.map(restoreFormula)).toEqual(values);
      }),
      { numRuns: 2000 },
    );
  });
});
