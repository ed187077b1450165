/**
 * The SQL status filter (`statusFilter` in adapters/db/licence-queries.ts) re-states the core's
 * `effectiveStatus` in SQL: a licence recorded valid or renewal-pending whose expiry has passed is
 * expired as of today, the rest are as recorded. This property keeps the two in step: on generated
 * licences (every recorded status, expiry dates around a generated day and none) in a real
 * database, asking for a status returns exactly the licences whose effective status it is, and
 * asking for several returns their union.
 */
import fc from 'fast-check';
import { afterEach, expect, it } from 'vitest';
import {
  effectiveStatus,
  LICENCE_STATUSES,
  type LicenceStatus,
} from '../src/core/lifecycle/lifecycle.js';
import type { NewLicence } from '../src/ports/licence-store.js';
import { describeEachDialect, type TestDatabase } from './registry-dialects.js';
import { makeLicence } from './registry-licences.js';

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(2024, 0, 1);

/** The ISO day `days` after 2024-01-01. */
function isoDay(days: number): string {
  return new Date(EPOCH + days * DAY_MS).toISOString().slice(0, 10);
}

interface Generated {
  readonly status: LicenceStatus;
  readonly expiresOn: string | null;
}

/** A day, and licences expiring around it: on the day, a day either side, further off, or never. */
const scenario = fc.integer({ min: 0, max: 2000 }).chain((today) =>
  fc.record({
    today: fc.constant(isoDay(today)),
    licences: fc.array(
      fc.record({
        status: fc.constantFrom(...LICENCE_STATUSES),
        expiresOn: fc.oneof(
          { weight: 3, arbitrary: fc.integer({ min: -2, max: 2 }).map((d) => isoDay(today + d)) },
          {
            weight: 2,
            arbitrary: fc.integer({ min: -800, max: 800 }).map((d) => isoDay(today + d)),
          },
          { weight: 1, arbitrary: fc.constant(null) },
        ),
      }),
      { maxLength: 14 },
    ),
    several: fc.subarray([...LICENCE_STATUSES], { minLength: 2 }),
  }),
);

function newLicence(g: Generated, i: number): NewLicence {
  const number = `京B2-2018${String(1000 + i)}`;
  return {
    licence: { ...makeLicence(number, `公司${i}`), expiresOn: g.expiresOn },
    status: g.status,
    provenance: 'declared',
    event: { kind: 'issued', on: '2023-01-01', note: null, actor: 'test', data: null },
    document: null,
  };
}

describeEachDialect('the SQL status filter agrees with effectiveStatus', (h) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('returns exactly the licences whose status as of today is the one asked for', async () => {
    t = await h.fresh();
    const store = t.store();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ today, licences, several }) => {
        // each run in an organisation of its own: the runs never see each other's licences
        const org = `prop-${++run}`;
        const items = licences.map(newLicence);
        await store.createLicences(org, items);
        const numbersWith = async (statuses: readonly LicenceStatus[]) =>
          (await store.findLicences(org, { statuses, today, limit: 1000 })).items
            .map((l) => l.number)
            .sort();
        const expected = (statuses: readonly LicenceStatus[]) =>
          items
            .filter((item) =>
              statuses.includes(effectiveStatus(item.status, item.licence.expiresOn, today)),
            )
            .map((item) => item.licence.number)
            .sort();
        for (const status of LICENCE_STATUSES) {
          expect(await numbersWith([status]), `status ${status} on ${today}`).toEqual(
            expected([status]),
          );
          // the register's counts use the same filter
          expect(
            await store.countLicences(org, { statuses: [status], today }),
            `count of ${status} on ${today}`,
          ).toBe(expected([status]).length);
        }
        expect(await numbersWith(several), `statuses ${several.join(',')} on ${today}`).toEqual(
          expected(several),
        );
      }),
      { numRuns: 100 },
    );
  });
});
