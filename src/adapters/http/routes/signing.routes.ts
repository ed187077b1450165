/**
 * The authority's signed word over HTTP (docs/elicence.md), all public (no token), rate-limited
 * per address like the public verification:
 *
 *   GET  /.well-known/xuke/keys.json                       the authorities' public keys (registerWellKnownRoutes)
 *   GET  /api/v1/register/checkpoint?org=                  the log's signed tree head
 *   GET  /api/v1/register/entries?org=&start=&end=         signed entries [start, end), 1,000 at most
 *   GET  /api/v1/register/proofs/inclusion?org=&index=&treeSize=
 *   GET  /api/v1/register/proofs/consistency?org=&first=&second=
 *   GET  /api/v1/public/licences/{number}/elicence         the e-licence of the register's current version
 *   POST /api/v1/public/elicence/verify                    check an e-licence, its QR text, or a PDF/photo of it
 */
import { addressBucket } from '../rate-limits.js';
import { z } from 'zod';
import {
  issueElicence,
  knownKeys,
  verifyElicenceJson,
  verifyElicenceQr,
  withRegisterStanding,
} from '../../../app/signing/elicence.js';
import { listPublishedKeys } from '../../../app/signing/keys.js';
import {
  logAuthority,
  registerCheckpoint,
  registerConsistencyProof,
  registerEntries,
  registerInclusionProof,
} from '../../../app/signing/register-log.js';
import { DomainError } from '../../../core/errors.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { NO_TOKEN, type ZodApp } from '../route-types.js';
import { NumberParams } from '../schemas.js';

const Signed = z.object({
  schema: z.string(),
  // as signed: any key the schema version carries, never stripped (that would break the signature)
  payload: z.any().describe('the signed statement; its schema names its fields (docs/elicence.md)'),
  signature: z.object({ alg: z.string(), kid: z.string(), value: z.string() }),
});

const KeySchema = z.object({
  kid: z.string(),
  organisation: z.string(),
  organisationName: z.string(),
  alg: z.literal('SM2-SM3'),
  publicKeyPem: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
});

const OrgQuery = z.object({
  org: z
    .string()
    .max(64)
    .optional()
    .describe('the authority whose log; omitted: the only authority on this instance'),
});
const size = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const VerifyBody = z
  .object({
    elicence: z.record(z.string(), z.unknown()).optional().describe('the signed e-licence (JSON)'),
    qr: z.string().max(2048).optional().describe('the text of its QR code (the verify URL)'),
    file: z
      .string()
      .max(14_000_000)
      .optional()
      .describe('base64 of an e-licence file: its JSON, its PDF, or a photo (PNG, JPEG) of its QR'),
  })
  .describe('one of elicence, qr or file');

const VerificationSchema = z.object({
  valid: z.boolean(),
  failure: z.string().nullable(),
  reason: z.string(),
  reasonEn: z.string(),
  form: z.enum(['json', 'qr']),
  number: z.string().nullable(),
  version: z.number().int().nullable(),
  holderName: z.string().nullable(),
  holderDigest: z.string().nullable(),
  expiresOn: z.string().nullable(),
  signedAt: z.string().nullable(),
  signer: KeySchema.nullable(),
  register: z.record(z.string(), z.unknown()),
});

function publicLimit(perMinute: number) {
  return {
    public: true,
    rateLimit: {
      max: perMinute,
      timeWindow: '1 minute',
      keyGenerator: (request: { ip: string }) => `public:${addressBucket(request.ip)}`,
    },
  };
}

/** GET /.well-known/xuke/keys.json, outside the API prefix. */
export function registerWellKnownRoutes(app: ZodApp, deps: HttpDeps, perMinute: number): void {
  app.get(
    '/.well-known/xuke/keys.json',
    {
      config: publicLimit(perMinute),
      schema: {
        tags: ['public'],
        operationId: 'listAuthorityKeys',
        security: NO_TOKEN,
        summary:
          'The issuing authorities’ SM2 public keys: checking e-licences and register checkpoints offline',
        response: { 200: z.object({ keys: z.array(KeySchema) }), ...errorResponses(429) },
      },
    },
    async () => {
      const own = new Set(
        (await deps.signing.organisations.listAuthorities())
          .filter((a) => a.mirrorOf === null)
          .map((a) => a.id),
      );
      // this instance's own authorities' keys; a mirror's are its source's to publish
      const keys = (await listPublishedKeys(deps.signing)).filter((k) => own.has(k.organisation));
      return { keys };
    },
  );
}

