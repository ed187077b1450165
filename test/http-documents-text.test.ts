/**
 * POST /api/v1/documents answers with the text the parser read, by line (the review screen's source
 * pane), bounded at 2 MiB; and its CheckReport carries every field of the core's findings, as the
 * OpenAPI document says. On every dialect.
 */
import { describe, expect, it } from 'vitest';
import { DOCUMENT_TEXT_MAX_BYTES } from '../src/app/documents/check-document.js';
import { fixtureBytes, fixtureText } from './fixtures.js';
import { bearer, harnessFor } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

const BOUNDARY = 'xuketextboundary';

interface Evidence {
  line: number;
  text: string;
}

interface DocumentResult {
  parse: {
    source: { format: string; encoding: string | null };
    evidence: Record<string, Evidence>;
    licence: { number: string | null; holder: { name: string | null } };
  };
  report: {
    findings: (Record<string, unknown> & { evidence: Evidence[] })[];
  };
  text: { lines: string[]; lineCount: number; truncated: boolean };
  saved: unknown;
}

const FINDING_KEYS = [
  'basis',
  'basisEn',
  'evidence',
  'fields',
  'message',
  'messageEn',
  'ruleId',
  'severity',
];

/** Every evidence line of the parse and the findings is the line of `text` it names. */
function expectEvidenceInText(r: DocumentResult): void {
  const cited = [
    ...Object.values(r.parse.evidence),
    ...r.report.findings.flatMap((f) => f.evidence),
  ];
  expect(cited.length).toBeGreaterThan(10);
  for (const e of cited) expect(r.text.lines[e.line - 1], `line ${e.line}`).toBe(e.text);
}

describeEachDialect('the extracted text of an uploaded document', (dialect) => {
  const h = harnessFor(dialect);

  const send = async (body: string | Uint8Array, type = 'text/plain', query = '') => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/v1/documents${query}`,
      payload: Buffer.from(body),
      headers: { 'content-type': type, ...bearer(h.tokens.member) },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json<DocumentResult>();
  };

  it('gives every line the parser read, numbered as the evidence is', async () => {
    const text = fixtureText('seed');
    const r = await send(text);
    expect(r.text).toEqual({
      lines: text.split(/\r\n|\n/u),
      lineCount: text.split(/\r\n|\n/u).length,
      truncated: false,
    });
    expectEvidenceInText(r);
  });

  it('decodes a GB18030 file on the server: the browser need not', async () => {
    const r = await send(fixtureBytes('huGb18030'), 'application/octet-stream');
    expect(r.parse.source.encoding).toBe('gb18030');
    expect(r.text.lines.join('\n')).toContain(r.parse.licence.holder.name ?? '?');
    expect(r.text.lines.join('\n')).not.toContain('\ufffd');
    expectEvidenceInText(r);
  });

  it('numbers lines after \\r, \\r\\n and form feeds as the parser does', async () => {
    const text = fixtureText('seed').replace(/\n/gu, (_, i: number) =>
      i % 3 === 0 ? '\r' : '\r\n',
    );
    const r = await send(text);
    expect(r.text.truncated).toBe(false);
    expectEvidenceInText(r);
  });

  it('comes with a multipart upload and a corrected record too', async () => {
    const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="seed.txt"\r\nContent-Type: text/plain\r\n\r\n`;
    const body = `${head}${fixtureText('seed')}\r\n--${BOUNDARY}--\r\n`;
    const r = await send(body, `multipart/form-data; boundary=${BOUNDARY}`);
    expect(r.text.truncated).toBe(false);
    expectEvidenceInText(r);
    // the seed runs 240 days where a licence runs 5 years: a suspect document, saved with a reason
    const saved = await send(
      body,
      `multipart/form-data; boundary=${BOUNDARY}`,
      `?save=true&acknowledge=${encodeURIComponent('原件已核对')}`,
    );
    expect(saved.text.lineCount).toBe(r.text.lineCount);
  });

  it('stops at 2 MiB of whole lines, counting the rest, and says truncated', async () => {
    const filler = '附：本行为测试填充，说明原文过长时只返回前面的行。\n'.repeat(40_000);
    const text = `${fixtureText('seed').trimEnd()}\n${filler}`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(DOCUMENT_TEXT_MAX_BYTES);
    const r = await send(text);
    expect(r.text.truncated).toBe(true);
    expect(r.text.lineCount).toBe(text.split('\n').length);
    expect(r.text.lines.length).toBeLessThan(r.text.lineCount);
    const sent = r.text.lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    expect(sent).toBeLessThanOrEqual(DOCUMENT_TEXT_MAX_BYTES);
    // one more line would not have fitted
    expect(sent + Buffer.byteLength(filler.split('\n')[0] ?? '') + 1).toBeGreaterThan(
      DOCUMENT_TEXT_MAX_BYTES,
    );
    expect(r.text.lines).toEqual(text.split('\n').slice(0, r.text.lines.length));
    expect(r.parse.licence.number).toBe('京B2-20180910');
  });

  describe('the CheckReport’s findings', () => {
    it('carry every field of the core’s Finding, and the OpenAPI document requires them all', async () => {
      const r = await send(fixtureText('seed'));
      expect(r.report.findings.length).toBeGreaterThan(3);
      for (const f of r.report.findings) {
        expect(Object.keys(f).sort()).toEqual(FINDING_KEYS);
        expect(typeof f['messageEn']).toBe('string');
        expect(typeof f['basisEn']).toBe('string');
      }
      const REPORT_KEYS = [
        'findings',
        'licence',
        'register',
        'schema',
        'status',
        'validity',
        'verdict',
        'verdictReason',
        'verdictReasonEn',
      ];
      expect(Object.keys(r.report).sort()).toEqual(REPORT_KEYS);

      const doc = (await h.app.inject({ url: '/openapi.json' })).json<{
        components: { schemas: Record<string, { required?: string[] }> };
      }>();
      expect([...(doc.components.schemas['Finding']?.required ?? [])].sort()).toEqual(FINDING_KEYS);
      expect([...(doc.components.schemas['CheckReport']?.required ?? [])].sort()).toEqual(
        REPORT_KEYS,
      );
      expect(doc.components.schemas['DocumentText']?.required).toEqual([
        'lines',
        'lineCount',
        'truncated',
      ]);
    });
  });
});
