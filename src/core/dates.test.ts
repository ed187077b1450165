import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import {
  addDays,
  daysBetween,
  findDates,
  formatDocumentDate,
  isIsoDate,
  parseDateRange,
  parseDocumentDate,
} from './dates.js';

describe('parseDocumentDate: dates that read', () => {
  it.each([
    // text, ISO, corrected, irregular
    ['2022年09月05日', '2022-09-05', false, false],
    ['２０２２年０９月０５日', '2022-09-05', false, false],
    ['2022 年 09 月 05 日', '2022-09-05', false, false],
    ['2023年05月3日', '2023-05-03', false, true],
    ['2018年6月6日', '2018-06-06', false, true],
    ['2022年9月5号', '2022-09-05', false, true],
    ['2022-09-05', '2022-09-05', false, true],
    ['2022.9.5', '2022-09-05', false, true],
    ['2022/9/5', '2022-09-05', false, true],
    ['2022．09．05', '2022-09-05', false, true],
    ['二〇二二年九月五日', '2022-09-05', false, true],
    ['二零二二年九月五日', '2022-09-05', false, true],
    ['二〇二二年十月十日', '2022-10-10', false, true],
    ['二〇二二年十一月十一日', '2022-11-11', false, true],
    ['二〇二二年十二月二十一日', '2022-12-21', false, true],
    ['二〇二二年十二月三十一日', '2022-12-31', false, true],
    ['二〇二二年十二月二十日', '2022-12-20', false, true],
    ['2030年07月31]日', '2030-07-31', true, false],
    ['2030年|07月31日', '2030-07-31', true, false],
    ['2024年02月29日', '2024-02-29', false, false],
    ['2000年02月29日', '2000-02-29', false, false],
    ['（2022年09月05日）', '2022-09-05', false, false],
    ['有效期至：2023年05月3日', '2023-05-03', false, true],
    // a separator or 〇 misread under a seal: read, and said to be corrected
    ['2022-9.5', '2022-09-05', true, true],
    ['2029,01.24', '2029-01-24', true, true],
    ['2028:03.19', '2028-03-19', true, true],
    ['有效期至:2029.04-24', '2029-04-24', true, true],
    ['二O二九年一月十八日', '2029-01-18', true, true],
    ['二0二五年十二月十三日', '2025-12-13', true, true],
  ])('reads %j as %s (corrected %s, irregular %s)', (text, date, corrected, irregular) => {
    expect(parseDocumentDate(text)).toEqual({ ok: true, date, raw: text, corrected, irregular });
  });
});

