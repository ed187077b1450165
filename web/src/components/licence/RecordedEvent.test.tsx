import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LangProvider } from '../../i18n';
import { noteWords, RecordedEvent } from './RecordedEvent';

const verdict = (code: string) => `<${code}>`;

describe('an event’s note in words', () => {
  it.each([
    [
      '人工更正 corrected by hand: holder, expiresOn, services',
      '人工更正：持证单位、有效期至、业务种类',
      'Corrected by hand: Holder, Expires on, Services',
    ],
    [
      '人工更正 corrected by hand: expiresOn；已确认保存（核验结论 suspect）：延续批复另附；见附件',
      '人工更正：有效期至。核验结论为“<suspect>”，已确认保存：延续批复另附；见附件',
      'Corrected by hand: Expires on. Saved despite the verdict “<suspect>”: 延续批复另附；见附件',
    ],
    [
      '已确认保存（核验结论 mismatch）：纸质原件已核对',
      '核验结论为“<mismatch>”，已确认保存：纸质原件已核对',
      'Saved despite the verdict “<mismatch>”: 纸质原件已核对',
    ],
    ['续期获批', '续期获批', '续期获批'],
  ])('reads %s', (note, zh, en) => {
    expect(noteWords(note, 'zh', verdict)).toBe(zh);
    expect(noteWords(note, 'en', verdict)).toBe(en);
  });

  it.each([
    [
      'zh' as const,
      '2026年11月20日',
      '人工更正：公司名称',
      '由网页登录记录于 2026年11月20日 02:00',
    ],
    [
      'en' as const,
      '2026-11-20',
      'Corrected by hand: Company name',
      'recorded by web sign-in, 2026-11-20 02:00',
    ],
  ])(
    'shows a saved correction in %s: its day, its note and who recorded it',
    (lang, day, note, by) => {
      render(
        <LangProvider lang={lang}>
          <RecordedEvent
            event={{
              on: '2026-11-20',
              kind: 'changed',
              note: '人工更正 corrected by hand: holder.name',
              actor: 'token:web sign-in',
              recordedAt: '2026-11-20T02:00:00Z',
            }}
          />
        </LangProvider>,
      );
      expect(screen.getByText(day)).toBeTruthy();
      expect(screen.getByText(note)).toBeTruthy();
      expect(screen.getByText(by)).toBeTruthy();
    },
  );
});
