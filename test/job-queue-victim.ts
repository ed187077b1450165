/**
 * A queue instance to be killed (test/job-queue.test.ts): it takes a `document` job, prints
 * `running` and hangs until the test kills it with SIGKILL, leaving the job `running` with a
 * heartbeat that stops.
 */
import { openDatabase } from '../src/adapters/db/open-database.js';
import { openJobQueue } from '../src/adapters/jobs/open-job-queue.js';

const [dialect, url] = process.argv.slice(2);
if (url === undefined) throw new Error('usage: job-queue-victim.ts sqlite|postgres URL');
const database = await openDatabase(
  dialect === 'postgres'
    ? { dialect: 'postgres', url, poolMax: 2 }
    : { dialect: 'sqlite', path: url.replace(/^sqlite:\/\//u, '') },
);
const queue = await openJobQueue(database, {
  connectionString: url,
  instanceId: 'victim',
  pollMs: 100,
  heartbeatSeconds: 1,
});
queue.work('document', () => {
  process.stdout.write('running\n');
  return new Promise(() => undefined);
});
await queue.start();
setInterval(() => undefined, 60_000);
