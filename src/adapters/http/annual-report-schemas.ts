/** The annual-report cycle's transport schemas (docs/annual-report.md). */
import { z } from 'zod';
import { pageOf, pageQuery } from './paging.js';
import { IsoDate, list } from './schema-helpers.js';

const ReportStatusSchema = z
  .enum(['draft', 'signed-off', 'submitted', 'returned', 'accepted'])
  .describe('draft → signed-off (an admin inside the holder) → submitted → returned | accepted');

const ItemAnswerBody = z.strictObject({
  fields: z
    .record(z.string().max(64), z.unknown())
    .describe(
      'field key → a string (text), a number (count, money in 万元) or service key → number',
    ),
  public: z.boolean().optional().describe('items 5–6: publish it (the holder’s choice)'),
  secretFields: z
    .array(z.string().max(64))
    .max(10)
    .optional()
    .describe('items 1–3: fields withheld from publication as trade secrets'),
});

export const AnswersBodySchema = z
  .strictObject({
    '1': ItemAnswerBody.optional(),
    '2': ItemAnswerBody.optional(),
    '3': ItemAnswerBody.optional(),
    '4': ItemAnswerBody.optional(),
    '5': ItemAnswerBody.optional(),
    '6': ItemAnswerBody.optional(),
  })
  .describe('the six items of art. 35; an item left out is saved empty');

export const DraftBodySchema = z.strictObject({
  year: z.number().int().min(2017).max(9999).describe('the year reported on'),
});

export const SaveBodySchema = z.strictObject({
  answers: AnswersBodySchema,
  expectedVersion: z.number().int().min(1).describe('the version you read: 409 when it moved on'),
});

export const VersionBodySchema = z.strictObject({
  expectedVersion: z.number().int().min(1),
});

export const SubmitBodySchema = z.strictObject({
  expectedVersion: z.number().int().min(1),
  authority: z
    .string()
    .max(64)
    .optional()
    .describe('the authority organisation; default the one whose jurisdiction covers the number'),
});

export const DecisionBodySchema = z.strictObject({
  decision: z.enum(['accept', 'return']),
  reason: z.string().max(2000).optional().describe('required to return: what to correct'),
  decisionNumber: z.string().max(100).optional(),
  expectedVersion: z.number().int().min(1),
});

export const ReportIdParams = z.object({ id: z.string().min(1).max(64) });
export const AttachmentParams = z.object({
  id: z.string().min(1).max(64),
  attachment: z.string().min(1).max(64),
});

export const AttachmentQuerySchema = z.object({
  item: z.coerce.number().int().min(1).max(6).describe('the art. 35 item (1–6) it supports'),
  name: z.string().min(1).max(200).describe('the file’s name'),
  expectedVersion: z.coerce.number().int().min(1),
});

export const ReportListQuerySchema = z.object({
  year: z.coerce.number().int().min(2017).max(9999).optional(),
  status: ReportStatusSchema.optional(),
  number: z.string().max(100).optional(),
  side: z
    .enum(['holder', 'authority'])
    .optional()
    .describe('holder: the caller’s own reports (default); authority: those submitted to it'),
  ...pageQuery(),
});

export const YearQuerySchema = z.object({
  year: z.coerce.number().int().min(2017).max(9999),
});

export const OrderBodySchema = z.strictObject({
  number: z.string().min(1).max(100).optional().describe('one licence; omitted: every late filer'),
  year: z.number().int().min(2017).max(9999),
  on: IsoDate.optional().describe('the order’s date (default today); after the first quarter'),
  decisionNumber: z.string().min(1).max(100).describe('the order’s document number (文号)'),
  reason: z.string().max(2000).optional(),
});

const CreditListSchema = z
  .enum(['bad', 'dishonest'])
  .describe('bad: 不良名单; dishonest: 失信名单');
const ListingReasonSchema = z
  .enum(['annual-report-missing', 'penalty', 'other'])
  .describe('annual-report-missing: no report after a make-up order (art. 38)');

export const ListingBodySchema = z.strictObject({
  number: z.string().min(1).max(100),
  list: CreditListSchema.optional(),
  reasonKind: ListingReasonSchema,
  year: z.number().int().min(2017).max(9999).optional(),
  decidedOn: IsoDate.describe('处理日期: the decision to list'),
  listedOn: IsoDate.optional().describe('default today; within 30 days of the decision'),
  reason: z.string().max(500).optional().describe('列入事由; derived for a missing report'),
});

export const RemovalBodySchema = z.strictObject({
  on: IsoDate.optional(),
  reason: z.string().max(500).optional(),
});

export const ListingQuerySchema = z.object({
  list: CreditListSchema.optional(),
  current: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  number: z.string().max(100).optional(),
});

export const PublicListingQuerySchema = z.object({
  list: CreditListSchema.optional(),
});

const FactSchema = z.object({ text: z.string(), textEn: z.string(), source: z.string() });

