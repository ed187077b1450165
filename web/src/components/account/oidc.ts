/**
 * Whether single sign-on is configured, and the name on its button (`GET /api/v1/oidc`, public):
 * read once per page load and shared by the sign-in, invitation and security pages. A failure
 * reads as "not configured": the password form stands.
 */
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';

export interface Oidc {
  readonly enabled: boolean;
  readonly name: string;
}

let known: Promise<Oidc> | null = null;

/** For the tests: forget what was read. */
export function forgetOidc(): void {
  known = null;
}

/** The provider when single sign-on is configured; null otherwise or until it is known. */
export function useOidc(): Oidc | null {
  const [oidc, setOidc] = useState<Oidc | null>(null);
  useEffect(() => {
    let live = true;
    known ??= call(api.GET('/api/v1/oidc')).then(
      (answer) => ({ enabled: answer.enabled, name: answer.name ?? '' }),
      () => ({ enabled: false, name: '' }),
    );
    void known.then((answer) => {
      if (live && answer.enabled) setOidc(answer);
    });
    return () => {
      live = false;
    };
  }, []);
  return oidc;
}

/** Where the browser goes to sign in with the provider (a full navigation, not a call). */
export function oidcStart(options: { invitation?: string; link?: boolean } = {}): string {
  const query = new URLSearchParams();
  if (options.invitation !== undefined) query.set('invitation', options.invitation);
  if (options.link === true) query.set('link', '1');
  const q = query.toString();
  return q === '' ? '/api/v1/oidc/start' : `/api/v1/oidc/start?${q}`;
}
