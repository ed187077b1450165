import { describe, expect, it } from 'vitest';
import { emptyLicence, type Licence } from '../../core/licence.js';
import { fakeTrustDeps, refusal } from '../fakes.test-helpers.js';
import { findRegisterEntry, issueLicence, recordRegisterEvent } from './register.js';

const BEIJING = { organisation: 'bj-authority', actor: 'officer' };
const SHANGHAI = { organisation: 'sh-authority', actor: 'officer' };
const HOLDER = { organisation: 'acme', actor: 'clerk' };
const DECISION = { reason: '准予许可', decisionNumber: '京通信管〔2026〕12号' };

function licence(number: string, expiresOn = '2028-01-01'): Licence {
  return {
    ...emptyLicence(),
    kind: 'vats',
    number,
    holder: {
      name: '云智联网络科技（北京）有限公司',
      legalRepresentative: '张三',
      creditCode: null,
      address: null,
    },
    issuedOn: '2023-01-01',
    validFrom: '2023-01-01',
    expiresOn,
  };
}

function deps(today = '2026-03-02') {
  const d = fakeTrustDeps(today);
  d.organisations.add('bj-authority', 'authority', '北京市通信管理局', ['京']);
  d.organisations.add('sh-authority', 'authority', '上海市通信管理局', ['沪']);
  d.organisations.add('acme', 'holder', 'Acme');
  return d;
}

describe('issueLicence', () => {
  it('issues version 1 with provenance issued, the authority as issuer and the decision number', async () => {
    const d = deps();
    const stored = await issueLicence(
      { ...DECISION, licence: licence('京b2-20180910') },
      BEIJING,
      d,
    );
    expect(stored).toMatchObject({ number: '京B2-20180910', version: 1, provenance: 'issued' });
    expect(stored.licence.issuer).toBe('北京市通信管理局');
    const [event] = await d.store.listEvents('bj-authority', '京B2-20180910');
    expect(event).toMatchObject({
      kind: 'issued',
      on: '2023-01-01',
      actor: 'officer',
      note: '准予许可',
      data: { decisionNumber: '京通信管〔2026〕12号' },
    });
  });

  it('refuses an organisation that is not an authority, writing nothing', async () => {
    const d = deps();
    const e = await refusal(
      issueLicence({ ...DECISION, licence: licence('京B2-20180910') }, HOLDER, d),
    );
    expect(e.code).toBe('FORBIDDEN');
    expect(d.store.writes).toBe(0);
  });

  it('refuses a number outside the authority’s jurisdiction, naming the one it belongs to', async () => {
    const d = deps();
    const e = await refusal(
      issueLicence({ ...DECISION, licence: licence('沪B2-20200731') }, BEIJING, d),
    );
    expect(e.code).toBe('FORBIDDEN');
    expect(e.messageEn).toContain('outside 北京市通信管理局');
    expect(e.messageEn).toContain('沪');
    expect(d.store.writes).toBe(0);
  });

  it('refuses a decision without a reason or a document number', async () => {
    const d = deps();
    for (const decision of [
      { reason: ' ', decisionNumber: DECISION.decisionNumber },
      { reason: DECISION.reason, decisionNumber: '' },
    ]) {
      const e = await refusal(
        issueLicence({ ...decision, licence: licence('京B2-20180910') }, BEIJING, d),
      );
      expect(e.code).toBe('INVALID_INPUT');
    }
    expect(d.store.writes).toBe(0);
  });

  it('refuses a number already in the register', async () => {
    const d = deps();
    await issueLicence({ ...DECISION, licence: licence('京B2-20180910') }, BEIJING, d);
    const e = await refusal(
      issueLicence({ ...DECISION, licence: licence('京B2-20180910') }, BEIJING, d),
    );
    expect(e.code).toBe('CONFLICT');
    expect(d.store.writes).toBe(1);
  });
});

describe('recordRegisterEvent', () => {
  async function issued(today = '2026-03-02') {
    const d = deps(today);
    await issueLicence({ ...DECISION, licence: licence('京B2-20180910') }, BEIJING, d);
    return d;
  }

  it('refuses another authority’s number and a holder, writing nothing', async () => {
    const d = await issued();
    const request = { ...DECISION, kind: 'suspended' as const };
    expect((await refusal(recordRegisterEvent('京B2-20180910', request, SHANGHAI, d))).code).toBe(
      'FORBIDDEN',
    );
    expect((await refusal(recordRegisterEvent('京B2-20180910', request, HOLDER, d))).code).toBe(
      'FORBIDDEN',
    );
    expect(d.store.writes).toBe(1);
  });

  it('refuses an event that is not a register decision, and a number not in the register', async () => {
    const d = await issued();
    const notDecision = { ...DECISION, kind: 'issued' as unknown as 'renewed' };
    expect(
      (await refusal(recordRegisterEvent('京B2-20180910', notDecision, BEIJING, d))).code,
    ).toBe('INVALID_INPUT');
    const suspend = { ...DECISION, kind: 'suspended' as const };
    expect((await refusal(recordRegisterEvent('京B2-20990101', suspend, BEIJING, d))).code).toBe(
      'NOT_FOUND',
    );
    expect(d.store.writes).toBe(1);
  });

  it('renews in time: a new certificate issued on the decision day, valid from the day after the old expiry', async () => {
    const d = await issued('2027-11-15');
    const renewed = await recordRegisterEvent(
      '京B2-20180910',
      { ...DECISION, kind: 'renewed', expiresOn: '2033-01-01' },
      BEIJING,
      d,
    );
    expect(renewed).toMatchObject({ version: 2, status: 'valid', provenance: 'issued' });
    expect(renewed.licence).toMatchObject({
      issuedOn: '2027-11-15',
      validFrom: '2028-01-02',
      expiresOn: '2033-01-01',
    });
    const events = await d.store.listEvents('bj-authority', '京B2-20180910');
    expect(events.at(-1)).toMatchObject({
      kind: 'renewed',
      on: '2027-11-15',
      data: { decisionNumber: DECISION.decisionNumber, expiresOn: '2033-01-01' },
    });
  });

  it('renews after a lapse (applied for in time): valid from the decision day', async () => {
    const d = await issued('2027-10-01');
    await recordRegisterEvent(
      '京B2-20180910',
      { ...DECISION, kind: 'renewal-applied' },
      BEIJING,
      d,
    );
    const renewed = await recordRegisterEvent(
      '京B2-20180910',
      { ...DECISION, kind: 'renewed', on: '2028-01-10', expiresOn: '2033-01-10' },
      BEIJING,
      d,
    );
    expect(renewed.licence).toMatchObject({
      issuedOn: '2028-01-10',
      validFrom: '2028-01-10',
      expiresOn: '2033-01-10',
    });
    expect(renewed.version).toBe(3);
  });
});

describe('findRegisterEntry', () => {
  it('finds the entry at the authority whose jurisdiction covers the number, else absent or none', async () => {
    const d = deps();
    await issueLicence({ ...DECISION, licence: licence('京B2-20180910') }, BEIJING, d);
    expect(await findRegisterEntry('京B2-20180910', d)).toMatchObject({
      kind: 'register',
      authority: { id: 'bj-authority' },
      status: 'valid',
      version: 1,
    });
    expect(await findRegisterEntry('沪B2-20200731', d)).toEqual({
      kind: 'absent',
      authority: { id: 'sh-authority', name: '上海市通信管理局' },
    });
    expect(await findRegisterEntry('粤B2-20200731', d)).toEqual({ kind: 'none' });
  });
});
