/** The API's shapes the licence components read, named once (all from the generated schema). */
import type { Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

type Ok<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type StoredLicence = Schemas['StoredLicence'];
export type LicenceRecord = StoredLicence['licence'];
export type History = Ok<'/api/v1/licences/{number}/history', 'get'>;
export type Version = History['versions'][number];
export type LifecycleEvent = History['events'][number];
export type Documents = Ok<'/api/v1/licences/{number}/documents', 'get'>['items'];
export type Occurrence = Ok<'/api/v1/licences/{number}/deadlines', 'get'>['occurrences'][number];
