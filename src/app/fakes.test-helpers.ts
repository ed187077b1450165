/**
 * In-memory fakes of the ports the use cases need, for their unit tests beside them: no database,
 * no HTTP. Each keeps the port's documented contract where a use case relies on it (CONFLICT on a
 * second create or a stale version, NOT_FOUND on an unknown licence) and records every write, so a
 * test can say that a refused request wrote nothing.
 */
import { DomainError } from '../core/errors.js';
import type { IsoDate, Licence } from '../core/licence.js';
import type {
  JurisdictionKey,
  OfficialConfirmation,
  OrganisationKind,
} from '../core/trust/types.js';
import type { Clock } from '../ports/clock.js';
import type { ConfirmationStore } from '../ports/confirmation-store.js';
import type {
  LicenceEvent,
  LicenceQuery,
  LicenceStore,
  LicenceUpdate,
  LicenceVersion,
  NewLicence,
  Page,
  StoredLicence,
} from '../ports/licence-store.js';
import type {
  NewOrganisation,
  Organisation,
  OrganisationStore,
} from '../ports/organisation-store.js';
import type { TrustDeps } from './registry/registry-deps.js';

/** A clock pinned to noon (Asia/Shanghai) of `today`. */
/** The DomainError `p` is refused with; the test fails when it succeeds or throws anything else. */
export async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof DomainError)) {
    throw new Error(
      `expected a DomainError, got ${e === undefined ? 'success' : e instanceof Error ? e.message : 'a non-error'}`,
    );
  }
  return e;
}

export function fixedClock(today: IsoDate): Clock {
  return { now: () => new Date(`${today}T04:00:00Z`), today: () => today };
}

const STAMP = '2026-01-01T00:00:00.000Z';

/** LicenceStore over maps, per organisation; `writes` counts every create and update. */
export class FakeLicenceStore implements LicenceStore {
  readonly licences = new Map<string, StoredLicence>();
  readonly versions = new Map<string, LicenceVersion[]>();
  readonly events = new Map<string, LicenceEvent[]>();
  writes = 0;

  private static key(org: string, number: string): string {
    return `${org}\u0000${number}`;
  }

  transaction<T>(fn: (store: LicenceStore) => Promise<T>): Promise<T> {
    return fn(this);
  }

  findLicence(org: string, number: string): Promise<StoredLicence | undefined> {
    return Promise.resolve(this.licences.get(FakeLicenceStore.key(org, number)));
  }

  findLicences(org: string, query: LicenceQuery): Promise<Page<StoredLicence>> {
    const items = [...this.licences.values()]
      .filter((l) => l.organisation === org)
      .filter((l) => query.number === undefined || l.number === query.number)
      .filter((l) => query.numberContains === undefined || l.number.includes(query.numberContains))
      .sort((a, b) => (a.number < b.number ? -1 : 1))
      .slice(0, query.limit);
    return Promise.resolve({ items, next: null });
  }

  countLicences(org: string): Promise<number> {
    return Promise.resolve(
      [...this.licences.values()].filter((l) => l.organisation === org).length,
    );
  }

  createLicences(org: string, items: readonly NewLicence[]): Promise<StoredLicence[]> {
    for (const item of items) {
      if (this.licences.has(FakeLicenceStore.key(org, item.licence.number))) {
        return Promise.reject(new DomainError('CONFLICT', '已存在', 'exists'));
      }
    }
    this.writes += 1;
    return Promise.resolve(
      items.map((item) =>
        this.write(org, item.licence.number, 1, item.licence, item.status, item.provenance, item),
      ),
    );
  }

  updateLicence(org: string, update: LicenceUpdate): Promise<StoredLicence> {
    const current = this.licences.get(FakeLicenceStore.key(org, update.number));
    if (current === undefined) {
      return Promise.reject(new DomainError('NOT_FOUND', '未找到', 'not found'));
    }
    if (current.version !== update.expectedVersion) {
      return Promise.reject(new DomainError('CONFLICT', '版本已变', 'version changed'));
    }
    this.writes += 1;
    return Promise.resolve(
      this.write(
        org,
        update.number,
        current.version + 1,
        update.licence,
        update.status,
        update.provenance,
        update,
      ),
    );
  }

