import { existsSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { bundlePath } from '../bundle/layout.js';

/** The folder a build writes into before the swap: `<out>.tmp-<pid>-<random>`. */
export function tempFolderOf(out: string, tag: string): string {
  return `${out}.tmp-${tag}`;
}

/** Where the swap moves the previous bundle aside: `<out>.old-<pid>-<random>`. */
export function oldFolderOf(out: string, tag: string): string {
  return `${out}.old-${tag}`;
}

/**
 * Puts right what killed builds left beside `out`; call it holding the build lock of `out`, so
 * no live build owns these folders. A build killed between moving the previous bundle aside and
 * moving the new one in left no `out`: the previous bundle (the newest `.old-*` holding
 * SHA256SUMS) is moved back. Every other `.tmp-*` and `.old-*` is removed. Returns the folders
 * it dealt with, for a message.
 */
export async function recoverLeftovers(
  out: string,
): Promise<{ restored?: string; removed: string[] }> {
  const dir = path.dirname(out);
  const base = path.basename(out);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return { removed: [] };
  }
  const left = names.filter((n) => n.startsWith(`${base}.tmp-`) || n.startsWith(`${base}.old-`));
  const result: { restored?: string; removed: string[] } = { removed: [] };
  if (!existsSync(out)) {
    const olds: { name: string; mtime: number }[] = [];
    for (const name of left.filter((n) => n.startsWith(`${base}.old-`)))
      if (existsSync(path.join(dir, name, bundlePath('sums'))))
        olds.push({ name, mtime: (await stat(path.join(dir, name))).mtimeMs });
    const newest = olds.sort((a, b) => b.mtime - a.mtime)[0];
    if (newest) {
      await rename(path.join(dir, newest.name), out);
      result.restored = path.join(dir, newest.name);
    }
  }
  for (const name of left) {
    const full = path.join(dir, name);
    if (full === result.restored) continue;
    await rm(full, { recursive: true, force: true });
    result.removed.push(full);
  }
  return result;
}

/**
 * A fault-injection point for tests only: when `$TERMS_TEST_KILL_AT` names this point, the
 * process kills itself with SIGKILL right here, so a test can stop a build at an exact moment
 * of the swap without sleeping. Unset in normal use (nothing happens).
 */
export function killPoint(name: string): void {
  if (process.env.TERMS_TEST_KILL_AT === name) process.kill(process.pid, 'SIGKILL');
}
