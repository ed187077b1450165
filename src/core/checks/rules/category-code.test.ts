import { describe, expect, it } from 'vitest';
import type { LicensedService } from '../../licence.js';
import { aLicence, aService, run } from '../licence-builder.test-helpers.js';
import { categoryCode } from './category-code.js';

const idc = aService({ code: 'B11', name: '互联网数据中心业务', qualifier: null });
const icp = aService();
const edi = aService({ code: 'B21', name: '在线数据处理与交易处理业务', qualifier: null });
const vsat = aService({ code: 'A23-2', name: '国内甚小口径终端地球站通信业务', qualifier: null });

describe('category-code', () => {
  it.each<[string, string, LicensedService[], string[]]>([
    ['an IDC service on a B2 number', '沪B2-20250731', [idc, icp], ['services[0].code']],
    ['an ICP service on a B1 number', 'B1-20231485', [idc, icp], ['services[1].code']],
    ['a basic service on a value-added number', 'B1.B2-20233345', [vsat], ['services[0].code']],
  ])('reports %s', (_name, number, services, firstFields) => {
    const findings = run(categoryCode, aLicence({ number, services }));
    expect(findings.map((f) => f.severity)).toEqual(['error']);
    expect(findings[0]?.fields).toEqual([...firstFields, 'number']);
  });

  it.each<[string, string, LicensedService[]]>([
    ['B2 services on a B2 number', '沪B2-20250731', [icp, edi]],
    ['B1 and B2 services on a B1.B2 number', 'B1.B2-20233345', [idc, edi, icp]],
    [
      'a sub-code (B24-1) on a B2 number',
      'B2-20233776',
      [aService({ code: 'B24-1', name: '国内呼叫中心业务' })],
    ],
    ['an A2 item on an A2.B1 number', 'A2.B1-20160192', [vsat, idc]],
    [
      'a service without a catalogue code',
      '沪B2-20250731',
      [aService({ code: null, name: '某某业务' })],
    ],
    ['a malformed number', '沪B9-2025', [idc]],
  ])('accepts %s', (_name, number, services) => {
    expect(run(categoryCode, aLicence({ number, services }))).toEqual([]);
  });
});
