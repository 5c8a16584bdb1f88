/** The streams and environment a CLI command works with (so tests can call commands directly). @internal @module */

/** Where a command reads and writes. */
export interface CliIo {
  readonly stdin: AsyncIterable<string | Uint8Array>;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Fires on Ctrl-C / SIGTERM. */
  readonly signal: AbortSignal;
}

/** A wrong command line: printed with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError' as const;
}

/** Exit codes. */
export const EXIT = { ok: 0, failures: 1, usage: 2 } as const;

/** Reads a whole stream as UTF-8 text. */
export async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
