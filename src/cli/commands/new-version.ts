import path from 'node:path';
import { newVersion as createVersion } from '../../publish/new-version.js';
import { parse, stringOption, termsDir } from '../args.js';
import { type Command, UsageError, write } from '../io.js';

const USAGE =
  'terms new-version <service> --effective YYYY-MM-DD [--from V] [--date YYYY-MM-DD] [--terms DIR]';

/** `terms new-version`: a draft copied from an existing version, taking effect on `--effective`. */
export const newVersion: Command = async (args, io) => {
  const parsed = parse(
    args,
    { effective: { type: 'string' }, from: { type: 'string' }, date: { type: 'string' } },
    { min: 1, max: 1, usage: USAGE },
  );
  if (parsed.values.help) return write(io.stdout, `usage: ${USAGE}\n`).then(() => 0);
  const effective = stringOption(parsed, 'effective');
  if (effective === undefined) throw new UsageError(`--effective is required\nusage: ${USAGE}`);
  const result = await createVersion(termsDir(io, parsed), parsed.positionals[0] as string, {
    effective,
    from: stringOption(parsed, 'from'),
    date: stringOption(parsed, 'date'),
    cwd: io.cwd,
  });
  const dir = path.relative(io.cwd, result.dir) || result.dir;
  await write(
    io.stderr,
    `created draft ${result.service} ${result.version} (effective from ${result.effectiveFrom}) from ${result.from} in ${dir}\n`,
  );
  await write(io.stdout, `${dir}\n`);
  return 0;
};
