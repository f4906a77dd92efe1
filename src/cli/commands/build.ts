import path from 'node:path';
import { CachedDocuments } from '../../cache/documents.js';
import { openTree } from '../../cache/tree.js';
import { isIsoDate } from '../../model/date.js';
import { type BuiltFile, buildBundle } from '../../publish/bundle.js';
import { parse, stringOption, termsDir } from '../args.js';
import { CACHE_OPTIONS, openCache } from '../cache.js';
import { type Command, UsageError, write } from '../io.js';

const USAGE =
  'terms build [--out dist] [--drafts] [--today YYYY-MM-DD] [--quiet] [--workers N] [--terms DIR]';

/**
 * `terms build`: the static bundle, built in a temporary folder and renamed into place.
 * One progress line per file on stderr unless `--quiet`.
 */
export const build: Command = async (args, io) => {
  const parsed = parse(
    args,
    {
      out: { type: 'string', short: 'o', default: 'dist' },
      drafts: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      workers: { type: 'string' },
      today: { type: 'string' },
      ...CACHE_OPTIONS,
    },
    { min: 0, max: 0, usage: USAGE },
  );
  if (parsed.values.help) return write(io.stdout, `usage: ${USAGE}\n`).then(() => 0);
  const workersText = stringOption(parsed, 'workers');
  if (workersText !== undefined && !/^\d{1,3}$/.test(workersText))
    throw new UsageError(`--workers must be a whole number, got "${workersText}"\nusage: ${USAGE}`);
  const today = stringOption(parsed, 'today');
  if (today !== undefined && !isIsoDate(today))
    throw new UsageError(`--today must be a date YYYY-MM-DD, got "${today}"\nusage: ${USAGE}`);
  const out = path.resolve(io.cwd, stringOption(parsed, 'out') as string);
  const quiet = parsed.values.quiet === true;
  // With the cache, unchanged versions are not parsed again and their documents not rendered again.
  const cache = openCache(io, parsed);
  const { terms, keys } = await openTree(termsDir(io, parsed), {
    cwd: io.cwd,
    drafts: parsed.values.drafts === true,
    cache,
  });
  for (const service of terms.services)
    for (const [version, count] of Object.entries(service.withheld ?? {}))
      await write(
        io.stderr,
        `skipped draft ${service.id} ${version}: it has ${count} error(s) (run terms check)\n`,
      );
  const lines: Promise<void>[] = [];
  const started = performance.now();
  const stop = interruptOn(['SIGINT', 'SIGTERM']);
  let result: Awaited<ReturnType<typeof buildBundle>>;
  try {
    result = await buildBundle(terms, out, {
      signal: stop.signal,
      drafts: parsed.values.drafts === true,
      // The clock enters here, at the edge: it decides only which version a service page marks in force.
      ...(today ? { today } : { now: new Date() }),
      workers: workersText === undefined ? undefined : Number(workersText),
      documents: cache ? new CachedDocuments(cache, keys) : undefined,
      onProgress: quiet
        ? undefined
        : (file) =>
            lines.push(
              write(
                io.stderr,
                `built ${file.path} (${size(file)}, ${file.cached ? 'cached' : `${file.ms} ms`})\n`,
              ),
            ),
    });
  } catch (err) {
    const signal = stop.received();
    if (!signal) throw err;
    await Promise.all(lines);
    await write(
      io.stderr,
      `terms: build stopped by ${signal}: its temporary folder was removed, ${path.relative(io.cwd, out) || '.'} is as it was\n`,
    );
    return SIGNAL_EXIT[signal];
  } finally {
    stop.dispose();
  }
  await Promise.all(lines);
  const shown = path.relative(io.cwd, result.outDir) || '.';
  // Said even with --quiet: a URL served as immutable must never change its bytes.
  for (const file of result.files.filter((f) => f.immutableChanged))
    await write(
      io.stderr,
      `terms: warning: ${file.path} is served as immutable, and this build changed its bytes (did the engine or its fonts change?): caches keep the old ones for a year\n`,
    );
  const cached = result.files.filter((f) => f.cached).length;
  const reused = cache ? `; ${cached} of ${result.documents} documents from the cache` : '';
  if (!quiet)
    await write(
      io.stderr,
      `wrote ${result.files.length} files (${(result.bytes / 1024).toFixed(0)} KB) to ${shown} in ${Math.round(performance.now() - started)} ms with ${result.workers || 'no'} render worker(s)${reused}\n`,
    );
  return 0;
};

/** The conventional exit code of a process ended by a signal: 128 + its number. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * An AbortSignal aborted by the first of these signals. A second signal is not caught (the
 * listener is gone): it ends the process at once, and the next build removes what it left.
 */
function interruptOn(signals: (keyof typeof SIGNAL_EXIT)[]) {
  const controller = new AbortController();
  let got: keyof typeof SIGNAL_EXIT | undefined;
  const handlers = signals.map((name) => {
    const handler = () => {
      got = name;
      dispose();
      controller.abort(new Error(`stopped by ${name}`));
    };
    process.once(name, handler);
    return [name, handler] as const;
  });
  const dispose = () => {
    for (const [name, handler] of handlers) process.removeListener(name, handler);
  };
  return { signal: controller.signal, received: () => got, dispose };
}

function size(file: BuiltFile): string {
  return file.bytes < 10 * 1024
    ? `${(file.bytes / 1024).toFixed(1)} KB`
    : `${Math.round(file.bytes / 1024)} KB`;
}
