/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) through the npm package `canonicalize`: the bytes an
 * e-licence's signature covers (docs/elicence.md). Anyone re-serialising the parsed payload gets the
 * same bytes, so a signature checks out whatever JSON library the verifier uses.
 *
 * Before handing the value over, this walks it and refuses, naming the path, what JSON cannot carry
 * or would change on a round trip: undefined (JSON.stringify drops it in objects, writes null in
 * arrays), NaN and ±Infinity, functions, symbols, bigints, lone surrogates, cycles, and objects
 * other than plain ones and arrays (a Map or a boxed number would not come out as it went in).
 */
import canonicalize from 'canonicalize';

function fail(path: string, what: string): never {
  throw new TypeError(`canonicalJson: ${what} at ${path} has no JSON form (RFC 8785)`);
}

function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) return false;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    }
  }
  return true;
}

function check(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
      if (!isWellFormed(value)) fail(path, 'a string with a lone surrogate');
      return;
    case 'number':
      if (!Number.isFinite(value)) fail(path, String(value));
      return;
    case 'boolean':
      return;
    case 'object':
      break;
    default:
      fail(path, typeof value);
  }
  if (value === null) return;
  if (ancestors.has(value)) fail(path, 'a circular reference');
  const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    ancestors.add(value);
    check(toJSON.call(value) as unknown, path, ancestors);
    ancestors.delete(value);
    return;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
    fail(path, `an instance of ${value.constructor.name}`);
  }
  ancestors.add(value);
  if (Array.isArray(value)) {
    value.forEach((item: unknown, i) => {
      check(item, `${path}[${i}]`, ancestors);
    });
  } else {
    for (const [key, item] of Object.entries(value)) {
      if (!isWellFormed(key)) fail(`${path}.${key}`, 'a key with a lone surrogate');
      check(item, `${path}.${key}`, ancestors);
    }
  }
  ancestors.delete(value);
}

/** The RFC 8785 canonical JSON text of `value`; throws TypeError for what JSON cannot carry. */
export function canonicalJson(value: unknown): string {
  check(value, '$', new Set());
  const text = canonicalize(value);
  if (text === undefined) fail('$', 'the value');
  return text;
}

/** The UTF-8 bytes of {@link canonicalJson}: what is signed and hashed. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}
