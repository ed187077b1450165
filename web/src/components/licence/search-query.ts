/**
 * The licences search as a URL query, so a search can be bookmarked and shared:
 * `/licences?company=云智联&status=expired&service=B25&cursor=…`. Reading is forgiving (unknown
 * statuses and malformed service codes are dropped, text is trimmed); writing is canonical (fixed
 * order, empty values left out), so one search has one URL.
 */

import { isLicenceStatus, type LicenceStatus } from './statuses';

/** The catalogue's codes a licence most often carries (电信业务分类目录 2015, 2019 A12-4). */
export const COMMON_SERVICE_CODES = [
  'B11',
  'B12',
  'B13',
  'B14',
  'B21',
  'B22',
  'B23',
  'B24',
  'B25',
  'B26',
  'A12-4',
] as const;

const SERVICE_CODE = /^[AB]\d{1,2}(-\d{1,2})?$/u;

export interface LicenceSearch {
  readonly number: string;
  readonly domain: string;
  readonly company: string;
  /** '' for any */
  readonly status: LicenceStatus | '';
  /** a catalogue code, '' for any */
  readonly service: string;
  /** the API's page cursor, '' for the first page */
  readonly cursor: string;
}

export const EMPTY_SEARCH: LicenceSearch = {
  number: '',
  domain: '',
  company: '',
  status: '',
  service: '',
  cursor: '',
};

const KEYS = ['number', 'domain', 'company', 'status', 'service', 'cursor'] as const;

const clip = (value: string | null, max: number): string => (value ?? '').trim().slice(0, max);

/** A URL query (`?a=b` or `a=b`) → the search it describes. */
export function parseSearch(query: string): LicenceSearch {
  const params = new URLSearchParams(query);
  const status = params.get('status') ?? '';
  const service = clip(params.get('service'), 10).toUpperCase();
  return {
    number: clip(params.get('number'), 100),
    domain: clip(params.get('domain'), 300),
    company: clip(params.get('company'), 200),
    status: isLicenceStatus(status) ? status : '',
    service: SERVICE_CODE.test(service) ? service : '',
    cursor: clip(params.get('cursor'), 500),
  };
}

/** A search → its canonical query string, without `?`; '' when nothing is set. */
export function formatSearch(search: Partial<LicenceSearch>): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = (search[key] ?? '').trim();
    if (value !== '') params.set(key, value);
  }
  return params.toString();
}

/** Whether any filter is set (the cursor is paging, not a filter). */
export function hasFilters(search: LicenceSearch): boolean {
  return KEYS.some((k) => k !== 'cursor' && search[k] !== '');
}

export interface LicenceApiQuery {
  number?: string;
  domain?: string;
  company?: string;
  status?: string;
  service?: string;
  cursor?: string;
  limit: number;
}

/** The search → the query of `GET /api/v1/licences`. */
export function toApiQuery(search: LicenceSearch, limit: number): LicenceApiQuery {
  const query: LicenceApiQuery = { limit };
  for (const key of KEYS) {
    if (search[key] !== '') query[key] = search[key];
  }
  return query;
}
