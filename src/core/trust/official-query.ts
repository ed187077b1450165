/**
 * The public licence query of 电信业务市场综合管理信息系统 (dxzhgl.miit.gov.cn), the platform MIIT runs
 * under Order 42 art. 3 for publishing and querying licence information (trust.md). It answers by
 * number or company name behind a captcha, so xuke can only point a person at it; many holders link
 * their displayed number to this same address.
 */

/** The query page; `num` takes a licence number or a company name. */
export const OFFICIAL_QUERY_BASE =
  'https://dxzhgl.miit.gov.cn/dxxzsp/xkz/xkzgl/resource/qiyesearch.jsp';

/** The official query for `number` (or a company name), as holders link it. */
export function officialQueryUrl(number: string): string {
  return `${OFFICIAL_QUERY_BASE}?num=${encodeURIComponent(number)}&type=xuke`;
}
