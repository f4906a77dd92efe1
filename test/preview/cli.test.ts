import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/cli.js';
import { draftCopy } from './helpers.js';
import { startPreviewProcess } from './process.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await draftCopy());
});
afterAll(() => cleanup());

describe('terms preview on the command line', () => {
  it('is listed in the help like every command', async () => {
    const help = await runCli(['--help']);
    expect(help.stdout).toMatch(/^ {2}preview \[--port 8081\] \[--host 127\.0\.0\.1\]/m);
    const own = await runCli(['preview', '--help']);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('usage: terms preview [--port 8081]');
  });

  it('exits 1 naming --port when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const result = await spawnCli(['preview', '--terms', dir, '--port', String(port)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `terms: --port: cannot listen on 127.0.0.1:${port}: the address is already in use`,
      );
    } finally {
      taken.close();
    }
  });

  it('refuses a port that is not a number as a usage error', async () => {
    const result = await runCli(['preview', '--terms', dir, '--port', 'eighty']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port: expected a port number');
  });

  it('warns that drafts are served when --host is not the loopback', async () => {
    const wide = await startPreviewProcess(dir, ['--host', '0.0.0.0']);
    try {
      expect(wide.log()).toContain('--host 0.0.0.0: preview serves every draft');
    } finally {
      await wide.stop();
    }
    const local = await startPreviewProcess(dir);
    try {
      expect(local.log()).not.toContain('serves every draft');
      const index = await fetch(`${local.origin}/`);
      expect(index.headers.get('content-security-policy')).toContain("script-src 'sha256-");
      const post = await fetch(`${local.origin}/`, { method: 'POST' });
      expect(post.status).toBe(405);
    } finally {
      await local.stop();
    }
  });
});
