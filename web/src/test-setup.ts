/**
 * Component tests: unmount what each test rendered; each test starts signed out (the session
 * read, as the shell would have, and nobody in it), with nothing read about the organisation or
 * single sign-on. A test that needs a person signs them in (test-fixtures.ts, `signIn`).
 */
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { forgetOrganisation } from './api/organisation';
import { forgetOidc } from './components/account/oidc';
import { setSession } from './session';

beforeEach(() => {
  setSession(null);
  forgetOrganisation();
  forgetOidc();
});

afterEach(() => {
  cleanup();
});
