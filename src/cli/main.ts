import { ContentError, formatDiagnostic, InputError, sortDiagnostics } from '../diagnostics.js';
import { COMMANDS, HELP } from './commands/index.js';
import { type Io, UsageError, write } from './io.js';

/** Runs the CLI with these arguments; returns the exit code (0 ok, 1 invalid content or input, 2 usage). */
export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      await write(name ? io.stdout : io.stderr, HELP);
      return name ? 0 : 2;
    }
    if (name === '--version') {
      await write(io.stdout, `${await packageVersion()}\n`);
      return 0;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command "${name}"\n\n${HELP}`);
    return await command(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      await write(io.stderr, `terms: ${err.message}\n`);
      return 2;
    }
    if (err instanceof ContentError) {
      const lines = sortDiagnostics(err.diagnostics).map(formatDiagnostic).join('\n');
      await write(
        io.stderr,
        `${lines}\nterms: ${(err.message.split('\n')[0] ?? '').replace(/:$/, '')}\n`,
      );
      return 1;
    }
    if (err instanceof InputError) {
      await write(io.stderr, `terms: ${err.message}\n`);
      return 1;
    }
    await write(io.stderr, `terms: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return 70;
  }
}

async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(
    await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  return pkg.version;
}
