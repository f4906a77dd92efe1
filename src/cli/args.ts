import path from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Io } from './io.js';
import { UsageError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  terms: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/** Parsed arguments: option values by name and the positionals. */
export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses a command's arguments with node:util, turning its errors into usage errors (exit 2). */
export function parse(
  args: string[],
  options: Options,
  positionals: { min: number; max: number; usage: string },
): Parsed {
  let parsed: Parsed;
  try {
    const result = parseArgs({
      args,
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
    parsed = { values: result.values as Parsed['values'], positionals: result.positionals };
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nusage: ${positionals.usage}`);
  }
  const count = parsed.positionals.length;
  if (!parsed.values.help && (count < positionals.min || count > positionals.max))
    throw new UsageError(
      `expected ${positionals.min === positionals.max ? positionals.min : `${positionals.min} to ${positionals.max}`} argument(s), got ${count}\nusage: ${positionals.usage}`,
    );
  return parsed;
}

/** A string option's value, or undefined. */
export function stringOption(parsed: Parsed, name: string): string | undefined {
  const v = parsed.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** `--port` (default `fallback`): a whole number 0–65535, else a UsageError naming it. */
export function portOption(parsed: Parsed, fallback: string, usage: string): number {
  const text = stringOption(parsed, 'port') ?? fallback;
  const port = Number(text);
  if (!/^[0-9]+$/.test(text) || port > 65535)
    throw new UsageError(`--port: expected a port number 0–65535, got "${text}"\nusage: ${usage}`);
  return port;
}

/** `--log-level` (default `info`): one of `levels`, else a UsageError naming them. */
export function logLevelOption<L extends string>(
  parsed: Parsed,
  levels: readonly L[],
  usage: string,
): L {
  const level = stringOption(parsed, 'log-level') ?? 'info';
  if (!(levels as readonly string[]).includes(level))
    throw new UsageError(
      `--log-level: expected one of ${levels.join(', ')}, got "${level}"\nusage: ${usage}`,
    );
  return level as L;
}

/** The terms folder a command works on: `--terms DIR`, else `$TERMS_DIR`, else `./terms`. */
export function termsDir(io: Io, parsed: Parsed): string {
  const given = stringOption(parsed, 'terms') ?? io.env.TERMS_DIR ?? 'terms';
  return path.resolve(io.cwd, given);
}
