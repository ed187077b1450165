/**
 * Use case: the first start of the service shows both sides of trust (docs/trust.md). When the demo
 * organisation holds no licence yet: a demonstration authority (named as one, jurisdiction 京) issues
 * the seed licence into its register; the demo holder organisation keeps its declared copy, read
 * from the same document. The instance's first person, admin of both, and their one-time sign-in
 * link come from accounts/first-start.ts. A later start finds the licence and does nothing, so
 * nothing is seeded twice.
 */
import { createOrganisation } from './organisations.js';
import { parseDocument, type ParseDocumentDeps } from '../documents/parse-document.js';
import { issueLicence } from './register.js';
import { registerLicence } from '../registry/register-licence.js';
import type { TrustDeps } from '../registry/registry-deps.js';

export const DEMO_ORGANISATION = 'demo';
export const DEMO_AUTHORITY = 'demo-authority';
const DEMO_AUTHORITY_NAME = '北京市通信管理局（演示）';

export interface SeedDeps {
  readonly registry: TrustDeps;
  readonly documents: ParseDocumentDeps;
}

/** Returns the seed licence's number on the first start, null on every later one. */
export async function seedDemoOrganisation(
  seed: { readonly name: string; readonly bytes: Uint8Array },
  deps: SeedDeps,
): Promise<{ readonly number: string } | null> {
  if ((await deps.registry.store.countLicences(DEMO_ORGANISATION)) > 0) return null;
  const actor = 'xuke:first-start';
  const parsed = await parseDocument(seed.bytes, seed.name, deps.documents);
  const document = {
    sha256: parsed.source.sha256,
    format: parsed.source.format,
    bytes: seed.bytes,
  };
  const { organisations } = deps.registry;
  if ((await organisations.findOrganisation(DEMO_AUTHORITY))?.kind !== 'authority') {
    await createOrganisation(
      {
        id: DEMO_AUTHORITY,
        name: DEMO_AUTHORITY_NAME,
        kind: 'authority',
        jurisdiction: '京',
      },
      actor,
      deps.registry,
    );
  }
  if ((await organisations.findOrganisation(DEMO_ORGANISATION))?.kind !== 'holder') {
    await createOrganisation(
      { id: DEMO_ORGANISATION, name: '演示持证单位', kind: 'holder' },
      actor,
      deps.registry,
    );
  }
  const who = { organisation: DEMO_AUTHORITY, actor };
  if (parsed.licence.number !== null) {
    const inRegister = await deps.registry.store.findLicence(DEMO_AUTHORITY, parsed.licence.number);
    if (inRegister === undefined) {
      await issueLicence(
        {
          licence: parsed.licence,
          document,
          reason: '演示：首次启动时载入的示例许可证',
          decisionNumber: '演示〔2022〕1号',
        },
        who,
        deps.registry,
      );
    }
  }
  const { licence } = await registerLicence(
    { licence: parsed.licence, document, note: 'seed' },
    { organisation: DEMO_ORGANISATION, actor },
    deps.registry,
  );
  return { number: licence.number };
}
