import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aLicence, aService, aWebsite } from '../checks/licence-builder.test-helpers.js';
import { addDays } from '../dates.js';
import type { Licence, LicensedService, Website } from '../licence.js';
import { REGIONS } from '../regions.js';
import {
  NONE_VALUE,
  comparableText,
  compareWithConfirmation,
  compareWithRegister,
} from './compare-record.js';
import type { OfficialConfirmation } from './types.js';

// ---- arbitraries ---------------------------------------------------------------------------------

/** Characters of company names; none folds to another. */
const HAN = Array.from(
  '云智联网络科技青禾读书星桥数据信息服务深圳广州天地人和华夏博远恒通启明创新',
);
const CITY = ['北京', '上海', '深圳', '杭州'];
const CATALOGUE_PAIRS = [
  { code: 'B11', name: '互联网数据中心业务' },
  { code: 'B12', name: '内容分发网络业务' },
  { code: 'B13', name: '国内互联网虚拟专用网业务' },
  { code: 'B14', name: '互联网接入服务业务' },
  { code: 'B21', name: '在线数据处理与交易处理业务' },
  { code: 'B22', name: '国内多方通信服务业务' },
  { code: 'B25', name: '信息服务业务' },
];
const QUALIFIERS = ['仅限互联网信息服务', '不含互联网资源协作服务', '仅限经营类电子商务'];
const SCOPE = ['文化', '教育', '信息搜索查询服务', '信息即时交互服务', '信息发布平台和递送服务'];
const COVERAGE = [...REGIONS.map((r) => r.name), '广东（广州、深圳）', '北京', '上海'];
const TLDS = ['com', 'cn', 'com.cn', 'net'];

const hanName = (min: number, max: number) =>
  fc.array(fc.constantFrom(...HAN), { minLength: min, maxLength: max }).map((cs) => cs.join(''));

const holderName = fc
  .tuple(hanName(2, 6), fc.option(fc.constantFrom(...CITY), { nil: undefined }))
  .map(([core, city]) => (city === undefined ? `${core}有限公司` : `${core}（${city}）有限公司`));

const creditCode = fc
  .array(fc.constantFrom(...Array.from('0123456789ABCDEFGHJKLMNPQRTUWXY')), {
    minLength: 18,
    maxLength: 18,
  })
  .map((cs) => cs.join(''));

const isoDate = fc.integer({ min: 0, max: 9000 }).map((n) => addDays('2001-01-01', n));

const service = (pair: { code: string; name: string }) =>
  fc
    .record({
      qualifier: fc.option(fc.constantFrom(...QUALIFIERS), { nil: null }),
      includes: fc.subarray(SCOPE, { maxLength: 2 }),
      excludes: fc.subarray(SCOPE, { maxLength: 2 }),
      coverage: fc.subarray(COVERAGE, { minLength: 1, maxLength: 4 }),
    })
    .map((r): LicensedService => ({ ...pair, ...r }));

const services = fc
  .subarray(CATALOGUE_PAIRS, { minLength: 1, maxLength: 4 })
  .chain((pairs) => fc.tuple(...pairs.map(service)));

const domain = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/), fc.constantFrom(...TLDS))
  .map(([label, tld]) => `${label}.${tld}`);

const websites = fc
  .uniqueArray(domain, { minLength: 1, maxLength: 5 })
  .chain((domains) =>
    fc
      .integer({ min: 1, max: domains.length })
      .map((cut): Website[] =>
        [domains.slice(0, cut), domains.slice(cut)]
          .filter((ds) => ds.length > 0)
          .map((ds) => aWebsite({ name: null, domains: ds })),
      ),
  );

const numberAndIssuer = fc.oneof(
  fc
    .tuple(fc.constantFrom(...REGIONS), fc.integer({ min: 2000, max: 2030 }), fc.nat(9999))
    .map(([r, year, serial]) => ({
      number: `${r.abbr}B2-${year}${String(serial).padStart(4, '0')}`,
      issuer: r.authority,
    })),
  fc
    .tuple(
      fc.constantFrom('B2', 'B1.B2', '合字B2'),
      fc.integer({ min: 2000, max: 2030 }),
      fc.nat(9999),
    )
    .map(([cats, year, serial]) => ({
      number: `${cats}-${year}${String(serial).padStart(4, '0')}`,
      issuer: '中华人民共和国工业和信息化部',
    })),
);

