import { formatDiagnostic, hasErrors } from '../../diagnostics.js';
import { inspectTerms } from '../../open.js';
import { parse, termsDir } from '../args.js';
import { type Command, write } from '../io.js';

const USAGE = 'terms check [--terms DIR] [--format text|json]';

/** `terms check`: every problem in every version, then exit 1 if any is an error. */
export const check: Command = async (args, io) => {
  const parsed = parse(
    args,
    { format: { type: 'string', default: 'text' } },
    { min: 0, max: 0, usage: USAGE },
  );
  if (parsed.values.help) return write(io.stdout, `usage: ${USAGE}\n`).then(() => 0);
  const format = parsed.values.format;
  if (format !== 'text' && format !== 'json')
    throw new (await import('../io.js')).UsageError(
      `--format must be text or json, got "${format}"`,
    );
  const { terms, diagnostics } = await inspectTerms(termsDir(io, parsed), { cwd: io.cwd });
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (format === 'json') {
    await write(io.stdout, `${JSON.stringify({ errors, warnings, diagnostics }, null, 2)}\n`);
  } else {
    if (diagnostics.length)
      await write(io.stderr, `${diagnostics.map(formatDiagnostic).join('\n')}\n`);
    const versions = terms.services.reduce((n, s) => n + s.versions.length, 0);
    await write(
      io.stderr,
      `${errors} error(s), ${warnings} warning(s) in ${terms.services.length} service(s), ${versions} version(s)\n`,
    );
  }
  return hasErrors(diagnostics) ? 1 : 0;
};
