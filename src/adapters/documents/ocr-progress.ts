/**
 * A one-line progress indicator for multi-page OCR on a terminal (stderr), redrawn in place and
 * erased when the document is done. Single pages and non-terminals get nothing: OCR of one page is
 * quick, and a log or pipe should not fill with carriage returns.
 */
import type { OnProgress } from './ocr-pool.js';

export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** An `OnProgress` that draws `文字识别 NAME 3/8 页 ███░░` on `stream` when it is a terminal. */
export function createTerminalProgress(stream: ProgressStream): OnProgress | undefined {
  if (stream.isTTY !== true) return undefined;
  return ({ name, done, total }) => {
    if (total < 2) return;
    const width = 20;
    const filled = Math.round((done / total) * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    stream.write(`\r\u001b[2K文字识别 OCR ${name} ${done}/${total} 页 ${bar}`);
    if (done === total) stream.write('\r\u001b[2K');
  };
}
