/**
 * The web UI talks to the API only through types generated from the OpenAPI document. The snapshot
 * test pins that document to the routes; this test pins the generated types to the document, so a
 * route change that was not regenerated (`npm run gen:api`) fails here instead of in a browser.
 */
import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { expect, it } from 'vitest';

it('web/src/api/schema.d.ts is generated from the current OpenAPI document', async () => {
  const document = readFileSync('test/__snapshots__/openapi.json', 'utf8');
  const generated = astToString(await openapiTS(document));
  const committed = readFileSync('web/src/api/schema.d.ts', 'utf8');
  // the CLI adds a header comment; compare the declarations
  const body = (s: string) => s.slice(s.indexOf('export '));
  expect(body(committed), 'run `npm run gen:api`').toBe(body(generated));
});
