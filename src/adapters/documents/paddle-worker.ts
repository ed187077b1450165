/**
 * The worker thread the PaddleOCR recogniser runs in (ocr-paddle.ts `createPaddleWorkerRecogniser`).
 * onnxruntime-node's `session.run` computes on the calling thread, so in the service's main thread
 * every line it read held up everything else, other documents' pages included, and two pages in
 * flight could not re-read lines at once. Here it has a thread of its own. A message is one line:
 * `{ id, width, height, pixels }`; the answer is `{ id, line }` or `{ id, error }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isDomainError } from '../../core/errors.js';
import {
  createPaddleRecogniser,
  type PaddleModelPaths,
  type WorkerAnswer,
  type WorkerRequest,
} from './ocr-paddle.js';

const port = parentPort;
if (port) {
  const recogniser = createPaddleRecogniser(
    (workerData as { paths?: PaddleModelPaths } | undefined)?.paths,
  );
  const answer = (a: WorkerAnswer): void => {
    port.postMessage(a);
  };
  port.on('message', (request: WorkerRequest) => {
    const { id, width, height, pixels } = request;
    recogniser.recogniseLine({ width, height, pixels }).then(
      (line) => {
        answer({ id, line });
      },
      (e: unknown) => {
        answer({
          id,
          error: isDomainError(e)
            ? { code: e.code, message: e.message, messageEn: e.messageEn }
            : { message: e instanceof Error ? e.message : String(e) },
        });
      },
    );
  });
}
