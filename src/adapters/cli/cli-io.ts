/** The terminal as the CLI commands see it: injected so commands run in-process in tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** read a whole file, refusing one larger than `maxBytes` (DomainError INPUT_TOO_LARGE) */
  readonly readFile: (path: string, maxBytes: number) => Promise<Uint8Array>;
  /** read all of standard input, refusing more than `maxBytes` */
  readonly readStdin: (maxBytes: number) => Promise<Uint8Array>;
}
