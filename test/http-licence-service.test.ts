/**
 * GET /api/v1/licences?service=CODE on every dialect: a licence matches when any of its services
 * has that catalogue code or one under it (B2 → B21 … B26-1; B24 → B24-1, B24-2), combined with the
 * other filters and the paging; unknown codes are 400; another organisation's licences never show.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { registerLicence } from '../src/app/registry/register-licence.js';
import type { LicensedService } from '../src/core/licence.js';
import { bearer, harnessFor, OTHER_NUMBER, SEED_NUMBER } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';
import { makeLicence } from './registry-licences.js';

const CALL_CENTRE = '粤B2-20190101';
const IDC = '浙B1-20200202';
const NO_CODE = '苏B2-20210303';

const service = (code: string | null, name: string): LicensedService => ({
  code,
  name,
  qualifier: null,
  includes: [],
  excludes: [],
  coverage: ['全国'],
});

describeEachDialect('the licence list filtered by service', (dialect) => {
  const h = harnessFor(dialect);
  beforeAll(async () => {
    const who = { organisation: 'acme', actor: 'test' };
    for (const [number, holder, services] of [
      [CALL_CENTRE, '广州呼叫中心有限公司', [service('B24-1', '国内呼叫中心业务')]],
      [IDC, '杭州机房有限公司', [service('B11', '互联网数据中心业务')]],
      [NO_CODE, '南京未识别有限公司', [service(null, '某某业务')]],
    ] as const) {
      await registerLicence(
        { licence: { ...makeLicence(number, holder), services: [...services] }, document: null },
        who,
        h.deps.registry,
      );
    }
  });

  const numbers = async (query: string, token = h.tokens.viewer) => {
    const res = await h.app.inject({ url: `/api/v1/licences?${query}`, headers: bearer(token) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: { number: string }[] }>().items.map((l) => l.number);
  };

  it('matches the code itself and every code under it', async () => {
    expect(await numbers('service=B25')).toEqual([SEED_NUMBER]);
    expect(await numbers('service=B24-1')).toEqual([CALL_CENTRE]);
    expect(await numbers('service=B24')).toEqual([CALL_CENTRE]);
    expect((await numbers('service=B2')).sort()).toEqual([SEED_NUMBER, CALL_CENTRE].sort());
    expect(await numbers('service=B1')).toEqual([IDC]);
    expect(await numbers('service=B11')).toEqual([IDC]);
    expect(await numbers('service=B21')).toEqual([]);
    expect(await numbers('service=A1')).toEqual([]);
  });

  it('reads a code in any written form', async () => {
    expect(await numbers('service=b24-1')).toEqual([CALL_CENTRE]);
    expect(await numbers(`service=${encodeURIComponent('Ｂ２５')}`)).toEqual([SEED_NUMBER]);
  });

  it('combines with the other filters and pages', async () => {
    expect(await numbers('service=B2&status=expired')).toEqual([SEED_NUMBER]);
    expect(await numbers(`service=B2&company=${encodeURIComponent('呼叫中心')}`)).toEqual([
      CALL_CENTRE,
    ]);
    const first = await h.app.inject({
      url: '/api/v1/licences?service=B2&limit=1',
      headers: bearer(h.tokens.viewer),
    });
    const page = first.json<{ items: { number: string }[]; next: string | null }>();
    expect(page.items).toHaveLength(1);
    expect(page.next).not.toBeNull();
    const rest = await numbers(`service=B2&cursor=${encodeURIComponent(page.next ?? '')}`);
    expect([...page.items.map((l) => l.number), ...rest].sort()).toEqual(
      [SEED_NUMBER, CALL_CENTRE].sort(),
    );
  });

  it('another organisation sees only its own', async () => {
    expect(await numbers('service=B25', h.tokens.otherAdmin)).toEqual([OTHER_NUMBER]);
    expect(await numbers('service=B24', h.tokens.otherAdmin)).toEqual([]);
  });

  describe('refusals', () => {
    it('400 for a code not in the catalogue, or too long', async () => {
      for (const code of ['B27', 'B2-1', 'X', "B25' or 1=1 --", 'B'.repeat(21)]) {
        const res = await h.app.inject({
          url: `/api/v1/licences?service=${encodeURIComponent(code)}`,
          headers: bearer(h.tokens.viewer),
        });
        expect(res.statusCode, `${code}: ${res.body}`).toBe(400);
        expect(res.json<{ code: string }>().code).toBe('INVALID_INPUT');
      }
    });
    it('401 without a token', async () => {
      const res = await h.app.inject({ url: '/api/v1/licences?service=B25' });
      expect(res.statusCode).toBe(401);
    });
  });
});
