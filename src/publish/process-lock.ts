import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { InputError } from '../diagnostics.js';

/**
 * A lock between processes on one machine: a file created with O_EXCL (`wx`) holding the
 * owner's pid and process start time. A lock whose owner is gone (no such pid, or the pid now
 * belongs to a process started at another time) is stale and taken over at once, so a killed
 * build never blocks the next one. Chosen over `proper-lockfile`, whose staleness is an mtime
 * refreshed on a timer: a lock left by a killed process blocks for the stale period (10 s by
 * default), and a long synchronous PDF render could miss a refresh and lose a live lock.
 * Not for network file systems shared between machines (the pid means nothing there).
 */
export interface ProcessLock {
  /** Removes the lock file (only if it is still ours). */
  release(): Promise<void>;
}

interface Owner {
  pid: number;
  /** The owner's start time (clock ticks after boot, from /proc), or null where /proc is absent. */
  start: string | null;
  host: string;
  /** What holds it, for the message the second process prints: `terms build`. */
  what: string;
  since: string;
}

/**
 * Takes the lock at `file` for `what` (e.g. `terms build`), or throws a one-line InputError
 * naming the process that holds it. A stale lock is removed and taken.
 */
export async function acquireLock(file: string, what: string): Promise<ProcessLock> {
  const me: Owner = {
    pid: process.pid,
    start: startTime(process.pid),
    host: os.hostname(),
    what,
    since: new Date().toISOString(),
  };
  const text = `${JSON.stringify(me)}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, text, { flag: 'wx' });
      return {
        release: async () => {
          const now = await readFile(file, 'utf8').catch(() => undefined);
          if (now === text) await rm(file, { force: true });
        },
      };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST')
        throw new InputError('lock-failed', `cannot create the lock file ${file} (${code})`);
    }
    const held = await readFile(file, 'utf8').catch(() => undefined);
    if (held === undefined) continue; // released meanwhile: try again
    const owner = parseOwner(held);
    if (owner && alive(owner))
      throw new InputError(
        'locked',
        `${owner.what} (pid ${owner.pid}, since ${owner.since}) is already working on this; wait for it to finish (lock: ${file})`,
      );
    // Stale (or unreadable): remove it only if it is still the same file content we judged.
    const again = await readFile(file, 'utf8').catch(() => undefined);
    if (again === held) await rm(file, { force: true });
  }
  throw new InputError('locked', `could not take the lock ${file}: other processes keep taking it`);
}

function parseOwner(text: string): Owner | undefined {
  try {
    const value = JSON.parse(text) as Partial<Owner>;
    if (typeof value.pid !== 'number') return undefined;
    return {
      pid: value.pid,
      start: typeof value.start === 'string' ? value.start : null,
      host: String(value.host ?? ''),
      what: String(value.what ?? 'another process'),
      since: String(value.since ?? '?'),
    };
  } catch {
    return undefined;
  }
}

/** Whether the owner of a lock still runs: same host, the pid exists and started when it did. */
function alive(owner: Owner): boolean {
  // A lock from another host (a shared folder): its owner cannot be seen, so it counts as live.
  if (owner.host !== os.hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const start = startTime(owner.pid);
  return owner.start === null || start === null || start === owner.start;
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks after boot. */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count after its end.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}
