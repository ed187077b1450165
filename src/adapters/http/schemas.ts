/**
 * Transport schemas (zod 4): request validation and, through fastify-type-provider-zod, the OpenAPI
 * 3.1 document. Domain schemas (the licence record, the parse result) come from the core unchanged.
 */
import { z } from 'zod';
import { PublicAnnualReportSchema, PublicListingSchema } from './annual-report-schemas.js';
import { CountRule } from '../../core/calendar/explain.js';
import { CHECK_SCHEMA_ID, LicenceStatus, Severity } from '../../core/checks/index.js';
import { LicenceSchema, LicensedServiceSchema, ParseResultSchema } from '../../core/licence.js';
import { EventKindSchema } from '../../core/obligations/events.js';
import { LICENCE_EVENT_KINDS, LICENCE_STATUSES } from '../../core/lifecycle/lifecycle.js';

export const LicenceStatusSchema = z.enum(LICENCE_STATUSES as [string, ...string[]]);
export const LicenceEventKindSchema = z.enum(LICENCE_EVENT_KINDS as [string, ...string[]]);
import { IsoDate, list } from './schema-helpers.js';
import { RegressionSchema } from './problem.js';
import { pageOf, pageQuery, PAGE_MAX } from './paging.js';

/** Occurrences per page of GET /deadlines when the client names no limit. */
export const DEADLINES_PAGE_DEFAULT = 100;
import {
  AuthorityRefSchema,
  ProvenanceSchema,
  RegisterSummarySchema,
  ValiditySchema,
  VerdictSchema,
} from './trust-schemas.js';

export * from './trust-schemas.js';

export const NumberParams = z.object({
  number: z.string().min(1).max(100).describe('licence number, any written form (京B2-20180910)'),
});

export const DocumentParams = NumberParams.extend({
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/u, 'expected 64 hexadecimal digits')
    .describe('the document’s SHA-256, as GET /licences/{number}/documents lists it'),
});

export const DocumentPageParams = DocumentParams.extend({
  page: z
    .string()
    .regex(/^[1-9][0-9]{0,3}$/u, 'expected a page number from 1')
    .describe('1-based page number'),
});

export const StoredLicenceSchema = z
  .object({
    number: z.string(),
    status: LicenceStatusSchema.describe('as recorded by events'),
    currentStatus: LicenceStatusSchema.describe('as of today (past expiry counts as expired)'),
    provenance: ProvenanceSchema,
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    licence: LicenceSchema,
  })
  .meta({ id: 'StoredLicence' });

export const LicenceQuerySchema = z.object({
  number: z
    .string()
    .max(100)
    .optional()
    .describe('a licence number in any written form, or a part of one (20180910, B2-2018)'),
  domain: z.string().max(300).optional(),
  company: z.string().max(200).optional(),
  status: z
    .string()
    .regex(/^[a-z-]+(,[a-z-]+)*$/u)
    .optional()
    .describe(`comma-separated: ${LICENCE_STATUSES.join(', ')}`),
  service: z
    .string()
    .max(20)
    .optional()
    .describe('a catalogue code (B25, B24-1, B2): a service of that code or under it'),
  'expiring-within': z.coerce.number().int().min(0).max(3650).optional().describe('days'),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(500).optional(),
});

export const VersionSchema = z.object({
  number: z.string(),
  version: z.number().int(),
  status: LicenceStatusSchema,
  licence: LicenceSchema,
  provenance: ProvenanceSchema,
  documentSha256: z.string().nullable(),
  recordedAt: z.string(),
});

export const EventSchema = z.object({
  number: z.string(),
  kind: LicenceEventKindSchema,
  on: z.string(),
  note: z.string().nullable(),
  actor: z.string(),
  recordedAt: z.string(),
  version: z.number().int(),
  status: LicenceStatusSchema,
  data: z
    .object({
      expiresOn: z.string().optional(),
      year: z.number().optional(),
      decisionNumber: z.string().optional().describe('a register decision’s 文号'),
    })
    .nullable(),
});

