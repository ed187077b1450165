import { describe, expect, it } from 'vitest';
import { personActor, tokenActor } from '../../../src/core/actor';
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
    // a person signed in, and a token naming who created it (src/core/actor.ts)
    [
      personActor({ id: 'u_1', name: '张三', email: 'zhang@example.com' }, '203.0.113.5'),
      '张三',
      '张三',
    ],
    [
      personActor({ id: 'u_2', name: '', email: 'li@example.com' }, null),
      'li@example.com',
      'li@example.com',
    ],
    [
      tokenActor({ id: 't_1', name: '上架审核系统' }, { id: 'u_1', name: '张三' }, '10.0.0.1'),
      '令牌“上架审核系统”（张三 创建）',
      'token “上架审核系统” (created by 张三)',
    ],
    [tokenActor({ id: 't_2', name: 'ci' }, null, null), '令牌“ci”', 'token “ci”'],
    [
      tokenActor({ id: 't_3', name: 'web sign-in' }, { id: 'u_1', name: '张三' }, null),
      '网页登录',
      'web sign-in',
    ],
    // not JSON after all: as written
    ['token:{ci', '令牌“{ci”', 'token “{ci”'],
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
