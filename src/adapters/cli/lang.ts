export const Lang = { zh: 'zh', en: 'en' } as const;
export type Lang = (typeof Lang)[keyof typeof Lang];

/** `--lang` value → Lang; zh-CN is the default. */
export function parseLang(value: string | undefined): Lang {
  if (value === undefined) return 'zh';
  const v = value.toLowerCase();
  if (v === 'en' || v.startsWith('en-')) return 'en';
  if (v === 'zh' || v.startsWith('zh')) return 'zh';
  throw new Error(`--lang: expected zh or en, got "${value}"`);
}
