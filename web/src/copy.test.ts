/**
 * The house rules of docs/glossary.md, over every message the UI defines: 您 throughout, “” for
 * quotes, no full-width punctuation in English, and no browser internals (localStorage) in words.
 * Every module is loaded, and each `defineMessages` call is recorded as it runs.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Messages } from './i18n';

const sets: { zh: Messages; en: Messages }[] = [];

vi.mock('./i18n', async (importOriginal) => {
  const i18n = await importOriginal<typeof import('./i18n')>();
  return {
    ...i18n,
    defineMessages: (...args: Parameters<typeof i18n.defineMessages>) => {
      const set = i18n.defineMessages(...args);
      sets.push(set);
      return set;
    },
  };
});

/** English texts that quote Chinese on purpose: how to type a list or a service in Chinese. */
const QUOTING_CHINESE: readonly string[] = [
  'Separate items with 、 or commas',
  'One per line: service name: coverage 1、coverage 2. E.g. 信息服务业务（仅限互联网信息服务）：北京',
];

async function allMessages(): Promise<{ zh: string[]; en: string[] }> {
  const modules = import.meta.glob([
    './**/*.{ts,tsx}',
    '!./**/*.test.{ts,tsx}',
    '!./**/*.d.ts',
    '!./main.tsx',
  ]);
  for (const load of Object.values(modules)) await load();
  return {
    zh: sets.flatMap((s) => Object.values(s.zh)),
    en: sets.flatMap((s) => Object.values(s.en)),
  };
}

describe('the words of the UI (docs/glossary.md)', () => {
  it('addresses the reader as 您, never 你, and quotes with “”', async () => {
    const { zh } = await allMessages();
    expect(sets.length).toBeGreaterThan(40);
    expect(zh.filter((text) => /你|[「」]/u.test(text))).toEqual([]);
  });

  it('uses ASCII punctuation in English, except where it quotes Chinese', async () => {
    const { en } = await allMessages();
    const fullWidth = en.filter(
      (text) => /[：；，。（）！？、「」]/u.test(text) && !QUOTING_CHINESE.includes(text),
    );
    expect(fullWidth).toEqual([]);
  });

  it('never tells a person to run a command on the server: it says where in the UI, or whom to ask', async () => {
    const { zh, en } = await allMessages();
    // `xuke` followed by one of the command line's commands (src/adapters/cli)
    const command =
      /\bxuke (token|user|import|export|org|audit|register|db|demo|keys|annual-report|credit-list|elicence|spot-check|follow|reminders|serve|seed)\b/u;
    expect([...zh, ...en].filter((text) => command.test(text))).toEqual([]);
  });

  it('names no browser internals: “this browser”, not localStorage', async () => {
    const { zh, en } = await allMessages();
    expect([...zh, ...en].filter((text) => /(local|session)Storage/u.test(text))).toEqual([]);
  });
});
