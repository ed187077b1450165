import { describe, expect, it } from 'vitest';
import { EMPTY_SEARCH, formatSearch, hasFilters, parseSearch, toApiQuery } from './search-query';

describe('licence search query', () => {
  it('reads a query string, trimming text and upper-casing the service code', () => {
    expect(parseSearch('?number=%E4%BA%ACB2-20180910&service=b25&company=+云智联+')).toEqual({
      ...EMPTY_SEARCH,
      number: '京B2-20180910',
      company: '云智联',
      service: 'B25',
    });
  });

  it('drops an unknown status and a malformed service code', () => {
    const s = parseSearch('status=lost&service=B25;drop');
    expect(s.status).toBe('');
    expect(s.service).toBe('');
    expect(parseSearch('service=A12-4').service).toBe('A12-4');
  });

  it('writes one canonical query per search: fixed order, no empty values', () => {
    expect(formatSearch({ cursor: 'x', status: 'expired', company: '云智联', number: '' })).toBe(
      'company=%E4%BA%91%E6%99%BA%E8%81%94&status=expired&cursor=x',
    );
    expect(formatSearch(EMPTY_SEARCH)).toBe('');
  });

  it('round-trips', () => {
    const s = { ...EMPTY_SEARCH, domain: 'upliveapp.com', status: 'valid' as const, cursor: 'abc' };
    expect(parseSearch(formatSearch(s))).toEqual(s);
  });

  it('counts the cursor as paging, not as a filter', () => {
    expect(hasFilters({ ...EMPTY_SEARCH, cursor: 'abc' })).toBe(false);
    expect(hasFilters({ ...EMPTY_SEARCH, service: 'B11' })).toBe(true);
  });

  it('asks the API only for what is set', () => {
    expect(toApiQuery({ ...EMPTY_SEARCH, company: '云智联', cursor: 'c' }, 25)).toEqual({
      company: '云智联',
      cursor: 'c',
      limit: 25,
    });
  });
});
