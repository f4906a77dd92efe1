// Child processes of the benchmark: every one is started here, bounded in time, measured, and
// killed with its whole tree (Chromium puts its own children in a new process group, so a
// group kill is not enough: the tree is found by parent pid in /proc).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Where GNU time lives; it gives the kernel's peak RSS of the largest process of a tree. */
export const GNU_TIME = '/usr/bin/time';
/** Interval of the process-tree RSS sampler. */
export const SAMPLE_MS = 30;
const PAGE_KB = 4;

const live = new Set<number>();
const tempDirs = new Set<string>();
let runs = 0;

/** A folder removed however the benchmark ends (a signal skips the `finally` blocks). */
export function removeOnExit(dir: string): void {
  tempDirs.add(dir);
}

function removeTempDirs(): void {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/** Kills every process the benchmark started and is still running (sync: safe in 'exit'). */
export function killAll(): void {
  for (const pid of live) killTree(pid);
  live.clear();
}

let installed = false;
/** Makes sure no child outlives the benchmark, however it ends. */
export function installCleanup(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    killAll();
    removeTempDirs();
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => {
      process.stderr.write(`\n${signal}: stopping every process the benchmark started\n`);
      killAll();
      removeTempDirs();
      process.exit(130);
    });
}

interface ProcInfo {
  pid: number;
  ppid: number;
  state: string;
  rssKb: number;
  /** User + system CPU time used so far, in clock ticks. */
  cpuTicks: number;
}

/** Every process on the machine with its parent, state and resident memory (Linux /proc). */
export function processTable(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    const c = name.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({
        pid: Number(name),
        state: fields[0] ?? '?',
        ppid: Number(fields[1]),
        rssKb: Number(fields[21]) * PAGE_KB,
        cpuTicks: Number(fields[11]) + Number(fields[12]),
      });
    } catch {
      // The process ended while the table was read.
    }
  }
  return out;
}

/** The pid and all its descendants that are still alive (zombies excluded). */
export function treeOf(root: number, table: ProcInfo[] = processTable()): ProcInfo[] {
  const children = new Map<number, ProcInfo[]>();
  for (const p of table) {
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }
  const self = table.find((p) => p.pid === root);
  const found: ProcInfo[] = self ? [self] : [];
  const todo = [root];
  while (todo.length > 0) {
    const pid = todo.pop() as number;
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      todo.push(child.pid);
    }
  }
  return found.filter((p) => p.state !== 'Z');
}

/** Clock ticks per second of /proc CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_S = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system) used so far by the live processes of a tree, in ms. */
export function treeCpuMs(root: number): number {
  return (treeOf(root).reduce((n, p) => n + p.cpuTicks, 0) * 1000) / TICKS_PER_S;
}

/** True while the process exists and is not a zombie. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * SIGKILLs a process, its process group and every descendant. Repeated, because a dying
 * browser can still fork; the descendants are collected before the root dies, since an
 * orphan's parent pid becomes 1 and it could no longer be found.
 */
