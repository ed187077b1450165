/** Paths of the fixtures the tests own (copied from ../shared/fixtures). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { textDocumentSource } from '../src/adapters/documents/text-document.js';
import { nodeHasher } from '../src/adapters/node-hasher.js';
import {
  DEFAULT_MAX_DOCUMENT_BYTES,
  type ParseDocumentDeps,
} from '../src/app/documents/parse-document.js';

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));

export const FIXTURES = {
  seed: `${dir}licences/000_76c3e29b3dfe6cfb.txt`,
  hu: `${dir}licences/hu-b2-20200731.txt`,
  b1b2: `${dir}licences/b1.b2-20233345.txt`,
  huGb18030: `${dir}documents/hu-b2-20200731.gb18030.txt`,
  huTesseract: `${dir}documents/hu-b2-20200731.tesseract.txt`,
} as const;

export function fixtureBytes(name: keyof typeof FIXTURES): Uint8Array {
  return readFileSync(FIXTURES[name]);
}

export function fixtureText(name: keyof typeof FIXTURES): string {
  return readFileSync(FIXTURES[name], 'utf8');
}

/** `parseDocument` dependencies for text documents, as the CLI has them (no PDF or OCR). */
export const TEXT_DOCUMENTS: ParseDocumentDeps = {
  sources: { text: textDocumentSource },
  hasher: nodeHasher,
  maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
};
