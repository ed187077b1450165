/** pdf.js's worker module, which ships without types: the one export pdf.js looks for. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
