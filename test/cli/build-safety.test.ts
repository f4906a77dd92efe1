import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, ROOT, tempCopy } from '../helpers/terms.js';

// Real `node bin/terms.js build` processes (npm run build first), killed at chosen moments.

let terms: string;
let base: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir: terms, cleanup } = await tempCopy(fixture('terms', 'good')));
  base = path.dirname(terms);
});
afterAll(() => cleanup());

interface Run {
  child: ChildProcess;
  /** Resolves with the exit code (or the signal that ended it) and what it printed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Resolves when stderr has printed a line starting with `prefix`. */
  printed: (prefix: string) => Promise<void>;
}

function build(out: string, env: Record<string, string> = {}, extra: string[] = []): Run {
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'bin', 'terms.js'),
      'build',
      '--terms',
      terms,
      '--out',
      out,
      '--workers',
      '0',
      ...extra,
    ],
    { cwd: base, env: { PATH: process.env.PATH ?? '', ...env } },
  );
  let stderr = '';
  const waiting: { prefix: string; resolve: () => void }[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const w of waiting.splice(0))
      if (stderr.split('\n').some((l) => l.startsWith(w.prefix))) w.resolve();
      else waiting.push(w);
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  const printed = (prefix: string) =>
    new Promise<void>((resolve) => {
      if (stderr.split('\n').some((l) => l.startsWith(prefix))) resolve();
      else waiting.push({ prefix, resolve });
    });
  return { child, done, printed };
}

/** The names beside `out` that a build leaves only while it runs or when it was killed. */
async function leftovers(out: string): Promise<string[]> {
  const name = path.basename(out);
  return (await readdir(path.dirname(out))).filter((n) => n.startsWith(`${name}.`)).sort();
}

/** Verifies every file of a bundle against its SHA256SUMS with GNU sha256sum. */
function verify(out: string): void {
  execFileSync('sha256sum', ['--check', '--quiet', '--strict', 'SHA256SUMS'], { cwd: out });
}

describe('terms build stopped by a signal', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`removes its temp folder on ${signal}, says so in one line, and leaves --out as it was`, async () => {
      const out = path.join(base, `signal-${signal}`);
      expect((await build(out).done).code).toBe(0);
      const before = await readdir(out, { recursive: true });
      const run = build(out);
      await run.printed('built ');
      run.child.kill(signal);
      const result = await run.done;
      expect(result.code).toBe(code);
      const last = result.stderr.trim().split('\n').at(-1);
      expect(last).toBe(
        `terms: build stopped by ${signal}: its temporary folder was removed, signal-${signal} is as it was`,
      );
      expect(result.stderr).not.toContain('    at ');
      expect(await leftovers(out)).toEqual([]);
      expect(await readdir(out, { recursive: true })).toEqual(before);
      verify(out);
    });
  }
});

describe('a build killed at any moment of the swap', () => {
  for (const point of ['before-swap', 'between-renames', 'before-remove-old']) {
    it(`(${point}) leaves what the next build turns into a complete bundle, with no leftovers`, async () => {
      const out = path.join(base, `kill-${point}`);
      expect((await build(out).done).code).toBe(0);
      const killed = await build(out, { TERMS_TEST_KILL_AT: point }).done;
      expect(killed.signal).toBe('SIGKILL');
      expect((await leftovers(out)).length).toBeGreaterThan(0);
      // Between the two renames the previous bundle is aside: no --out at all until recovered.
      expect(existsSync(out)).toBe(point !== 'between-renames');
      const next = await build(out).done;
      expect(next.code).toBe(0);
      expect(await leftovers(out)).toEqual([]);
      verify(out);
    });
  }
});

describe('two builds into one --out', () => {
  it('the second fails at once with one line naming the first; the first completes', async () => {
    const out = path.join(base, 'two');
    const first = build(out);
    await first.printed('built ');
    // Paused while it holds the lock (no sleeping, no race with its end); resumed below.
    first.child.kill('SIGSTOP');
    const second = await build(out).done;
    first.child.kill('SIGCONT');
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      /^terms: terms build \(pid \d+, since [0-9T:.-]+Z\) is already working on this; wait for it to finish \(lock: .*two\.lock\)\n$/,
    );
    expect((await first.done).code).toBe(0);
    expect(await leftovers(out)).toEqual([]);
    verify(out);
  });

  it('takes over the lock of a build that was killed', async () => {
    const out = path.join(base, 'stale');
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('close', r));
    const owner = {
      pid: dead.pid,
      start: '1',
      host: (await import('node:os')).hostname(),
      what: 'terms build',
      since: '2026-01-01T00:00:00.000Z',
    };
    await writeFile(`${out}.lock`, JSON.stringify(owner));
    const run = await build(out).done;
    expect(run.code).toBe(0);
    expect(await leftovers(out)).toEqual([]);
  });
});

describe('a target file system that cannot take the bundle', () => {
  const mount = path.join('/tmp', `terms-small-${process.pid}`);
  beforeAll(async () => {
    await mkdir(mount, { recursive: true });
    // A 64 KB tmpfs: the bundle does not fit; remounted read-only below. The tests run as root.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount]);
  });
  afterAll(() => {
    execFileSync('umount', [mount]);
  });

  it('full: one line naming the path, exit 1, nothing left behind', async () => {
    const out = path.join(mount, 'dist');
    const run = await build(out, {}, ['--quiet']).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^terms: cannot write the bundle: \/tmp\/terms-small-\d+\/dist\.tmp-[^:]+: no space left on the device \(ENOSPC\)\n$/,
    );
    expect(await readdir(mount)).toEqual([]);
  });

  it('read-only: one line naming the path, exit 1', async () => {
    execFileSync('mount', ['-o', 'remount,ro', mount]);
    try {
      const run = await build(path.join(mount, 'dist'), {}, ['--quiet']).done;
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`terms: cannot create the lock file ${mount}/dist.lock (EROFS)\n`);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mount]);
    }
  });

  it('missing: a folder on the way that is a dangling link is named, exit 1', async () => {
    const link = path.join(base, 'dangling');
    await (await import('node:fs/promises')).symlink(path.join(base, 'no-such-disk'), link);
    const run = await build(path.join(link, 'dist'), {}, ['--quiet']).done;
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').length).toBe(2);
    expect(run.stderr).toContain(path.join(link, 'dist'));
  });
});
