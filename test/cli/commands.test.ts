import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/terms.js';

describe('command table', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'treats "%s" as an unknown command, not an Object method',
    async (name) => {
      const result = await runCli([name]);
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe(`terms: unknown command "${name}"`);
    },
  );

  it.each(Object.keys(COMMANDS))('loads "%s" when it runs and answers --help', async (name) => {
    const result = await runCli([name, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(`usage: terms ${name} `)).toBe(true);
  });

  it('runs terms check without loading the PDF renderer', () => {
    // A fresh process over the compiled lib/: pdfmake and pdfkit are CommonJS, so they show
    // up in the require cache once anything has imported them. (fontkit alone is loaded: check
    // reads the PDF font's character map to report missing glyphs.)
    const script = `
      import { createRequire } from 'node:module';
      import { PassThrough, Readable } from 'node:stream';
      import { run } from './lib/cli/main.js';
      const out = new PassThrough();
      out.resume();
      const code = await run(['check'], { cwd: process.cwd(), stdin: Readable.from([]), stdout: out, stderr: out, env: {} });
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify({ code, pdf: loaded.filter((f) => /node_modules\\/(pdfmake|pdfkit)\\//.test(f)).length }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual({ code: 0, pdf: 0 });
  });
});
