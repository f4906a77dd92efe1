// First, before any other module allocates: see the module's comment.
import '../../server/young-generation.js';
import path from 'node:path';
import { serve as startServer } from '../../server/listen.js';
import { createLog, LOG_LEVELS, type LogFormat } from '../../server/log.js';
import { logLevelOption, parse, portOption, stringOption, termsDir } from '../args.js';
import { type Command, UsageError, write } from '../io.js';

const USAGE =
  'terms serve [--port 8080] [--host 127.0.0.1] [--bundle dist] [--rebuild] [--log-level info] [--log-format json|pretty] [--terms DIR]';

/**
 * `terms serve`: the HTTP server over the built bundle (built first if missing, or with
 * `--rebuild`). Runs until SIGTERM or SIGINT, then finishes requests in flight, writes out
 * every log line and exits 0.
 */
export const serve: Command = async (args, io) => {
  const parsed = parse(
    args,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      bundle: { type: 'string' },
      rebuild: { type: 'boolean' },
      'log-level': { type: 'string' },
      'log-format': { type: 'string' },
    },
    { min: 0, max: 0, usage: USAGE },
  );
  if (parsed.values.help) {
    await write(io.stdout, `usage: ${USAGE}\n`);
    return 0;
  }
  const port = portOption(parsed, '8080', USAGE);
  const level = logLevelOption(parsed, LOG_LEVELS, USAGE);
  const stderr = io.stderr as typeof io.stderr & { isTTY?: boolean };
  const format = stringOption(parsed, 'log-format') ?? (stderr.isTTY ? 'pretty' : 'json');
  if (format !== 'json' && format !== 'pretty')
    throw new UsageError(`--log-format: expected json or pretty, got "${format}"\nusage: ${USAGE}`);
  const log = await createLog({
    level,
    format: format as LogFormat,
    stream: io.stderr,
    colors: stderr.isTTY === true && !io.env.NO_COLOR,
  });
  try {
    const running = await startServer({
      port,
      host: stringOption(parsed, 'host') ?? '127.0.0.1',
      bundleDir: path.resolve(io.cwd, stringOption(parsed, 'bundle') ?? 'dist'),
      termsDir: termsDir(io, parsed),
      rebuild: parsed.values.rebuild === true,
      logger: log.logger,
      signals: true,
    });
    log.logger.info(`listening on ${running.url.replace(/\/$/, '')}`);
    await running.closed;
    log.logger.info('stopped');
  } finally {
    // Every line out before the process exits (the JSON form writes in the background).
    await log.flush();
  }
  return 0;
};
