import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseResultSchema } from '../src/core/licence.js';
import { FIXTURES } from './fixtures.js';
import { xuke } from './run-cli.js';

describe('xuke parse', () => {
  it('prints a readable zh-CN summary and exits 0', () => {
    const r = xuke(['parse', FIXTURES.seed]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('京B2-20180910  增值电信业务经营许可证');
    expect(r.stdout).toContain('公司名称：云智联网络科技（北京）有限公司');
    expect(r.stdout).toContain('特别规定事项：29 条');
    expect(r.stderr).toBe('');
  });

  it('prints English with --lang en', () => {
    const r = xuke(['parse', '--lang', 'en', FIXTURES.b1b2]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Cross-regional value-added telecom business licence');
    expect(r.stdout).toContain('Holder: 深圳星桥云数据有限公司');
  });

  it('prints the ParseResult as JSON with --json', () => {
    const r = xuke(['parse', '--json', FIXTURES.hu]);
    expect(r.code).toBe(0);
    const result = ParseResultSchema.parse(JSON.parse(r.stdout));
    expect(result.licence.number).toBe('沪B2-20200731');
  });

  it('prints one JSON document per line for several files', () => {
    const r = xuke(['parse', '--json', FIXTURES.seed, FIXTURES.hu, FIXTURES.b1b2]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => ParseResultSchema.parse(JSON.parse(l)).licence.number)).toEqual([
      '京B2-20180910',
      '沪B2-20200731',
      'B1.B2-20233345',
    ]);
  });

  it('reads standard input for -', () => {
    const r = xuke(['parse', '--json', '-'], readFileSync(FIXTURES.huGb18030));
    expect(r.code).toBe(0);
    const result = ParseResultSchema.parse(JSON.parse(r.stdout));
    expect(result.source.encoding).toBe('gb18030');
  });

  it('exits 2 naming the file when it does not exist, and still prints the others', () => {
    const r = xuke(['parse', '--json', 'no/such/licence.txt', FIXTURES.hu]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('xuke parse: no/such/licence.txt：文件不存在\n');
    expect(JSON.parse(r.stdout)).toMatchObject({ licence: { number: '沪B2-20200731' } });
  });

  it('exits 2 with a one-line reason for a document with no licence in it', () => {
    const r = xuke(['parse', '-'], '今天天气很好。\n');
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('-：未找到许可证');
    expect(r.stdout).toBe('');
  });

  it('exits 2 for binary input and for a PDF this build cannot read yet', () => {
    const bin = xuke(['parse', '-'], new Uint8Array([0, 1, 2, 3, 0, 255]));
    expect(bin.code).toBe(2);
    expect(bin.stderr).toContain('不是文本、PDF 或图片文件');
    const pdf = xuke(['parse', '--lang', 'en', '-'], '%PDF-1.4\n%...');
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toContain('PDF');
  });

  it('exits 2 on a usage error', () => {
    const r = xuke(['parse']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing required argument');
  });
});

describe('xuke demo', () => {
  it('parses and summarises the bundled seed', () => {
    const r = xuke(['demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('京B2-20180910');
  });
});
