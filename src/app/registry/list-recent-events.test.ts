import { describe, expect, it } from 'vitest';
import { emptyLicence } from '../../core/licence.js';
import type { LicenceEvent } from '../../ports/licence-store.js';
import type {
  ObligationEventStore,
  RecordedObligationEvent,
} from '../../ports/obligation-event-store.js';
import { FakeLicenceStore, fixedClock } from '../fakes.test-helpers.js';
import { listRecentEvents, newestFirst } from './list-recent-events.js';

const WHO = { organisation: 'acme', actor: 'clerk' };
const NUMBER = '京B2-20180910';

const lifecycle = (on: string, recordedAt: string, note: string): LicenceEvent => ({
  number: NUMBER,
  kind: 'changed',
  on,
  note,
  actor: 'clerk',
  recordedAt,
  version: 1,
  status: 'valid',
  data: null,
});

const obligation = (date: string, recordedAt: string, note: string): RecordedObligationEvent => ({
  id: note,
  number: NUMBER,
  kind: 'illegal-content-disposed',
  date,
  note,
  actor: 'clerk',
  recordedAt,
});

/** Each store answers in its documented order: by day, newest first, then last recorded first. */
class Store extends FakeLicenceStore {
  constructor(private readonly recent: readonly LicenceEvent[]) {
    super();
  }
  // the base fake takes no arguments (it is not faked there): (org, limit) arrive as rest
  override listRecentEvents(...args: unknown[]): Promise<LicenceEvent[]> {
    const limit = Number(args[1]);
    return Promise.resolve([...this.recent].sort(newestFirst).slice(0, limit));
  }
  override listEvents(): Promise<LicenceEvent[]> {
    // oldest recorded first, as the port says
    return Promise.resolve(
      [...this.recent].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)),
    );
  }
}

function obligationStore(events: readonly RecordedObligationEvent[]): ObligationEventStore {
  const asRecent = events.map((e) => ({ ...e, on: e.date }));
  return {
    addObligationEvent: () => Promise.reject(new Error('read only')),
    listObligationEvents: () =>
      Promise.resolve(
        [...events].sort(
          (a, b) => a.date.localeCompare(b.date) || a.recordedAt.localeCompare(b.recordedAt),
        ),
      ),
    listRecentObligationEvents: (_org, limit) =>
      Promise.resolve(
        asRecent
          .sort(newestFirst)
          .slice(0, limit)
          .map(({ on: _on, ...e }) => e),
      ),
  };
}

// recorded in this order: an old change typed in late reads among the new ones when sorted by
// recording (2026, 2025, 2026, 2024); by the day it happened it takes its place
const LIFECYCLE = [
  lifecycle('2026-03-01', '2026-03-01T02:00:00.000Z', 'change 2026-03'),
  lifecycle('2024-06-01', '2026-11-28T05:00:00.000Z', 'change 2024, recorded last'),
];
const OBLIGATIONS = [
  obligation('2025-07-01', '2026-11-28T03:00:00.000Z', 'disposed 2025'),
  obligation('2026-11-20', '2026-11-28T04:00:00.000Z', 'disposed 2026-11'),
  // the same day as the change of 2026-03-01, recorded later: first of the two
  obligation('2026-03-01', '2026-03-02T01:00:00.000Z', 'disposed 2026-03'),
];

async function deps() {
  const store = new Store(LIFECYCLE);
  await store.createLicences('acme', [
    {
      licence: { ...emptyLicence(), kind: 'vats', number: NUMBER },
      status: 'valid',
      provenance: 'declared',
      event: { kind: 'issued', on: '2022-09-05', note: null, actor: 'clerk', data: null },
      document: null,
    },
  ]);
  return { store, clock: fixedClock('2026-11-29'), events: obligationStore(OBLIGATIONS) };
}

const expected = [
  ['2026-11-20', 'disposed 2026-11'],
  ['2026-03-01', 'disposed 2026-03'],
  ['2026-03-01', 'change 2026-03'],
  ['2025-07-01', 'disposed 2025'],
  ['2024-06-01', 'change 2024, recorded last'],
];

describe('listRecentEvents', () => {
  it('lists the organisation’s events by the day they happened, newest first, then by recording', async () => {
    const events = await listRecentEvents({ limit: 20 }, WHO, await deps());
    expect(events.map((e) => [e.on, e.note])).toEqual(expected);
  });

  it('cuts the merged list at limit, keeping the newest days', async () => {
    const events = await listRecentEvents({ limit: 2 }, WHO, await deps());
    expect(events.map((e) => e.note)).toEqual(['disposed 2026-11', 'disposed 2026-03']);
  });

  it('orders one licence’s events the same way', async () => {
    const events = await listRecentEvents({ limit: 20, number: NUMBER }, WHO, await deps());
    expect(events.map((e) => [e.on, e.note])).toEqual(expected);
  });

  it('puts the later recorded first on the same day', () => {
    const a = { on: '2026-01-01', recordedAt: '2026-01-02T00:00:00Z' };
    const b = { on: '2026-01-01', recordedAt: '2026-01-03T00:00:00Z' };
    expect([a, b].sort(newestFirst)).toEqual([b, a]);
    expect(
      [b, { on: '2026-02-01', recordedAt: '2025-01-01T00:00:00Z' }].sort(newestFirst)[0]?.on,
    ).toBe('2026-02-01');
  });
});
