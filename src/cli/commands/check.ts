import { checkTree } from '../../cache/tree.js';
import { formatDiagnostic, hasErrors } from '../../diagnostics.js';
import { parse, termsDir } from '../args.js';
import { CACHE_OPTIONS, openCache } from '../cache.js';
import { type Command, write } from '../io.js';

const USAGE = 'terms check [--terms DIR] [--format text|json]';

/** `terms check`: every problem in every version, then exit 1 if any is an error. */
export const check: Command = async (args, io) => {
  const parsed = parse(
    args,
    { format: { type: 'string', default: 'text' }, ...CACHE_OPTIONS },
    { min: 0, max: 0, usage: USAGE },
  );
  if (parsed.values.help) return write(io.stdout, `usage: ${USAGE}\n`).then(() => 0);
  const format = parsed.values.format;
  if (format !== 'text' && format !== 'json')
    throw new (await import('../io.js')).UsageError(
      `--format must be text or json, got "${format}"`,
    );
  // Versions unchanged since a run that kept their results are not parsed again (the cache).
  const { diagnostics, services, versions } = await checkTree(termsDir(io, parsed), {
    cwd: io.cwd,
    cache: openCache(io, parsed),
  });
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (format === 'json') {
    await write(io.stdout, `${JSON.stringify({ errors, warnings, diagnostics }, null, 2)}\n`);
  } else {
    if (diagnostics.length)
      await write(io.stderr, `${diagnostics.map(formatDiagnostic).join('\n')}\n`);
    await write(
      io.stderr,
      `${errors} error(s), ${warnings} warning(s) in ${services} service(s), ${versions} version(s)\n`,
    );
  }
  return hasErrors(diagnostics) ? 1 : 0;
};
