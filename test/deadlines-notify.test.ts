/**
 * Each channel against a local receiver on 127.0.0.1 that checks the message format and signature
 * the platform documents:
 * - DingTalk custom robot: msgtype markdown {title, text}; 加签 sign = Base64(HmacSHA256(secret,
 *   timestamp + "\n" + secret)), URL-encoded, in the query with timestamp (ms).
 *   https://open.dingtalk.com/document/robots/customize-robot-security-settings
 * - Feishu custom bot: msg_type text, content.text; sign = Base64(HmacSHA256(key = timestamp + "\n" +
 *   secret, message = "")), timestamp (s) and sign in the body.
 *   https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot
 * - WeCom group robot: msgtype markdown, markdown.content ≤ 4096 bytes; key in the URL.
 *   https://developer.work.weixin.qq.com/document/path/91770
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dingTalkNotifier } from '../src/adapters/notify/dingtalk.notifier.js';
import { emailNotifier } from '../src/adapters/notify/email.notifier.js';
import { feishuNotifier } from '../src/adapters/notify/feishu.notifier.js';
import { redactUrl } from '../src/adapters/notify/http-post.js';
import { webhookNotifier } from '../src/adapters/notify/webhook.notifier.js';
import { weComNotifier } from '../src/adapters/notify/wecom.notifier.js';
import type { Reminder } from '../src/ports/notifier.js';

const REMINDER: Reminder = {
  key: '京B2-20180910/illegal-content-report@2022-09-27#5',
  licenceNumber: '京B2-20180910',
  holder: '云智联网络科技（北京）有限公司',
  occurrenceId: 'illegal-content-report@2022-09-27',
  obligation: 'illegal-content-report',
  title: '违法信息处置情况上报',
  titleEn: 'Report illegal information found and disposed of',
  dueOn: '2022-10-14',
  actBy: '2022-10-14',
  leadWorkdays: 5,
  scheduledOn: '2022-10-09',
  remainingWorkdays: 5,
  late: false,
  overdue: false,
  provisional: false,
  explanation: '2022-09-27 后第 10 个工作日为 2022-10-14（星期五）。',
  explanationEn: 'The 10th working day after 2022-09-27 is 2022-10-14 (Fri).',
};

interface Received {
  url: string;
  headers: IncomingMessage['headers'];
  raw: string;
  body: Record<string, unknown>;
}

let server: Server;
let base = '';
const received: Received[] = [];
/** what the receiver answers next: status and JSON */
let answer: { status: number; body: unknown } = { status: 200, body: { errcode: 0, errmsg: 'ok' } };

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      received.push({
        url: req.url ?? '',
        headers: req.headers,
        raw,
        body: JSON.parse(raw) as Record<string, unknown>,
      });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function last(): Received {
  const r = received.at(-1);
  if (!r) throw new Error('nothing received');
  return r;
}

describe('DingTalk robot', () => {
  it('posts markdown with the documented 加签 signature in the query', async () => {
    answer = { status: 200, body: { errcode: 0, errmsg: 'ok' } };
    const secret = 'SECtest0123456789abcdef';
    await dingTalkNotifier({
      url: `${base}/robot/send?access_token=tok123`,
      secret,
      now: () => 1_665_273_600_000,
    }).send(REMINDER);
    const r = last();
    const q = new URL(r.url, base).searchParams;
    expect(q.get('access_token')).toBe('tok123');
    expect(q.get('timestamp')).toBe('1665273600000');
    const expected = createHmac('sha256', secret)
      .update(`1665273600000\n${secret}`)
      .digest('base64');
    expect(q.get('sign')).toBe(expected); // URLSearchParams decodes the URL-encoding
    expect(r.url).toContain(`sign=${encodeURIComponent(expected)}`);
    expect(r.body).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: expect.stringContaining('违法信息处置情况上报') as unknown,
        text: expect.any(String) as unknown,
      },
    });
    const text = (r.body['markdown'] as { text: string }).text;
    expect(text).toContain('截止：2022-10-14');
    expect(text).toContain('依据：2022-09-27 后第 10 个工作日');
  });

  it('throws on errcode ≠ 0, without the token or secret in the message', async () => {
    answer = { status: 200, body: { errcode: 310000, errmsg: 'sign not match' } };
    const send = dingTalkNotifier({
      url: `${base}/robot/send?access_token=verysecrettoken`,
      secret: 'SECsupersecret',
    }).send(REMINDER);
    await expect(send).rejects.toThrow(/310000 sign not match/);
    await send.catch((e: unknown) => {
      const msg = String(e);
      expect(msg).not.toContain('verysecrettoken');
      expect(msg).not.toContain('SECsupersecret');
    });
  });
});

describe('Feishu / Lark bot', () => {
  it('posts text with timestamp and sign in the body, signed as documented', async () => {
    answer = { status: 200, body: { code: 0, msg: 'success', data: {} } };
    const secret = 'feishu-secret';
    await feishuNotifier({
      url: `${base}/open-apis/bot/v2/hook/abc`,
      secret,
      now: () => 1_599_360_473,
    }).send(REMINDER);
    const { body } = last();
    expect(body['msg_type']).toBe('text');
    expect((body['content'] as { text: string }).text).toContain(
      '【许可提醒】京B2-20180910 违法信息处置情况上报',
    );
    expect(body['timestamp']).toBe('1599360473');
    const expected = createHmac('sha256', `1599360473\n${secret}`).update('').digest('base64');
    expect(body['sign']).toBe(expected);
  });

  it('throws on code ≠ 0', async () => {
    answer = {
      status: 200,
      body: {
        code: 19021,
        msg: 'sign match fail or timestamp is not within one hour from current time',
      },
    };
    await expect(
      feishuNotifier({ url: `${base}/open-apis/bot/v2/hook/abc`, secret: 's' }).send(REMINDER),
    ).rejects.toThrow(/19021/);
  });
});

