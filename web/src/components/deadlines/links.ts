/**
 * Addresses of the deadlines page that other pages link to: filtered to a licence or to statuses
 * (the page reads `?licence=` and `?status=`), or at its calendar subscription. Their own module, so
 * that a page linking there does not load the deadlines page.
 */

/** The id of the deadlines page's calendar subscription section. */
export const FEED_SECTION = 'deadlines-feed';

/** `/deadlines`, filtered to one licence and/or some statuses, at a section. */
export function deadlinesHref(
  filter: { readonly licence?: string; readonly status?: readonly string[] } = {},
  section?: string,
): string {
  const params = new URLSearchParams();
  if (filter.licence !== undefined) params.set('licence', filter.licence);
  if (filter.status !== undefined && filter.status.length > 0) {
    params.set('status', filter.status.join(','));
  }
  const query = params.toString();
  return `/deadlines${query === '' ? '' : `?${query}`}${section === undefined ? '' : `#${section}`}`;
}
