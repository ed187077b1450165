import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors.js';
import { loadConfig, parseDatabaseUrl } from './load-config.js';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite file and the default organisation', () => {
    expect(loadConfig({})).toEqual({
      database: { dialect: 'sqlite', path: './xuke-data/xuke.sqlite' },
      organisation: 'default',
      confirmationDays: 90,
      keyPassphrase: null,
      keyPassphraseFile: null,
      publicUrl: null,
    });
  });

  it('reads XUKE_CONFIRMATION_DAYS, and reports a bad one with every other problem', () => {
    expect(loadConfig({ XUKE_CONFIRMATION_DAYS: '30' }).confirmationDays).toBe(30);
    for (const bad of ['0', '3651', '1.5', 'x']) {
      expect(() => loadConfig({ XUKE_CONFIRMATION_DAYS: bad, XUKE_ORG: 'BAD ORG' })).toThrow(
        /XUKE_CONFIRMATION_DAYS[\s\S]*XUKE_ORG/u,
      );
    }
  });

  it('takes PostgreSQL from XUKE_DATABASE_URL, and --db over it', () => {
    const env = { XUKE_DATABASE_URL: 'postgres://u@127.0.0.1:5432/x', XUKE_DB_POOL_MAX: '4' };
    expect(loadConfig(env).database).toEqual({
      dialect: 'postgres',
      url: env.XUKE_DATABASE_URL,
      poolMax: 4,
    });
    expect(loadConfig(env, { databaseUrl: 'sqlite:///tmp/a.sqlite' }).database).toEqual({
      dialect: 'sqlite',
      path: '/tmp/a.sqlite',
    });
  });

  it('reports every problem at once, naming each variable, and hides passwords', () => {
    let error: unknown;
    try {
      loadConfig({
        XUKE_DATABASE_URL: 'mysql://u:secret@h/db',
        XUKE_ORG: 'Bad Org',
        XUKE_DB_POOL_MAX: 'x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const { message, messageEn } = error as DomainError;
    expect(messageEn).toMatch(
      /XUKE_DB_POOL_MAX[\s\S]*XUKE_DATABASE_URL: "mysql:\/\/u:\*\*\*@h\/db"[\s\S]*XUKE_ORG/u,
    );
    // The zh-CN message names the same three, hides the password, and is Chinese.
    expect(message).toMatch(/^配置有误：[\s\S]*XUKE_DB_POOL_MAX[\s\S]*u:\*\*\*@h[\s\S]*XUKE_ORG/u);
    expect(message).not.toContain('secret');
    expect(message).not.toMatch(/is neither|not an integer/u);
  });

  it('returns a frozen config', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });

  it.each([
    ['sqlite://data/x.sqlite', { dialect: 'sqlite', path: 'data/x.sqlite' }],
    ['sqlite::memory:', { dialect: 'sqlite', path: ':memory:' }],
    ['postgresql://h/db', { dialect: 'postgres', url: 'postgresql://h/db', poolMax: 10 }],
  ])('reads %s', (url, expected) => {
    expect(parseDatabaseUrl(url)).toEqual(expected);
  });
});
