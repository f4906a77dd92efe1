import { spawn } from 'node:child_process';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { run } from '../../src/cli/main.js';
import { ROOT } from './terms.js';

/** What a CLI run gave back. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout as raw bytes (PDFs). */
  bytes: Buffer;
}

function collect() {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, bytes: () => Buffer.concat(chunks) };
}

/** Runs `terms <argv>` in-process through the real CLI entry (`run`), with captured streams. */
export async function runCli(
  argv: string[],
  options: { cwd?: string; stdin?: string | Buffer; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const out = collect();
  const err = collect();
  const code = await run(argv, {
    cwd: options.cwd ?? ROOT,
    stdin: Readable.from([Buffer.from(options.stdin ?? '')]),
    stdout: out.stream,
    stderr: err.stream,
    env: options.env ?? {},
  });
  const bytes = out.bytes();
  return { code, stdout: bytes.toString('utf8'), stderr: err.bytes().toString('utf8'), bytes };
}

/** Runs the compiled bin (`node bin/terms.js …`) as a separate process; `npm run build` must have run. */
export function spawnCli(
  argv: string[],
  options: { cwd?: string; stdin?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'terms.js'), ...argv], {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? '', ...options.env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const bytes = Buffer.concat(out);
      resolve({
        code: code ?? -1,
        stdout: bytes.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        bytes,
      });
    });
    child.stdin.end(options.stdin ?? '');
  });
}
