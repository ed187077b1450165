/**
 * `xuke reminders run` as a user (or cron) runs it, on every dialect: the service's channels from
 * the same environment (the organisation's signed webhook through the SSRF guard to a local
 * receiver, allowed by XUKE_WEBHOOK_ALLOW_HOSTS, and a configured DingTalk robot), each reminder
 * once through the database's sent-log; --dry-run sends and records nothing; a refused webhook is
 * a failure (exit 10) kept for a later run; a completion marked with `xuke deadlines done` stops
 * the reminders.
 */
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { KyselyReminderLog } from '../src/adapters/db/reminder.repository.js';
import { FIXTURES } from './fixtures.js';
import {
  addWebhook,
  registerFixture,
  type Receiver,
  seedWithDisposal,
  startReceiver,
} from './reminder-fixtures.js';
import { describeEachDialect, type TestDatabase } from './registry-dialects.js';
import { xuke, xukeAsync, type CliEnv } from './run-cli.js';

const SEED = '京B2-20180910';
const KEY = `${SEED}/illegal-content-report@2022-09-27`;

/** Every reminder setting of the machine left out, so only the test's own count. */
const CLEAN: CliEnv = Object.fromEntries(
  [
    'XUKE_ACTOR',
    'XUKE_ORG',
    'XUKE_DATABASE_URL',
    'XUKE_PUBLIC_ORG',
    'XUKE_REMINDER_ORG',
    'XUKE_REMINDER_LEADS',
    'XUKE_REMINDER_LANG',
    'XUKE_REMINDER_INTERVAL_MINUTES',
    'XUKE_WEBHOOK_ALLOW_HOSTS',
    'XUKE_DINGTALK_URL',
    'XUKE_DINGTALK_SECRET',
    'XUKE_FEISHU_URL',
    'XUKE_FEISHU_SECRET',
    'XUKE_WECOM_URL',
    'XUKE_SMTP_URL',
    'XUKE_SMTP_FROM',
    'XUKE_SMTP_TO',
  ].map((name) => [name, undefined]),
);

interface RunReport {
  today: string;
  dryRun: boolean;
  sent: { organisation: string; channel: string; key: string; late: boolean }[];
  failed: { organisation: string; channel: string; key: string; error: string }[];
  errors: unknown[];
  withoutChannels: string[];
}