const licence: fc.Arbitrary<Licence> = fc
  .record({
    name: holderName,
    legalRepresentative: hanName(2, 3),
    creditCode,
    id: numberAndIssuer,
    issuedOn: isoDate,
    years: fc.integer({ min: 1, max: 10 }),
    validFrom: fc.boolean(),
    services,
    websites,
  })
  .map((r) =>
    aLicence({
      number: r.id.number,
      issuer: r.id.issuer,
      holder: {
        name: r.name,
        legalRepresentative: r.legalRepresentative,
        creditCode: r.creditCode,
        address: null,
      },
      issuedOn: r.issuedOn,
      validFrom: r.validFrom ? r.issuedOn : null,
      expiresOn: addDays(r.issuedOn, r.years * 365),
      services: r.services,
      websites: r.websites,
    }),
  );

// ---- form variants -------------------------------------------------------------------------------

type Gen = fc.GeneratorValue;

const coin = (g: Gen): boolean => g(() => fc.boolean());
const pick = <T>(g: Gen, items: readonly T[]): T => g(() => fc.constantFrom(...items));
const upTo = (g: Gen, max: number): number => g(() => fc.nat({ max }));
const shuffle = <T>(g: Gen, items: readonly T[]): T[] =>
  g(() => fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length }));

/** ASCII → full-width forms (Ａ, ２, －, （): what scanned and typed Chinese documents often print. */
function fullWidth(text: string): string {
  return Array.from(text)
    .map((ch) => {
      const c = ch.charCodeAt(0);
      return c >= 0x21 && c <= 0x7e ? String.fromCharCode(c + 0xfee0) : ch;
    })
    .join('');
}

function insertSpace(g: Gen, text: string): string {
  const chars = Array.from(text);
  const at = upTo(g, chars.length);
  chars.splice(at, 0, pick(g, [' ', '\u3000', '  ']));
  return chars.join('');
}

function swapBrackets(text: string): string {
  const map: Record<string, string> = { '（': '(', '）': ')', '(': '【', ')': '】' };
  return Array.from(text)
    .map((ch) => map[ch] ?? ch)
    .join('');
}

/** The same text in another form: full-width, spaced, brackets swapped, a trailing full stop. */
function reform(g: Gen, text: string, opts: { stop?: boolean } = {}): string {
  let out = text;
  if (coin(g)) out = fullWidth(out);
  if (coin(g)) out = swapBrackets(out);
  if (coin(g)) out = insertSpace(g, out);
  if (opts.stop === true && coin(g)) out += pick(g, ['。', '；', ';']);
  return out;
}

function reformList(g: Gen, items: readonly string[]): string[] {
  const shuffled = shuffle(g, items);
  const reformed = shuffled.map((s) => reform(g, s));
  // A list may be printed as one text: 北京市、上海市.
  return coin(g) && reformed.length > 1 ? [reformed.join(pick(g, ['、', '，', ',']))] : reformed;
}

function reformNumber(g: Gen, number: string): string {
  let out = number;
  const region = REGIONS.find((r) => out.startsWith(r.abbr) && r.variants.length > 0);
  if (region !== undefined && coin(g)) out = (region.variants[0] ?? '') + out.slice(1);
  if (coin(g)) out += `-${1 + upTo(g, 98)}`;
  return reform(g, out);
}

/**
 * The same record as another source would print it: every text re-formed, every list re-ordered,
 * services shuffled and their codes sometimes dropped (matched by name then), domains regrouped
 * into other websites and upper-cased. Content stays the same.
 */
