import path from 'node:path';
import { serve as startServer } from '../../server/listen.js';
import { parse, stringOption, termsDir } from '../args.js';
import { type Command, UsageError, write } from '../io.js';

const USAGE =
  'terms serve [--port 8080] [--host 127.0.0.1] [--bundle dist] [--rebuild] [--terms DIR]';

/**
 * `terms serve`: the HTTP server over the built bundle (built first if missing, or with
 * `--rebuild`). Runs until SIGTERM or SIGINT, then finishes requests in flight and exits 0.
 */
export const serve: Command = async (args, io) => {
  const parsed = parse(
    args,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      bundle: { type: 'string' },
      rebuild: { type: 'boolean' },
    },
    { min: 0, max: 0, usage: USAGE },
  );
  if (parsed.values.help) {
    await write(io.stdout, `usage: ${USAGE}\n`);
    return 0;
  }
  const portText = stringOption(parsed, 'port') ?? '8080';
  const port = Number(portText);
  if (!/^[0-9]+$/.test(portText) || port > 65535)
    throw new UsageError(
      `--port: expected a port number 0–65535, got "${portText}"\nusage: ${USAGE}`,
    );
  const log = (line: string) => void write(io.stderr, `${line}\n`);
  const running = await startServer({
    port,
    host: stringOption(parsed, 'host') ?? '127.0.0.1',
    bundleDir: path.resolve(io.cwd, stringOption(parsed, 'bundle') ?? 'dist'),
    termsDir: termsDir(io, parsed),
    rebuild: parsed.values.rebuild === true,
    log,
    signals: true,
  });
  log(`listening on ${running.url.replace(/\/$/, '')}`);
  await running.closed;
  await write(io.stderr, 'stopped\n');
  return 0;
};
