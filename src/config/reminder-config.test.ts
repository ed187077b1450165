import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors.js';
import { loadReminderConfig } from './reminder-config.js';

describe('loadReminderConfig', () => {
  it('defaults: every 15 minutes, 10/5/1 working days ahead, no channels, for the given organisation', () => {
    expect(loadReminderConfig({}, 'demo')).toEqual({
      intervalMinutes: 15,
      leadWorkdays: [10, 5, 1],
      channelOrganisation: 'demo',
      lang: 'zh',
      webhookAllowHosts: [],
      channels: [],
    });
  });

  it('reads the interval, leads, organisation, allow-list and every channel', () => {
    const config = loadReminderConfig(
      {
        XUKE_REMINDER_INTERVAL_MINUTES: '0',
        XUKE_REMINDER_LEADS: '1, 20,5,5',
        XUKE_REMINDER_ORG: 'acme',
        XUKE_REMINDER_LANG: 'en',
        XUKE_WEBHOOK_ALLOW_HOSTS: '10.0.0.5:8080, [::1]:9000',
        XUKE_DINGTALK_URL: 'https://oapi.dingtalk.com/robot/send?access_token=abc',
        XUKE_DINGTALK_SECRET: 'SECxyz',
        XUKE_FEISHU_URL: 'https://open.feishu.cn/open-apis/bot/v2/hook/0123',
        XUKE_WECOM_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k',
        XUKE_SMTP_URL: 'smtps://ops%40acme.cn:p%40ss@smtp.acme.cn',
        XUKE_SMTP_FROM: 'xuke@acme.cn',
        XUKE_SMTP_TO: 'legal@acme.cn, ops@acme.cn',
      },
      'demo',
    );
    expect(config).toMatchObject({
      intervalMinutes: 0,
      leadWorkdays: [20, 5, 1],
      channelOrganisation: 'acme',
      lang: 'en',
      webhookAllowHosts: ['10.0.0.5:8080', '[::1]:9000'],
    });
    expect(config.channels).toEqual([
      {
        kind: 'dingtalk',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=abc',
        secret: 'SECxyz',
      },
      { kind: 'feishu', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/0123', secret: null },
      { kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' },
      {
        kind: 'email',
        host: 'smtp.acme.cn',
        port: 465,
        secure: true,
        user: 'ops@acme.cn',
        password: 'p@ss',
        from: 'xuke@acme.cn',
        to: ['legal@acme.cn', 'ops@acme.cn'],
      },
    ]);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every problem at once, naming each variable, without passwords', () => {
    let error: unknown;
    try {
      loadReminderConfig(
        {
          XUKE_REMINDER_INTERVAL_MINUTES: '5000',
          XUKE_REMINDER_LEADS: '10,x',
          XUKE_REMINDER_ORG: 'Bad Org',
          XUKE_REMINDER_LANG: 'fr',
          XUKE_WEBHOOK_ALLOW_HOSTS: 'nohost',
          XUKE_DINGTALK_URL: 'ftp://x',
          XUKE_SMTP_URL: 'smtp://u:hunter2@',
        },
        'demo',
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const { message, messageEn } = error as DomainError;
    for (const name of [
      'XUKE_REMINDER_INTERVAL_MINUTES',
      'XUKE_REMINDER_LEADS',
      'XUKE_REMINDER_ORG',
      'XUKE_REMINDER_LANG',
      'XUKE_WEBHOOK_ALLOW_HOSTS',
      'XUKE_DINGTALK_URL',
      'XUKE_SMTP_URL',
      'XUKE_SMTP_FROM',
      'XUKE_SMTP_TO',
    ]) {
      expect(messageEn).toContain(name);
      expect(message).toContain(name);
    }
    expect(messageEn).not.toContain('hunter2');
    expect(message).toMatch(/^提醒配置有误/u);
  });
});
