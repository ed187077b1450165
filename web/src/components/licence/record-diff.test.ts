import { describe, expect, it } from 'vitest';
import { diffRecords } from './record-diff';

const v1 = {
  number: '京B2-20180910',
  holder: {
    name: '云智联网络科技（北京）有限公司',
    legalRepresentative: '李国杰',
    creditCode: null,
  },
  services: [
    {
      code: 'B25',
      name: '信息服务业务',
      includes: ['文化'],
      excludes: ['信息搜索查询服务'],
      coverage: ['北京'],
    },
  ],
  expiresOn: '2023-05-03',
  websites: [] as { name: string; domains: string[] }[],
};

describe('diffRecords', () => {
  it('finds nothing between equal records', () => {
    expect(diffRecords(v1, structuredClone(v1))).toEqual([]);
  });

  it('names each changed field by its path, with before and after', () => {
    const v2 = structuredClone(v1);
    v2.expiresOn = '2028-05-03';
    v2.holder.legalRepresentative = '王小明';
    expect(diffRecords(v1, v2)).toEqual([
      {
        path: 'holder.legalRepresentative',
        kind: 'changed',
        before: '李国杰',
        after: '王小明',
      },
      { path: 'expiresOn', kind: 'changed', before: '2023-05-03', after: '2028-05-03' },
    ]);
  });

  it('treats a list of plain values as one field', () => {
    const v2 = structuredClone(v1);
    v2.services[0]?.coverage.unshift('全国');
    expect(diffRecords(v1, v2)).toEqual([
      {
        path: 'services[0].coverage',
        kind: 'changed',
        before: ['北京'],
        after: ['全国', '北京'],
      },
    ]);
  });

  it('tells a value set from null apart from a field that appeared', () => {
    const v2 = { ...structuredClone(v1), validFrom: '2023-05-04' };
    v2.holder.creditCode = '91110105MA01ABCD1X' as unknown as null;
    expect(diffRecords(v1, v2)).toEqual([
      { path: 'holder.creditCode', kind: 'changed', before: null, after: '91110105MA01ABCD1X' },
      { path: 'validFrom', kind: 'added', before: undefined, after: '2023-05-04' },
    ]);
  });

  it('goes item by item through lists of objects, added and removed', () => {
    const v2 = structuredClone(v1);
    v2.websites.push({ name: '主站', domains: ['upliveapp.com'] });
    v2.services = [];
    expect(diffRecords(v1, v2)).toEqual([
      { path: 'services[0].code', kind: 'removed', before: 'B25', after: undefined },
      { path: 'services[0].name', kind: 'removed', before: '信息服务业务', after: undefined },
      { path: 'services[0].includes', kind: 'removed', before: ['文化'], after: undefined },
      {
        path: 'services[0].excludes',
        kind: 'removed',
        before: ['信息搜索查询服务'],
        after: undefined,
      },
      { path: 'services[0].coverage', kind: 'removed', before: ['北京'], after: undefined },
      { path: 'websites[0].name', kind: 'added', before: undefined, after: '主站' },
      { path: 'websites[0].domains', kind: 'added', before: undefined, after: ['upliveapp.com'] },
    ]);
  });

  it('reports a whole record as added against nothing (the first version)', () => {
    const changes = diffRecords(undefined, { number: 'x', holder: { name: 'y' } });
    expect(changes.map((c) => [c.path, c.kind])).toEqual([
      ['number', 'added'],
      ['holder.name', 'added'],
    ]);
  });
});
