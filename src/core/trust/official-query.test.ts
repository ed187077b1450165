import { describe, expect, it } from 'vitest';
import { officialQueryUrl } from './official-query.js';

describe('officialQueryUrl', () => {
  it('links a number to the official query as holders do', () => {
    expect(officialQueryUrl('京B2-20180910')).toBe(
      'https://dxzhgl.miit.gov.cn/dxxzsp/xkz/xkzgl/resource/qiyesearch.jsp?num=%E4%BA%ACB2-20180910&type=xuke',
    );
  });

  it('encodes a company name so it cannot add parameters', () => {
    const url = new URL(officialQueryUrl('青禾 科技&type=other#x'));
    expect(url.searchParams.get('num')).toBe('青禾 科技&type=other#x');
    expect(url.searchParams.getAll('type')).toEqual(['xuke']);
    expect(url.hash).toBe('');
  });
});
