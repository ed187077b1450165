/**
 * Use case: the first start of the service. When the demo organisation holds no licence yet, load
 * the seed licence into it and create a one-time sign-in code (admin of the demo organisation).
 * A later start finds the licence and does nothing, so nothing is seeded twice.
 */
import type { AccessDeps } from './access-deps.js';
import { createApiToken } from './create-api-token.js';
import { parseDocument, type ParseDocumentDeps } from './parse-document.js';
import { registerLicence } from './register-licence.js';
import type { RegistryDeps } from './registry-deps.js';

export const DEMO_ORGANISATION = 'demo';

export interface SeedDeps {
  readonly registry: RegistryDeps;
  readonly access: AccessDeps;
  readonly documents: ParseDocumentDeps;
}

/** Returns the sign-in code on the first start, null on every later one. */
export async function seedDemoOrganisation(
  seed: { readonly name: string; readonly bytes: Uint8Array },
  deps: SeedDeps,
): Promise<{ readonly signInCode: string; readonly number: string } | null> {
  if ((await deps.registry.store.countLicences(DEMO_ORGANISATION)) > 0) return null;
  const parsed = await parseDocument(seed.bytes, seed.name, deps.documents);
  const { licence } = await registerLicence(
    {
      licence: parsed.licence,
      document: {
        sha256: parsed.source.sha256,
        format: parsed.source.format,
        bytes: seed.bytes,
      },
      note: 'seed',
    },
    { organisation: DEMO_ORGANISATION, actor: 'xuke:first-start' },
    deps.registry,
  );
  const code = await createApiToken(
    {
      organisation: DEMO_ORGANISATION,
      role: 'admin',
      name: 'first-start sign-in',
      kind: 'sign-in',
    },
    deps.access,
  );
  return { signInCode: code.token, number: licence.number };
}