function formVariant(g: Gen, l: Licence): Licence {
  const svc = shuffle(g, l.services).map((s): LicensedService => ({
    code: s.code === null || coin(g) ? null : reform(g, s.code),
    name: reform(g, s.name),
    qualifier: s.qualifier === null ? null : reform(g, s.qualifier, { stop: true }),
    includes: reformList(g, s.includes),
    excludes: reformList(g, s.excludes),
    coverage: reformList(g, s.coverage),
  }));
  const domains = l.websites.flatMap((w) => w.domains).reverse();
  const regrouped = domains.map((d) => {
    let out = d;
    if (coin(g)) out = out.toUpperCase();
    if (coin(g)) out += '.';
    return reform(g, out);
  });
  const holder = l.holder;
  return {
    ...l,
    number: l.number === null ? null : reformNumber(g, l.number),
    issuer: l.issuer === null ? null : reform(g, l.issuer) + (coin(g) ? '（盖章）' : ''),
    holder: {
      ...holder,
      name: holder.name === null ? null : reform(g, holder.name, { stop: true }),
      legalRepresentative:
        holder.legalRepresentative === null ? null : reform(g, holder.legalRepresentative),
      creditCode:
        holder.creditCode === null
          ? null
          : reform(g, coin(g) ? holder.creditCode.toLowerCase() : holder.creditCode),
    },
    services: svc,
    websites: [aWebsite({ name: '另一种分组', domains: regrouped })],
  };
}

function fields(l: readonly { field: string }[]): string[] {
  return l.map((d) => d.field);
}

// ---- properties ----------------------------------------------------------------------------------

