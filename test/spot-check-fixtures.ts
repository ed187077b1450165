/**
 * A register to draw spot checks from (docs/spot-checks.md), shared by the store, HTTP and CLI
 * tests: an authority's licences 京B2-20250001…6 of four holders (two with two licences each), all
 * valid on 2026-11-28 but the sixth, which expired on 2026-06-30; and a staff list.
 */
import { aLicence } from '../src/core/checks/licence-builder.test-helpers.js';
import type { Licence } from '../src/core/licence.js';
import type { Inspector } from '../src/core/spot-check/types.js';

export const HOLDERS = [
  { name: '北京甲网络科技有限公司', creditCode: '91110105MA01AAAA1A' },
  { name: '北京乙信息技术有限公司', creditCode: '91110108MA01BBBB2B' },
  { name: '北京丙数据服务有限公司', creditCode: '91110101MA01CCCC3C' },
  { name: '北京丁云计算有限公司', creditCode: '91110102MA01DDDD4D' },
] as const;

/** number → holder index */
const LICENCES: readonly [string, number][] = [
  ['京B2-20250001', 0],
  ['京B2-20250002', 0],
  ['京B2-20250003', 1],
  ['京B2-20250004', 1],
  ['京B2-20250005', 2],
  ['京B2-20250006', 3],
];

/** the licence that is no longer valid on the tests' day */
export const EXPIRED_NUMBER = '京B2-20250006';
export const VALID_NUMBERS = LICENCES.map(([n]) => n).filter((n) => n !== EXPIRED_NUMBER);

/** The register's records, ready to issue. */
export function registerRecords(): Licence[] {
  return LICENCES.map(([number, h], i) => {
    const holder = HOLDERS[h] ?? HOLDERS[0];
    return aLicence({
      number,
      holder: {
        name: holder.name,
        legalRepresentative: '王明',
        creditCode: holder.creditCode,
        address: '北京市海淀区中关村大街1号',
      },
      issuer: '北京市通信管理局',
      issuedOn: `2025-0${i + 1}-10`,
      expiresOn: number === EXPIRED_NUMBER ? '2026-06-30' : '2030-01-10',
      services: [
        {
          code: 'B25',
          name: '信息服务业务',
          qualifier: '仅限互联网信息服务',
          includes: [],
          excludes: [],
          coverage: ['北京市'],
        },
      ],
      websites: [],
      provisions: [],
    });
  });
}

export const INSPECTORS: readonly Inspector[] = [
  { id: 'zf-001', name: '张伟' },
  { id: 'zf-002', name: '李娜' },
  { id: 'zf-003', name: '王芳' },
  { id: 'zf-004', name: '刘洋' },
  { id: 'zf-005', name: '陈静' },
];
