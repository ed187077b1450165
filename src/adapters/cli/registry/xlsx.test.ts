import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readXlsx, xmlDecode, xstringDecode } from './export-readers.test-helpers.js';
import { excelDateSerial, writeXlsx, xlsxText } from './xlsx.js';

/** What XML 1.0 forbids in character data (TAB, LF and CR are allowed, CR only as `&#13;` here). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

describe('xlsxText', () => {
  it.each([
    ['a\rb', 'a&#13;b'],
    ['a\r\nb', 'a&#13;\nb'],
    ['\tx', '\tx'],
    ['<&>"\'', '&lt;&amp;&gt;"\''],
    ['bell\u0007', 'bell_x0007_'],
    ['\uFFFF', '_xFFFF_'],
    ['_x0041_', '_x005F_x0041_'],
    ['_x0041_x0042_', '_x005F_x0041_x005F_x0042_'],
    ['星桥云数据', '星桥云数据'],
  ])('%j → %j', (text, xml) => {
    expect(xlsxText(text)).toBe(xml);
  });

  it('reads back as the text, and writes nothing XML forbids and no raw CR', () => {
    const unit = fc.oneof(
      fc.constantFrom('\r', '\n', '\t', '\u0000', '\u0001', '\u001F', '\uFFFE', '\uFFFF', '\uD800'),
      fc.constantFrom('_', 'x', '0', '4', '1', 'F', '&', '<', '星'),
      fc.string({ unit: 'binary', maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 16 }), (units) => {
        const text = units.join('');
        const xml = xlsxText(text);
        expect(xml).not.toMatch(NOT_XML);
        expect(xml).not.toContain('\r');
        expect(xstringDecode(xmlDecode(xml))).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('excelDateSerial', () => {
  it.each([
    ['1900-03-01', 61],
    ['1970-01-01', 25569],
    ['2026-11-28', 46354],
    ['9999-12-31', 2958465],
    ['1900-02-28', null],
    ['2026-02-30', null],
    ['2026-1-1', null],
  ])('%s → %s', (iso, serial) => {
    expect(excelDateSerial(iso)).toBe(serial);
  });
});

describe('writeXlsx', () => {
  it('writes text as inline strings, numbers as numbers, dates as date serials with a date format', () => {
    const file = writeXlsx([
      ['name', 'issuedOn', 'version'],
      ['=1+2', { date: '2026-11-28' }, 3],
      ['a\rb', { date: '1899-01-01' }, null],
    ]);
    const { sheet, styles, cells } = readXlsx(file);
    expect(cells.get('A1')).toMatchObject({ type: 'inlineStr', style: 2, value: 'name' });
    expect(cells.get('A2')).toMatchObject({ type: 'inlineStr', value: '=1+2' });
    expect(cells.get('B2')).toMatchObject({ type: undefined, style: 1, value: 46354 });
    expect(cells.get('C2')).toMatchObject({ type: undefined, style: 0, value: 3 });
    expect(cells.get('A3')).toMatchObject({ value: 'a\rb' });
    // before 1900-03-01 Excel's serials are off by one: written as text
    expect(cells.get('B3')).toMatchObject({ type: 'inlineStr', value: '1899-01-01' });
    expect(cells.has('C3')).toBe(false);
    expect(sheet).not.toContain('<f>');
    expect(styles).toContain('<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>');
    expect(styles).toMatch(
      /<cellXfs count="3"><xf [^>]*\/><xf numFmtId="164" [^>]*applyNumberFormat="1"\/>/u,
    );
  });
});
