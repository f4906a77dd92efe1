import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Io } from './io.js';
import { UsageError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  terms: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/** Parses a command's arguments with node:util, turning its errors into usage errors (exit 2). */
export function parse<O extends Options>(args: string[], options: O, positionals: { min: number; max: number; usage: string }) {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: O & typeof COMMON_OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nusage: ${positionals.usage}`);
  }
  const count = parsed.positionals.length;
  if (!parsed.values.help && (count < positionals.min || count > positionals.max))
    throw new UsageError(
      `expected ${positionals.min === positionals.max ? positionals.min : `${positionals.min}–${positionals.max}`} argument(s), got ${count}\nusage: ${positionals.usage}`,
    );
  return parsed;
}

/** The terms folder a command works on: `--terms DIR`, else `$TERMS_DIR`, else `./terms`. */
export function termsDir(io: Io, value: unknown): string {
  const given = typeof value === 'string' ? value : (io.env.TERMS_DIR ?? 'terms');
  return path.resolve(io.cwd, given);
}