describe('WeCom robot', () => {
  it('posts markdown content within 4096 bytes', async () => {
    answer = { status: 200, body: { errcode: 0, errmsg: 'ok' } };
    await weComNotifier({ url: `${base}/cgi-bin/webhook/send?key=wecomkey` }).send({
      ...REMINDER,
      explanation: '很长的说明'.repeat(1000),
    });
    const { body } = last();
    expect(body['msgtype']).toBe('markdown');
    const content = (body['markdown'] as { content: string }).content;
    expect(content).toMatch(/^\*\*<font color="info">【许可提醒】/u);
    expect(new TextEncoder().encode(content).length).toBeLessThanOrEqual(4096);
  });

  it('in English with lang en', async () => {
    answer = { status: 200, body: { errcode: 0, errmsg: 'ok' } };
    await weComNotifier({ url: `${base}/cgi-bin/webhook/send?key=k`, lang: 'en' }).send(REMINDER);
    expect((last().body['markdown'] as { content: string }).content).toContain(
      'Working days left: 5',
    );
  });
});

describe('generic webhook', () => {
  it('posts xuke.reminder/v1 with an HMAC-SHA256 signature over timestamp and raw body', async () => {
    answer = { status: 204, body: '' };
    const secret = 'whsec';
    await webhookNotifier({ url: `${base}/hooks/xuke`, secret, now: () => 1_700_000_000 }).send(
      REMINDER,
    );
    const r = last();
    expect(r.body).toEqual({ schema: 'xuke.reminder/v1', reminder: REMINDER });
    expect(r.headers['x-xuke-timestamp']).toBe('1700000000');
    const mac = `sha256=${createHmac('sha256', secret).update(`1700000000.${r.raw}`).digest('hex')}`;
    const got = String(r.headers['x-xuke-signature']);
    expect(timingSafeEqual(Buffer.from(got), Buffer.from(mac))).toBe(true);
  });

  it('throws on HTTP 500 naming the URL without its secrets', async () => {
    answer = { status: 500, body: {} };
    await expect(
      webhookNotifier({ url: `${base}/hooks/xuke?token=abcdef`, secret: 'whsec' }).send(REMINDER),
    ).rejects.toThrow(`POST ${base}/hooks/xuke?token=***: HTTP 500`);
  });

  it('redacts tokens in URLs', () => {
    expect(redactUrl('https://open.feishu.cn/open-apis/bot/v2/hook/0123456789abcdef0123')).toBe(
      'https://open.feishu.cn/open-apis/bot/v2/hook/***',
    );
  });
});

describe('e-mail over SMTP', () => {
  it('delivers a zh-CN reminder to a local SMTP receiver', async () => {
    const mails: { from: string; to: string[]; data: string }[] = [];
    const smtp = createTcpServer((socket: Socket) => {
      let buffer = '';
      let inData = false;
      let mail = { from: '', to: [] as string[], data: '' };
      socket.setEncoding('utf8');
      socket.write('220 localhost test SMTP\r\n');
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        let i: number;
        while ((i = buffer.indexOf('\r\n')) >= 0) {
          const line = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          if (inData) {
            if (line === '.') {
              inData = false;
              mails.push(mail);
              mail = { from: '', to: [], data: '' };
              socket.write('250 OK queued\r\n');
            } else {
              mail.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
            }
            continue;
          }
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === 'EHLO' || verb === 'HELO') socket.write('250-localhost\r\n250 8BITMIME\r\n');
          else if (verb === 'MAIL') {
            mail.from = line;
            socket.write('250 OK\r\n');
          } else if (verb === 'RCPT') {
            mail.to.push(line);
            socket.write('250 OK\r\n');
          } else if (verb === 'DATA') {
            inData = true;
            socket.write('354 go ahead\r\n');
          } else if (verb === 'QUIT') {
            socket.end('221 bye\r\n');
          } else socket.write('250 OK\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.address() as AddressInfo).port;
    try {
      await emailNotifier({
        host: '127.0.0.1',
        port,
        ignoreTls: true,
        from: 'xuke@example.cn',
        to: ['compliance@example.cn'],
      }).send(REMINDER);
    } finally {
      await new Promise((resolve) => smtp.close(resolve));
    }
    expect(mails).toHaveLength(1);
    expect(mails[0]?.from).toContain('xuke@example.cn');
    expect(mails[0]?.to[0]).toContain('compliance@example.cn');
    const data = mails[0]?.data ?? '';
    expect(data).toMatch(/^Subject: /mu);
    expect(data).toContain('Content-Type: text/plain; charset=utf-8');
    expect(decodeBody(data)).toContain('截止：2022-10-14；最后工作日：2022-10-14');
  });
});

/** The text body of a single-part message, decoded from base64 or quoted-printable. */
function decodeBody(message: string): string {
  const split = message.indexOf('\n\n');
  const head = message.slice(0, split);
  const body = message.slice(split + 2);
  if (/Content-Transfer-Encoding: base64/iu.test(head)) {
    return Buffer.from(body.replace(/\s+/gu, ''), 'base64').toString('utf8');
  }
  if (/Content-Transfer-Encoding: quoted-printable/iu.test(head)) {
    const bytes = body
      .replace(/=\n/gu, '')
      .replace(/=([0-9A-F]{2})/giu, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}
