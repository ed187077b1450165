/**
 * The service's reminder scheduler end to end, on every dialect: `startServer` with a pinned clock,
 * a configured DingTalk robot and a webhook subscribed through the API, both answered by a local
 * receiver. The service runs reminders on start; it is stopped for a fortnight and started again,
 * twice, and each reminder reaches each channel exactly once; an occurrence marked done through the
 * API gets no further reminder.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/main/server.js';
import type { Reminder } from '../src/ports/notifier.js';
import { describeEachDialect, fixedClock } from './registry-dialects.js';

const SEED = encodeURIComponent('京B2-20180910');
const KEY = '京B2-20180910/illegal-content-report@2022-09-27';

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  raw: string;
}

describeEachDialect('the service’s reminder scheduler', (h) => {
  let receiver: Server;
  let base = '';
  let hostPort = '';
  const received: Received[] = [];
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (raw += c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', headers: req.headers, raw });
        // DingTalk answers errcode 0; the webhook receiver 204
        if (req.url?.startsWith('/dingtalk') === true) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"errcode":0,"errmsg":"ok"}');
        } else res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    hostPort = `127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('sends each reminder once per channel across restarts, catches up, and stops when done', async () => {
    const db = await h.fresh();
    await db.close();
    const clock = fixedClock('2022-09-27T01:00:00.000Z');
    const env = {
      XUKE_DATABASE_URL: db.url,
      XUKE_REMINDER_INTERVAL_MINUTES: '15',
      XUKE_WEBHOOK_ALLOW_HOSTS: hostPort,
      XUKE_DINGTALK_URL: `${base}/dingtalk?access_token=t0ken`,
    };
    const start = (): Promise<RunningServer> =>
      startServer({
        env,
        port: 0,
        host: '127.0.0.1',
        logger: false,
        clock,
        interactive: true,
        print: () => undefined,
      });
    const keysAt = (path: string) => received.filter((r) => r.path.startsWith(path));

    // first start: the demo organisation and its seed; nothing is due yet
    let server = await start();
    let token: string;
    let secret: string;
    let webhookId: string;
    try {
      expect(server.reminders).not.toBeNull();
      await server.reminders?.runNow();
      expect(received).toEqual([]);

      const code = new URLSearchParams(new URL(server.signInUrl ?? '').hash.slice(1)).get('code');
      const signedIn = await fetch(`${server.url}/api/v1/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      // the administrator's session makes an API token, which outlives the session's idle expiry
      const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const session = await fetch(`${server.url}/api/v1/session`, { headers: { cookie } });
      const { csrfToken } = (await session.json()) as { csrfToken: string };
      const minted = await fetch(`${server.url}/api/v1/tokens`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'reminders test', role: 'admin' }),
      });
      expect(minted.status).toBe(201);
      token = ((await minted.json()) as { token: string }).token;
      const api = (method: string, path: string, body?: unknown) =>
        fetch(`${server.url}/api/v1${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });

      const made = await api('POST', '/webhooks', { url: `${base}/hooks/demo` });
      expect(made.status).toBe(201);
      ({ id: webhookId, secret } = (await made.json()) as { id: string; secret: string });
      const event = await api('POST', `/licences/${SEED}/events`, {
        kind: 'illegal-content-disposed',
        date: '2022-09-27',
      });
      expect(event.status).toBe(201);

      await server.reminders?.runNow();
      expect(keysAt('/dingtalk')).toHaveLength(1);
      expect(keysAt('/hooks/demo')).toHaveLength(1);

      const tested = await api('POST', `/webhooks/${webhookId}/test`);
      expect(await tested.json()).toEqual({ ok: true, status: 204, error: null, errorZh: null });
      expect(keysAt('/hooks/demo')).toHaveLength(2);
    } finally {
      await server.close();
    }

    // down until 2022-10-11; the lead-5 reminder (2022-10-09) is caught up, once, on each start
    clock.set('2022-10-11T01:00:00.000Z');
    for (let restart = 0; restart < 2; restart++) {
      server = await start();
      try {
        expect(server.signInUrl).toBeNull();
        await server.reminders?.runNow();
      } finally {
        await server.close();
      }
    }
    expect(keysAt('/dingtalk')).toHaveLength(2);

    // marked done on the 12th: the lead-1 reminder of the 13th never goes out
    clock.set('2022-10-12T01:00:00.000Z');
    server = await start();
    try {
      const done = await fetch(
        `${server.url}/api/v1/licences/${SEED}/deadlines/illegal-content-report@2022-09-27/done`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ note: '已向北京市通信管理局报送，回执 118' }),
        },
      );
      expect(done.status).toBe(201);
      expect(await done.json()).toMatchObject({ status: 'done', done: { on: '2022-10-12' } });
    } finally {
      await server.close();
    }
    clock.set('2022-10-13T01:00:00.000Z');
    server = await start();
    try {
      await server.reminders?.runNow();
    } finally {
      await server.close();
    }

    const webhook = received.filter((r) => r.path === '/hooks/demo');
    const reminders = webhook.map((r) => (JSON.parse(r.raw) as { reminder: Reminder }).reminder);
    expect(reminders.map((r) => [r.key, r.late])).toEqual([
      [`${KEY}#10`, false],
      [`test/${webhookId}#10`, false],
      [`${KEY}#5`, true],
    ]);
    for (const r of webhook) {
      const timestamp = String(r.headers['x-xuke-timestamp']);
      const mac = createHmac('sha256', secret).update(`${timestamp}.${r.raw}`).digest('hex');
      expect(r.headers['x-xuke-signature']).toBe(`sha256=${mac}`);
    }
    const dingtalk = received.filter((r) => r.path.startsWith('/dingtalk'));
    expect(dingtalk.map((r) => (JSON.parse(r.raw) as { msgtype: string }).msgtype)).toEqual([
      'markdown',
      'markdown',
    ]);
    expect(dingtalk[1]?.raw).toContain('补发');
  });
});
