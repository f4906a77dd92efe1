import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { openTerms } from '../../src/open.js';
import { buildBundle } from '../../src/publish/bundle.js';
import { serve } from '../../src/server/listen.js';
import { TERMS } from '../helpers/terms.js';

/** The real bundle built from terms/, served over a real socket on a free port. */
export interface RealServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  origin: string;
  port: number;
  /** The bundle folder it serves. */
  bundleDir: string;
  /** Log lines (pino JSON, parsed), in order. */
  log: LogLine[];
  stop: () => Promise<void>;
}

/** One line of the server's JSON log. */
export type LogLine = Record<string, unknown>;

/** A pino logger that keeps its lines, parsed, in `lines`. */
export function memoryLogger(lines: LogLine[]) {
  return pino({ base: undefined }, { write: (line: string) => void lines.push(JSON.parse(line)) });
}

/**
 * Builds the bundle of a terms folder (the real terms/ by default) into a temp folder with
 * `buildBundle`, then serves it.
 */
export async function startRealServer(termsDir: string = TERMS): Promise<RealServer> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'terms-serve-'));
  const bundleDir = path.join(base, 'dist');
  await buildBundle(await openTerms(termsDir), bundleDir, { workers: 0 });
  const log: LogLine[] = [];
  const running = await serve({
    port: 0,
    host: '127.0.0.1',
    bundleDir,
    termsDir,
    logger: memoryLogger(log),
  });
  const origin = running.url.replace(/\/$/, '');
  return {
    origin,
    port: Number(new URL(origin).port),
    bundleDir,
    log,
    stop: async () => {
      await running.close();
      await rm(base, { recursive: true, force: true });
    },
  };
}
