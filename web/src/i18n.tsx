/**
 * Chinese first, English switchable. Each module keeps its own messages beside its code,
 * `defineMessages({ key: [zh, en] })` (or, older, `defineMessages(zh, en)`: the English keys must
 * match the Chinese ones, or it does not compile); the choice of language is kept in localStorage
 * and sets <html lang>.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';

export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'xuke.lang';

interface LangState {
  readonly lang: Lang;
  readonly setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangState>({ lang: 'zh', setLang: () => undefined });

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // storage may be disabled: fall back to Chinese
  }
  return 'zh';
}

export function LangProvider({
  children,
  lang: fixed,
}: {
  children: ReactNode;
  /** tests pin a language */
  lang?: Lang;
}) {
  const [lang, setLangState] = useState<Lang>(fixed ?? initialLang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered; still switched
    }
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  return useContext(LangContext);
}

export type Messages = Readonly<Record<string, string>>;
export interface MessageSet<M extends Messages> {
  readonly zh: M;
  readonly en: { readonly [K in keyof M]: string };
}

/** A message in both languages: Chinese, then English. */
export type Pair = readonly [zh: string, en: string];

/**
 * A module's messages, each key once with its two texts (`{ save: ['保存', 'Save'] }`): a page
 * carries every message in both languages, and one key per message rather than two keeps the
 * script smaller (the budget in docs/web-ui.md). The older form takes the two languages as two
 * objects with the same keys.
 */
export function defineMessages<K extends string>(
  pairs: Readonly<Record<K, Pair>>,
): MessageSet<Readonly<Record<K, string>>>;
export function defineMessages<M extends Messages>(
  zh: M,
  en: { readonly [K in keyof M]: string },
): MessageSet<M>;
export function defineMessages(
  zh: Messages | Readonly<Record<string, Pair>>,
  en?: Messages,
): MessageSet<Messages> {
  if (en !== undefined) return { zh: zh as Messages, en };
  const set = { zh: {} as Record<string, string>, en: {} as Record<string, string> };
  for (const [key, [inZh, inEn]] of Object.entries(zh as Readonly<Record<string, Pair>>)) {
    set.zh[key] = inZh;
    set.en[key] = inEn;
  }
  return set;
}

export type Vars = Readonly<Record<string, string | number>>;
export type Translate<M extends Messages> = (key: keyof M & string, vars?: Vars) => string;

/** `{name}` placeholders are replaced by vars.name. */
export function interpolate(text: string, vars?: Vars): string {
  if (vars === undefined) return text;
  return text.replace(/\{(\w+)\}/gu, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

export function useT<M extends Messages>(messages: MessageSet<M>): Translate<M> {
  const { lang } = useLang();
  return useCallback((key, vars) => interpolate(messages[lang][key], vars), [lang, messages]);
}

/**
 * A calendar day written ISO inside text: `2026-12-07`, standing alone (not inside an id such as
 * `renewal@2026-12-07`, a number, a path or a timestamp).
 */
const ISO_DAY = /(?<![\w@/:.-])(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\w@/:-])/gu;

/** ISO days in Chinese text as the UI writes dates (docs/glossary.md): `2026年12月07日`. */
export function zhDates(text: string): string {
  return text.replace(ISO_DAY, '$1年$2月$3日');
}

/**
 * For text that arrives in both languages (API fields such as title/titleEn, message/messageEn).
 * The API writes days ISO in both; the Chinese gets the UI's form, so a page never mixes the two.
 */
export function pick(lang: Lang, zh: string, en: string | null | undefined): string {
  return lang === 'en' && en !== null && en !== undefined && en !== '' ? en : zhDates(zh);
}

/** Punctuation by language: full-width in Chinese, ASCII with its space in English. */
export const PUNCT = {
  zh: { colon: '：', semi: '；', comma: '，', list: '、', stop: '。', open: '（', close: '）' },
  en: { colon: ': ', semi: '; ', comma: ', ', list: ', ', stop: '. ', open: ' (', close: ')' },
} as const;
