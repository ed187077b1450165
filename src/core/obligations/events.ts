/**
 * What a licence holder records so xuke can date the obligations they trigger (deadlines.md), and
 * how an occurrence is marked done with its evidence.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../licence.js';

export const EventKind = {
  /** illegal information found and disposed of (seed provision 9) */
  illegalContentDisposed: 'illegal-content-disposed',
  /** a major personal-data leak or an outage affecting many users (seed provision 8) */
  incident: 'incident',
  /** the company decided a merger, split, shareholder change or transfer (Order 42 art. 28) */
  entityChangeDecided: 'entity-change-decided',
  /** 工商 change registration of name, legal representative or capital completed (art. 29) */
  registrationChangeCompleted: 'registration-change-completed',
  /** local operation or customer-service office information changed (seed provision 12) */
  localInfoChanged: 'local-info-changed',
  /** a national licence covering a provincial one was obtained (seed provision 13) */
  nationalLicenceObtained: 'national-licence-obtained',
  /** a security assessment of a new technology or service completed (seed provision 15(8)) */
  securityAssessmentCompleted: 'security-assessment-completed',
  /** the holder decided not to renew (Order 42 art. 27) */
  exitDecided: 'exit-decided',
  /**
   * the issuer ordered the holder to make up a missing annual report within a time limit (限期补报,
   * Order 42 art. 38): recorded by the holder from the order it received, or by the authority on
   * this instance (docs/annual-report.md)
   */
  annualReportMakeUpOrdered: 'annual-report-make-up-ordered',
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];
export const EVENT_KINDS: readonly EventKind[] = Object.values(EventKind);

export const EventKindSchema = z.enum(EVENT_KINDS as [EventKind, ...EventKind[]]);

export const LicenceEventSchema = z.object({
  kind: EventKindSchema,
  /** the day it happened, Asia/Shanghai */
  date: IsoDateSchema,
  note: z.string().nullable().default(null),
});
export type LicenceEvent = z.infer<typeof LicenceEventSchema>;

/** A file kept as evidence, stored with the completion it proves: its name, type, size and digest. */
export const EvidenceFileSchema = z.object({
  /** the file's name as uploaded (no directories, no control characters) */
  name: z.string(),
  /** its media type, told by its content where it can be (evidence-file.ts) */
  mediaType: z.string(),
  /** bytes */
  size: z.number().int().nonnegative(),
  /** hex, lower case */
  sha256: z.string(),
});
export type EvidenceFile = z.infer<typeof EvidenceFileSchema>;

export const EvidenceRefSchema = z.object({
  /** what was done, in the user's words (a receipt number, who filed it) */
  note: z.string().nullable(),
  /** a document: a file name, a registry document id or a URL */
  document: z.string().nullable(),
  /** a file uploaded with the completion and stored with it (its sha256 is `document` too) */
  file: EvidenceFileSchema.nullable().optional(),
});
export type EvidenceRef = z.infer<typeof EvidenceRefSchema>;

export const CompletionSchema = z.object({
  /** the occurrence's id: `illegal-content-report@2022-09-27`, `annual-report@2022` */
  occurrenceId: z.string().min(1),
  /** the day it was done */
  on: IsoDateSchema,
  evidence: EvidenceRefSchema,
});
export type Completion = z.infer<typeof CompletionSchema>;
