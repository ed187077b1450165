/**
 * Every occurrence GET /api/v1/deadlines pages out (by licence, then due date; at most 1,000 a
 * page), fetched page after page and put in due-date order, as the pages that show them all (the
 * deadlines calendar, the dashboard's overdue and due-soon) read them.
 */
import { api, call, type Schemas } from '../../api/client';

type Occurrence = Schemas['LicenceOccurrence'];

export async function allDeadlines(query: {
  readonly status?: string;
}): Promise<{ items: Occurrence[] }> {
  const items: Occurrence[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(
      api.GET('/api/v1/deadlines', {
        params: { query: { ...query, limit: 1000, ...(cursor === undefined ? {} : { cursor }) } },
      }),
    );
    items.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor !== undefined);
  items.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  return { items };
}
