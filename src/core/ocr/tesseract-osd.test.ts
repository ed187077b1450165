import { describe, expect, it } from 'vitest';
import { parseOsd } from './tesseract-osd.js';

describe('parseOsd', () => {
  it('reads how far to turn the page and how sure Tesseract is', () => {
    const report = [
      'Page number: 0',
      'Orientation in degrees: 90',
      'Rotate: 270',
      'Orientation confidence: 18.50',
      'Script: Han',
      'Script confidence: 0.85',
    ].join('\n');
    expect(parseOsd(report)).toEqual({ rotate: 270, confidence: 18.5 });
  });

  it('has nothing for a report without an orientation or with an odd angle', () => {
    expect(parseOsd('')).toBeNull();
    expect(parseOsd('Rotate: 45\nOrientation confidence: 3.0')).toBeNull();
    expect(parseOsd('Rotate: 180')).toBeNull();
  });
});
