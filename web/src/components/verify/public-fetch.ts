/**
 * The public look-ups (the verify page's licence look-up, the e-licence check) never carry the
 * session: they answer the same for everyone, and the per-address rate limit is the public's, not
 * a person's.
 */
export function fetchWithoutSession(request: Request): Promise<Response> {
  const bare = new Request(request, { credentials: 'omit' });
  bare.headers.delete('x-csrf-token');
  return globalThis.fetch(bare);
}
