/**
 * People from the command line (`xuke user create|sign-in-link|list`) as a user runs them, against
 * the service on the same database; and the service's first start: the first person, their
 * one-time link printed in full on a terminal, masked otherwise with the link in a 0600 file.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/main/server.js';
import { xuke } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'xuke-user-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const PASSWORD = 'a fine 口令 for zhang';

async function signIn(url: string, email: string, password: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return res.status;
}

describe('xuke user', { timeout: 180_000 }, () => {
  it('create reads the password from stdin; sign-in-link makes a link that works once; list shows the people', async () => {
    const db = `sqlite://${join(dir, 'users.sqlite')}`;
    const created = xuke(
      [
        'user',
        'create',
        'Zhang@Example.cn',
        '--name',
        '张三',
        '--org',
        'demo',
        '--role',
        'admin',
        '--json',
        '--db',
        db,
      ],
      `${PASSWORD}\n`,
    );
    expect(created.code, created.stderr).toBe(0);
    const person = JSON.parse(created.stdout) as Record<string, unknown>;
    expect(person).toMatchObject({
      email: 'zhang@example.cn',
      name: '张三',
      instanceAdmin: false,
      passwordSet: true,
      organisation: 'demo',
      role: 'admin',
    });
    expect(created.stdout).not.toContain(PASSWORD);

    // an empty standard input: a person without a password (single sign-on, or a link)
    const sso = xuke(
      ['user', 'create', 'li@example.cn', '--name', '李四', '--org', 'demo', '--db', db],
      '',
    );
    expect(sso.code, sso.stderr).toBe(0);
    expect(sso.stdout).toContain('未设置口令');
    expect(sso.stdout).toContain('member');

    const twice = xuke(
      ['user', 'create', 'zhang@example.cn', '--name', '张三', '--org', 'demo', '--db', db],
      `${PASSWORD}\n`,
    );
    expect(twice.code).toBe(4);
    expect(twice.stderr).toContain('zhang@example.cn');
    const short = xuke(
      ['user', 'create', 'wang@example.cn', '--name', '王五', '--db', db, '--lang', 'en'],
      'short\n',
    );
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('A password needs at least 10 characters');
    const role = xuke(
      ['user', 'create', 'wang@example.cn', '--name', '王五', '--role', 'root', '--db', db],
      '',
    );
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('root');
    const email = xuke(['user', 'create', 'not-an-email', '--name', '王五', '--db', db], '');
    expect(email.code).toBe(2);

    const listed = xuke(['user', 'list', '--org', 'demo', '--json', '--db', db]);
    expect(listed.code, listed.stderr).toBe(0);
    const items = (JSON.parse(listed.stdout) as { items: Record<string, unknown>[] }).items;
    expect(items.map((i) => [i['email'], i['role'], i['hasPassword']])).toEqual([
      ['zhang@example.cn', 'admin', true],
      ['li@example.cn', 'member', false],
    ]);
    const text = xuke(['user', 'list', '--org', 'demo', '--db', db, '--lang', 'en']);
    expect(text.stdout).toContain('张三');
    expect(text.stdout).toContain('password:no');
    expect(xuke(['user', 'list', '--org', 'empty-org', '--db', db]).stdout).toContain('没有人员');

    const link = xuke(['user', 'sign-in-link', 'LI@example.cn', '--db', db], undefined, {
      XUKE_PUBLIC_URL: 'https://xuke.example.cn',
    });
    expect(link.code, link.stderr).toBe(0);
    const url = /https:\/\/xuke\.example\.cn\/sign-in#code=(\S+)/u.exec(link.stdout);
    expect(url, link.stdout).not.toBeNull();
    const code = decodeURIComponent(url?.[1] ?? '');
    expect(xuke(['user', 'sign-in-link', 'nobody@example.cn', '--db', db]).code).toBe(3);

    const printed: string[] = [];
    const server = await startServer({
      env: { XUKE_DATABASE_URL: db, XUKE_READ_CACHE_MS: '0', XUKE_REMINDER_INTERVAL_MINUTES: '0' },
      port: 0,
      host: '127.0.0.1',
      logger: false,
      interactive: false,
      print: (line) => printed.push(line),
    });
    try {
      // people exist: no first administrator, no link
      expect(server.signInUrl).toBeNull();
      expect(printed.join('\n')).not.toContain('sign-in#code');
      expect(await signIn(server.url, 'zhang@example.cn', PASSWORD)).toBe(204);
      expect(await signIn(server.url, 'zhang@example.cn', 'not the password')).toBe(401);
      const post = () =>
        fetch(`${server.url}/api/v1/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code }),
        });
      const first = await post();
      expect(first.status).toBe(204);
      expect(first.headers.get('set-cookie')).toMatch(/^xuke_session=/u);
      expect((await post()).status).toBe(401);
    } finally {
      await server.close();
    }
  });
});

/** The service's first start on a new SQLite file in `dir`, on a terminal or not; what it printed. */
async function firstStart(name: string, interactive: boolean) {
  const printed: string[] = [];
  const server = await startServer({
    env: {
      XUKE_DATABASE_URL: `sqlite://${join(dir, `${name}.sqlite`)}`,
      XUKE_READ_CACHE_MS: '0',
      XUKE_REMINDER_INTERVAL_MINUTES: '0',
    },
    port: 0,
    host: '127.0.0.1',
    logger: false,
    interactive,
    print: (line) => printed.push(line),
  });
  return { server, printed };
}

describe('the first start', { timeout: 180_000 }, () => {
  it('on a terminal prints the whole link; it opens the administrator’s session once', async () => {
    const { server, printed } = await firstStart('tty', true);
    try {
      expect(server.signInUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sign-in#code=xk_/u);
      expect(server.signInFile).toBeNull();
      expect(printed.join('\n')).toContain(server.signInUrl ?? '-');
      expect(printed.join('\n')).toContain('管理员 <admin@localhost>');
      const code =
        new URLSearchParams(new URL(server.signInUrl ?? '').hash.slice(1)).get('code') ?? '';
      const res = await fetch(`${server.url}/api/v1/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      expect(res.status).toBe(204);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const session = await fetch(`${server.url}/api/v1/session`, { headers: { cookie } });
      expect(await session.json()).toMatchObject({
        person: { name: '管理员', email: 'admin@localhost' },
        organisation: { id: 'demo' },
        role: 'admin',
        instanceAdmin: true,
        passwordSet: false,
        organisations: [
          { id: 'demo', role: 'admin' },
          { id: 'demo-authority', role: 'admin' },
        ],
      });
    } finally {
      await server.close();
    }
  });

  it('elsewhere masks the code and writes the link to a file only this user may read', async () => {
    const { server, printed } = await firstStart('pipe', false);
    try {
      const url = server.signInUrl ?? '';
      const code = new URLSearchParams(new URL(url).hash.slice(1)).get('code') ?? '';
      expect(code).toMatch(/^xk_[\w-]{43}$/u);
      const out = printed.join('\n');
      expect(out).not.toContain(code);
      expect(out).toContain(`#code=${code.slice(0, 4)}…`);
      // the data directory: the SQLite file's
      const file = join(dir, 'first-sign-in.txt');
      expect(server.signInFile).toBe(file);
      expect(out).toContain(file);
      expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(url);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      await server.close();
    }
  });
});
