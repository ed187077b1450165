/**
 * Organisations and official-query confirmations on Kysely (SQLite and PostgreSQL); rows mapped
 * here and never leave. Every change is written with its audit entry in the organisation's chain,
 * in one transaction.
 */
import type { Kysely, Selectable } from 'kysely';
import { DomainError } from '../../core/errors.js';
import {
  ORGANISATION_KINDS,
  type OfficialConfirmation,
  type OrganisationKind,
} from '../../core/trust/types.js';
import type { Clock } from '../../ports/clock.js';
import type { ConfirmationStore } from '../../ports/confirmation-store.js';
import type { SourceDocument } from '../../ports/licence-store.js';
import type {
  NewOrganisation,
  Organisation,
  OrganisationStore,
} from '../../ports/organisation-store.js';
import { appendAuditEntries } from './append-audit.js';
import type { Database } from './tables/database.js';
import type { ConfirmationTable, OrganisationTable } from './tables/organisation.table.js';
import { inWriteTransaction } from './write-transaction.js';

function rowToOrganisation(r: Selectable<OrganisationTable>): Organisation {
  const kind = r.kind as OrganisationKind;
  if (!ORGANISATION_KINDS.includes(kind)) {
    throw new DomainError(
      'STORAGE_FAILURE',
      `机构 ${r.id} 的类型 ${r.kind} 无效`,
      `Organisation ${r.id} has an unknown kind ${r.kind}`,
    );
  }
  return {
    id: r.id,
    name: r.name,
    kind,
    jurisdiction: r.jurisdiction === null ? [] : r.jurisdiction.split(',').filter((k) => k !== ''),
    publishDeclared: r.publish_declared !== 0,
    mirrorOf: r.mirror_of,
    createdAt: r.created_at,
  };
}

function organisationPayload(o: Organisation): string {
  return JSON.stringify({
    name: o.name,
    kind: o.kind,
    jurisdiction: o.jurisdiction,
    publishDeclared: o.publishDeclared,
  });
}

export class KyselyOrganisationStore implements OrganisationStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async createOrganisation(org: NewOrganisation, actor: string): Promise<Organisation> {
    const at = this.clock.now().toISOString();
    return inWriteTransaction(this.db, async (trx) => {
      const existing = await trx
        .selectFrom('organisations')
        .selectAll()
        .where('id', '=', org.id)
        .executeTakeFirst();
      const values = {
        name: org.name,
        kind: org.kind,
        jurisdiction: org.jurisdiction.length === 0 ? null : org.jurisdiction.join(','),
        publish_declared: org.publishDeclared ? 1 : 0,
        mirror_of: org.mirrorOf ?? null,
      };
      // A placeholder (created by a token or an import, named by its id, holding no licence yet)
      // takes its real shape; an organisation with records keeps its kind: a holder's declared
      // copies must never become register entries.
      const holdsLicences =
        existing !== undefined &&
        (await trx
          .selectFrom('licences')
          .select('id')
          .where('organisation_id', '=', org.id)
          .limit(1)
          .executeTakeFirst()) !== undefined;
      if (
        existing !== undefined &&
        (holdsLicences || !(existing.name === existing.id && existing.kind === 'holder'))
      ) {
        throw new DomainError(
          'CONFLICT',
          `机构 ${org.id} 已存在`,
          `Organisation ${org.id} already exists`,
        );
      }
      if (existing === undefined) {
        await trx
          .insertInto('organisations')
          .values({ id: org.id, created_at: at, ...values })
          .execute();
      } else {
        await trx.updateTable('organisations').set(values).where('id', '=', org.id).execute();
      }
      const created: Organisation = {
        ...org,
        mirrorOf: org.mirrorOf ?? null,
        createdAt: existing?.created_at ?? at,
      };
      await appendAuditEntries(trx, org.id, at, [
        {
          actor,
          action: 'organisation.created',
          subject: org.id,
          payload: organisationPayload(created),
        },
      ]);
      return created;
    });
  }

  async setPublishDeclared(id: string, publish: boolean, actor: string): Promise<Organisation> {
    const at = this.clock.now().toISOString();
    return inWriteTransaction(this.db, async (trx) => {
      const row = await trx
        .updateTable('organisations')
        .set({ publish_declared: publish ? 1 : 0 })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) {
        throw new DomainError('NOT_FOUND', `未找到机构 ${id}`, `No organisation ${id}`);
      }
      const o = rowToOrganisation(row);
      await appendAuditEntries(trx, id, at, [
        { actor, action: 'organisation.changed', subject: id, payload: organisationPayload(o) },
      ]);
      return o;
    });
  }

  async recordSwitch(id: string, actor: string, tokenId: string): Promise<void> {
    const at = this.clock.now().toISOString();
    await inWriteTransaction(this.db, (trx) =>
      appendAuditEntries(trx, id, at, [
        { actor, action: 'session.switched', subject: id, payload: JSON.stringify({ tokenId }) },
      ]),
    );
  }

  async findOrganisation(id: string): Promise<Organisation | undefined> {
    const row = await this.db
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && rowToOrganisation(row);
  }

  async listOrganisations(): Promise<Organisation[]> {
    const rows = await this.db.selectFrom('organisations').selectAll().orderBy('id').execute();
    return rows.map(rowToOrganisation);
  }

  async listAuthorities(): Promise<Organisation[]> {
    const rows = await this.db
      .selectFrom('organisations')
      .selectAll()
      .where('kind', '=', 'authority')
      .orderBy('id')
      .execute();
    return rows.map(rowToOrganisation);
  }
}