export const HistorySchema = z.object({
  licence: StoredLicenceSchema,
  versions: list(VersionSchema),
  events: list(EventSchema),
});

export const LicenceDocumentsSchema = pageOf(
  z.object({ version: z.number().int(), sha256: z.string(), recordedAt: z.string() }),
);

export const LifecycleEventBodySchema = z.strictObject({
  kind: LicenceEventKindSchema.describe('a lifecycle event (docs/registry.md)'),
  on: IsoDate.optional().describe('the day it happened (default today, Asia/Shanghai)'),
  note: z.string().max(2000).nullable().optional(),
  expiresOn: IsoDate.optional().describe('renewed: the new expiry'),
  year: z.number().int().min(1990).max(2100).optional().describe('annual report, inspection'),
  expectedVersion: z.number().int().min(1).optional().describe('optimistic lock: 409 if moved on'),
});

export const ObligationEventBodySchema = z.strictObject({
  kind: EventKindSchema.describe('an obligation event (docs/deadlines.md): starts a deadline'),
  date: IsoDate.describe('the day it happened'),
  note: z.string().max(2000).nullable().optional(),
});

export const EventBodySchema = z.union([LifecycleEventBodySchema, ObligationEventBodySchema]);

export const ObligationEventSchema = z.object({
  id: z.string(),
  number: z.string(),
  kind: EventKindSchema,
  date: z.string(),
  note: z.string().nullable(),
  actor: z.string(),
  recordedAt: z.string(),
});

export const SeveritySchema = z.enum(Severity).describe('error, warning or info');

/** One finding of the checks: the core's `Finding` (src/core/checks/finding.ts), field for field. */
export const FindingSchema = z
  .object({
    ruleId: z.string(),
    severity: SeveritySchema,
    message: z.string().describe('zh-CN, naming the values found'),
    messageEn: z.string(),
    fields: list(z.string()).describe('field paths of the record the rule looked at'),
    evidence: list(z.object({ line: z.number().int(), text: z.string() })).describe(
      'the document lines behind those fields (1-based, as in ParseResult.evidence); empty without a document',
    ),
    basis: z.string().describe('the regulation article or practice the rule rests on (zh-CN)'),
    basisEn: z.string(),
  })
  .meta({ id: 'Finding' });

export const CheckReportSchema = z
  .object({
    schema: z.literal(CHECK_SCHEMA_ID),
    licence: LicenceSchema.describe('the record checked'),
    status: z
      .enum(LicenceStatus)
      .describe('where the licence stands on the day checked (expiring: at most 90 days left)'),
    findings: list(FindingSchema).describe(
      'errors first, then warnings, then info; the register findings (register-mismatch, not-in-register, register-unavailable) included',
    ),
    verdict: VerdictSchema,
    verdictReason: z.string().describe('why, zh-CN'),
    verdictReasonEn: z.string(),
    validity: ValiditySchema,
    register: RegisterSummarySchema.nullable().describe(
      'the register entry or confirmation compared with; null when there was none',
    ),
  })
  .meta({
    id: 'CheckReport',
    description: 'the checks’ report, xuke.check/v1 (xuke check --json)',
  });

export const DocumentTextSchema = z
  .object({
    lines: list(z.string()).describe(
      'line N of the extracted text (an evidence line number) is lines[N-1], as printed; whole lines, at most 2 MiB of UTF-8',
    ),
    lineCount: z.number().int().describe('the lines of the whole text'),
    truncated: z
      .boolean()
      .describe('true when the text is longer than the bound: lines holds its first lines'),
  })
  .meta({
    id: 'DocumentText',
    description:
      'the text the parser read (a text file decoded, a PDF’s text layer, OCR of a scan), by line',
  });