const ProblemSchema = z.object({
  item: z.number().int(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
});

const PublicItemSchema = z
  .object({
    no: z.number().int(),
    title: z.string(),
    titleEn: z.string(),
    fields: z.record(z.string(), z.unknown()),
    withheld: z.array(z.string()).describe('labels of the fields withheld as trade secrets'),
  })
  .meta({ id: 'AnnualReportPublicItem' });

export const AnnualReportSchema = z
  .object({
    id: z.string(),
    organisation: z.string(),
    number: z.string(),
    year: z.number().int(),
    status: ReportStatusSchema,
    holderName: z.string().nullable(),
    creditCode: z.string().nullable(),
    authority: z.string().nullable(),
    version: z.number().int(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    signedOffBy: z.string().nullable(),
    signedOffAt: z.string().nullable(),
    submittedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decidedBy: z.string().nullable(),
    services: z.array(z.object({ key: z.string(), name: z.string() })),
    items: z.array(
      z.object({
        no: z.number().int(),
        title: z.string(),
        titleEn: z.string(),
        basis: z.string(),
        basisEn: z.string(),
        publication: z.enum(['public', 'never', 'holder-choice']),
        published: z.boolean(),
        facts: z.array(FactSchema),
        fields: z.array(
          z.object({
            key: z.string(),
            label: z.string(),
            labelEn: z.string(),
            kind: z.enum(['text', 'count', 'money', 'per-service-count']),
            required: z.boolean(),
            hint: z.string(),
            hintEn: z.string(),
            value: z.unknown(),
            secret: z.boolean(),
            toComplete: z.boolean(),
          }),
        ),
        problems: z.array(ProblemSchema),
      }),
    ),
    problems: z.array(ProblemSchema),
    complete: z.boolean(),
    publicPreview: z.array(PublicItemSchema),
    history: z.array(
      z.object({
        at: z.string(),
        organisation: z.string(),
        actor: z.string(),
        action: z.string(),
        reason: z.string().nullable(),
      }),
    ),
    attachments: z.array(
      z.object({
        id: z.string(),
        item: z.number().int(),
        name: z.string(),
        mediaType: z.string(),
        sha256: z.string(),
        size: z.number().int(),
        addedBy: z.string(),
        addedAt: z.string(),
        url: z.string(),
      }),
    ),
    pdfUrl: z.string(),
  })
  .meta({ id: 'AnnualReport' });

export const AnnualReportListSchema = pageOf(
  AnnualReportSchema.omit({ items: true, publicPreview: true }),
);

export const MakeUpOrderSchema = z
  .object({
    id: z.string(),
    authority: z.string(),
    number: z.string(),
    year: z.number().int(),
    orderedOn: z.string(),
    dueOn: z.string().describe('the last day to file: one month, Civil Code arts. 201–203'),
    decisionNumber: z.string(),
    reason: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'MakeUpOrder' });

export const CreditListEntrySchema = z
  .object({
    id: z.string(),
    list: CreditListSchema,
    authority: z.string(),
    listedBy: z.string().describe('列入单位'),
    holderName: z.string().describe('经营者名称'),
    creditCode: z.string().nullable().describe('统一社会信用代码'),
    number: z.string().describe('许可证编号'),
    decidedOn: z.string().describe('处理日期'),
    listedOn: z.string(),
    reasonKind: ListingReasonSchema,
    reason: z.string().describe('列入事由'),
    year: z.number().int().nullable(),
    createdBy: z.string(),
    removedOn: z.string().nullable(),
    removalReason: z.string().nullable(),
    removedBy: z.string().nullable(),
  })
  .meta({ id: 'CreditListEntry' });

export const PublicListingSchema = z
  .object({
    list: CreditListSchema,
    listedBy: z.string(),
    holderName: z.string(),
    creditCode: z.string().nullable(),
    number: z.string(),
    decidedOn: z.string(),
    listedOn: z.string(),
    reasonKind: ListingReasonSchema,
    reason: z.string(),
    removedOn: z.string().nullable(),
  })
  .meta({ id: 'PublicCreditListing' });

export const PublicAnnualReportSchema = z
  .object({
    year: z.number().int(),
    filedOn: z.string().nullable(),
    acceptedOn: z.string().nullable(),
    items: z.array(PublicItemSchema),
  })
  .meta({ id: 'PublicAnnualReport' });

const StageSchema = z.enum([
  'accepted',
  'pending-review',
  'returned',
  'not-filed',
  'ordered',
  'order-overdue',
  'listed',
]);

export const CycleSchema = z.object({
  year: z.number().int(),
  items: list(
    z.object({
      number: z.string(),
      holderName: z.string().nullable(),
      creditCode: z.string().nullable(),
      region: z.string(),
      services: z.array(z.string()),
      stage: StageSchema,
      late: z.boolean(),
      report: z
        .object({ id: z.string(), status: ReportStatusSchema, submittedAt: z.string().nullable() })
        .nullable(),
      order: MakeUpOrderSchema.nullable(),
      listing: CreditListEntrySchema.nullable(),
    }),
  ),
});

const TallySchema = z.object({
  key: z.string(),
  due: z.number().int(),
  filed: z.number().int(),
  accepted: z.number().int(),
  rate: z.number().nullable(),
});

export const OverviewSchema = z
  .object({
    year: z.number().int(),
    window: z.object({ from: z.string(), to: z.string() }),
    due: z.number().int(),
    byStage: z.object({
      accepted: z.number().int(),
      'pending-review': z.number().int(),
      returned: z.number().int(),
      'not-filed': z.number().int(),
      ordered: z.number().int(),
      'order-overdue': z.number().int(),
      listed: z.number().int(),
    }),
    late: z.number().int(),
    byRegion: z.array(TallySchema),
    byService: z.array(TallySchema),
    listed: z.number().int(),
  })
  .meta({ id: 'AnnualReportOverview' });