export function killTree(root: number): number[] {
  const seen = new Set<number>();
  for (let round = 0; round < 3; round++) {
    const table = processTable();
    const tree = treeOf(root, table).map((p) => p.pid);
    for (const pid of seen) if (isRunning(pid) && !tree.includes(pid)) tree.push(pid);
    if (tree.length === 0) break;
    for (const pid of tree) {
      seen.add(pid);
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Not a group leader.
      }
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  return [...seen];
}

/** The peak, over time, of the summed RSS of a process tree, sampled every SAMPLE_MS. */
export class TreeSampler {
  peakKb = 0;
  samples = 0;
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly root: number) {
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.sample();
  }
  sample(): void {
    const tree = treeOf(this.root);
    if (tree.length === 0) return;
    this.samples++;
    const sum = tree.reduce((n, p) => n + p.rssKb, 0);
    if (sum > this.peakKb) this.peakKb = sum;
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

/** How a bounded process run ended. */
export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Wall time from spawn to exit. */
  ms: number;
  stdout: string;
  stderr: string;
  /** The kernel's peak RSS of the largest single process of the tree (GNU time), if available. */
  maxRssKb?: number;
  /** The peak of the sampled sum of RSS over the whole tree. */
  treePeakKb?: number;
}

/** Options of `runBounded`. */
export interface RunOptions {
  /** The run is killed (with its tree) and rejected after this long. */
  timeoutMs: number;
  cwd?: string;
  /** Sample the RSS of the tree and wrap in GNU time for the kernel's peak RSS. */
  memory?: boolean;
  /** A name for error messages. */
  label: string;
  env?: NodeJS.ProcessEnv;
}

/** Raised when a child ran past its time bound; it has been killed with its tree. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * Runs a command to its end, timed from spawn to exit, killed with its tree if it exceeds
 * `timeoutMs`. A non-zero exit is an error carrying stderr.
 */
export function runBounded(
  command: string,
  args: string[],
  options: RunOptions,
): Promise<RunResult> {
  const timeFile =
    options.memory && existsSync(GNU_TIME)
      ? path.join(os.tmpdir(), `bench-time-${process.pid}-${++runs}.txt`)
      : undefined;
  const [cmd, argv] = timeFile
    ? [GNU_TIME, ['-f', '%M', '-o', timeFile, command, ...args]]
    : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const pid = child.pid as number;
    live.add(pid);
    const sampler = options.memory ? new TreeSampler(pid) : undefined;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => out.push(c));
    child.stderr?.on('data', (c: Buffer) => err.push(c));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      sampler?.stop();
      killTree(pid);
    }, options.timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      sampler?.stop();
      live.delete(pid);
      reject(e);
    });
    child.once('close', (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      sampler?.stop();
      live.delete(pid);
      // Anything it left behind (a browser that outlived its driver) goes too.
      killTree(pid);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      let maxRssKb: number | undefined;
      if (timeFile && existsSync(timeFile)) {
        const text = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? '';
        if (/^\d+$/.test(text)) maxRssKb = Number(text);
        rmSync(timeFile, { force: true });
      }
      if (timedOut) {
        reject(
          new TimeoutError(
            `${options.label} did not finish within ${options.timeoutMs / 1000} s: killed it and its child processes`,
          ),
        );
        return;
      }
      if (code !== 0) {
        reject(
          new Error(
            `${options.label} exited with ${code ?? signal}: ${stderr.trim().slice(-2000) || '(no stderr)'}`,
          ),
        );
        return;
      }
      resolve({
        code,
        signal,
        ms,
        stdout,
        stderr,
        ...(maxRssKb !== undefined ? { maxRssKb } : {}),
        ...(sampler ? { treePeakKb: sampler.peakKb } : {}),
      });
    });
  });
}

/** A long-running child (a server): its pid, its log file and how to stop it. */
export interface Service {
  child: ChildProcess;
  pid: number;
  /** Reads what it has logged so far. */
  log(): string;
  sampler: TreeSampler;
  /** Kills it with its tree; idempotent. */
  stop(): void;
}

/**
 * Starts a server-like child with its output going to `logFile`, and waits until `ready()`
 * says yes (polled), bounded by `timeoutMs`; on failure it is killed and the log is shown.
 */
export async function startService(
  command: string,
  args: string[],
  options: {
    label: string;
    logFile: string;
    timeoutMs: number;
    ready: (log: string) => boolean | Promise<boolean>;
    cwd?: string;
  },
): Promise<Service> {
  const handle = await open(options.logFile, 'w');
  const child = spawn(command, args, {
    cwd: options.cwd,
    stdio: ['ignore', handle.fd, handle.fd],
    detached: true,
  });
  await handle.close();
  const pid = child.pid as number;
  live.add(pid);
  const sampler = new TreeSampler(pid);
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
  });
  child.once('error', (e) => {
    exited = `could not start: ${e.message}`;
  });
  const log = () => (existsSync(options.logFile) ? readFileSync(options.logFile, 'utf8') : '');
  const stop = () => {
    sampler.stop();
    if (live.delete(pid)) killTree(pid);
  };
  const deadline = performance.now() + options.timeoutMs;
  try {
    for (;;) {
      if (exited) throw new Error(`${options.label} ${exited}:\n${log().slice(-2000)}`);
      if (await options.ready(log())) break;
      if (performance.now() > deadline)
        throw new TimeoutError(
          `${options.label} was not ready within ${options.timeoutMs / 1000} s: killed it\n${log().slice(-2000)}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch (err) {
    stop();
    throw err;
  }
  return { child, pid, log, sampler, stop };
}

/** Resolves with `promise`, or rejects after `ms` after calling `onTimeout` (e.g. a kill). */
export async function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  label: string,
  onTimeout: () => void = () => {},
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new TimeoutError(`${label} did not finish within ${ms / 1000} s`));
    }, ms);
  });
  try {
    return await Promise.race([promise, guard]);
  } finally {
    clearTimeout(timer);
  }
}
