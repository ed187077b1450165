/**
 * The keys of everything the pages read through SWR (`useData`), all declared here: a call site
 * writes its key as a literal (`['licence', number, 'deadlines']`), and `useData` accepts only the
 * keys listed below, so a key misspelt or shaped differently on another page does not compile. A
 * key's first element names its kind of view (`View`): after a write, `refresh('licence')` (or
 * client.ts's `refreshViews`, on a page that does not load SWR) re-reads every view of that kind.
 * Types only, so that no page carries the keys of the others (the pages' script budget is tight).
 */
export type QueryKey =
  | readonly ['me']
  | readonly ['tokens']
  | readonly ['members']
  | readonly ['invitations']
  | readonly ['access-policy']
  /** the audit log: its filters as a query string, and the page's first entry (`after`) */
  | readonly ['audit', query: string, after: number]
  | readonly ['webhooks']
  /** whether the organisation holds any licence at all */
  | readonly ['licences', 'any']
  /** a licence to pick, for a form */
  | readonly ['licences', 'choices']
  | readonly ['licences', 'expiring', today: string]
  /** a search, as its canonical query string (search-query.ts) */
  | readonly ['licences', 'search', query: string]
  | readonly ['licence', number: string]
  | readonly [
      'licence',
      number: string,
      part: 'trust' | 'deadlines' | 'history' | 'documents' | 'events',
    ]
  | readonly ['licence', number: string, 'checks', version: number, today: string]
  | readonly ['deadlines', 'dashboard', today: string]
  | readonly ['deadlines', 'organisation']
  | readonly ['calendar-days', from: string, to: string]
  | readonly ['findings', limit: number]
  | readonly ['events', limit: number]
  | readonly ['register', 'search', query: string]
  | readonly ['public-licence', number: string]
  /** the annual-report cycle (年报): every view of it is re-read after any of its writes */
  | readonly ['annual-reports', 'own', query: string]
  | readonly ['annual-reports', 'submitted', query: string]
  | readonly ['annual-reports', 'report', id: string]
  | readonly ['annual-reports', 'cycle', year: number]
  | readonly ['annual-reports', 'overview', year: number]
  | readonly ['annual-reports', 'listings', query: string]
  | readonly ['spot-checks', year: number];

/** A kind of view: what `refresh` and `refreshViews` take. */
export type View = QueryKey[0];
