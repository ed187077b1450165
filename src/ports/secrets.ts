/** Random secrets and their one-way hashes, for API tokens, sign-in codes and feed keys. */
export interface Secrets {
  /** a new secret: 32 random bytes, base64url */
  newSecret(): string;
  /** a new opaque identifier (not secret) */
  newId(): string;
  /** sha256 of the secret's UTF-8, lower-case hex: what is stored and compared */
  hash(secret: string): string;
}
