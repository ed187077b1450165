import { describe, expect, it } from 'vitest';
import { aLicence, aWebsite, run } from '../licence-builder.test-helpers.js';
import { domainFormat, findHostNameProblem } from './domain-format.js';

describe('domain-format', () => {
  it.each([
    ['a name without a top-level domain', 'upliveapp', '顶级域'],
    ['an underscore', 'bad_domain.com', '“_”'],
    ['a space inside', 'exa mple.com', '空白'],
    ['a label starting with a hyphen', '-abc.com', '-abc'],
    ['a label ending with a hyphen', 'abc-.com', 'abc-'],
    ['an empty label', 'a..com', '空标签'],
    ['an IP address', '192.168.1.1', 'IP'],
    ['a numeric top-level domain', 'example.123', '顶级域“123”'],
    ['a one-letter top-level domain', 'example.c', '顶级域“c”'],
    ['a URL with a scheme', 'http://example.com', '“:”'],
    ['a path', 'example.com/index.html', '“/”'],
    ['a label of 64 characters', `${'a'.repeat(64)}.com`, '63'],
    ['a host name of 254 characters', `${'abcdefghi.'.repeat(25)}abc.com`, '253'],
    ['two domains run together', 'a.com、b.com', '“、”'],
  ])('reports %s', (_name, domain, reason) => {
    const findings = run(
      domainFormat,
      aLicence({ websites: [aWebsite({ domains: ['ok.cn', domain] })] }),
    );
    expect(findings.map((f) => [f.severity, f.fields])).toEqual([
      ['error', ['websites[0].domains']],
    ]);
    expect(findings[0]?.message).toContain(domain);
    expect(findings[0]?.message).toContain(reason);
  });

  it.each([
    ['a bare registrable domain', 'upliveapp.com'],
    ['www.', 'www.qinghe-read.cn'],
    ['a sub-domain', 'listen.qinghe-read.cn'],
    ['a second-level country domain', 'example.com.cn'],
    ['a hyphenated name', 'xingqiao-cloud.com'],
    ['a label starting with a digit', '3com.com'],
    ['a two-letter TLD', 'a.io'],
    ['an IDN in punycode', 'xn--fiqs8s.xn--fiqz9s'],
    ['an IDN in Unicode', '中文网站.中国'],
    ['a Unicode label under a Unicode TLD', '例子.公司'],
    ['upper case (DNS is case-insensitive)', 'WWW.Example.COM'],
    ['the ideographic full stop', 'example。com'],
    ['a trailing root dot', 'example.com.'],
  ])('accepts %s', (_name, domain) => {
    expect(findHostNameProblem(domain)).toBeUndefined();
    expect(run(domainFormat, aLicence({ websites: [aWebsite({ domains: [domain] })] }))).toEqual(
      [],
    );
  });

  it('reports each bad domain with its own website index', () => {
    const findings = run(
      domainFormat,
      aLicence({
        websites: [
          aWebsite({ domains: ['good.cn'] }),
          aWebsite({ domains: ['bad_1.cn', 'bad 2.cn'] }),
        ],
      }),
    );
    expect(findings.map((f) => f.fields)).toEqual([
      ['websites[1].domains'],
      ['websites[1].domains'],
    ]);
  });
});
