/**
 * The licence record `xuke.licence/v1` (see `../shared/spec/licence-record.md`), as zod schemas:
 * one source for the TypeScript types, for validation at every boundary, and (later) for OpenAPI.
 *
 * Contract: a field the document does not state is `null` (or `[]`), never guessed. Values keep the
 * document's Chinese text; dates are ISO `YYYY-MM-DD` calendar dates in Asia/Shanghai terms.
 */
import { z } from 'zod';

export const LICENCE_SCHEMA_ID = 'xuke.licence/v1';

/** `YYYY-MM-DD`, a real calendar date. */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export type IsoDate = z.infer<typeof IsoDateSchema>;

export const LicenceKind = {
  /** 增值电信业务经营许可证, issued by a provincial 通信管理局 */
  vats: 'vats',
  /** 跨地区增值电信业务经营许可证, issued by 工业和信息化部 */
  vatsCrossRegional: 'vats-cross-regional',
  /** 基础电信业务经营许可证 */
  basic: 'basic',
} as const;
export type LicenceKind = (typeof LicenceKind)[keyof typeof LicenceKind];
export const LicenceKindSchema = z.enum(['vats', 'vats-cross-regional', 'basic']);

export const HolderSchema = z.object({
  name: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  /** 统一社会信用代码, when printed and well-formed (18 characters) */
  creditCode: z.string().nullable(),
  /** 注册住所, when printed */
  address: z.string().nullable(),
});
export type Holder = z.infer<typeof HolderSchema>;

export const LicensedServiceSchema = z.object({
  /** code in the 2015 catalogue (`B25`, `B24-1`); null when no catalogue name matches */
  code: z.string().nullable(),
  /** the business type as written, without the category preamble (第二类增值电信业务中的) */
  name: z.string(),
  /** the parenthesised restriction as written: 仅限互联网信息服务 */
  qualifier: z.string().nullable(),
  /** 含… */
  includes: z.array(z.string()),
  /** 不含… (also the items of a qualifier that reads 不含…) */
  excludes: z.array(z.string()),
  /** regions as written for this service: ["北京市"], ["全国"] */
  coverage: z.array(z.string()),
});
export type LicensedService = z.infer<typeof LicensedServiceSchema>;

export const WebsiteSchema = z.object({
  name: z.string().nullable(),
  /** lower-case host names as printed (www. kept) */
  domains: z.array(z.string()),
  serverLocation: z.string().nullable(),
  accessProvider: z.string().nullable(),
});
export type Website = z.infer<typeof WebsiteSchema>;

export const AppSchema = z.object({
  name: z.string().nullable(),
  stores: z.array(z.string()),
});
export type App = z.infer<typeof AppSchema>;

export const ProvisionSchema = z.object({
  /** "1" … "15"; sub-items "15.1" … */
  id: z.string(),
  text: z.string(),
  /** the service named by a leading （适用于…） marker, which is removed from `text` */
  appliesTo: z.string().nullable(),
});
export type Provision = z.infer<typeof ProvisionSchema>;

export const InspectionSchema = z.object({
  year: z.number().int(),
  result: z.enum(['passed']),
  stampedOn: IsoDateSchema.nullable(),
});
export type Inspection = z.infer<typeof InspectionSchema>;

export const SignatureSchema = z.object({
  /** as printed: 司(局)负责人, 公司代表 */
  role: z.string(),
  name: z.string().nullable(),
  date: IsoDateSchema.nullable(),
});
export type Signature = z.infer<typeof SignatureSchema>;

export const LicenceSchema = z.object({
  kind: LicenceKindSchema.nullable(),
  /** normalised: full-width → ASCII, no spaces; a filing suffix `-N` is not part of it */
  number: z.string().nullable(),
  holder: HolderSchema,
  services: z.array(LicensedServiceSchema),
  /** 发证机关 name when printed; "发证机关(盖章)" alone → null */
  issuer: z.string().nullable(),
  issuedOn: IsoDateSchema.nullable(),
  /**
   * Extension to the spec's example: the first day of validity, only when the document prints a
   * range (有效期：A至B). Never derived from `issuedOn`.
   */
  validFrom: IsoDateSchema.nullable(),
  expiresOn: IsoDateSchema.nullable(),
  websites: z.array(WebsiteSchema),
  apps: z.array(AppSchema),
  /** IDC machine-room locations (机房所在地), as written */
  facilities: z.array(z.string()),
  provisions: z.array(ProvisionSchema),
  inspections: z.array(InspectionSchema),
  signatures: z.array(SignatureSchema),
});
export type Licence = z.infer<typeof LicenceSchema>;

export const SourceFormatSchema = z.enum(['text', 'pdf', 'image']);
export type SourceFormat = z.infer<typeof SourceFormatSchema>;

export const SourceSchema = z.object({
  format: SourceFormatSchema,
  /** detected text encoding (utf-8, gb18030, utf-16le, utf-16be); null for PDF and images */
  encoding: z.string().nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** printed page numbers, in order of appearance */
  pageLabels: z.array(z.string()),
  /** the document's page count (PDF and image sources) */
  pages: z.number().int().min(1).optional(),
});
export type Source = z.infer<typeof SourceSchema>;

export const NoteSchema = z.object({
  /** field path in the licence (`services[0].coverage`), or `document` */
  field: z.string(),
  message: z.string(),
  messageEn: z.string(),
  line: z.number().int().nullable(),
});
export type Note = z.infer<typeof NoteSchema>;

export const EvidenceSchema = z.object({
  /** 1-based line of the extracted text */
  line: z.number().int(),
  /** the line as it reads in the document */
  text: z.string(),
  /** 1 when read cleanly; lower when the value was repaired or OCR-read */
  confidence: z.number().min(0).max(1),
  /** present when the value was corrected: what the document actually says */
  raw: z.string().optional(),
  corrected: z.boolean().optional(),
  /** for a field read by OCR: the 1-based page its line is on */
  page: z.number().int().min(1).optional(),
  /** for a field read by OCR: its line's box, left, top, width, height as fractions (0–1) of the upright page */
  box: z
    .tuple([
      z.number().min(0).max(1),
      z.number().min(0).max(1),
      z.number().min(0).max(1),
      z.number().min(0).max(1),
    ])
    .optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const ParseResultSchema = z.object({
  schema: z.literal(LICENCE_SCHEMA_ID),
  licence: LicenceSchema,
  source: SourceSchema,
  notes: z.array(NoteSchema),
  /** where each field came from, keyed by field path (`number`, `services[0].coverage`) */
  evidence: z.record(z.string(), EvidenceSchema),
});
export type ParseResult = z.infer<typeof ParseResultSchema>;

/** An empty licence: every field unstated. */
export function emptyLicence(): Licence {
  return {
    kind: null,
    number: null,
    holder: { name: null, legalRepresentative: null, creditCode: null, address: null },
    services: [],
    issuer: null,
    issuedOn: null,
    validFrom: null,
    expiresOn: null,
    websites: [],
    apps: [],
    facilities: [],
    provisions: [],
    inspections: [],
    signatures: [],
  };
}
