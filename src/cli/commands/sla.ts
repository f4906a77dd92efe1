import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../diagnostics.js';
import type { Terms } from '../../model/terms.js';
import { openTerms } from '../../open.js';
import { evaluateSla, readSlaJson } from '../../sla/index.js';
import { parse, stringOption, termsDir } from '../args.js';
import { type Command, type Io, readAll, UsageError, write } from '../io.js';

const USAGE = 'terms sla evaluate [--input FILE] [--terms DIR]';

/** Reads the terms folder `root` (already resolved against `io.cwd`). */
export type TermsLoader = (root: string, io: Io) => Promise<Terms>;

const openAt: TermsLoader = (root, io) => openTerms(root, { cwd: io.cwd });

/** The `sla` command over a given terms loader, so tests can run it on terms in memory. */
export function slaCommand(load: TermsLoader = openAt): Command {
  return async (args, io) => {
    const parsed = parse(args, { input: { type: 'string' } }, { min: 1, max: 1, usage: USAGE });
    if (parsed.values.help) {
      await write(io.stdout, `usage: ${USAGE}\n`);
      return 0;
    }
    const [sub] = parsed.positionals;
    if (sub !== 'evaluate') throw new UsageError(`unknown sla command "${sub}"\nusage: ${USAGE}`);

    const file = stringOption(parsed, 'input');
    const source = file ?? 'stdin';
    let bytes: Uint8Array;
    try {
      bytes =
        file === undefined ? await readAll(io.stdin) : await readFile(path.resolve(io.cwd, file));
    } catch (err) {
      if (err instanceof UsageError) throw err;
      return fail(io, `cannot read the SLA input from ${source}: ${(err as Error).message}`);
    }

    let json: unknown;
    try {
      // The same reading as the server's: UTF-8 (a byte order mark dropped), no duplicate keys.
      json = readSlaJson(bytes);
    } catch (err) {
      if (err instanceof InputError) return fail(io, `${source}: ${err.message}`);
      throw err;
    }

    const terms = await load(termsDir(io, parsed), io);
    try {
      const result = evaluateSla(terms, json);
      await write(io.stdout, `${JSON.stringify(result, null, 2)}\n`);
      return 0;
    } catch (err) {
      if (err instanceof InputError) return fail(io, `${source}: ${err.message}`);
      throw err;
    }
  };
}

/**
 * `terms sla evaluate`: reads an SLA input (JSON) from `--input FILE` or stdin and prints the
 * evaluation under the version in force. Unreadable or bad input → message on stderr, exit 1.
 */
export const sla: Command = slaCommand();

async function fail(io: Io, message: string): Promise<number> {
  await write(io.stderr, `terms: ${message}\n`);
  return 1;
}