export const DocumentResultSchema = z.object({
  parse: ParseResultSchema,
  report: CheckReportSchema,
  text: DocumentTextSchema,
  corrected: z
    .array(z.string())
    .readonly()
    .optional()
    .describe(
      'with a multipart record field: the top-level fields it changed from the parsed record (what report checks and save stores)',
    ),
  saved: z
    .object({
      outcome: z.enum(['created', 'changed', 'unchanged']),
      licence: StoredLicenceSchema,
    })
    .nullable()
    .describe('with ?save=true: how the registry took it'),
  regressions: z
    .array(RegressionSchema)
    .readonly()
    .optional()
    .describe(
      'when the organisation holds the licence the document names: what this reading loses against the held version (empty: nothing); a save of a reading that loses something is 409 REGRESSION unless force=true',
    ),
});

export const DocumentQuerySchema = z.object({
  save: z.enum(['true', 'false']).default('false'),
  force: z
    .enum(['true', 'false'])
    .default('false')
    .describe(
      'with save=true: save a new version even when it loses what the held version has (the note records the regressions); without it such a save is 409 REGRESSION',
    ),
  acknowledge: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe(
      'with save=true: the reason a mismatch or suspect document is saved anyway (audited); without it such a save is 409 ACKNOWLEDGEMENT_REQUIRED',
    ),
  name: z.string().max(200).optional().describe('the file name, for messages'),
});

export const EvidenceFileViewSchema = z
  .object({
    name: z.string().describe('the file’s name as uploaded'),
    mediaType: z.string().describe('what it is stored and downloaded as, told by its content'),
    size: z.number().int().describe('bytes'),
    sha256: z.string().describe('hex, lower case; recorded in the audit entry of the completion'),
    url: z.string().describe('where to download it (the same token as this answer; an attachment)'),
  })
  .meta({
    id: 'EvidenceFile',
    description: 'a file uploaded as evidence, stored with the completion',
  });

export const OccurrenceDoneSchema = z
  .object({
    occurrenceId: z.string(),
    on: z.string().describe('the day it was done'),
    evidence: z.object({
      note: z.string().nullable(),
      document: z
        .string()
        .nullable()
        .describe(
          'the sha256 of a document kept as evidence (the evidence file’s, when there is one)',
        ),
      file: EvidenceFileViewSchema.nullable().describe(
        'the file uploaded with the completion; null when none was',
      ),
    }),
    actor: z.string().optional().describe('who marked it done (stored completions)'),
    recordedAt: z.string().optional(),
  })
  .describe('the occurrence marked done, with its evidence');

const DateRangeSchema = z.object({ from: z.string(), to: z.string() });

export const SpecialDaySchema = z.object({
  date: z.string(),
  name: z.string().describe('the holiday it belongs to: 元旦, 春节, 国庆节 …'),
  kind: z.enum(['holiday', 'adjusted-workday']),
  notices: list(z.string()).describe('gov.cn URLs of the notices; empty for an estimated day'),
  estimated: z.boolean().describe('not from a notice: a statutory holiday assumed for its year'),
});

export const ExplanationSchema = z
  .object({
    rule: z.enum(Object.values(CountRule)).describe('the counting rule (docs/deadlines.md)'),
    basis: z.string().describe('the legal basis of the counting rule'),
    basisEn: z.string(),
    from: z.string().describe('the day counted from (the event, or the expiry counting back)'),
    count: z
      .number()
      .int()
      .nullable()
      .describe('the days or working days counted; null for fixed dates and the same day'),
    crossed: list(SpecialDaySchema).describe(
      'holidays and adjusted working days that moved or bounded the result',
    ),
    notices: list(z.string()).describe('the gov.cn notice URLs of the crossed days'),
    provisional: z.boolean(),
    unknown: DateRangeSchema.nullable().describe(
      'the days the count touched that no notice covers yet',
    ),
    text: z.string().describe('the whole reasoning in a sentence or three'),
    textEn: z.string(),
  })
  .describe('how the due date was counted: the rule, its basis, the days crossed');

