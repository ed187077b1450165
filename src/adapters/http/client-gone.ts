/**
 * A request's abort signal for work that outlives a client's patience (issue 19): it aborts when the
 * connection closes before the response was sent (the client gave up, a proxy timed out), so the
 * OCR of an upload stops and its Tesseract processes are killed instead of running on for nobody.
 */
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../core/errors.js';

export function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const response = reply.raw;
  const onClose = () => {
    // 'close' also follows a response sent in full: only an unfinished one means the client left
    if (!response.writableEnded) {
      controller.abort(
        new DomainError(
          'GONE',
          '客户端已断开连接，已停止处理',
          'The client disconnected; the work was stopped',
        ),
      );
    }
  };
  if (response.destroyed) onClose();
  else response.once('close', onClose);
  return controller.signal;
}
