/**
 * pdf.js's legacy build replaces JSON.stringify/parse process-wide with core-js's slower ones
 * (src/adapters/documents/native-json.ts); xuke puts the native ones back. Each case runs in a
 * fresh Node process, since a module graph evaluates pdf.js once.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function inFreshNode(script: string): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

// by identity: core-js makes its replacements' toString look like native code
const NATIVE = `const [s0, p0] = [JSON.stringify, JSON.parse];
  const native = () => JSON.stringify === s0 && JSON.parse === p0;`;

describe("JSON's native functions beside pdf.js", () => {
  it('are replaced by pdf.js alone (what the restore undoes)', () => {
    const out = inFreshNode(`${NATIVE}
      await import('pdfjs-dist/legacy/build/pdf.mjs');
      console.log(native());`);
    expect(out).toBe('false');
  });

  it('stay native once xuke has loaded pdf.js, its worker and a document', () => {
    const out = inFreshNode(`${NATIVE}
      const { openPdf, preloadPdfWorker } = await import('./src/adapters/documents/pdf-document.ts');
      const { documentBytes } = await import('./test/documents-builders.ts');
      const loaded = native();
      await preloadPdfWorker();
      const doc = await openPdf(documentBytes('b1b2Pdf'), 'a.pdf');
      console.log(JSON.stringify([loaded, native(), doc.numPages > 0]));`);
    expect(out).toBe('[true,true,true]');
  });
});