describe('compareWithRegister: form is not content', () => {
  it('finds no difference between a record and itself', () => {
    fc.assert(
      fc.property(licence, (l) => {
        expect(compareWithRegister(l, structuredClone(l))).toEqual([]);
      }),
    );
  });

  it('finds no difference between a record and the same record in another form, either way', () => {
    fc.assert(
      fc.property(licence, fc.gen(), (l, g) => {
        const variant = formVariant(g, l);
        expect(compareWithRegister(l, variant)).toEqual([]);
        expect(compareWithRegister(variant, l)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('compareWithRegister: content is a difference', () => {
  it('reports one changed character of the company name, in any form', () => {
    fc.assert(
      fc.property(licence, fc.gen(), (l, g) => {
        const name = Array.from(l.holder.name ?? '');
        const positions = name.flatMap((ch, i) => (HAN.includes(ch) ? [i] : []));
        const at = pick(g, positions);
        const was = name[at];
        name[at] = pick(
          g,
          HAN.filter((ch) => ch !== was),
        );
        const register = formVariant(g, { ...l, holder: { ...l.holder, name: name.join('') } });
        const differences = compareWithRegister(l, register);
        expect(fields(differences)).toEqual(['holder.name']);
        expect(differences[0]?.label).toBe('公司名称');
        expect(differences[0]?.documentValue).toBe(l.holder.name);
      }),
      { numRuns: 200 },
    );
  });

  it('reports a coverage region the register adds, naming it', () => {
    fc.assert(
      fc.property(licence, fc.gen(), (l, g) => {
        const k = upTo(g, l.services.length - 1);
        const target = l.services[k];
        if (target === undefined) throw new Error('no service');
        const held = new Set(target.coverage.map(comparableText));
        const added = pick(
          g,
          COVERAGE.filter((c) => !held.has(comparableText(c))),
        );
        const changed = l.services.map((s, i) =>
          i === k ? { ...s, coverage: [...s.coverage, added] } : s,
        );
        const register = formVariant(g, { ...l, services: changed });
        const differences = compareWithRegister(l, register);
        expect(fields(differences)).toEqual([`services[${k}].coverage`]);
        expect(differences[0]?.documentOnly).toEqual([]);
        expect(differences[0]?.registerOnly?.map(comparableText)).toEqual([comparableText(added)]);
        expect(differences[0]?.label).toBe(`业务覆盖范围（${target.code ?? ''} ${target.name}）`);
      }),
      { numRuns: 200 },
    );
  });

  it('reports a later expiry', () => {
    fc.assert(
      fc.property(licence, fc.integer({ min: 1, max: 4000 }), fc.gen(), (l, days, g) => {
        const later = addDays(l.expiresOn ?? '', days);
        const differences = compareWithRegister(formVariant(g, { ...l, expiresOn: later }), l);
        expect(differences).toEqual([
          {
            field: 'expiresOn',
            label: '有效期至',
            labelEn: 'Valid until',
            documentValue: later,
            registerValue: l.expiresOn,
          },
        ]);
      }),
    );
  });

  it('reports an extra domain on the document as only in the document', () => {
    fc.assert(
      fc.property(licence, domain, fc.gen(), (l, extra, g) => {
        fc.pre(!l.websites.some((w) => w.domains.includes(extra)));
        const document: Licence = {
          ...l,
          websites: [...l.websites, aWebsite({ name: '新站', domains: [extra] })],
        };
        const differences = compareWithRegister(document, formVariant(g, l));
        expect(fields(differences)).toEqual(['websites']);
        expect(differences[0]?.documentOnly).toEqual([extra]);
        expect(differences[0]?.registerOnly).toEqual([]);
      }),
    );
  });

  it('reports each of several content changes once, in field order', () => {
    fc.assert(
      fc.property(licence, domain, fc.gen(), (l, extra, g) => {
        fc.pre(!l.websites.some((w) => w.domains.includes(extra)));
        const [first, ...rest] = l.services;
        if (first === undefined) throw new Error('no service');
        const document: Licence = { ...l, services: [{ ...first, includes: ['文化'] }, ...rest] };
        const register = formVariant(g, {
          ...l,
          holder: { ...l.holder, legalRepresentative: `${l.holder.legalRepresentative ?? ''}明` },
          expiresOn: addDays(l.expiresOn ?? '', 1),
          services: [{ ...first, includes: ['文化', '游戏'] }, ...rest],
          websites: [...l.websites, aWebsite({ domains: [extra] })],
        });
        expect(fields(compareWithRegister(document, register))).toEqual([
          'holder.legalRepresentative',
          'expiresOn',
          'services[0].includes',
          'websites',
        ]);
      }),
    );
  });
});

// ---- cases ---------------------------------------------------------------------------------------

describe('comparableText', () => {
  it.each([
    ['full-width letters and digits', 'Ｂ２５', 'B25'],
    ['spaces of every kind', '云 智\u3000联\t科技', '云智联科技'],
    ['every bracket shape', '科技（北京）【深圳】[上海]', '科技(北京)(深圳)(上海)'],
    ['dashes', '京B2－20180910', '京B2-20180910'],
    ['a trailing full stop or semicolon', '仅限互联网信息服务。；', '仅限互联网信息服务'],
  ])('folds %s', (_name, text, expected) => {
    expect(comparableText(text)).toBe(expected);
  });

  it('keeps a changed character', () => {
    expect(comparableText('云智联网络科技')).not.toBe(comparableText('云智连网络科技'));
  });
});

describe('compareWithRegister', () => {
  it.each([
    ['a one-character slip of the authority', '北京市通信答理局'],
    ['the authority without 市', '北京通信管理局'],
    ['another authority', '天津市通信管理局'],
    ['the ministry', '工业和信息化部'],
  ])('reports %s as issuer', (_name, issuer) => {
    const register = aLicence({ number: '京B2-20180910', issuer: '北京市通信管理局' });
    const differences = compareWithRegister({ ...register, issuer }, register);
    expect(differences).toEqual([
      {
        field: 'issuer',
        label: '发证机关',
        labelEn: 'Issuer',
        documentValue: issuer,
        registerValue: '北京市通信管理局',
      },
    ]);
  });

  it.each([
    ['its seal caption', '北京市通信管理局（盖章）'],
    ['spaced out by PDF extraction', '北 京 市 通 信 管 理 局'],
  ])('accepts the authority with %s', (_name, issuer) => {
    const register = aLicence({ number: '京B2-20180910', issuer: '北京市通信管理局' });
    expect(compareWithRegister({ ...register, issuer }, register)).toEqual([]);
  });

  it('compares numbers in canonical form: a variant prefix and a filing suffix are form', () => {
    const register = aLicence({ number: '黔B2-20110282' });
    expect(compareWithRegister({ ...register, number: '贵Ｂ２-20110282-7' }, register)).toEqual([]);
    expect(fields(compareWithRegister({ ...register, number: '黔B2-20110283' }, register))).toEqual(
      ['number'],
    );
  });

  it('compares the credit code regardless of case and width', () => {
    const register = aLicence();
    const document = {
      ...register,
      holder: { ...register.holder, creditCode: '９１３１０１０４ma1fr5c85c' },
    };
    expect(compareWithRegister(document, register)).toEqual([]);
  });

  it.each<[string, Partial<Licence['holder']>]>([
    ['the legal representative', { legalRepresentative: null }],
    ['the credit code', { creditCode: null }],
    ['the company name', { name: '' }],
  ])('skips %s when one side does not state it', (_name, holder) => {
    const register = aLicence();
    const document = aLicence({
      holder: { ...register.holder, ...holder },
    });
    expect(compareWithRegister(document, register)).toEqual([]);
    expect(compareWithRegister(register, document)).toEqual([]);
  });

  it('skips dates, services and websites one side leaves unstated', () => {
    const register = aLicence({ validFrom: '2025-07-31' });
    const document = aLicence({
      issuedOn: null,
      validFrom: null,
      expiresOn: null,
      services: [],
      websites: [],
      issuer: null,
      number: null,
    });
    expect(compareWithRegister(document, register)).toEqual([]);
  });

  it('reports a dated field that differs, whatever else agrees', () => {
    const register = aLicence();
    expect(compareWithRegister(aLicence({ issuedOn: '2025-08-01' }), register)).toEqual([
      {
        field: 'issuedOn',
        label: '发证日期',
        labelEn: 'Issue date',
        documentValue: '2025-08-01',
        registerValue: '2025-07-31',
      },
    ]);
  });

  it('reports a document service the register does not list, and a register service the document lacks', () => {
    const register = aLicence({
      services: [aService(), aService({ code: 'B12', name: '内容分发网络业务', qualifier: null })],
    });
    const document = aLicence({
      services: [
        aService(),
        aService({ code: 'B11', name: '互联网数据中心业务', qualifier: null }),
      ],
    });
    expect(compareWithRegister(document, register)).toEqual([
      {
        field: 'services[1]',
        label: '业务种类（B11 互联网数据中心业务）',
        labelEn: 'Business type (B11 互联网数据中心业务)',
        documentValue: 'B11 互联网数据中心业务',
        registerValue: NONE_VALUE,
      },
      {
        field: 'services',
        label: '业务种类（B12 内容分发网络业务）',
        labelEn: 'Business type (B12 内容分发网络业务)',
        documentValue: NONE_VALUE,
        registerValue: 'B12 内容分发网络业务',
      },
    ]);
  });

  it('pairs services by catalogue code when both carry one, whatever the names say', () => {
    const register = aLicence({ services: [aService({ name: '信息服务业务（互联网）' })] });
    expect(compareWithRegister(aLicence(), register)).toEqual([]);
    const otherCode = aLicence({ services: [aService({ code: 'B26' })] });
    expect(fields(compareWithRegister(otherCode, aLicence()))).toEqual(['services[0]', 'services']);
  });

  it('pairs services by name when one side has no code', () => {
    const register = aLicence({ services: [aService({ code: null, coverage: ['北京市'] })] });
    expect(fields(compareWithRegister(aLicence(), register))).toEqual(['services[0].coverage']);
  });

  it('reports a changed restriction, 含 and 不含 of a paired service', () => {
    const register = aLicence({
      services: [aService({ includes: ['文化'], excludes: ['信息搜索查询服务'] })],
    });
    const document = aLicence({
      services: [
        aService({
          qualifier: '不含互联网信息服务',
          includes: ['文化', '教育'],
          excludes: [],
        }),
      ],
    });
    const differences = compareWithRegister(document, register);
    expect(fields(differences)).toEqual(['services[0].qualifier', 'services[0].includes']);
    expect(differences[1]).toMatchObject({
      label: '含（B25 信息服务业务）',
      documentValue: '文化、教育',
      registerValue: '文化',
      documentOnly: ['教育'],
      registerOnly: [],
    });
  });

  it('reads a coverage list printed as one text, keeping a province with its cities whole', () => {
    const register = aLicence({
      services: [aService({ coverage: ['北京', '上海', '广东（广州、深圳）'] })],
    });
    const same = aLicence({ services: [aService({ coverage: ['广东(广州、深圳)、北京，上海'] })] });
    expect(compareWithRegister(same, register)).toEqual([]);
    const fewer = aLicence({ services: [aService({ coverage: ['北京、上海、广东（广州）'] })] });
    const [difference] = compareWithRegister(fewer, register);
    expect(difference?.documentOnly).toEqual(['广东(广州)']);
    expect(difference?.registerOnly).toEqual(['广东（广州、深圳）']);
  });

  it('compares domains as one set across websites, reporting extra and missing', () => {
    const register = aLicence({
      websites: [
        aWebsite({ domains: ['www.qinghe-read.cn', 'qinghe-read.cn'] }),
        aWebsite({ domains: ['listen.qinghe-read.cn'] }),
      ],
    });
    const document = aLicence({
      websites: [
        aWebsite({ domains: ['QINGHE-READ.CN.', 'www.qinghe-read.cn', 'shop.qinghe.cn'] }),
      ],
    });
    expect(compareWithRegister(document, register)).toEqual([
      {
        field: 'websites',
        label: '网站域名',
        labelEn: 'Website domains',
        documentValue: 'qinghe-read.cn、www.qinghe-read.cn、shop.qinghe.cn',
        registerValue: 'www.qinghe-read.cn、qinghe-read.cn、listen.qinghe-read.cn',
        documentOnly: ['shop.qinghe.cn'],
        registerOnly: ['listen.qinghe-read.cn'],
      },
    ]);
  });

  it('keeps www. as part of a domain', () => {
    const register = aLicence({ websites: [aWebsite({ domains: ['www.qinghe-read.cn'] })] });
    const document = aLicence({ websites: [aWebsite({ domains: ['qinghe-read.cn'] })] });
    expect(fields(compareWithRegister(document, register))).toEqual(['websites']);
  });
});

describe('compareWithConfirmation', () => {
  const confirmation = (overrides: Partial<OfficialConfirmation> = {}): OfficialConfirmation => ({
    id: 'c1',
    number: '沪B2-20250731',
    checkedOn: '2026-11-01',
    checkedBy: 'alice',
    officialStatus: '已发证',
    holderName: '上海青禾网络科技有限公司',
    services: [{ name: '信息服务业务', coverage: ['上海市'] }],
    validFrom: '2025-07-31',
    expiresOn: '2030-07-31',
    note: null,
    attachmentSha256: null,
    dueOn: '2027-01-30',
    recordedAt: '2026-11-01T08:00:00.000Z',
    ...overrides,
  });

  it('finds nothing when the document says what the query showed, in its own form', () => {
    const document = aLicence({
      holder: { ...aLicence().holder, name: '上海 青禾网络科技有限公司' },
      services: [aService({ coverage: ['上海市'] })],
    });
    expect(compareWithConfirmation(document, confirmation())).toEqual([]);
  });

  it('compares only what the query shows: the legal representative and issuer are not in it', () => {
    const document = aLicence({
      holder: { ...aLicence().holder, legalRepresentative: '王五' },
      issuer: '北京市通信管理局',
    });
    expect(compareWithConfirmation(document, confirmation())).toEqual([]);
  });

  it('reports the holder, a service and the expiry where they differ', () => {
    const c = confirmation({
      holderName: '上海青禾网络技术有限公司',
      services: [
        { name: '信息服务业务', coverage: ['上海市', '江苏省'] },
        { name: '在线数据处理与交易处理业务', coverage: [] },
      ],
      expiresOn: '2031-07-31',
    });
    const differences = compareWithConfirmation(aLicence(), c);
    expect(fields(differences)).toEqual([
      'holder.name',
      'services[0].coverage',
      'services',
      'expiresOn',
    ]);
    expect(differences[1]?.registerOnly).toEqual(['江苏省']);
    expect(differences[2]?.registerValue).toBe('在线数据处理与交易处理业务');
  });

  it('skips coverage and services the confirmation did not record', () => {
    expect(
      compareWithConfirmation(
        aLicence(),
        confirmation({ services: [{ name: '信息服务业务', coverage: [] }] }),
      ),
    ).toEqual([]);
    expect(compareWithConfirmation(aLicence(), confirmation({ services: [] }))).toEqual([]);
  });

  it('compares the printed start of validity only when the document prints one', () => {
    const c = confirmation({ validFrom: '2025-08-01' });
    expect(compareWithConfirmation(aLicence(), c)).toEqual([]);
    expect(fields(compareWithConfirmation(aLicence({ validFrom: '2025-07-31' }), c))).toEqual([
      'validFrom',
    ]);
  });
});
