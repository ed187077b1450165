/**
 * The registry's registrable-domain key (adapters/db/domain-key.ts), for the bulk check's domain
 * coverage: a customer's domain is covered by a licence listing any host of the same registrable
 * domain, exactly as the registry's domain look-up matches.
 */
export { registrableDomain as bulkDomainKey } from '../db/domain-key.js';
