/** Look-up index: the registrable domain (ASCII, punycode) of each host name a licence lists. */
export interface LicenceDomainTable {
  organisation_id: string;
  domain: string;
  licence_id: number;
}

/** Look-up index for two-character name fragments: each distinct adjacent pair in the holder's name. */
export interface LicenceNameGramTable {
  organisation_id: string;
  gram: string;
  licence_id: number;
}
