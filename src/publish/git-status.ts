import { execFile } from 'node:child_process';

/**
 * The files under `dir` that git sees changed since the last commit (modified, added, deleted,
 * renamed; untracked files are not changes to anything committed), as paths relative to `dir`.
 * Undefined when `dir` is not in a git work tree or git is not installed: there is no record
 * to compare with.
 */
export function uncommittedChanges(dir: string): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['status', '--porcelain=v1', '-z', '--untracked-files=no', '--', '.'],
      { cwd: dir, encoding: 'buffer', maxBuffer: 16 * 1024 * 1024, env: gitEnv() },
      (err, stdout) => {
        if (err) return resolve(undefined);
        const changed: string[] = [];
        const entries = stdout.toString('utf8').split('\0');
        for (let i = 0; i < entries.length; i++) {
          const entry = entries[i] as string;
          if (entry.length < 4) continue;
          // `XY path`; a rename or copy is followed by its source path as the next entry.
          if (entry[0] === 'R' || entry[0] === 'C') i++;
          changed.push(entry.slice(3));
        }
        resolve(changed);
      },
    );
  });
}

/** Git's environment without variables that would point it at another repository. */
function gitEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete env[name];
  return env;
}