function rowToConfirmation(r: Selectable<ConfirmationTable>): OfficialConfirmation {
  return {
    id: r.id,
    number: r.number,
    checkedOn: r.checked_on,
    checkedBy: r.checked_by,
    officialStatus: r.official_status,
    holderName: r.holder_name,
    services: JSON.parse(r.services) as OfficialConfirmation['services'],
    validFrom: r.valid_from,
    expiresOn: r.expires_on,
    note: r.note,
    attachmentSha256: r.attachment_sha256,
    dueOn: r.due_on,
    recordedAt: r.recorded_at,
  };
}

export class KyselyConfirmationStore implements ConfirmationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async recordConfirmation(
    org: string,
    c: OfficialConfirmation,
    attachment: SourceDocument | null,
  ): Promise<void> {
    await inWriteTransaction(this.db, async (trx) => {
      await trx
        .insertInto('organisations')
        .values({ id: org, name: org, created_at: c.recordedAt })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      if (attachment !== null) {
        await trx
          .insertInto('documents')
          .values({
            sha256: attachment.sha256,
            format: attachment.format,
            size: attachment.bytes.length,
            bytes: attachment.bytes,
            created_at: c.recordedAt,
          })
          .onConflict((oc) => oc.column('sha256').doNothing())
          .execute();
      }
      await trx
        .insertInto('confirmations')
        .values({
          id: c.id,
          organisation_id: org,
          number: c.number,
          checked_on: c.checkedOn,
          checked_by: c.checkedBy,
          official_status: c.officialStatus,
          holder_name: c.holderName,
          services: JSON.stringify(c.services),
          valid_from: c.validFrom,
          expires_on: c.expiresOn,
          note: c.note,
          attachment_sha256: c.attachmentSha256,
          due_on: c.dueOn,
          recorded_at: c.recordedAt,
        })
        .execute();
      await appendAuditEntries(trx, org, c.recordedAt, [
        {
          actor: c.checkedBy,
          action: 'confirmation.recorded',
          subject: c.number,
          payload: JSON.stringify({ ...c, checkedBy: undefined }),
        },
      ]);
    });
  }

  async latestConfirmation(org: string, number: string): Promise<OfficialConfirmation | undefined> {
    const row = await this.newestFirst(org, number).limit(1).executeTakeFirst();
    return row && rowToConfirmation(row);
  }

  async listConfirmations(org: string, number: string): Promise<OfficialConfirmation[]> {
    return (await this.newestFirst(org, number).execute()).map(rowToConfirmation);
  }

  /** A number's confirmations in the organisation, by the day checked, then recorded, newest first. */
  private newestFirst(org: string, number: string) {
    return this.db
      .selectFrom('confirmations')
      .selectAll()
      .where('organisation_id', '=', org)
      .where('number', '=', number)
      .orderBy('checked_on', 'desc')
      .orderBy('recorded_at', 'desc');
  }
}

/** The trust stores on one database: what `TrustDeps` adds to the registry's store and clock. */
export function kyselyTrustStores(
  db: Kysely<Database>,
  clock: Clock,
  confirmationDays = 90,
): {
  organisations: KyselyOrganisationStore;
  confirmations: KyselyConfirmationStore;
  confirmationDays: number;
} {
  return {
    organisations: new KyselyOrganisationStore(db, clock),
    confirmations: new KyselyConfirmationStore(db),
    confirmationDays,
  };
}
