import { versionRanges } from '../../model/timeline.js';
import { openTimeline } from '../../open-one.js';
import { parse, termsDir } from '../args.js';
import { CACHE_OPTIONS, openCache } from '../cache.js';
import { type Command, write } from '../io.js';

const USAGE = 'terms versions <service> [--drafts] [--json] [--terms DIR]';

/** `terms versions <service>`: versions with their effective ranges. */
export const versions: Command = async (args, io) => {
  const parsed = parse(
    args,
    { drafts: { type: 'boolean' }, json: { type: 'boolean' }, ...CACHE_OPTIONS },
    { min: 1, max: 1, usage: USAGE },
  );
  if (parsed.values.help) return write(io.stdout, `usage: ${USAGE}\n`).then(() => 0);
  // Only the headers of version.yaml are read (and, with --drafts, the drafts in full).
  const drafts = parsed.values.drafts === true;
  const service = await openTimeline(termsDir(io, parsed), parsed.positionals[0] as string, {
    cwd: io.cwd,
    drafts,
    cache: openCache(io, parsed),
  });
  const ranges = versionRanges(service, { drafts });
  if (parsed.values.json) {
    await write(
      io.stdout,
      `${JSON.stringify({ service: service.id, timeZone: service.timeZone, versions: ranges }, null, 2)}\n`,
    );
    return 0;
  }
  const lines = ranges.map(
    (r) => `${r.version}  ${r.status.padEnd(9)}  ${r.effectiveFrom} → ${r.effectiveTo ?? '(open)'}`,
  );
  await write(io.stdout, `${['version     status     in force', ...lines].join('\n')}\n`);
  return 0;
};
