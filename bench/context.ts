// What every section of the benchmark is given.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Engine } from './engine.js';
import type { Report } from './report.js';

/** Sizes and budgets of a run: the full one, or `--quick`. */
export interface Budget {
  /** tinybench time budget per task (ms) and minimum iterations. */
  benchMs: number;
  benchIterations: number;
  /** Repetitions of each cold process. */
  coldRuns: number;
  /** Repetitions of a full `terms build`. */
  buildRuns: number;
  /** Repetitions of loading a generated tree (at most 3 from 200 versions up). */
  loadRuns: number;
  /** autocannon: seconds per run and connections. */
  durationS: number;
  connections: number;
  /** Versions of the generated trees for load/check and lookups. */
  scaleSizes: number[];
  /** Versions of the generated trees that are fully built (every document, every format). */
  buildSizes: number[];
  /** Sizes also built with `--workers 0`, to show what the render workers change. */
  workersCompareSizes: number[];
  /** Versions of the big tree whose cold commands are timed against the 1-version tree. */
  scaleColdSize: number;
  /** Repetitions of each of those cold commands. */
  scaleColdRuns: number;
  /** Versions of the built tree one more version is published into (incremental build). */
  incrementalSize: number;
  /** Guard per peer process (ms). */
  peerTimeoutMs: number;
}

export const FULL: Budget = {
  benchMs: 3000,
  benchIterations: 20,
  coldRuns: 5,
  buildRuns: 3,
  loadRuns: 5,
  durationS: 5,
  connections: 10,
  scaleSizes: [1, 50, 200, 500, 1000],
  buildSizes: [1, 10, 50],
  workersCompareSizes: [10, 50],
  scaleColdSize: 500,
  scaleColdRuns: 3,
  incrementalSize: 60,
  peerTimeoutMs: 60_000,
};

export const QUICK: Budget = {
  benchMs: 500,
  benchIterations: 5,
  coldRuns: 2,
  buildRuns: 1,
  loadRuns: 2,
  durationS: 2,
  connections: 10,
  scaleSizes: [1, 10, 50],
  buildSizes: [1, 5],
  workersCompareSizes: [5],
  scaleColdSize: 20,
  scaleColdRuns: 2,
  incrementalSize: 5,
  peerTimeoutMs: 60_000,
};

/** The run's shared state. */
export interface Context {
  budget: Budget;
  report: Report;
  engine: Engine;
  /** A temporary folder for this run, removed at the end. */
  tmp: string;
  /** The bundle of the real terms (built by the build section, or on demand). */
  dist?: string;
  log: (line: string) => void;
}

/** Where the Chromium executable is, if installed. */
export const CHROMIUM = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].find((f): f is string => f !== undefined && existsSync(f));

/** Page count of a PDF (poppler's pdfinfo), or undefined when pdfinfo is missing. */
export function pdfPages(file: string): number | undefined {
  try {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8', timeout: 10_000 });
    const m = /^Pages:\s+(\d+)/m.exec(info);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** KB → MB. */
export const mb = (kb: number) => kb / 1024;
