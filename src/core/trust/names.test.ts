import { describe, expect, it } from 'vitest';
import {
  ORGANISATION_KIND_NAMES,
  PROVENANCE_NAMES,
  VALIDITY_NAMES,
  VERDICT_NAMES,
  type Name,
} from './names.js';
import { ORGANISATION_KINDS, PROVENANCES, VALIDITIES, VERDICTS } from './types.js';

describe('trust names', () => {
  it.each([
    [VERDICT_NAMES.verified, '已核实'],
    [VERDICT_NAMES.mismatch, '与登记不符'],
    [VERDICT_NAMES.suspect, '需人工复核'],
    [VERDICT_NAMES.unverified, '未经核实'],
    [PROVENANCE_NAMES.issued, '发证机关登记'],
    [PROVENANCE_NAMES.declared, '自行申报（副本）'],
    [PROVENANCE_NAMES.confirmed, '官方系统核实'],
    [PROVENANCE_NAMES.mirrored, '镜像登记'],
    [VALIDITY_NAMES.valid, '有效'],
    [VALIDITY_NAMES.expiring, '即将到期'],
    [VALIDITY_NAMES.expired, '已过期'],
    [VALIDITY_NAMES['not-yet-valid'], '未生效'],
    [VALIDITY_NAMES.suspended, '暂停'],
    [VALIDITY_NAMES.cancelled, '已注销'],
    [VALIDITY_NAMES.revoked, '已吊销'],
    [VALIDITY_NAMES.unknown, '未知'],
    [ORGANISATION_KIND_NAMES.authority, '发证机关'],
    [ORGANISATION_KIND_NAMES.holder, '持证单位'],
    [ORGANISATION_KIND_NAMES.platform, '平台'],
  ])('names %j %s', (name, zh) => {
    expect(name.zh).toBe(zh);
  });

  it.each([
    ['verdicts', VERDICT_NAMES, VERDICTS],
    ['provenances', PROVENANCE_NAMES, PROVENANCES],
    ['validities', VALIDITY_NAMES, VALIDITIES],
    ['organisation kinds', ORGANISATION_KIND_NAMES, ORGANISATION_KINDS],
  ] as [string, Readonly<Record<string, Name>>, readonly string[]][])(
    'gives every one of the %s its own name in both languages',
    (_what, names, values) => {
      expect(Object.keys(names).sort()).toEqual([...values].sort());
      const all = Object.values(names);
      expect(new Set(all.map((n) => n.zh)).size).toBe(all.length);
      expect(new Set(all.map((n) => n.en)).size).toBe(all.length);
      for (const n of all) expect(n.en).toMatch(/^[A-Z][A-Za-z ()’-]+$/);
    },
  );
});
