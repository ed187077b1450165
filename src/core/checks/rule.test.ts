import { describe, expect, it } from 'vitest';
import { aLicence, anEvidence, anInput } from './licence-builder.test-helpers.js';
import { evidenceFor } from './rule.js';

describe('evidenceFor', () => {
  const input = anInput(aLicence(), {
    evidence: {
      issuedOn: anEvidence(23, '发证日期：2022年09月05日'),
      'signatures[1]': anEvidence(156, '年 月 日 2018年6月6日'),
      services: anEvidence(15, '业务种类：…'),
    },
  });

  it.each([
    ['a field with its own evidence', ['issuedOn'], [23]],
    ['a sub-field, from its block', ['signatures[1].date'], [156]],
    ['a nested path, from the nearest parent', ['services[0].coverage'], [15]],
    ['the same line once', ['issuedOn', 'issuedOn'], [23]],
    ['nothing for a field without evidence', ['holder.creditCode'], []],
    ['nothing for a prototype name', ['constructor'], []],
  ])('quotes %s', (_name, fields, lines) => {
    expect(evidenceFor(input, fields).map((e) => e.line)).toEqual(lines);
  });
});
