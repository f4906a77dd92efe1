import { execFileSync } from 'node:child_process';
import { appendFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/publish/process-lock.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { fixture, tempCopy } from '../helpers/terms.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function copy() {
  const made = await tempCopy(fixture('terms', 'good'));
  cleanup = made.cleanup;
  return made.dir;
}

describe('two terms publish of one version at once', () => {
  it('one publishes, the other fails with one line; never exit 70 or a false frozen-modified', async () => {
    const dir = await copy();
    const args = ['publish', 'mini', '2026-01-01', '--terms', dir];
    const [a, b] = await Promise.all([spawnCli(args), spawnCli(args)]);
    expect([a.code, b.code].sort()).toEqual([0, 1]);
    const loser = a.code === 1 ? a : b;
    expect(loser.stderr.split('\n')).toHaveLength(2);
    expect(loser.stderr).toMatch(/is already working on this|is already published/);
    expect(loser.stderr).not.toContain('frozen-modified');
    expect((await runCli(['check', '--terms', dir])).code).toBe(0);
  });

  it('waits for no one: a publish running in another process makes the second fail at once', async () => {
    const dir = await copy();
    const held = await acquireLock(path.join(dir, 'mini', '.publish.lock'), 'terms publish');
    try {
      const second = await runCli(['publish', 'mini', '2026-01-01', '--terms', dir]);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(
        new RegExp(
          `^terms: terms publish \\(pid ${process.pid}, since [^)]+\\) is already working on this; wait for it to finish \\(lock: .*\\.publish\\.lock\\)\\n$`,
        ),
      );
    } finally {
      await held.release();
    }
    expect((await runCli(['publish', 'mini', '2026-01-01', '--terms', dir])).code).toBe(0);
  });
});

describe('terms publish --freeze in a git work tree', () => {
  it('refuses a published version whose files have uncommitted changes (an edit, a deleted lock)', async () => {
    const dir = await copy();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'terms');
    const version = path.join(dir, 'mini', '2025-06-01');
    await appendFile(path.join(version, 'en.md'), '\nAn edit after publishing.\n');
    await rm(path.join(version, 'lock.json'));
    const args = ['publish', 'mini', '2025-06-01', '--freeze', '--terms', dir];
    const refused = await runCli(args);
    expect(refused.stderr).toBe(
      'terms: mini 2025-06-01 has uncommitted changes in git (mini/2025-06-01/en.md, mini/2025-06-01/lock.json): a published version is frozen as committed; restore or commit them first\n',
    );
    expect(refused.code).toBe(1);
    // Restored to what git has, the lock is back too: nothing to freeze, and check passes.
    git('checkout', '--', '.');
    expect((await runCli(['check', '--terms', dir])).code).toBe(0);
  });
});
