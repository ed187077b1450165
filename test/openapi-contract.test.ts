/**
 * The contract check itself (test/openapi-contract.ts), on a small document: a conforming response
 * passes, and each kind of difference is named: an extra field, a wrong type, an undocumented
 * status or content type, a body where none is declared, a route missing from the document, and a
 * schema the strict 2020-12 validator cannot compile.
 */
import { describe, expect, it } from 'vitest';
import { Contract, type ObservedResponse } from './openapi-contract.js';

const problem = {
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};
const contract = new Contract({
  paths: {
    '/api/v1/things/{id}': {
      get: {
        responses: {
          '200': {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { id: { type: 'string' }, size: { type: 'integer' } },
                  required: ['id', 'size'],
                  additionalProperties: false,
                },
              },
            },
          },
          '404': problem,
        },
      },
      delete: { responses: { '204': {}, '404': problem } },
    },
    '/api/v1/odd': {
      get: {
        responses: {
          '200': { content: { 'application/json': { schema: { type: 'string', format: 'odd' } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Problem: {
        type: 'object',
        properties: { status: { type: 'integer' }, code: { type: 'string' } },
        required: ['status', 'code'],
      },
    },
  },
});

const get = (body: unknown, fields: Partial<ObservedResponse> = {}): string[] =>
  contract.check({
    method: 'GET',
    route: '/api/v1/things/:id',
    url: '/api/v1/things/1',
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(body),
    ...fields,
  });

describe('the contract check', () => {
  it('passes a conforming response, a problem by reference, and a bodiless 204', () => {
    expect(get({ id: 'a', size: 1 })).toEqual([]);
    expect(
      get(
        { status: 404, code: 'NOT_FOUND' },
        { status: 404, contentType: 'application/problem+json; charset=utf-8' },
      ),
    ).toEqual([]);
    expect(get(null, { method: 'DELETE', status: 204, contentType: undefined, body: '' })).toEqual(
      [],
    );
  });
  it('names an extra field and a wrong type, with the validator’s words', () => {
    const [found] = get({ id: 'a', size: 'big', extra: true });
    expect(found).toContain('GET /api/v1/things/:id → 200 (application/json)');
    expect(found).toContain('must NOT have additional properties {"additionalProperty":"extra"}');
    expect(found).toContain('/size must be integer');
  });
  it('names an undocumented status and an undocumented content type', () => {
    expect(get({ status: 500, code: 'INTERNAL' }, { status: 500 })).toEqual([
      'GET /api/v1/things/:id → 500: status 500 is not documented (documented: 200, 404)',
    ]);
    expect(
      get({ status: 404, code: 'NOT_FOUND' }, { status: 404, contentType: 'application/json' }),
    ).toEqual([
      'GET /api/v1/things/:id → 404: content type application/json is not documented (documented: application/problem+json)',
    ]);
  });
  it('names a body where none is declared, and a body that is not JSON', () => {
    expect(get({}, { method: 'DELETE', status: 204 })[0]).toContain('where the document declares');
    expect(get(null, { body: '<html>' })[0]).toContain('is not JSON');
  });
  it('names an API route missing from the document; other routes are not the API', () => {
    expect(get({}, { route: '/api/v1/nothing' })).toEqual([
      'GET /api/v1/nothing → 200: the route is not in the document',
    ]);
    expect(get({}, { route: '/assets/*' })).toEqual([]);
    expect(get({}, { route: undefined })).toEqual([]);
  });
  it('names a schema the strict validator cannot compile (an unknown format)', () => {
    const [found] = contract.check({
      method: 'GET',
      route: '/api/v1/odd',
      url: '/api/v1/odd',
      status: 200,
      contentType: 'application/json',
      body: '"x"',
    });
    expect(found).toMatch(/does not compile strictly: .*unknown format "odd"/u);
  });
});
