import { stringifyRules, toRules } from '../../rules/rules.js';
import { rulesJsonSchema } from '../../rules/schema.js';
import { parse } from '../args.js';
import { CACHE_OPTIONS } from '../cache.js';
import { type Command, UsageError, write } from '../io.js';
import { openVersion } from './pick.js';

const USAGE =
  'terms rules <service> (--version V | --at D) [--terms DIR]\n       terms rules --schema';

/** `terms rules`: the rules JSON of a version, or (`--schema`) its JSON Schema. */
export const rules: Command = async (args, io) => {
  const parsed = parse(
    args,
    {
      version: { type: 'string' },
      at: { type: 'string' },
      schema: { type: 'boolean' },
      ...CACHE_OPTIONS,
    },
    { min: 0, max: 1, usage: USAGE },
  );
  if (parsed.values.help) return write(io.stdout, `usage: ${USAGE}\n`).then(() => 0);
  if (parsed.values.schema) {
    await write(io.stdout, `${JSON.stringify(rulesJsonSchema(), null, 2)}\n`);
    return 0;
  }
  if (parsed.positionals.length !== 1)
    throw new UsageError(`a service is required\nusage: ${USAGE}`);
  const { service, version } = await openVersion(io, parsed, USAGE);
  await write(io.stdout, stringifyRules(toRules(service, version)));
  return 0;
};
