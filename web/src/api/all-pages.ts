/**
 * Every item of a paged list (`{items, next}`, docs/http-api.md), read page after page: for the
 * settings lists a person reads whole (members, invitations, tokens), so nothing past the first
 * page is silently left out.
 */
export async function allPages<T>(
  page: (query: {
    readonly limit: number;
    readonly cursor?: string;
  }) => Promise<{ items: T[]; next?: string | null }>,
): Promise<{ items: T[] }> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const answer = await page(cursor === undefined ? { limit: 1000 } : { limit: 1000, cursor });
    items.push(...answer.items);
    cursor = answer.next ?? undefined;
  } while (cursor !== undefined);
  return { items };
}
