/**
 * The instance's role and its scheduled jobs without processes (test/e2e/instances.test.ts runs
 * the real thing on PostgreSQL): the role's settings and the SQLite refusal, `xuke serve --role`,
 * and the registration of the reminder and follow kinds on a queue, whose runs never overlap
 * within an instance.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerServeCommands, type ServeModule } from '../adapters/cli/serve.commands.js';
import type { CliContext } from '../adapters/cli/cli-context.js';
import { DomainError } from '../core/errors.js';
import type { JobContext, JobHandler, JobKind, JobQueue } from '../ports/job-queue.js';
import { instanceSettings, registerScheduledJobs, type ScheduledRunFn } from './scheduled-jobs.js';

const SQLITE = { dialect: 'sqlite', path: ':memory:' } as const;
const PG = { dialect: 'postgres', url: 'postgres://x@127.0.0.1/x', poolMax: 2 } as const;

describe('the instance’s role', () => {
  it('is all by default, XUKE_ROLE or --role (which wins) otherwise', () => {
    expect(instanceSettings({}, undefined, SQLITE)).toEqual({
      role: 'all',
      heartbeatSeconds: 10,
      workerHealthPort: null,
    });
    expect(instanceSettings({ XUKE_ROLE: 'worker' }, undefined, PG).role).toBe('worker');
    expect(instanceSettings({ XUKE_ROLE: 'worker' }, 'web', PG).role).toBe('web');
    expect(
      instanceSettings(
        { XUKE_JOB_HEARTBEAT_SECONDS: '2', XUKE_WORKER_HEALTH_PORT: '9100' },
        'all',
        PG,
      ),
    ).toEqual({ role: 'all', heartbeatSeconds: 2, workerHealthPort: 9100 });
  });

  it('refuses web and worker on SQLite, naming the setting', () => {
    for (const role of ['web', 'worker'] as const) {
      let thrown: unknown;
      try {
        instanceSettings({}, role, SQLITE);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      const error = thrown as DomainError;
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.messageEn).toContain(`The role ${role} (--role / XUKE_ROLE) needs PostgreSQL`);
      expect(error.message).toContain(`角色 ${role}（--role / XUKE_ROLE）需要 PostgreSQL`);
    }
    expect(() => instanceSettings({ XUKE_ROLE: 'both' }, undefined, PG)).toThrow(/XUKE_ROLE/u);
  });
});

describe('xuke serve --role', () => {
  const run = async (args: string[]) => {
    const asked: unknown[] = [];
    let stderr = '';
    const ctx = {
      io: { stdout: () => undefined, stderr: (s: string) => (stderr += s) },
    } as unknown as CliContext;
    const program = new Command().exitOverride();
    const module: ServeModule = {
      runServer: (o) => {
        asked.push({ ...o, print: undefined });
        return Promise.resolve();
      },
    };
    registerServeCommands(program, ctx, () => Promise.resolve(module));
    process.exitCode = undefined;
    await program.parseAsync(['node', 'xuke', 'serve', ...args]);
    const code = process.exitCode;
    process.exitCode = undefined;
    return { asked, stderr, code };
  };

  it('hands the role to the server, and refuses an unknown one', async () => {
    expect((await run(['--role', 'worker'])).asked).toEqual([{ role: 'worker', print: undefined }]);
    expect((await run([])).asked).toEqual([{ print: undefined }]);
    const bad = await run(['--role', 'both']);
    expect(bad).toMatchObject({ asked: [], code: 2 });
    expect(bad.stderr).toContain('expected one of all, web, worker');
  });
});

/** A queue that records registrations and lets the test call the handlers. */
function fakeQueue() {
  const handlers = new Map<JobKind, JobHandler>();
  const every: { kind: JobKind; seconds: number; organisation: string }[] = [];
  const enqueued: { kind: JobKind; singletonKey: string | undefined }[] = [];
  const queue = {
    work: (kind: JobKind, handler: JobHandler) => handlers.set(kind, handler),
    every: (kind: JobKind, seconds: number, organisation: string) =>
      every.push({ kind, seconds, organisation }),
    enqueue: (r: { kind: JobKind; singletonKey?: string }) => {
      enqueued.push({ kind: r.kind, singletonKey: r.singletonKey });
      return Promise.resolve({});
    },
  } as unknown as JobQueue;
  const call = (kind: JobKind, signal = new AbortController().signal) => {
    const handler = handlers.get(kind);
    if (handler === undefined) throw new Error(`no handler for ${kind}`);
    return handler({ signal } as JobContext);
  };
  return { queue, handlers, every, enqueued, call };
}

const log = () => undefined;

describe('the scheduled jobs', () => {
  it('registers each kind with its interval, and queues a first run under the schedule’s key', async () => {
    const q = fakeQueue();
    const run: ScheduledRunFn = () => Promise.resolve({ ok: true });
    const scheduled = registerScheduledJobs(
      q.queue,
      'demo',
      [
        { kind: 'reminders', intervalMinutes: 15, run },
        { kind: 'follow', intervalMinutes: 0, run },
      ],
      log,
    );
    expect([...q.handlers.keys()]).toEqual(['reminders']);
    expect(q.every).toEqual([{ kind: 'reminders', seconds: 900, organisation: 'demo' }]);
    expect([...scheduled.runs.keys()]).toEqual(['reminders']);
    await scheduled.start();
    expect(q.enqueued).toEqual([{ kind: 'reminders', singletonKey: 'every:reminders:demo' }]);
    expect(await q.call('reminders')).toEqual({ ok: true });
  });

  it('never overlaps a queue run and runNow within the instance; stop aborts its own runs', async () => {
    const q = fakeQueue();
    const events: string[] = [];
    let n = 0;
    const seen: AbortSignal[] = [];
    const run: ScheduledRunFn = async (signal) => {
      const i = ++n;
      seen.push(signal);
      events.push(`start ${String(i)}`);
      await new Promise((r) => setTimeout(r, 20));
      events.push(`end ${String(i)}`);
      return i;
    };
    const scheduled = registerScheduledJobs(
      q.queue,
      'demo',
      [{ kind: 'reminders', intervalMinutes: 1, run }],
      log,
    );
    const reminders = scheduled.runs.get('reminders');
    const queued = q.call('reminders');
    const own = reminders?.runNow();
    const again = q.call('reminders');
    expect(await queued).toBe(1);
    await own;
    expect(await again).toBe(3);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    await reminders?.stop();
    // the runNow's signal is the instance's own, aborted by stop; the queue's are the jobs'
    expect(seen.map((s) => s.aborted)).toEqual([false, true, false]);
  });

  it('logs a failed runNow instead of rejecting', async () => {
    const q = fakeQueue();
    const logged: string[] = [];
    const scheduled = registerScheduledJobs(
      q.queue,
      'demo',
      [{ kind: 'follow', intervalMinutes: 60, run: () => Promise.reject(new Error('down')) }],
      (level, _data, msg) => logged.push(`${level} ${msg}`),
    );
    await scheduled.runs.get('follow')?.runNow();
    expect(logged).toEqual(['error follow: run failed']);
    await expect(q.call('follow')).rejects.toThrow('down');
  });
});