describeEachDialect('xuke reminders run', (h) => {
  let t: TestDatabase | undefined;
  let hook: Receiver;
  beforeAll(async () => {
    // answers 200 {"errcode":0}, what DingTalk says (and a webhook receiver may)
    hook = await startReceiver(() => ({ status: 200, json: '{"errcode":0}' }));
  });
  afterAll(async () => {
    await hook.close();
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
    hook.received.length = 0;
  });

  /**
   * acme holds the seed (valid in 2022) with content disposed of on 2022-09-27 and a webhook to
   * the receiver; beta holds another licence and no channel at all.
   */
  async function setUp(): Promise<TestDatabase> {
    const db = await h.fresh();
    t = db;
    await seedWithDisposal(db, 'acme');
    await registerFixture(db, 'beta', FIXTURES.b1b2);
    await addWebhook(db, 'acme', `${hook.base}/hooks/acme`);
    return db;
  }

  /** The service's settings: the receiver allowed, acme's DingTalk robot on the receiver. */
  const serviceEnv = (): CliEnv => ({
    ...CLEAN,
    XUKE_WEBHOOK_ALLOW_HOSTS: hook.hostPort,
    XUKE_REMINDER_ORG: 'acme',
    XUKE_DINGTALK_URL: `${hook.base}/dingtalk`,
  });
  const reminders = (db: TestDatabase, args: string[], env = serviceEnv()) =>
    xukeAsync(['reminders', 'run', '--db', db.url, ...args], env);
  const report = (stdout: string) => JSON.parse(stdout) as RunReport;
  const sentKeys = (r: RunReport) => r.sent.map((s) => [s.organisation, s.channel, s.key]);

  it('sends each due reminder once to each channel; a dry run sends and records nothing', async () => {
    const db = await setUp();

    const dry = await reminders(db, ['--today', '2022-09-27', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toBe(
      [
        '试运行（截至 2022-09-27）：将发送 2 条提醒，0 条将失败（未发送，未记录）',
        `  → acme  webhook:w1  ${SEED}  违法信息处置情况上报  最后工作日 2022-10-14，提前 10 个工作日  [${KEY}#10]`,
        `  → acme  dingtalk  ${SEED}  违法信息处置情况上报  最后工作日 2022-10-14，提前 10 个工作日  [${KEY}#10]`,
        '  ! beta：没有提醒渠道（无 Webhook 订阅；配置的机器人与邮件服务于组织 acme）',
        '',
      ].join('\n'),
    );
    expect(hook.received).toEqual([]);
    expect(await new KyselyReminderLog(db.open.db, 'acme').entries()).toEqual([]);

    const first = await reminders(db, ['--today', '2022-09-27', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(sentKeys(report(first.stdout))).toEqual([
      ['acme', 'webhook:w1', `${KEY}#10`],
      ['acme', 'dingtalk', `${KEY}#10`],
    ]);
    expect(hook.received.map((r) => r.path)).toEqual(['/hooks/acme', '/dingtalk']);
    const [webhook, dingtalk] = hook.received;
    const timestamp = String(webhook?.headers['x-xuke-timestamp']);
    expect(webhook?.headers['x-xuke-signature']).toBe(
      `sha256=${createHmac('sha256', 'whsec-acme')
        .update(`${timestamp}.${webhook?.raw ?? ''}`)
        .digest('hex')}`,
    );
    expect(JSON.parse(webhook?.raw ?? '')).toMatchObject({
      schema: 'xuke.reminder/v1',
      reminder: { key: `${KEY}#10`, actBy: '2022-10-14' },
    });
    expect(JSON.parse(dingtalk?.raw ?? '')).toMatchObject({ msgtype: 'markdown' });
    const log = await new KyselyReminderLog(db.open.db, 'acme').entries();
    expect(log.map((e) => [e.key, e.channel, e.status]).sort()).toEqual([
      [`${KEY}#10`, 'dingtalk', 'sent'],
      [`${KEY}#10`, 'webhook:w1', 'sent'],
    ]);

    // the second run (and its dry run) finds everything already sent
    const second = await reminders(db, ['--today', '2022-09-27', '--lang', 'en']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Reminders as of 2022-09-27: 0 sent, 0 failed');
    expect(second.stdout).toContain('nothing due that was not sent already');
    const dryAgain = await reminders(db, ['--today', '2022-09-27', '--dry-run', '--json']);
    expect(report(dryAgain.stdout)).toMatchObject({ dryRun: true, sent: [], failed: [] });
    expect(hook.received).toHaveLength(2);

    // later, after downtime: the 5-day reminder late, the 1-day one on its day; once each
    const later = await reminders(db, ['--today', '2022-10-13', '--json']);
    expect(later.code, later.stderr).toBe(0);
    const laterReport = report(later.stdout);
    expect(sentKeys(laterReport)).toEqual([
      ['acme', 'webhook:w1', `${KEY}#5`],
      ['acme', 'dingtalk', `${KEY}#5`],
      ['acme', 'webhook:w1', `${KEY}#1`],
      ['acme', 'dingtalk', `${KEY}#1`],
    ]);
    expect(laterReport.sent.map((s) => s.late)).toEqual([true, true, false, false]);
    expect(hook.received).toHaveLength(6);
    expect(report((await reminders(db, ['--today', '2022-10-13', '--json'])).stdout).sent).toEqual(
      [],
    );
    expect(hook.received).toHaveLength(6);
  });

  it('--org runs one organisation only', async () => {
    const db = await setUp();
    const beta = await reminders(db, ['--today', '2022-09-27', '--org', 'beta', '--json']);
    expect(beta.code, beta.stderr).toBe(0);
    expect(report(beta.stdout)).toMatchObject({ sent: [], withoutChannels: ['beta'] });
    expect(hook.received).toEqual([]);
    const acme = await reminders(db, ['--today', '2022-09-27', '--org', 'acme', '--json']);
    expect(report(acme.stdout)).toMatchObject({ withoutChannels: [] });
    expect(report(acme.stdout).sent).toHaveLength(2);
  });

  it('a refused webhook fails with exit 10 and stays in the log, backing off', async () => {
    const db = await setUp();
    // no XUKE_WEBHOOK_ALLOW_HOSTS: the receiver's port and loopback address are refused
    const refusedEnv = { ...CLEAN };
    const dry = await reminders(db, ['--today', '2022-09-27', '--dry-run', '--json'], refusedEnv);
    expect(dry.code).toBe(10);
    expect(report(dry.stdout).failed.map((f) => f.channel)).toEqual(['webhook:w1']);
    expect(await new KyselyReminderLog(db.open.db, 'acme').entries()).toEqual([]);

    const refused = await reminders(db, ['--today', '2022-09-27', '--lang', 'en'], refusedEnv);
    expect(refused.code).toBe(10);
    expect(refused.stdout).toContain('Reminders as of 2022-09-27: 0 sent, 1 failed');
    expect(refused.stdout).toMatch(
      /✗ acme {2}webhook:w1 .*\n {6}webhook:w1: Refused to deliver to http:\/\/127\.0\.0\.1:\d+\/hooks\/acme: port \d+ is not allowed/u,
    );
    expect(hook.received).toEqual([]);
    const log = await new KyselyReminderLog(db.open.db, 'acme').entries();
    expect(log.map((e) => [e.key, e.channel, e.status, e.attempts])).toEqual([
      [`${KEY}#10`, 'webhook:w1', 'failed', 1],
    ]);
    // within its back-off (5 minutes) nothing is tried again
    const soon = await reminders(db, ['--today', '2022-09-27', '--json']);
    expect(soon.code, soon.stderr).toBe(0);
    expect(sentKeys(report(soon.stdout))).toEqual([['acme', 'dingtalk', `${KEY}#10`]]);
  });

  it('a completion marked with xuke deadlines done stops the reminders', async () => {
    const db = await setUp();
    const done = xuke(
      [
        'deadlines',
        'done',
        SEED,
        'illegal-content-report@2022-09-27',
        '--note',
        '已报送',
        '--on',
        '2022-10-11',
        '--db',
        db.url,
        '--org',
        'acme',
      ],
      undefined,
      CLEAN,
    );
    expect(done.code, done.stderr).toBe(0);
    const r = await reminders(db, ['--today', '2022-10-13', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(report(r.stdout).sent).toEqual([]);
    expect(hook.received).toEqual([]);
  });

  it('names bad input and configuration (exit 2)', async () => {
    const db = await setUp();
    const badDay = await reminders(db, ['--today', '2022-02-30']);
    expect(badDay.code).toBe(2);
    expect(badDay.stderr).toBe(
      'xuke reminders run: --today：“2022-02-30”不是有效的 YYYY-MM-DD 日期\n',
    );
    const badConfig = await reminders(db, ['--lang', 'en'], {
      ...CLEAN,
      XUKE_REMINDER_LEADS: 'soon',
      XUKE_WECOM_URL: 'ftp://example.com/x',
    });
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain('XUKE_REMINDER_LEADS: "soon"');
    expect(badConfig.stderr).toContain(
      'XUKE_WECOM_URL: "ftp://example.com/x" is not an http(s) URL',
    );
    const badOrg = await reminders(db, ['--org', 'Not An Org']);
    expect(badOrg.code).toBe(2);
    expect(badOrg.stderr).toContain('--org');
    expect(hook.received).toEqual([]);
  });
});
