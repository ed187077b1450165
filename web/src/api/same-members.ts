/**
 * The UI spells some of the API's enums out by hand, in the order it shows them (statuses, roles,
 * verdicts …). Each such list is checked against the generated types (schema.d.ts, `npm run
 * gen:api`) beside it: `export type … = Assert<SameMembers<typeof LIST, Schemas[…][…]>>` compiles
 * only while the list names exactly the API's members, so `tsc -p web` fails, naming the
 * difference, once the API adds, renames or drops one. Types only: nothing of this reaches the
 * bundle.
 */

/** What a list lacks of the union, and what it has that the union does not. */
interface Drift<Missing, Extra> {
  readonly missing: Missing;
  readonly extra: Extra;
}

/** `true` when `List` names exactly the members of the union `All`, else their `Drift`. */
export type SameMembers<List extends readonly unknown[], All> = [
  Exclude<All, List[number]>,
  Exclude<List[number], All>,
] extends [never, never]
  ? true
  : Drift<Exclude<All, List[number]>, Exclude<List[number], All>>;

/** Compiles only for `true`. */
export type Assert<T extends true> = T;