describe('parseDocumentDate: dates that do not read', () => {
  it.each([
    ['2023年02月30日', 'impossible', '30'],
    ['2023年02月29日', 'impossible', '29'],
    ['1900年02月29日', 'impossible', '29'],
    ['2023年13月01日', 'impossible', '13'],
    ['2023年00月10日', 'impossible', '0'],
    ['2023-04-31', 'impossible', '31'],
    ['年 月 日', 'blank', '未填写'],
    ['    年  月  日', 'blank', '未填写'],
    ['____年__月__日', 'blank', '未填写'],
    ['', 'blank', '未填写'],
    ['2022年 月 日', 'syntax', '不完整'],
    ['2022年9月', 'syntax', '2022年9月'],
    ['22年9月5日', 'syntax', '22年9月5日'],
    ['1,234.56', 'syntax', '1,234.56'],
    ['2020O1O1', 'syntax', '2020O1O1'],
    ['hello', 'syntax', 'hello'],
    ['从2022年9月5日到2023年9月5日', 'syntax', '2022'],
  ])('rejects %j as %s, naming %j', (text, reason, named) => {
    const r = parseDocumentDate(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe(reason);
    expect(r.message).toContain(named);
    expect(r.messageEn).not.toBe('');
    expect(r.raw).toBe(text);
  });
});

describe('findDates', () => {
  it.each([
    ['发证日期：2022年09月05日', [['2022年09月05日', '2022-09-05']]],
    [
      '年 月 日 2018年6月6日',
      [
        ['年 月 日', 'blank'],
        ['2018年6月6日', '2018-06-06'],
      ],
    ],
    [
      '经审核，你公司 年度年检合格。 发证机关（盖章） 年 月 日\t经审核，你公司 年度年检合格。 发证机关（盖章） 年 月 日',
      [
        ['年 月 日', 'blank'],
        ['年 月 日', 'blank'],
      ],
    ],
    ['有效期至: 2030年07月31]日', [['2030年07月31]日', '2030-07-31']]],
    [
      '有效期：2022-09-05至2027-09-04',
      [
        ['2022-09-05', '2022-09-05'],
        ['2027-09-04', '2027-09-04'],
      ],
    ],
    ['二〇二二年九月五日签发', [['二〇二二年九月五日', '2022-09-05']]],
    ['2023年02月30日', [['2023年02月30日', 'impossible']]],
    ['每年1月1日至3月31日报送', []],
    ['京B2-20180910 版本 1.2.3', []],
    ['第10个工作日内', []],
  ])('finds the dates in %j', (text, expected) => {
    const found = findDates(text).map((f) => [f.raw, f.parse.ok ? f.parse.date : f.parse.reason]);
    expect(found).toEqual(expected);
  });

  it('reports where each date is in the original text', () => {
    const text = '日期：２０２２ 年 ０９ 月 ０５ 日；到期 2027.9.4';
    const found = findDates(text);
    expect(found).toHaveLength(2);
    for (const f of found) expect(text.slice(f.index, f.index + f.raw.length)).toBe(f.raw);
  });

  it('scans adversarial input in linear time', () => {
    const started = performance.now();
    findDates('2022年 '.repeat(20_000) + '1.'.repeat(20_000) + '年 '.repeat(20_000));
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('parseDateRange', () => {
  it.each([
    ['有效期：2022年09月05日至2027年09月04日', '2022-09-05', '2027-09-04'],
    ['2022-09-05—2027-09-04', '2022-09-05', '2027-09-04'],
    ['2022-09-05 - 2027-09-04', '2022-09-05', '2027-09-04'],
    ['2022年9月5日到2027年9月4日', '2022-09-05', '2027-09-04'],
    ['2022.9.5~2027.9.4', '2022-09-05', '2027-09-04'],
    ['2022.9.5～2027.9.4', '2022-09-05', '2027-09-04'],
    ['自2022年9月5日起至2027年9月4日止', '2022-09-05', '2027-09-04'],
  ])('reads %j as %s to %s', (text, from, to) => {
    const r = parseDateRange(text);
    expect(r?.from).toMatchObject({ ok: true, date: from });
    expect(r?.to).toMatchObject({ ok: true, date: to });
  });

  it('keeps a blank end of a range as a blank parse', () => {
    const r = parseDateRange('自2022年9月5日起至 年 月 日止');
    expect(r?.from).toMatchObject({ ok: true, date: '2022-09-05' });
    expect(r?.to).toMatchObject({ ok: false, reason: 'blank' });
  });

  it.each(['发证日期：2022年09月05日', '2022年09月05日，2027年09月04日', '无日期'])(
    'finds no range in %j',
    (text) => {
      expect(parseDateRange(text)).toBeUndefined();
    },
  );
});

describe('isIsoDate', () => {
  it.each([
    ['2022-09-05', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2022-9-5', false],
    ['2022-13-01', false],
    ['20220905', false],
    ['', false],
  ])('says %j is an ISO date: %s', (s, expected) => {
    expect(isIsoDate(s)).toBe(expected);
  });
});

describe('formatDocumentDate', () => {
  it.each([
    ['2022-09-05', '2022年09月05日'],
    ['2030-12-31', '2030年12月31日'],
  ])('prints %s as %s', (iso, printed) => {
    expect(formatDocumentDate(iso)).toBe(printed);
  });

  it('round-trips through parseDocumentDate as a regular date', () => {
    expect(parseDocumentDate(formatDocumentDate('2022-09-05'))).toMatchObject({
      ok: true,
      date: '2022-09-05',
      irregular: false,
    });
  });

  it('throws INVALID_INPUT for a non-date', () => {
    expect(() => formatDocumentDate('2022-02-30')).toThrow(DomainError);
  });
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2022-09-05', 1, '2022-09-06'],
    ['2022-12-31', 1, '2023-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2028-03-09', -90, '2027-12-10'],
    ['2030-07-31', -90, '2030-05-02'],
    ['2022-09-05', 0, '2022-09-05'],
    ['2022-09-05', 1826, '2027-09-05'],
  ])('adds to %s %i days: %s', (iso, n, expected) => {
    expect(addDays(iso, n)).toBe(expected);
    expect(daysBetween(iso, expected)).toBe(n);
  });

  it.each([
    ['2022-09-05', '2023-05-03', 240],
    ['2023-05-03', '2022-09-05', -240],
    ['2020-01-01', '2021-01-01', 366],
  ])('counts from %s to %s: %i days', (from, to, n) => {
    expect(daysBetween(from, to)).toBe(n);
  });

  it('throws INVALID_INPUT for a non-date or a fractional day count', () => {
    expect(() => addDays('2022-02-30', 1)).toThrow(DomainError);
    expect(() => addDays('2022-02-01', 1.5)).toThrow(DomainError);
    expect(() => daysBetween('x', '2022-02-01')).toThrow(DomainError);
  });
});
