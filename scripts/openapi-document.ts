/**
 * The HTTP API's OpenAPI document as the service serves it at /openapi.json: the server of
 * `npm start` (main/server.ts) started on a throw-away SQLite database and a free loopback port,
 * asked for its document, and closed.
 *
 *   tsx scripts/openapi-document.ts FILE     write it to FILE (standard output without FILE)
 *   tsx scripts/openapi-document.ts --lint   write it to a temporary file and lint that with
 *                                            Redocly's recommended rules (redocly.yaml): the exit
 *                                            status is Redocly's (npm run lint:api)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../src/main/server.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const lint = process.argv[2] === '--lint';
const dir = mkdtempSync(join(tmpdir(), 'xuke-openapi-'));
let status = 0;
try {
  const server = await startServer({
    env: {
      XUKE_DATABASE_URL: `sqlite://${join(dir, 'xuke.sqlite')}`,
      XUKE_REMINDER_INTERVAL_MINUTES: '0',
    },
    port: 0,
    host: '127.0.0.1',
    logger: false,
    print: () => undefined,
  });
  try {
    const res = await fetch(`${server.url}/openapi.json`);
    if (!res.ok) throw new Error(`GET /openapi.json answered ${res.status}`);
    const text = `${JSON.stringify(await res.json(), null, 2)}\n`;
    const file = lint ? join(dir, 'openapi.json') : process.argv[2];
    if (file === undefined) process.stdout.write(text);
    else writeFileSync(file, text);
  } finally {
    await server.close();
  }
  if (lint) {
    const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
    const run = spawnSync(
      process.execPath,
      [cli, 'lint', '--config', join(root, 'redocly.yaml'), join(dir, 'openapi.json')],
      {
        cwd: root,
        stdio: 'inherit',
        // no usage report, no update check: nothing leaves the machine
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    status = run.status ?? 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = status;
