import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../core/errors.js';
import { createTesseractCliEngine } from './ocr-tesseract-cli.js';

// Stand-ins for the binary, in a temporary directory removed afterwards.
const dir = mkdtempSync(join(tmpdir(), 'xuke-ocr-test-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
function fakeBinary(name: string, script: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}
const image = { format: 'png' as const, bytes: new Uint8Array([1, 2, 3]) };

describe('the tesseract CLI engine', () => {
  it('kills a run that overruns the page time and says so', async () => {
    const engine = createTesseractCliEngine({
      binary: fakeBinary('slow', 'cat >/dev/null; sleep 30'),
    });
    const started = Date.now();
    await expect(engine.recognise(image, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'INPUT_TOO_LARGE',
      messageEn: expect.stringContaining('200 ms') as unknown,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says how to install Tesseract when it is missing or lacks the Chinese model', async () => {
    const missing = createTesseractCliEngine({ binary: join(dir, 'no-such-tesseract') });
    await expect(missing.recognise(image, { timeoutMs: 5_000 })).rejects.toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
      messageEn: expect.stringContaining('tesseract-ocr-chi-sim') as unknown,
    });
    const noModel = createTesseractCliEngine({
      binary: fakeBinary(
        'nomodel',
        'cat >/dev/null; echo "Failed loading language \'chi_sim\'" >&2; exit 1',
      ),
    });
    await expect(noModel.recognise(image, { timeoutMs: 5_000 })).rejects.toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
    });
  });

  it('reports an image it cannot decode as unreadable', async () => {
    const engine = createTesseractCliEngine({
      binary: fakeBinary(
        'bad',
        'cat >/dev/null; echo "Error in pixReadMem: Unknown format" >&2; exit 1',
      ),
    });
    await expect(engine.recognise(image, { timeoutMs: 5_000 })).rejects.toMatchObject({
      code: 'UNREADABLE_DOCUMENT',
    });
  });

  it('asks for orientation with --psm 0 -l osd, and has no answer when the model is missing', async () => {
    const osd = createTesseractCliEngine({
      binary: fakeBinary(
        'osd',
        'cat >/dev/null; case "$*" in *"-l osd --psm 0"*) printf "Page number: 0\\nOrientation in degrees: 270\\nRotate: 90\\nOrientation confidence: 17.7\\n";; *) exit 3;; esac',
      ),
    });
    expect(await osd.detectOrientation?.(image, { timeoutMs: 5_000 })).toEqual({
      rotate: 90,
      confidence: 17.7,
    });
    const noOsd = createTesseractCliEngine({
      binary: fakeBinary(
        'noosd',
        'cat >/dev/null; echo "Failed loading language \'osd\'" >&2; exit 1',
      ),
    });
    expect(await noOsd.detectOrientation?.(image, { timeoutMs: 5_000 })).toBeNull();
    // An abort of the document carries another page's error: it must reach the caller.
    const controller = new AbortController();
    controller.abort(new DomainError('UNREADABLE_DOCUMENT', 'page 2 is corrupt'));
    await expect(
      osd.detectOrientation?.(image, { timeoutMs: 5_000, signal: controller.signal }),
    ).rejects.toThrow('page 2 is corrupt');
  });
});
