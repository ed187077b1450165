import { describe, expect, it } from 'vitest';
import { normaliseName } from './names.js';

describe('normaliseName', () => {
  it.each([
    ['云智联网络科技(北京)有限公司', '云智联网络科技（北京）有限公司'],
    [';:腾讯云计算(北京)有限责任公司', '腾讯云计算（北京）有限责任公司'],
    ['腾讯云计算〈北京〉有限责任公司。', '腾讯云计算（北京）有限责任公司'],
    ['云智联 网络 科技（北京）有限公司', '云智联网络科技（北京）有限公司'],
    ['  北京市通信管理局 ', '北京市通信管理局'],
    ['云智联网络科技（北京）有限公司', '云智联网络科技（北京）有限公司'],
  ])('%s → %s', (raw, registered) => {
    expect(normaliseName(raw)).toBe(registered);
  });

  it('keeps Latin letters, digits and the brackets of a Latin-script name', () => {
    expect(normaliseName('ABC科技(上海)有限公司')).toBe('ABC科技（上海）有限公司');
    expect(normaliseName('Acme (Asia) Ltd.')).toBe('Acme (Asia) Ltd.');
  });

  it('gives an empty string for punctuation alone', () => {
    expect(normaliseName(';:。')).toBe('');
  });
});
