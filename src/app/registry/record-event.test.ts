import { describe, expect, it } from 'vitest';
import { emptyLicence } from '../../core/licence.js';
import { ISSUER_EVENTS } from '../access/authorise-action.js';
import { fakeTrustDeps, refusal } from '../fakes.test-helpers.js';
import { recordEvent } from './record-event.js';

const HOLDER = { organisation: 'acme', actor: 'clerk' };
const NUMBER = '京B2-20180910';

async function declared(today = '2026-03-02') {
  const d = fakeTrustDeps(today);
  d.organisations.add('acme', 'holder', 'Acme');
  d.organisations.add('bj-authority', 'authority', '北京市通信管理局', ['京']);
  await d.store.createLicences('acme', [
    {
      licence: {
        ...emptyLicence(),
        kind: 'vats',
        number: NUMBER,
        issuedOn: '2023-01-01',
        expiresOn: '2028-01-01',
      },
      status: 'valid',
      provenance: 'declared',
      event: { kind: 'issued', on: '2023-01-01', note: null, actor: 'clerk', data: null },
      document: null,
    },
  ]);
  d.store.writes = 0;
  return d;
}

describe('recordEvent', () => {
  it('refuses every issuer decision on a declared copy, writing nothing', async () => {
    const d = await declared();
    for (const kind of ISSUER_EVENTS) {
      const e = await refusal(
        recordEvent(NUMBER, { kind, expiresOn: '2033-01-01', year: 2025, note: 'x' }, HOLDER, d),
      );
      expect(e.code).toBe('FORBIDDEN');
      expect(e.messageEn).toContain('issuer');
    }
    expect(d.store.writes).toBe(0);
  });

  it('refuses an authority organisation: its register is written by register decisions only', async () => {
    const d = await declared();
    const e = await refusal(
      recordEvent(
        NUMBER,
        { kind: 'renewal-applied' },
        { organisation: 'bj-authority', actor: 'x' },
        d,
      ),
    );
    expect(e.code).toBe('FORBIDDEN');
    expect(d.store.writes).toBe(0);
  });

  it('NOT_FOUND for a number the organisation does not hold; INVALID_INPUT for no number at all', async () => {
    const d = await declared();
    expect(
      (await refusal(recordEvent('京B2-20990101', { kind: 'renewal-applied' }, HOLDER, d))).code,
    ).toBe('NOT_FOUND');
    expect(
      (await refusal(recordEvent('not a number', { kind: 'renewal-applied' }, HOLDER, d))).code,
    ).toBe('INVALID_INPUT');
  });

  it('records a holder event as the next version, keeping the copy declared', async () => {
    const d = await declared('2027-11-15');
    const stored = await recordEvent(
      ' 京ｂ２-20180910 ',
      { kind: 'renewal-applied', note: '已提交' },
      HOLDER,
      d,
    );
    expect(stored).toMatchObject({ version: 2, status: 'renewal-pending', provenance: 'declared' });
    const events = await d.store.listEvents('acme', NUMBER);
    expect(events.at(-1)).toMatchObject({
      kind: 'renewal-applied',
      on: '2027-11-15',
      note: '已提交',
      actor: 'clerk',
      data: null,
    });
  });

  it('refuses what the lifecycle forbids, and a stale version', async () => {
    const d = await declared('2028-02-01');
    // past its expiry the licence is expired: too late to apply for renewal
    expect((await refusal(recordEvent(NUMBER, { kind: 'renewal-applied' }, HOLDER, d))).code).toBe(
      'ILLEGAL_TRANSITION',
    );
    const later = await declared();
    expect(
      (
        await refusal(
          recordEvent(NUMBER, { kind: 'renewal-applied', expectedVersion: 7 }, HOLDER, later),
        )
      ).code,
    ).toBe('CONFLICT');
    expect(d.store.writes + later.store.writes).toBe(0);
  });
});