export const OccurrenceSchema = z.object({
  id: z.string(),
  obligation: z.string(),
  title: z.string(),
  titleEn: z.string(),
  trigger: z
    .object({
      kind: z.enum(['event', 'expiry', 'annual']),
      event: EventKindSchema.nullable().describe('the obligation event, when kind is event'),
      date: z.string().describe('the event day, the expiry date, or the first day of the period'),
      note: z.string().nullable(),
    })
    .describe('what started this occurrence'),
  dueOn: z.string(),
  actBy: z.string().describe('the last working day on or before dueOn'),
  workdaysLeft: z
    .number()
    .int()
    .nullable()
    .describe(
      'working days in (today, actBy] on China’s working-day calendar: 0 when actBy is today, null once actBy has passed; an estimate when provisional',
    ),
  window: DateRangeSchema.nullable().describe(
    'the period in which it can be done, when the rule gives one',
  ),
  status: z.string(),
  provisional: z
    .boolean()
    .describe('the date (and workdaysLeft) touch days no holiday notice covers yet'),
  source: z.string().describe('where the duty comes from'),
  sourceEn: z.string(),
  explanation: ExplanationSchema,
  reason: z
    .object({ zh: z.string(), en: z.string() })
    .nullable()
    .describe('why it does not bind this holder (status not-applicable)'),
  done: OccurrenceDoneSchema.nullable(),
});

export const ObligationSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  titleEn: z.string(),
  trigger: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('event'), event: EventKindSchema }),
      z.object({ kind: z.literal('expiry') }),
      z.object({ kind: z.literal('annual'), covers: z.enum(['previous-year', 'current-year']) }),
      z.object({ kind: z.literal('continuous') }),
    ])
    .describe('its cycle: an event, the expiry, once a year, or a standing duty'),
  source: z.string(),
  sourceEn: z.string(),
  applicable: z.boolean(),
  reason: z.string(),
  reasonEn: z.string(),
});

export const ProvisionApplicabilitySchema = z.object({
  id: z.string().describe('the provision’s number on the licence'),
  appliesTo: z.string().describe('the service it is marked （适用于…） for'),
  applicable: z.boolean(),
  reason: z.string(),
  reasonEn: z.string(),
});

export const DeadlinesReportSchema = z
  .object({
    schema: z.literal('xuke.deadlines/v1'),
    today: z.string().describe('the day computed for (Asia/Shanghai)'),
    calendarKnownUntil: z
      .string()
      .nullable()
      .describe('the last day holiday notices cover; later dates are provisional'),
    licence: z.object({
      number: z.string().nullable(),
      holder: z.string().nullable(),
      expiresOn: z.string().nullable(),
    }),
    occurrences: list(OccurrenceSchema),
    obligations: list(ObligationSummarySchema).describe(
      'every obligation of the catalogue, applicable to this licence or not, and why',
    ),
    provisions: list(ProvisionApplicabilitySchema).describe(
      'the licence’s provisions marked for a service, and whether they bind the holder',
    ),
    events: list(
      z.object({ kind: EventKindSchema, date: z.string(), note: z.string().nullable() }),
    ).describe('the obligation events the occurrences were computed from'),
  })
  .describe('xuke.deadlines/v1 (docs/deadlines.md)');

export const DeadlinesQuerySchema = z.object({
  status: z
    .string()
    .regex(/^[a-z-]+(,[a-z-]+)*$/u)
    .optional()
    .describe('comma-separated: overdue, due-soon, upcoming, done, not-applicable'),
  from: IsoDate.optional().describe('due on or after'),
  to: IsoDate.optional().describe('due on or before'),
  ...pageQuery(DEADLINES_PAGE_DEFAULT, PAGE_MAX),
});

export const LicenceOccurrenceSchema = z
  .object({ licence: z.string(), ...OccurrenceSchema.shape })
  .meta({ id: 'LicenceOccurrence' });

