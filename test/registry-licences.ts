/** Licence records for registry tests. */
import { emptyLicence, type Licence } from '../src/core/licence.js';

export function makeLicence(
  number: string,
  holder: string,
  domains: readonly string[] = [],
  expiresOn = '2028-01-01',
): Licence & { number: string } {
  return {
    ...emptyLicence(),
    kind: 'vats',
    number,
    holder: { name: holder, legalRepresentative: '张三', creditCode: null, address: null },
    issuedOn: '2023-01-01',
    expiresOn,
    websites:
      domains.length > 0
        ? [{ name: holder, domains: [...domains], serverLocation: null, accessProvider: null }]
        : [],
  };
}
