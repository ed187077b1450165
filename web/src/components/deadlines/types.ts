/** The deadlines API's shapes, as the generated OpenAPI types give them. */
import type { paths } from '../../api/schema';

/** One occurrence of an obligation of one licence (GET /api/v1/deadlines). */
export type Occurrence =
  paths['/api/v1/deadlines']['get']['responses'][200]['content']['application/json']['items'][number];

/** The occurrence's row key: ids are unique per licence only. */
export function occurrenceKey(o: Pick<Occurrence, 'licence' | 'id'>): string {
  return `${o.licence}/${o.id}`;
}
