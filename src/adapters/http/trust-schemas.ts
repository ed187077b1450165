/**
 * Transport schemas of trust (docs/trust.md): provenance, verdict, validity, the register's side of
 * a comparison, organisations, the register's requests and official-query confirmations. Re-exported
 * by schemas.ts.
 */
import { z } from 'zod';
import { REGISTER_EVENT_KINDS } from '../../app/trust/register.js';
import { LicenceSchema } from '../../core/licence.js';
import { ORGANISATION_KINDS, PROVENANCES, VALIDITIES, VERDICTS } from '../../core/trust/types.js';
import { IsoDate, list } from './schema-helpers.js';

export const ProvenanceSchema = z
  .enum(PROVENANCES as [string, ...string[]])
  .describe(
    'who asserts it: issued (the issuing authority’s register), declared (a holder’s or platform’s copy), confirmed (read from the official query by a person), mirrored (reserved)',
  );
export const VerdictSchema = z
  .enum(VERDICTS as [string, ...string[]])
  .describe(
    'verified (matches the register or a current confirmation, no error), mismatch (differs from the register: 与登记不符，疑似伪造), suspect (nothing to compare, an error: 需人工复核), unverified (nothing to compare, no error: 未经发证机关核实)',
  );
export const ValiditySchema = z
  .enum(VALIDITIES as [string, ...string[]])
  .describe('in force on the day: from the register’s status when there is one, else the dates');

export const AuthorityRefSchema = z.object({ id: z.string(), name: z.string() });

export const RegisterSummarySchema = z
  .object({
    provenance: ProvenanceSchema,
    authority: AuthorityRefSchema.nullable(),
    found: z.boolean().describe('false: an authority here covers the number and does not hold it'),
    status: z
      .string()
      .nullable()
      .describe('the register’s status, or the official query’s as written'),
    version: z.number().int().nullable(),
    updatedAt: z.string().nullable(),
    confirmation: z
      .object({
        id: z.string(),
        checkedOn: z.string(),
        checkedBy: z.string(),
        dueOn: z.string(),
        current: z.boolean(),
        attachmentSha256: z.string().nullable(),
      })
      .nullable(),
    differences: list(
      z.object({
        field: z.string(),
        label: z.string(),
        labelEn: z.string(),
        documentValue: z.string(),
        registerValue: z.string(),
        documentOnly: list(z.string())
          .optional()
          .describe('for set-valued fields: the items only the document states'),
        registerOnly: list(z.string())
          .optional()
          .describe('for set-valued fields: the items only the register states'),
      }),
    ),
  })
  .meta({ id: 'RegisterSummary' });

export const OrganisationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(ORGANISATION_KINDS as [string, ...string[]]),
    jurisdiction: list(z.string()).describe('an authority’s: 京, MIIT …; empty otherwise'),
    publishDeclared: z.boolean(),
    mirrorOf: z
      .string()
      .nullable()
      .describe(
        'a mirror of another instance’s register (`URL#origin`), written only by following it; null for this instance’s own',
      ),
    createdAt: z.string(),
  })
  .meta({ id: 'Organisation' });

export const OrganisationBodySchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  kind: z.enum(ORGANISATION_KINDS as [string, ...string[]]),
  jurisdiction: z.string().max(200).optional().describe('authorities: 京,津 or MIIT'),
  publishDeclared: z.boolean().optional(),
});

export const OrganisationSettingsBodySchema = z.strictObject({
  publishDeclared: z
    .boolean()
    .describe('let public verification show this organisation’s declared records, marked as such'),
});

export const SwitchBodySchema = z.strictObject({
  organisation: z.string().min(1).max(64),
});

export const SwitchResultSchema = z.object({
  token: z.string().describe('an admin token of the organisation switched to; shown once'),
  organisation: OrganisationSchema,
});

const DecisionFields = {
  reason: z.string().min(1).max(500).describe('why, in the authority’s words'),
  decisionNumber: z.string().min(1).max(100).describe('the decision’s document number (文号)'),
  on: IsoDate.optional().describe('the decision’s day; default today'),
};

export const IssueBodySchema = z.strictObject({
  licence: LicenceSchema,
  ...DecisionFields,
});

export const RegisterEventBodySchema = z.strictObject({
  kind: z.enum(REGISTER_EVENT_KINDS),
  ...DecisionFields,
  expiresOn: IsoDate.optional().describe('renewed: the new expiry'),
  year: z.number().int().min(1990).max(2100).optional(),
  licence: LicenceSchema.optional().describe('changed: the approved record'),
  expectedVersion: z.number().int().min(1).optional(),
});

export const ConfirmationBodySchema = z.strictObject({
  number: z.string().min(1).max(100),
  checkedOn: z.string().max(40).optional().describe('the day the official query was consulted'),
  officialStatus: z.string().min(1).max(50).describe('as shown: 已发证, 有效, 已注销 …'),
  holderName: z.string().max(200).nullable().optional(),
  services: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(200),
        coverage: z.array(z.string().max(50)).max(40).optional(),
      }),
    )
    .max(50)
    .optional(),
  validFrom: z.string().max(40).nullable().optional(),
  expiresOn: z.string().max(40).nullable().optional(),
  note: z.string().max(1000).nullable().optional(),
  attachment: z
    .strictObject({
      name: z.string().max(200).optional(),
      base64: z.string().max(14_000_000).describe('the screenshot or saved page, base64 (10 MiB)'),
    })
    .optional(),
});

export const ConfirmationSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    provenance: z.literal('confirmed'),
    checkedOn: z.string(),
    checkedBy: z.string(),
    officialStatus: z.string(),
    holderName: z.string().nullable(),
    services: list(z.object({ name: z.string(), coverage: list(z.string()) })),
    validFrom: z.string().nullable(),
    expiresOn: z.string().nullable(),
    note: z.string().nullable(),
    attachmentSha256: z.string().nullable(),
    dueOn: z.string(),
    recordedAt: z.string(),
  })
  .meta({ id: 'Confirmation' });

export const ConfirmationQuerySchema = z.object({ number: z.string().min(1).max(100) });
