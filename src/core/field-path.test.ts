import { describe, expect, it } from 'vitest';
import { formatFieldPath, parentFieldPath, parseFieldPath } from './field-path.js';

describe('field paths', () => {
  it('reads a path into its parts and writes it back', () => {
    for (const [path, parts] of [
      ['number', ['number']],
      ['holder.name', ['holder', 'name']],
      ['services[0].coverage', ['services', 0, 'coverage']],
      ['signatures[12].date', ['signatures', 12, 'date']],
      ['services[1].coverage[3]', ['services', 1, 'coverage', 3]],
      ['facilities[0]', ['facilities', 0]],
      ['a[0][1]', ['a', 0, 1]],
    ] as const) {
      expect(parseFieldPath(path)).toEqual(parts);
      expect(formatFieldPath(parts)).toBe(path);
    }
  });

  it('is null for what is not a path', () => {
    for (const path of ['', '.a', '[0]', 'a.', 'a[', 'a[x]', 'a[0', 'a..b', 'a]b', 'a[0]b']) {
      expect(parseFieldPath(path), path).toBeNull();
    }
  });

  it('walks up to the parents', () => {
    const chain: string[] = [];
    for (let p: string | undefined = 'a.b[2].c'; p !== undefined; p = parentFieldPath(p)) {
      chain.push(p);
    }
    expect(chain).toEqual(['a.b[2].c', 'a.b[2]', 'a.b', 'a']);
    expect(parentFieldPath('constructor')).toBeUndefined();
    expect(parentFieldPath('a[x].c')).toBeUndefined();
  });
});
