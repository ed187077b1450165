import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION } from '../app/trust/seed-demo-organisation.js';
import { DomainError } from '../core/errors.js';
import { loadSettings } from './load-settings.js';
import { DEFAULT_ADMIN_ORGANISATION, SETTINGS, settingsMarkdown } from './settings.js';

const ALL = ['registry', 'cli', 'documents', 'service', 'reminders'] as const;

function problems(env: Record<string, string>): DomainError {
  try {
    loadSettings(env, ALL);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('no problem reported');
}

describe('the settings', () => {
  it('docs/settings.md is generated from the schema (`npx vitest run src/config -u` rewrites it)', async () => {
    await expect(settingsMarkdown()).toMatchFileSnapshot('../../docs/settings.md');
  });

  it('defaults every section', () => {
    const s = loadSettings({}, ALL);
    expect(s.service).toEqual({
      port: 3000,
      host: '127.0.0.1',
      adminOrganisation: 'demo',
      corsOrigins: [],
      scanAllowHosts: [],
      rateLimitPerMinute: 600,
      ocrPagesPerHour: 600,
      uploadBytesPerDay: 1024 * 1024 * 1024,
      asyncDocumentBytes: 4 * 1024 * 1024,
      asyncDocumentPages: 4,
      trustProxy: [],
      logLevel: 'info',
      readCacheMs: 1000,
      followSources: [],
      followKeys: null,
      followIntervalMinutes: 60,
      sessionIdleMinutes: 120,
      sessionMaxHours: 12,
      oidc: null,
    });
    expect(s.cli).toEqual({ actor: null, lang: 'zh' });
    expect(s.documents).toEqual({
      tesseract: null,
      tessdata: null,
      ocrEngines: 'combined',
      ocrPagesInFlight: null,
      ocrQueuePages: null,
    });
    expect(s.registry.organisation).toBe('default');
    expect(s.reminders.channelOrganisation).toBe('demo');
    expect(Object.isFrozen(s.service)).toBe(true);
  });

  it('the administrator defaults to the organisation the first start seeds, and gets the configured channels', () => {
    expect(DEFAULT_ADMIN_ORGANISATION).toBe(DEMO_ORGANISATION);
    const s = loadSettings({ XUKE_ADMIN_ORG: 'ops' }, ['service', 'reminders']);
    expect(s.reminders.channelOrganisation).toBe('ops');
    const own = loadSettings({ XUKE_ADMIN_ORG: 'ops', XUKE_REMINDER_ORG: 'acme' }, ['reminders']);
    expect(own.reminders.channelOrganisation).toBe('acme');
  });

  it('reads the service’s values', () => {
    const s = loadSettings(
      {
        PORT: '8080',
        HOST: ' 0.0.0.0 ',
        XUKE_CORS_ORIGINS: 'https://a.example, ,https://b.example',
        XUKE_SCAN_ALLOW_HOSTS: '10.0.0.5:8080,[::1]:9000',
        XUKE_RATE_LIMIT: '60',
        XUKE_LOG_LEVEL: 'warn',
        XUKE_READ_CACHE_MS: '0',
        XUKE_LANG: 'en-US',
        XUKE_ACTOR: 'ops@acme',
        XUKE_TESSERACT: '/opt/bin/tesseract',
      },
      ALL,
    );
    expect(s.service).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      corsOrigins: ['https://a.example', 'https://b.example'],
      scanAllowHosts: ['10.0.0.5:8080', '[::1]:9000'],
      rateLimitPerMinute: 60,
      logLevel: 'warn',
      readCacheMs: 0,
    });
    expect(s.cli).toEqual({ actor: 'ops@acme', lang: 'en' });
    expect(s.documents.tesseract).toBe('/opt/bin/tesseract');
    expect(s.documents.ocrEngines).toBe('combined');
  });

  it('reports every problem of every section at once, each naming its variable', () => {
    const e = problems({
      PORT: 'http',
      XUKE_DB_POOL_MAX: '0',
      XUKE_ADMIN_ORG: 'Bad Org',
      XUKE_SCAN_ALLOW_HOSTS: 'nohost',
      XUKE_LOG_LEVEL: 'loud',
      XUKE_READ_CACHE_MS: '-1',
      XUKE_REMINDER_LEADS: 'x',
      XUKE_LANG: 'fr',
      XUKE_DATABASE_URL: 'mysql://u:secret@h/db',
    });
    for (const name of [
      'PORT',
      'XUKE_DB_POOL_MAX',
      'XUKE_ADMIN_ORG',
      'XUKE_SCAN_ALLOW_HOSTS',
      'XUKE_LOG_LEVEL',
      'XUKE_READ_CACHE_MS',
      'XUKE_REMINDER_LEADS',
      'XUKE_LANG',
      'XUKE_DATABASE_URL',
    ]) {
      expect(e.messageEn).toContain(name);
      expect(e.message).toContain(name);
    }
    expect(e.message).toMatch(/^配置有误：/u);
    expect(`${e.message}${e.messageEn}`).not.toContain('secret');
    // a variable read by two sections is reported once
    expect(e.messageEn.match(/XUKE_ADMIN_ORG/gu)).toHaveLength(1);
  });

  it('names the flag, not the variable, when the flag gave the value', () => {
    expect(() => loadSettings({}, ['registry'], { databaseUrl: 'mysql://h/db' })).toThrow(
      /--db：/u,
    );
    expect(() => loadSettings({}, ['registry'], { organisation: 'Bad Org' })).toThrow(/--org：/u);
    expect(
      loadSettings({ XUKE_DATABASE_URL: 'x' }, ['registry'], { databaseUrl: 'sqlite::memory:' })
        .registry.database,
    ).toEqual({ dialect: 'sqlite', path: ':memory:' });
  });

  it('reads only the sections asked for: a bad service setting does not stop a CLI command', () => {
    expect(loadSettings({ PORT: 'x', XUKE_REMINDER_LEADS: 'x' }, ['registry', 'cli'])).toBeTruthy();
  });

  it('is the only place outside the composition roots that reads the environment', () => {
    const src = fileURLToPath(new URL('../', import.meta.url));
    const readers: string[] = [];
    const visit = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) visit(path);
        else if (/\.tsx?$/u.test(entry.name) && !entry.name.endsWith('.test.ts')) {
          if (/process\.env|\benv\[['"]/u.test(readFileSync(path, 'utf8'))) {
            readers.push(relative(src, path));
          }
        }
      }
    };
    visit(src);
    expect(readers.sort()).toEqual([
      // the OCR child's environment: the parent's, passed through (not a setting of xuke's)
      'adapters/documents/child-run.ts',
      'adapters/documents/ocr-tesseract-cli.ts',
      'main/cli.ts',
      'main/server.ts',
    ]);
    // every setting is documented
    for (const spec of Object.values(SETTINGS)) expect(spec.meaning).not.toBe('');
  });
});
