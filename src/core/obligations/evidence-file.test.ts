import { describe, expect, it } from 'vitest';
import {
  EVIDENCE_MEDIA_TYPES,
  EVIDENCE_NAME_MAX,
  evidenceFileName,
  evidenceMediaType,
} from './evidence-file.js';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);
const PDF = text('%PDF-1.7\n…');
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0);
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00);

describe('an evidence file’s media type', () => {
  it.each([
    ['a PDF, whatever it was declared as', PDF, 'text/html', 'application/pdf'],
    ['a PNG declared as a PDF', PNG, 'application/pdf', 'image/png'],
    [
      'HTML, never served as HTML',
      text('<html><script>x()</script></html>'),
      'text/html',
      'text/plain',
    ],
    ['text declared as CSV', text('a,b\n1,2\n'), 'text/csv; charset=utf-8', 'text/csv'],
    [
      'a DOCX, which only its declaration tells',
      ZIP,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['a ZIP declared as script', ZIP, 'application/javascript', 'application/octet-stream'],
    ['bytes declared as nothing', ZIP, undefined, 'application/octet-stream'],
  ])('%s', (_what, content, declared, expected) => {
    expect(evidenceMediaType(content, declared)).toBe(expected);
    expect(EVIDENCE_MEDIA_TYPES).toContain(expected);
  });

  it('never stores a type that a browser would run', () => {
    expect(
      EVIDENCE_MEDIA_TYPES.filter((t) => /html|[/+]xml$|javascript|ecmascript|svg/u.test(t)),
    ).toEqual([]);
  });
});

describe('an evidence file’s name', () => {
  it.each([
    ['回执.pdf', '回执.pdf'],
    ['C:\\fakepath\\回执 118.pdf', '回执 118.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['a\u0000b\u202e.pdf', 'ab.pdf'],
    ['   ', 'evidence'],
    [undefined, 'evidence'],
    ['..', 'evidence'],
  ])('%j → %j', (name, expected) => {
    expect(evidenceFileName(name)).toBe(expected);
  });

  it('cuts a long name, keeping its extension', () => {
    const name = evidenceFileName(`${'长'.repeat(300)}.pdf`);
    expect(name).toHaveLength(EVIDENCE_NAME_MAX);
    expect(name.endsWith('长.pdf')).toBe(true);
  });
});
