/**
 * The API's contract, checked on every response the tests receive: the OpenAPI document the app
 * generates says, for a route, a method and a status, which content types and which JSON Schema
 * (2020-12, as OpenAPI 3.1 has it) the body has; `checkResponse` compares a response with that and
 * names each difference. Undocumented routes under /api, undocumented statuses and content types
 * are differences too. The validator is Ajv's 2020-12 dialect in strict mode: a schema it cannot
 * compile strictly (an unknown keyword or format) is reported as well.
 *
 * test/contract-setup.ts hooks it into every app the tests build (contract-setup explains how).
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

interface MediaType {
  readonly schema?: unknown;
}
interface ResponseObject {
  readonly content?: Readonly<Record<string, MediaType>>;
}
interface Operation {
  readonly responses?: Readonly<Record<string, ResponseObject>>;
}
export interface OpenApiDocument {
  readonly paths?: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, unknown>> };
}

/** One response as the tests received it. */
export interface ObservedResponse {
  readonly method: string;
  /** the route's pattern as fastify has it (`/api/v1/licences/:number`); undefined: no route */
  readonly route: string | undefined;
  /** the URL asked for, for the message */
  readonly url: string;
  readonly status: number;
  /** the Content-Type header, if any */
  readonly contentType: string | undefined;
  /** the body: text, or null when it was a stream (not read) or empty */
  readonly body: string | null;
}

const COMPONENTS_ID = 'urn:xuke:openapi:components';
const JSON_MEDIA = /^application\/(?:[\w.-]+\+)?json$/u;

/** `#/components/schemas/X` → a reference into the one schema that holds every component. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
        ? `${COMPONENTS_ID}#/$defs/${v.slice('#/components/schemas/'.length)}`
        : rewriteRefs(v),
    ]),
  );
}

function errorsText(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 10)
    .map((e) => {
      const where = e.instancePath === '' ? '(body)' : e.instancePath;
      const params = JSON.stringify(e.params);
      return `${where} ${e.message ?? 'is invalid'} ${params} [${e.schemaPath}]`;
    })
    .join('\n      ');
}

/** The OpenAPI path of a fastify route pattern: `:number` → `{number}`. */
export function openApiPath(route: string): string {
  return route.replace(/:(\w+)/gu, '{$1}');
}

/** The compiled contract of one document: validators are compiled on first use. */
export class Contract {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction | Error>();

  constructor(private readonly doc: OpenApiDocument) {
    this.ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats.default(this.ajv);
    this.ajv.addSchema({
      $id: COMPONENTS_ID,
      $defs: rewriteRefs(doc.components?.schemas ?? {}) as Record<string, unknown>,
    });
  }

  private validator(key: string, schema: unknown): ValidateFunction | Error {
    let v = this.validators.get(key);
    if (v === undefined) {
      try {
        v = this.ajv.compile(rewriteRefs(schema) as object);
      } catch (e) {
        v = e instanceof Error ? e : new Error(String(e));
      }
      this.validators.set(key, v);
    }
    return v;
  }

  /** The differences between a response and the document; empty when it conforms. */
  check(r: ObservedResponse): string[] {
    const method = r.method === 'HEAD' ? 'get' : r.method.toLowerCase();
    const where = `${r.method} ${r.route ?? r.url} → ${r.status}`;
    if (r.route === undefined) return [];
    const path = openApiPath(r.route);
    const op = this.doc.paths?.[path]?.[method];
    if (op === undefined) {
      // the docs pages, the web UI and the bench's own routes are not the API
      return r.route.startsWith('/api/') ? [`${where}: the route is not in the document`] : [];
    }
    const responses = op.responses ?? {};
    const code = String(r.status);
    const declared =
      responses[code] ?? responses[`${code[0] ?? ''}XX`] ?? responses['default'] ?? undefined;
    if (declared === undefined) {
      return [
        `${where}: status ${code} is not documented (documented: ${Object.keys(responses).join(', ')})`,
      ];
    }
    const media = r.contentType?.split(';')[0]?.trim().toLowerCase();
    const content = declared.content;
    const empty = r.body === null || r.body === '';
    if (content === undefined) {
      return empty && r.body !== null
        ? []
        : [
            `${where}: a body (${media ?? 'no content type'}: ${JSON.stringify(r.body?.slice(0, 100) ?? 'a stream')}) where the document declares none`,
          ];
    }
    if (media === undefined) return [`${where}: no Content-Type header`];
    const type = content[media];
    if (type === undefined) {
      return [
        `${where}: content type ${media} is not documented (documented: ${Object.keys(content).join(', ')})`,
      ];
    }
    // a stream (the export) or a HEAD answer: the content type is all there is to check
    if (r.body === null || r.method === 'HEAD' || !JSON_MEDIA.test(media)) return [];
    let body: unknown;
    try {
      body = JSON.parse(r.body);
    } catch {
      return [`${where}: the ${media} body is not JSON: ${r.body.slice(0, 200)}`];
    }
    const validate = this.validator(`${path} ${method} ${code} ${media}`, type.schema ?? {});
    if (validate instanceof Error) {
      return [`${where}: the documented schema does not compile strictly: ${validate.message}`];
    }
    if (validate(body)) return [];
    return [`${where} (${media}) does not match its schema:\n      ${errorsText(validate.errors)}`];
  }
}

const BY_TEXT = new Map<string, Contract>();
const BY_DOCUMENT = new WeakMap<object, Contract>();

/**
 * The contract of a document (an app's document object is generated once), shared by every app
 * that generates the same document: its validators are compiled once per test file.
 */
export function contractOf(doc: OpenApiDocument): Contract {
  let c = BY_DOCUMENT.get(doc);
  if (c === undefined) {
    const text = JSON.stringify(doc);
    c = BY_TEXT.get(text) ?? new Contract(doc);
    BY_TEXT.set(text, c);
    BY_DOCUMENT.set(doc, c);
  }
  return c;
}
