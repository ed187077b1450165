/**
 * The `tesseract` command (Debian's tesseract-ocr 5 with chi_sim) as the OCR engine: one child
 * process per image, the image on stdin and TSV on stdout, so nothing is written to disk. Each run
 * is single-threaded (OMP_THREAD_LIMIT=1): parallelism comes from the page pool, which measured
 * faster than Tesseract's own OpenMP threads (docs/reading-documents.md). glibc's allocator is tuned
 * for the child, which cuts its start-up to a third (TESSERACT_GLIBC_TUNABLES).
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { DomainError, isDomainError } from '../../core/errors.js';
import { parseOsd } from '../../core/ocr/tesseract-osd.js';
import { parseTesseractTsv } from '../../core/ocr/tesseract-tsv.js';
import { runChild } from './child-run.js';
import type {
  OcrEngine,
  OcrImage,
  OcrOptions,
  OcrPage,
  Orientation,
} from '../../ports/ocr-engine.js';

export interface TesseractCliOptions {
  /** the executable; `tesseract` on PATH by default */
  readonly binary?: string;
  /** the model; `chi_sim` (it reads the Latin letters and digits of numbers and domains too) */
  readonly lang?: string;
  /** a tessdata directory; Tesseract's compiled-in default when absent */
  readonly tessdataDir?: string;
  /** page segmentation mode; 4 (one column of text of variable sizes) by default: automatic
   * segmentation (3) split clean 150–200 dpi renderings into columns (docs/reading-documents.md) */
  readonly psm?: number;
}

/**
 * glibc's allocator settings for the child (ignored by other C libraries and by glibc before 2.35).
 * Tesseract allocates and frees some hundred MB a page; by default glibc returns freed memory to
 * the kernel and takes it back page by page, and on this machine the page faults cost a fifth of
 * the run. Transparent huge pages (`hugetlb=1`), a 32 MB heap top pad and no trimming cut the
 * faults of a page from 27,700 to about 1,200, the start-up from 0.26–0.37 to 0.11 CPU-s, and a
 * page's CPU time by 10–15 % (docs/reading-documents.md). Memory is returned when the process
 * exits, after one page.
 */
export const TESSERACT_GLIBC_TUNABLES =
  'glibc.malloc.hugetlb=1:glibc.malloc.trim_threshold=1073741824:glibc.malloc.top_pad=33554432';

/** The child's environment: one OpenMP thread, the allocator settings after any of the user's. */
function tesseractEnv(): NodeJS.ProcessEnv {
  const own = process.env.GLIBC_TUNABLES;
  return {
    ...process.env,
    OMP_THREAD_LIMIT: '1',
    GLIBC_TUNABLES: own ? `${TESSERACT_GLIBC_TUNABLES}:${own}` : TESSERACT_GLIBC_TUNABLES,
  };
}

/** Whether the binary runs and knows the language; the reason when it does not. */
export function checkTesseract(
  options: TesseractCliOptions = {},
): { ok: true } | { ok: false; reason: string } {
  const binary = options.binary ?? 'tesseract';
  const lang = options.lang ?? 'chi_sim';
  const args = [
    '--list-langs',
    ...(options.tessdataDir ? ['--tessdata-dir', options.tessdataDir] : []),
  ];
  const r = spawnSync(binary, args, { encoding: 'utf8', timeout: 10_000, cwd: tmpdir() });
  if (r.error) return { ok: false, reason: `${binary} does not run (${r.error.message})` };
  const langs = `${r.stdout}\n${r.stderr}`.split(/\s+/u);
  if (!langs.includes(lang)) return { ok: false, reason: `${binary} has no ${lang} model` };
  return { ok: true };
}

/** Reading scans needs Tesseract and its Chinese model: say how to install them. */
function notInstalled(detail: string, cause?: unknown): DomainError {
  return new DomainError(
    'UNSUPPORTED_FORMAT',
    `读取扫描件需要 Tesseract 及其简体中文模型（apt-get install tesseract-ocr tesseract-ocr-chi-sim）：${detail}`,
    `reading scans needs Tesseract and its Simplified Chinese model (apt-get install tesseract-ocr tesseract-ocr-chi-sim): ${detail}`,
    cause === undefined ? undefined : { cause },
  );
}

/** The OcrEngine that runs the `tesseract` CLI. */
export function createTesseractCliEngine(options: TesseractCliOptions = {}): OcrEngine {
  const binary = options.binary ?? 'tesseract';
  const tessdata = options.tessdataDir ? ['--tessdata-dir', options.tessdataDir] : [];
  const args = [
    'stdin',
    'stdout',
    '-l',
    options.lang ?? 'chi_sim',
    '--psm',
    String(options.psm ?? 4),
    ...tessdata,
    'tsv',
  ];
  // Orientation and script detection alone (Debian's tesseract-ocr ships osd.traineddata).
  const osdArgs = ['stdin', 'stdout', '-l', 'osd', '--psm', '0', ...tessdata];

  /** Run the binary on `image`; its standard output, or a DomainError. */
  const run = async (
    runArgs: readonly string[],
    image: OcrImage,
    opts: OcrOptions,
  ): Promise<string> => {
    const r = await runChild(binary, runArgs, image.bytes, {
      signal: opts.signal,
      timeoutMs: opts.timeoutMs,
      env: tesseractEnv(),
      timeoutError: () =>
        new DomainError(
          'INPUT_TOO_LARGE',
          `文字识别超时：一页超过 ${opts.timeoutMs} 毫秒`,
          `OCR timed out: a page took longer than ${opts.timeoutMs} ms`,
        ),
      startError: (e) => notInstalled(`${binary}: ${e.message}`, e),
    });
    if (r.code === 0) return r.stdout.toString('utf8');
    const detail = r.stderr.trim().split('\n').slice(-2).join(' ');
    if (/Failed loading language|Error opening data file/u.test(r.stderr)) {
      throw notInstalled(detail);
    }
    throw new DomainError(
      'UNREADABLE_DOCUMENT',
      `文字识别失败：图片无法解码（${detail}）`,
      `OCR failed: the image could not be decoded (${detail})`,
    );
  };

  return {
    name: 'tesseract-cli',
    async recognise(image: OcrImage, opts: OcrOptions): Promise<OcrPage[]> {
      return parseTesseractTsv(await run(args, image, opts), image.pixels);
    },
    async detectOrientation(image: OcrImage, opts: OcrOptions): Promise<Orientation | null> {
      try {
        return parseOsd(await run(osdArgs, image, opts));
      } catch (e) {
        // No osd model, or a page too sparse to judge (Tesseract exits non-zero): no answer. A time
        // limit or an abort of the document (whatever its reason's code) is not swallowed.
        if (isDomainError(e) && e.code !== 'INPUT_TOO_LARGE' && !opts.signal?.aborted) return null;
        throw e;
      }
    },
  };
}
