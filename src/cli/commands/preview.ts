import { startPreview } from '../../preview/server.js';
import { createLog, LOG_LEVELS } from '../../server/log.js';
import { logLevelOption, parse, portOption, stringOption, termsDir } from '../args.js';
import { CACHE_OPTIONS, openCache } from '../cache.js';
import { type Command, write } from '../io.js';

const USAGE =
  'terms preview [--port 8081] [--host 127.0.0.1] [--log-level info] [--cache-dir DIR | --no-cache] [--terms DIR]';

/** Hosts that reach this machine only: anything else serves drafts to the network. */
const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;

/**
 * `terms preview`: every version of the terms folder, drafts included, rendered on demand and
 * live (pages reload when their files change, errors shown on the page). Runs until SIGTERM or
 * SIGINT. Binds to 127.0.0.1 unless `--host` says otherwise, and then warns that it serves drafts.
 */
export const preview: Command = async (args, io) => {
  const parsed = parse(
    args,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      'log-level': { type: 'string' },
      ...CACHE_OPTIONS,
    },
    { min: 0, max: 0, usage: USAGE },
  );
  if (parsed.values.help) {
    await write(io.stdout, `usage: ${USAGE}\n`);
    return 0;
  }
  const port = portOption(parsed, '8081', USAGE);
  const level = logLevelOption(parsed, LOG_LEVELS, USAGE);
  const host = stringOption(parsed, 'host') ?? '127.0.0.1';
  const stderr = io.stderr as typeof io.stderr & { isTTY?: boolean };
  // A writer's terminal: readable lines, not JSON.
  const log = await createLog({
    level,
    format: 'pretty',
    stream: io.stderr,
    colors: stderr.isTTY === true && !io.env.NO_COLOR,
  });
  try {
    if (!LOOPBACK.test(host))
      log.logger.warn(
        `--host ${host}: preview serves every draft, unpublished, to anyone who can reach this address`,
      );
    log.logger.info('reading and checking every version (a first run on hundreds takes a while)');
    const running = await startPreview({
      termsDir: termsDir(io, parsed),
      cwd: io.cwd,
      cacheDir: openCache(io, parsed)?.dir,
      port,
      host,
      logger: log.logger,
      signals: true,
    });
    log.logger.info(`preview on ${running.url.replace(/\/$/, '')} (drafts included; Ctrl-C stops)`);
    await running.closed;
    log.logger.info('stopped');
  } finally {
    await log.flush();
  }
  return 0;
};
