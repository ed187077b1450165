/**
 * The public look-ups (the verify page's licence look-up, the e-licence check) never carry the
 * session's token: they answer the same for everyone, and the per-address rate limit is the
 * public's, not a token's.
 */
export function fetchWithoutToken(request: Request): Promise<Response> {
  request.headers.delete('authorization');
  return globalThis.fetch(request);
}