export const OrganisationDeadlinesSchema = pageOf(LicenceOccurrenceSchema).describe(
  'by licence number, then due date, then occurrence id; a page may hold fewer than limit (a filter that matches little), even none: only a null next is the end',
);

export const OccurrenceParams = NumberParams.extend({
  occurrenceId: z
    .string()
    .min(3)
    .max(100)
    .regex(/^[a-z-]+@[\w-]+$/u)
    .describe('the occurrence id: renewal@2023-05-03, annual-report@2022'),
});

export const DoneBodySchema = z.strictObject({
  on: IsoDate.optional().describe('the day it was done (default today, Asia/Shanghai; not later)'),
  note: z
    .string()
    .min(1)
    .max(2000)
    .describe('the evidence in words: a receipt number, the filing system, who did it'),
  documentSha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/u)
    .optional()
    .describe(
      'the sha256 of a document kept as evidence elsewhere; with a file, the file’s (checked: 400 when they differ)',
    ),
});

/** The mark-done form as multipart/form-data: the same fields as text, and the evidence file. */
export const DoneFormSchema = DoneBodySchema.extend({
  file: z
    .string()
    .meta({ format: 'binary' })
    .optional()
    .describe(
      'the evidence file (10 MiB at most; one): stored with the completion, downloadable from done.evidence.file.url',
    ),
});

export const CalendarDaysQuerySchema = z.object({
  from: IsoDate.describe('first day'),
  to: IsoDate.describe('last day (at most 62 days from the first, both included)'),
});

export const CalendarDaysSchema = z.object({
  days: list(
    z.object({
      date: z.string(),
      workday: z.boolean(),
      kind: z.enum(['workday', 'weekend', 'holiday', 'adjusted-workday']),
      holiday: z
        .string()
        .nullable()
        .describe('the holiday a day off or an adjusted working day (调休上班) belongs to'),
      holidayEn: z.string().nullable(),
      known: z
        .boolean()
        .describe('false where no State Council notice covers the day yet: an estimate'),
    }),
  ),
});

export const CalendarQuerySchema = z.object({
  key: z.string().min(10).max(200),
  lang: z.enum(['zh', 'en']).default('zh'),
});

export const CalendarKeySchema = z.object({
  id: z.string(),
  key: z.string().describe('shown once'),
  url: z.string().describe('the feed URL, secret: anyone holding it reads the deadlines'),
});

export const WebhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  createdAt: z.string(),
});

export const WebhookBodySchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/u })
    .max(2000)
    .describe('receives reminders as signed JSON POSTs'),
  description: z.string().max(500).default(''),
});

export const CreatedWebhookSchema = WebhookSchema.extend({
  secret: z.string().describe('HMAC-SHA256 key of the X-Xuke-Signature header: shown once'),
});

export const IdParams = z.object({ id: z.string().min(1).max(100) });

export const WebhookTestSchema = z.object({
  ok: z.boolean(),
  status: z
    .number()
    .int()
    .nullable()
    .describe('the receiver’s HTTP status; null when none answered'),
  error: z
    .string()
    .nullable()
    .describe('why it failed and what to do, in English words (URL secrets masked); null when ok'),
  errorZh: z.string().nullable().describe('the same in zh-CN; null when ok'),
});

const AuditDay = z.iso.date().describe('a calendar day in China (UTC+8), YYYY-MM-DD');

export const AuditQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0).describe('entries with seq greater than this'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  person: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('a person’s id: their own actions and those of the tokens they created'),
  licence: z.string().min(1).max(100).optional().describe('a licence number, as written'),
  action: z.string().min(1).max(100).optional().describe('an action, e.g. licence.registered'),
  from: AuditDay.optional(),
  to: AuditDay.optional().describe('inclusive'),
});

