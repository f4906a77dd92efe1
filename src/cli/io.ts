import type { Readable, Writable } from 'node:stream';

/** What a command may touch: its streams and working folder. Tests pass their own. */
export interface Io {
  cwd: string;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Environment variables (NO_COLOR, TERMS_DIR…). */
  env: Record<string, string | undefined>;
}

/** A command: parses its own arguments and returns the exit code. */
export type Command = (args: string[], io: Io) => Promise<number>;

/** A mistake in how the command was called (unknown flag, missing argument): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Writes a string to a stream and waits until it is flushed. */
export function write(stream: Writable, text: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });
}

/** Reads a whole stream into a Buffer, refusing more than `limit` bytes. */
export async function readAll(stream: Readable, limit = 16 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > limit) throw new UsageError(`input is larger than ${limit} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
