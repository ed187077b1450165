/**
 * What the reminder and deadline tests share: a local HTTP receiver that records every request,
 * and a registry with licences from the fixtures, an `illegal-content-disposed` event on 2022-09-27
 * and a signed webhook, written the way the service writes them.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KyselyAccessStore } from '../src/adapters/db/access.repository.js';
import { KyselyObligationEventStore } from '../src/adapters/db/obligation-event.repository.js';
import { kyselyTrustStores } from '../src/adapters/db/organisation.repository.js';
import { parseDocument } from '../src/app/documents/parse-document.js';
import { registerLicence } from '../src/app/registry/register-licence.js';
import { FIXTURES, TEXT_DOCUMENTS } from './fixtures.js';
import { fixedClock, type TestDatabase } from './registry-dialects.js';

export const SEED_NUMBER = '京B2-20180910';
/** the day the fixtures' events are recorded on, when the seed was still valid */
export const DISPOSED_ON = '2022-09-27';
const clock = () => fixedClock(`${DISPOSED_ON}T01:00:00.000Z`);

export interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  raw: string;
}

export interface Receiver {
  readonly server: Server;
  /** http://127.0.0.1:port */
  readonly base: string;
  /** 127.0.0.1:port, for the address policy's allow list */
  readonly hostPort: string;
  readonly received: Received[];
  /** stop listening */
  close(): Promise<void>;
}

/** A receiver answering each request with `answer(path, n)` (n counts from 1); 204 by default. */
export async function startReceiver(
  answer: (path: string, n: number) => { status: number; json?: string } = () => ({ status: 204 }),
): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, raw });
      const { status, json } = answer(req.url ?? '', received.length);
      if (json === undefined) res.writeHead(status).end();
      else res.writeHead(status, { 'content-type': 'application/json' }).end(json);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    base: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Register a fixture's licence in `organisation`. */
export async function registerFixture(
  db: TestDatabase,
  organisation: string,
  file: string = FIXTURES.seed,
): Promise<void> {
  const c = clock();
  const parsed = await parseDocument(readFileSync(file), file, TEXT_DOCUMENTS);
  await registerLicence(
    { licence: parsed.licence, document: null },
    { organisation, actor: 'test' },
    { store: db.store(c), clock: c, ...kyselyTrustStores(db.open.db, c) },
  );
}

/** The seed in `organisation` with content disposed of on 2022-09-27 (the event `e1`). */
export async function seedWithDisposal(db: TestDatabase, organisation = 'acme'): Promise<void> {
  await registerFixture(db, organisation);
  await new KyselyObligationEventStore(db.open.db).addObligationEvent(organisation, {
    id: 'e1',
    number: SEED_NUMBER,
    kind: 'illegal-content-disposed',
    date: DISPOSED_ON,
    note: null,
    actor: 'test',
    recordedAt: clock().now().toISOString(),
  });
}

/** A webhook `w1` of `organisation` to `url`, signed with `whsec-<organisation>`. */
export async function addWebhook(db: TestDatabase, organisation: string, url: string) {
  await new KyselyAccessStore(db.open.db).createWebhook({
    id: 'w1',
    organisation,
    url,
    description: '',
    createdAt: clock().now().toISOString(),
    secret: `whsec-${organisation}`,
  });
}
