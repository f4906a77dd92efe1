import path from 'node:path';
import { publishVersion } from '../../publish/publish.js';
import { parse, termsDir } from '../args.js';
import { type Command, write } from '../io.js';

const USAGE = 'terms publish <service> <version> [--freeze] [--terms DIR]';

/**
 * `terms publish`: checks a draft, sets it published and freezes it with lock.json.
 * `--freeze` only writes the lock of a version that is already published without one, or adds
 * the rendered-text hashes to its version 1 lock.
 */
export const publish: Command = async (args, io) => {
  const parsed = parse(args, { freeze: { type: 'boolean' } }, { min: 2, max: 2, usage: USAGE });
  if (parsed.values.help) return write(io.stdout, `usage: ${USAGE}\n`).then(() => 0);
  const [serviceId, versionId] = parsed.positionals as [string, string];
  const result = await publishVersion(termsDir(io, parsed), serviceId, versionId, {
    cwd: io.cwd,
    freeze: parsed.values.freeze === true,
  });
  const lock = path.relative(io.cwd, result.lockFile) || result.lockFile;
  await write(
    io.stderr,
    result.statusChanged
      ? `published ${serviceId} ${versionId}; frozen in ${lock}\n`
      : result.upgraded
        ? `added the rendered text of ${serviceId} ${versionId} to ${lock}\n`
        : `froze ${serviceId} ${versionId} in ${lock}\n`,
  );
  return 0;
};