export function registerSigningRoutes(
  app: ZodApp,
  deps: HttpDeps,
  options: { readonly perMinute: number; readonly publicUrl?: string | undefined },
): void {
  const config = publicLimit(options.perMinute);
  const d = deps.signing;

  app.get(
    '/register/checkpoint',
    {
      config,
      schema: {
        tags: ['register log'],
        operationId: 'getRegisterCheckpoint',
        security: NO_TOKEN,
        summary: 'The register log’s latest signed checkpoint: tree size, root hash, audit head',
        querystring: OrgQuery,
        response: { 200: Signed, ...errorResponses(400, 404, 409, 429) },
      },
    },
    async (request) => registerCheckpoint(await logAuthority(request.query.org, d), d),
  );

  app.get(
    '/register/entries',
    {
      config,
      schema: {
        tags: ['register log'],
        operationId: 'listRegisterEntries',
        security: NO_TOKEN,
        summary: 'Signed register log entries [start, end), at most 1,000 per page',
        querystring: OrgQuery.extend({ start: size, end: size }),
        response: {
          200: z.object({ start: z.number().int(), entries: z.array(Signed) }),
          ...errorResponses(400, 404, 429),
        },
      },
    },
    async (request) => {
      const { org, start, end } = request.query;
      return registerEntries(await logAuthority(org, d), start, end, d);
    },
  );

  app.get(
    '/register/proofs/inclusion',
    {
      config,
      schema: {
        tags: ['register log'],
        operationId: 'getInclusionProof',
        security: NO_TOKEN,
        summary: 'The inclusion proof of entry `index` in the tree of `treeSize` (RFC 9162 §2.1.3)',
        querystring: OrgQuery.extend({ index: size, treeSize: size }),
        response: {
          200: z.object({
            index: z.number().int(),
            treeSize: z.number().int(),
            leafHash: z.string(),
            proof: z.array(z.string()),
          }),
          ...errorResponses(400, 404, 429),
        },
      },
    },
    async (request) => {
      const { org, index, treeSize } = request.query;
      return registerInclusionProof(await logAuthority(org, d), index, treeSize, d);
    },
  );

  app.get(
    '/register/proofs/consistency',
    {
      config,
      schema: {
        tags: ['register log'],
        operationId: 'getConsistencyProof',
        security: NO_TOKEN,
        summary:
          'The consistency proof between trees of sizes `first` and `second` (RFC 9162 §2.1.4)',
        querystring: OrgQuery.extend({ first: size, second: size }),
        response: {
          200: z.object({
            first: z.number().int(),
            second: z.number().int(),
            proof: z.array(z.string()),
          }),
          ...errorResponses(400, 404, 429),
        },
      },
    },
    async (request) => {
      const { org, first, second } = request.query;
      return registerConsistencyProof(await logAuthority(org, d), first, second, d);
    },
  );

  app.get(
    '/public/licences/:number/elicence',
    {
      config,
      schema: {
        tags: ['public'],
        operationId: 'getElicence',
        security: NO_TOKEN,
        summary: 'The e-licence (电子证照): the register’s current version signed by its authority',
        params: NumberParams,
        querystring: OrgQuery,
        response: {
          200: z.object({ elicence: Signed, qrText: z.string() }),
          ...errorResponses(400, 404, 409, 429),
        },
      },
    },
    async (request) => {
      const base = options.publicUrl ?? `${request.protocol}://${request.host}`;
      return issueElicence(request.params.number, request.query.org, base, d);
    },
  );

  app.post(
    '/public/elicence/verify',
    {
      config,
      bodyLimit: 15_000_000,
      schema: {
        tags: ['public'],
        operationId: 'verifyElicence',
        security: NO_TOKEN,
        summary:
          'Check an e-licence (its JSON, its QR text, or a PDF or photo of it): signature, signer, key validity, and where the register stands on that version',
        body: VerifyBody,
        response: { 200: VerificationSchema, ...errorResponses(400, 413, 415, 422, 429) },
      },
    },
    async (request) => {
      const keys = await knownKeys(d);
      const { elicence, qr, file } = request.body;
      let result;
      if (elicence !== undefined) result = verifyElicenceJson(elicence, keys, d.crypto);
      else if (qr !== undefined) result = verifyElicenceQr(qr, keys, d.crypto);
      else if (file !== undefined) {
        const read = await deps.readElicenceFile(
          new Uint8Array(Buffer.from(file, 'base64')),
          '文件',
        );
        result =
          read.kind === 'json'
            ? verifyElicenceJson(read.value, keys, d.crypto)
            : verifyElicenceQr(read.text, keys, d.crypto);
      } else {
        throw new DomainError(
          'INVALID_INPUT',
          '请提供 elicence、qr 或 file 之一',
          'Give one of elicence, qr or file',
        );
      }
      return withRegisterStanding(result, d);
    },
  );
}
