import type { Finding } from '../finding.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/**
 * Each licensed service must state where it may be offered. One finding for the licence, naming
 * the services without coverage. A licence with no services at all is left to the parser's notes.
 */
export const coverageMissing: Rule = {
  id: RuleId.coverageMissing,
  severities: ['warning'],
  title: '未载明业务覆盖范围',
  titleEn: 'Coverage not stated',
  basis:
    '《电信业务经营许可证管理办法》（2001 年信息产业部令第19号）第十二条：经营许可证正文应当载明业务种类、' +
    '业务覆盖范围等内容；工业和信息化部令第42号下的许可证同样载明业务覆盖范围',
  basisEn:
    '《电信业务经营许可证管理办法》 (Measures for the Administration of Telecommunications ' +
    'Business Operating Licences, Ministry of Information Industry (MII) Order No. 19 of 2001) ' +
    'art. 12: the main text of the operating licence shall state the service types, the ' +
    'service coverage area and other particulars; licences under MIIT Order No. 42 likewise ' +
    'state the service coverage area',
  check(input): Finding[] {
    const missing = input.licence.services
      .map((service, index) => ({ service, index }))
      .filter(({ service }) => service.coverage.every((c) => c.trim() === ''));
    if (missing.length === 0) return [];
    const names = missing.map(({ service }) => service.name).join('、');
    return [
      makeFinding(coverageMissing, input, {
        severity: 'warning',
        message: `未载明业务覆盖范围：${names}`,
        messageEn: `No coverage stated for: ${names}`,
        fields: missing.map(({ index }) => `services[${index}].coverage`),
      }),
    ];
  },
};
