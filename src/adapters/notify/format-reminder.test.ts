/** A notice reads as what happened, not as a countdown; one with a deadline says it. */
import { describe, expect, it } from 'vitest';
import type { Reminder } from '../../ports/notifier.js';
import { reminderLines, reminderTitle } from './format-reminder.js';

const base: Reminder = {
  key: '京B2-20240613/credit-list@e1',
  licenceNumber: '京B2-20240613',
  holder: '北京合云网络科技有限公司',
  occurrenceId: 'credit-list@e1',
  obligation: 'annual-report',
  title: '已被北京市通信管理局列入电信业务经营不良名单',
  titleEn: 'Put on the 不良名单 by 北京市通信管理局',
  dueOn: '2026-05-12',
  actBy: '2026-05-12',
  leadWorkdays: 0,
  scheduledOn: '2026-05-12',
  remainingWorkdays: 0,
  late: false,
  overdue: false,
  provisional: false,
  explanation: '列入事由：未按限期报送2025年度年报',
  explanationEn: 'Reason: no 2025 report by the ordered time limit',
  notice: { on: '2026-05-12', hasDue: false },
};

describe('a notice through the chat and e-mail channels', () => {
  it('tells what happened and when, without a countdown', () => {
    expect(reminderTitle(base, 'zh')).toBe(
      '【许可通知】京B2-20240613 已被北京市通信管理局列入电信业务经营不良名单（2026-05-12）',
    );
    expect(reminderTitle(base, 'en')).toBe(
      '[xuke] 京B2-20240613 Put on the 不良名单 by 北京市通信管理局 (2026-05-12)',
    );
    const zh = reminderLines(base, 'zh').join('\n');
    expect(zh).toContain('列入事由：未按限期报送2025年度年报');
    expect(zh).not.toContain('剩余工作日');
    expect(zh).not.toContain('截止');
  });

  it('gives the deadline a returned report still has', () => {
    const returned: Reminder = {
      ...base,
      title: '2025 年度年报被发证机关退回，请修改后重新报送',
      dueOn: '2026-03-31',
      actBy: '2026-03-31',
      remainingWorkdays: 9,
      notice: { on: '2026-03-05', hasDue: true },
    };
    expect(reminderTitle(returned, 'zh')).toBe(
      '【许可提醒】京B2-20240613 2025 年度年报被发证机关退回，请修改后重新报送：2026-03-31 到期（剩余 9 个工作日）',
    );
    expect(reminderLines(returned, 'zh')).toContain('截止：2026-03-31；最后工作日：2026-03-31');
    expect(reminderLines(returned, 'en')).toContain(
      'Due: 2026-03-31; last working day to act: 2026-03-31',
    );
  });
});
