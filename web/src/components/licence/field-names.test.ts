import { describe, expect, it } from 'vitest';
import { fieldLabel } from './field-names';

describe('field paths in words', () => {
  it.each([
    ['holder.name', '公司名称', 'Company name'],
    ['holder', '持证单位', 'Holder'],
    ['issuedOn', '发证日期', 'Issued on'],
    ['services', '业务种类', 'Services'],
    ['services[0]', '第 1 项业务', 'Service 1'],
    ['services[0].qualifier', '第 1 项业务的限定说明', 'Service 1: qualifier'],
    ['websites[1].serverLocation', '第 2 个网站的服务器放置地', 'Website 2: server location'],
    ['websites[0].domains[1]', '第 1 个网站的域名', 'Website 1: domains'],
    ['facilities[2]', '第 3 处机房', 'Machine room 3'],
    ['provisions[4].text', '第 5 项特别规定事项的内容', 'Special provision 5: text'],
    ['signatures[1].date', '第 2 处签署的日期', 'Signature 2: date'],
  ])('names %s', (path, zh, en) => {
    expect(fieldLabel(path, 'zh')).toBe(zh);
    expect(fieldLabel(path, 'en')).toBe(en);
  });

  it.each(['holder.nickname', 'services[0].colour', 'widgets[0]', 'not a path[', 'document'])(
    'leaves %s as it is: a part it does not know is never hidden',
    (path) => {
      expect(fieldLabel(path, 'zh')).toBe(path);
    },
  );
});
