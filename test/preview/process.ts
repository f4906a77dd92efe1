import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../helpers/terms.js';

/** A `terms preview` process and the URL it listens on. */
export interface PreviewProcess {
  child: ChildProcessWithoutNullStreams;
  origin: string;
  /** Everything it wrote to stderr so far. */
  log(): string;
  stop(): Promise<void>;
}

/** Starts the compiled `terms preview` on a terms folder and a free port; resolves once it listens. */
export function startPreviewProcess(
  termsDir: string,
  extra: string[] = [],
): Promise<PreviewProcess> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/terms.js'), 'preview', '--terms', termsDir, '--port', '0', ...extra],
    { cwd: path.dirname(termsDir), env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } },
  );
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview did not start:\n${stderr}`)), 30_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const url = /preview on (http:\/\/[^\s]+)/.exec(stderr)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        child,
        origin: url,
        log: () => stderr,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`preview exited with ${code}:\n${stderr}`));
    });
  });
}
