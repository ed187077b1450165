import { describe, expect, it } from 'vitest';
import { actorName, tokenName } from './actors';

describe('who did it, in words', () => {
  it.each([
    ['token:web sign-in', '网页登录', 'web sign-in'],
    ['token:calendar feed', '日历订阅', 'calendar feed'],
    ['token:合规部 张三', '令牌“合规部 张三”', 'token “合规部 张三”'],
    ['cli:alice', '命令行（alice）', 'command line (alice)'],
    ['cli', '命令行', 'command line'],
    [
      'follow:https://reg.example',
      '镜像登记（https://reg.example）',
      'mirrored register (https://reg.example)',
    ],
    ['authority:bj', '发证机关（bj）', 'issuing authority (bj)'],
    ['alice', 'alice', 'alice'],
  ])('names %s', (actor, zh, en) => {
    expect(actorName(actor, 'zh')).toBe(zh);
    expect(actorName(actor, 'en')).toBe(en);
  });

  it('names the tokens the server makes itself, and leaves the ones people named', () => {
    expect(tokenName('web sign-in', 'zh')).toBe('网页登录');
    expect(tokenName('calendar feed', 'zh')).toBe('日历订阅');
    expect(tokenName('calendar feed', 'en')).toBe('calendar feed');
    expect(tokenName('first-start sign-in', 'zh')).toBe('首次启动登录');
    expect(tokenName('CI 流水线', 'en')).toBe('CI 流水线');
  });
});
