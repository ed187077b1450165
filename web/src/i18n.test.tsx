import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { defineMessages, interpolate, LangProvider, useLang, useT } from './i18n';
import { formatDate } from './format';

const m = defineMessages({ hello: '你好，{name}' }, { hello: 'Hello, {name}' });

function Greeting() {
  const t = useT(m);
  const { lang, setLang } = useLang();
  return (
    <button
      type="button"
      onClick={() => {
        setLang(lang === 'zh' ? 'en' : 'zh');
      }}
    >
      {t('hello', { name: 'xuke' })}
    </button>
  );
}

describe('i18n', () => {
  it('shows Chinese first and switches to English, setting <html lang>', async () => {
    localStorage.clear();
    render(
      <LangProvider>
        <Greeting />
      </LangProvider>,
    );
    expect(screen.getByRole('button').textContent).toBe('你好，xuke');
    expect(document.documentElement.lang).toBe('zh-CN');
    await userEvent.click(screen.getByRole('button'));
    expect(screen.getByRole('button').textContent).toBe('Hello, xuke');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('xuke.lang')).toBe('en');
  });

  it('takes the messages as pairs, each key once, as well as two objects', () => {
    const pairs = defineMessages({ save: ['保存', 'Save'], 'kind_a-b': ['甲', 'A'] });
    expect(pairs).toEqual({
      zh: { save: '保存', 'kind_a-b': '甲' },
      en: { save: 'Save', 'kind_a-b': 'A' },
    });
    expect(pairs).toEqual(
      defineMessages({ save: '保存', 'kind_a-b': '甲' }, { save: 'Save', 'kind_a-b': 'A' }),
    );
  });

  it('leaves an unknown placeholder visible rather than blank', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('shows dates as a document does in Chinese, ISO in English', () => {
    expect(formatDate('2022-09-05', 'zh')).toBe('2022年09月05日');
    expect(formatDate('2022-09-05', 'en')).toBe('2022-09-05');
    expect(formatDate(null, 'zh')).toBe('—');
  });
});
