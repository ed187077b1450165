/**
 * The contract test over the whole suite (vitest.config.ts runs this before every node test file):
 * every response any test receives from the app is checked against what the app's OpenAPI document
 * declares for its route, method, status and content type (test/openapi-contract.ts), and a test
 * during which a response did not conform fails, naming the route, the status and the validator's
 * errors.
 *
 * How it reaches every app: Fastify publishes each new instance on the `fastify.initialization`
 * diagnostics channel before any plugin or route is registered (its documented instrumentation
 * point), so the onSend hook added here is a root hook that every route inherits: the apps of
 * test/http-harness.ts, those tests build with `buildApp` themselves and those `startServer` starts,
 * over `inject()` or real HTTP. Nothing of it is in the production code. The hook only records (a
 * hook that threw would turn the response into a 500); the check fails the test in `afterEach`.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, expect } from 'vitest';
import { contractOf, type OpenApiDocument } from './openapi-contract.js';

/**
 * What the hooks found since the last check. Kept on globalThis with the subscription: should a
 * worker run this file again (a second test file in one process), the hooks are not added twice.
 */
const holder = globalThis as {
  xukeOpenApiContract?: { violations: string[]; subscribed: boolean };
};
const state = (holder.xukeOpenApiContract ??= { violations: [], subscribed: false });
const violations = state.violations;

function bodyText(payload: unknown): string | null {
  if (payload === null || payload === undefined) return '';
  if (typeof payload === 'string') return payload;
  if (payload instanceof Uint8Array) return Buffer.from(payload).toString('utf8');
  return null; // a stream: not read here (the client reads it)
}

function instrument(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    try {
      const server = request.server as FastifyInstance & { swagger?: () => unknown };
      if (typeof server.swagger === 'function') {
        const contract = contractOf(server.swagger() as OpenApiDocument);
        const contentType = reply.getHeader('content-type');
        // what the client receives: fastify sends a 204 or 304 without a body or content type
        const bodiless = reply.statusCode === 204 || reply.statusCode === 304;
        const found = contract.check({
          method: request.method,
          route: request.routeOptions.url,
          url: request.url,
          status: reply.statusCode,
          contentType: bodiless || contentType === undefined ? undefined : String(contentType),
          body: bodiless ? '' : bodyText(payload),
        });
        if (found.length > 0) {
          const test = expect.getState().currentTestName ?? '(outside a test)';
          violations.push(...found.map((v) => `${v}\n      in: ${test}`));
        }
      }
    } catch (e) {
      violations.push(`the contract check failed: ${e instanceof Error ? e.stack : String(e)}`);
    }
    done(null, payload);
  });
}

if (!state.subscribed) {
  state.subscribed = true;
  subscribe('fastify.initialization', (message) => {
    instrument((message as { fastify: FastifyInstance }).fastify);
  });
}

function assertConforming(): void {
  const found = violations.splice(0);
  if (found.length > 0) {
    throw new Error(
      `${found.length} response(s) do not match the OpenAPI document:\n  ${found.join('\n  ')}`,
    );
  }
}

afterEach(assertConforming);
afterAll(assertConforming);