  private write(
    org: string,
    number: string,
    version: number,
    licence: Licence,
    status: StoredLicence['status'],
    provenance: StoredLicence['provenance'],
    from: NewLicence | LicenceUpdate,
  ): StoredLicence {
    const key = FakeLicenceStore.key(org, number);
    const stored: StoredLicence = {
      organisation: org,
      number,
      status,
      version,
      licence,
      provenance,
      createdAt: this.licences.get(key)?.createdAt ?? STAMP,
      updatedAt: STAMP,
    };
    this.licences.set(key, stored);
    this.versions.set(key, [
      ...(this.versions.get(key) ?? []),
      {
        number,
        version,
        status,
        licence,
        provenance,
        documentSha256: from.document?.sha256 ?? null,
        recordedAt: STAMP,
      },
    ]);
    this.events.set(key, [
      ...(this.events.get(key) ?? []),
      { ...from.event, number, recordedAt: STAMP, version, status },
    ]);
    return stored;
  }

  listVersions(org: string, number: string): Promise<LicenceVersion[]> {
    return Promise.resolve(this.versions.get(FakeLicenceStore.key(org, number)) ?? []);
  }

  listEvents(org: string, number: string): Promise<LicenceEvent[]> {
    return Promise.resolve(this.events.get(FakeLicenceStore.key(org, number)) ?? []);
  }

  listRecentEvents(): Promise<LicenceEvent[]> {
    return Promise.reject(new Error('not faked'));
  }

  hasDocument(): Promise<boolean> {
    return Promise.resolve(false);
  }

  findLicenceDocument(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  verifyAudit(): Promise<never> {
    return Promise.reject(new Error('not faked'));
  }
}

/** OrganisationStore over a map. */
export class FakeOrganisationStore implements OrganisationStore {
  readonly organisations = new Map<string, Organisation>();

  add(
    id: string,
    kind: OrganisationKind,
    name: string,
    jurisdiction: readonly JurisdictionKey[] = [],
  ): Organisation {
    const org: Organisation = {
      id,
      name,
      kind,
      jurisdiction,
      publishDeclared: false,
      mirrorOf: null,
      createdAt: STAMP,
    };
    this.organisations.set(id, org);
    return org;
  }

  createOrganisation(org: NewOrganisation): Promise<Organisation> {
    if (this.organisations.has(org.id)) {
      return Promise.reject(new DomainError('CONFLICT', '已存在', 'exists'));
    }
    return Promise.resolve(this.add(org.id, org.kind, org.name, org.jurisdiction));
  }

  setPublishDeclared(id: string, publish: boolean): Promise<Organisation> {
    const org = this.organisations.get(id);
    if (org === undefined)
      return Promise.reject(new DomainError('NOT_FOUND', '未找到', 'not found'));
    const next = { ...org, publishDeclared: publish };
    this.organisations.set(id, next);
    return Promise.resolve(next);
  }

  recordSwitch(): Promise<void> {
    return Promise.resolve();
  }

  findOrganisation(id: string): Promise<Organisation | undefined> {
    return Promise.resolve(this.organisations.get(id));
  }

  listOrganisations(): Promise<Organisation[]> {
    return Promise.resolve([...this.organisations.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
  }

  async listAuthorities(): Promise<Organisation[]> {
    return (await this.listOrganisations()).filter((o) => o.kind === 'authority');
  }
}

/** ConfirmationStore over a list. */
export class FakeConfirmationStore implements ConfirmationStore {
  readonly confirmations: { org: string; confirmation: OfficialConfirmation }[] = [];

  recordConfirmation(org: string, confirmation: OfficialConfirmation): Promise<void> {
    this.confirmations.push({ org, confirmation });
    return Promise.resolve();
  }

  async latestConfirmation(org: string, number: string): Promise<OfficialConfirmation | undefined> {
    return (await this.listConfirmations(org, number))[0];
  }

  listConfirmations(org: string, number: string): Promise<OfficialConfirmation[]> {
    return Promise.resolve(
      this.confirmations
        .filter((c) => c.org === org && c.confirmation.number === number)
        .map((c) => c.confirmation)
        .reverse(),
    );
  }
}

/** TrustDeps of fakes, with the fakes themselves to arrange and inspect. */
export function fakeTrustDeps(today: IsoDate = '2026-03-02'): TrustDeps & {
  readonly store: FakeLicenceStore;
  readonly organisations: FakeOrganisationStore;
  readonly confirmations: FakeConfirmationStore;
} {
  return {
    store: new FakeLicenceStore(),
    clock: fixedClock(today),
    organisations: new FakeOrganisationStore(),
    confirmations: new FakeConfirmationStore(),
    confirmationDays: 90,
  };
}