export const AuditPageSchema = z.object({
  items: list(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      actor: z.string(),
      action: z.string(),
      subject: z.string(),
      payload: z.unknown(),
      hash: z.string(),
      by: z
        .object({
          kind: z.enum(['person', 'token', 'other']),
          name: z
            .string()
            .describe('the person; for a token, the person who created it, else its name'),
          email: z.string().nullable(),
          personId: z.string().nullable(),
          tokenName: z.string().nullable(),
          createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
        })
        .describe('who, from the actor string (docs/accounts.md)'),
      address: z.string().nullable().describe('the client’s address, when recorded'),
    }),
  ),
  next: z.number().int().nullable().describe('pass as after for the next page'),
});

export const AuditVerificationSchema = z.union([
  z.object({ ok: z.literal(true), entries: z.number().int(), head: z.string() }),
  z.object({
    ok: z.literal(false),
    entries: z.number().int(),
    seq: z.number().int(),
    reason: z.string(),
    reasonEn: z.string(),
  }),
]);

export const ScanBodySchema = z.strictObject({
  url: z.url({ protocol: /^https?$/u }).max(2000),
  licence: z
    .string()
    .max(100)
    .optional()
    .describe('compare with this registry licence; default: the licence of the site’s domain'),
});

export const ScanJobSchema = z.object({
  id: z.string(),
  url: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  report: z.looseObject({ schema: z.string() }).nullable().describe('xuke.scan/v1'),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

export const PublicLicenceSchema = z
  .object({
    number: z.string(),
    status: LicenceStatusSchema.describe('as of today'),
    holder: z.string().nullable(),
    // every field of a licensed service is public (the licence's public notice shows them all)
    services: z.array(LicensedServiceSchema),
    websites: z.array(z.object({ name: z.string().nullable(), domains: z.array(z.string()) })),
    issuer: z.string().nullable(),
    issuedOn: z.string().nullable(),
    validFrom: z.string().nullable(),
    expiresOn: z.string().nullable(),
    provenance: ProvenanceSchema.describe(
      'issued: the register’s record; declared: a holder’s own record, published by its choice and not verified by the issuer',
    ),
    authority: AuthorityRefSchema.nullable().describe(
      'the issuing authority whose register answers',
    ),
    registerVersion: z.number().int(),
    registerUpdatedAt: z.string().describe('the register’s last change'),
    verificationUrl: z.string().describe('this verification’s stable link (/verify/{number})'),
    notice: z.string().nullable().describe('zh-CN: what this answer does and does not prove'),
    noticeEn: z.string().nullable(),
    annualReports: z
      .array(PublicAnnualReportSchema)
      .describe('accepted annual reports, their published part only (art. 35 para. 2)'),
    creditListings: z
      .array(PublicListingSchema)
      .describe(
        'the holder’s entries on the 不良名单 / 失信名单 for this licence, current and removed',
      ),
  })
  .meta({ id: 'PublicLicence' });

export const RegisterQuerySchema = LicenceQuerySchema;

export const RegisterPageSchema = z.object({
  items: list(StoredLicenceSchema),
  next: z.string().nullable(),
  counts: z
    .record(z.string(), z.number().int())
    .describe('the whole register’s entries by status as of today'),
});

export const LicenceTrustSchema = z
  .object({
    verdict: VerdictSchema,
    verdictReason: z.string(),
    verdictReasonEn: z.string(),
    validity: ValiditySchema,
    register: RegisterSummarySchema.nullable(),
    topFinding: FindingSchema.nullable().describe('the most severe finding'),
    errors: z.number().int(),
    warnings: z.number().int(),
  })
  .meta({ id: 'LicenceTrust' });

export const HealthSchema = z.object({ status: z.literal('ok') });
export const ReadySchema = z.object({ status: z.literal('ready'), database: z.literal('ok') });

export const LicencePageSchema = z.object({
  items: list(
    StoredLicenceSchema.extend({
      trust: LicenceTrustSchema.nullable().describe(
        'the record compared with the register as of today: verdict, top finding',
      ),
    }),
  ),
  next: z.string().nullable().describe('pass as cursor for the next page; null on the last'),
});
