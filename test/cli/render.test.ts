import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/render/html/index.js';
import { renderText } from '../../src/render/text/index.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { realTerms } from '../render/html/helpers.js';

const USAGE =
  'usage: terms render <service> (--version V | --at D) --lang kk|ru|en [--format html|pdf|txt] [--parallel LANG] [-o FILE] [--terms DIR]\n';
const render = (...args: string[]) => runCli(['render', 'dedicated-compute', ...args]);

describe('terms render: bad input', () => {
  it('refuses an unknown language with exit 2, naming the allowed ones', async () => {
    const r = await render('--version', '2025-09-10', '--lang', 'de');
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(`terms: --lang must be one of kk, ru, en, got "de"\n${USAGE}`);
  });

  it('refuses a missing language and an unknown --parallel language with exit 2', async () => {
    expect((await render('--version', '2025-09-10')).stderr).toBe(
      `terms: --lang is required (one of kk, ru, en)\n${USAGE}`,
    );
    const r = await render('--version', '2025-09-10', '--lang', 'kk', '--parallel', 'fr');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`terms: --parallel must be one of kk, ru, en, got "fr"\n${USAGE}`);
    const same = await render('--version', '2025-09-10', '--lang', 'kk', '--parallel', 'kk');
    expect(same.code).toBe(2);
    expect(same.stderr).toBe(
      `terms: --parallel must name a language other than --lang kk\n${USAGE}`,
    );
  });

  it('refuses an unknown format with exit 2, naming the allowed ones', async () => {
    const r = await render('--version', '2025-09-10', '--lang', 'kk', '--format', 'docx');
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(`terms: --format must be one of html, pdf, txt, got "docx"\n${USAGE}`);
  });

  it('refuses an unknown version with exit 1', async () => {
    const r = await render('--version', '2024-01-01', '--lang', 'kk');
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe(
      'terms: unknown version "2024-01-01" of service "dedicated-compute" (known: 2025-09-10)\n',
    );
  });

  it('refuses a date before the first version with exit 1', async () => {
    const r = await render('--at', '2025-09-09', '--lang', 'ru');
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe(
      'terms: no version of "dedicated-compute" is in force on 2025-09-09: the first takes effect on 2025-09-10\n',
    );
  });

  it('refuses an unknown service with exit 1', async () => {
    const r = await runCli(['render', 'nope', '--at', '2025-10-01', '--lang', 'kk']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('terms: unknown service "nope" (known: dedicated-compute)\n');
  });
});

describe('terms render: output', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'terms-render-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes HTML to stdout by default and text with --format txt', async () => {
    const { service, version } = await realTerms();
    const html = await render('--at', '2025-10-01', '--lang', 'ru');
    expect(html).toMatchObject({ code: 0, stderr: '' });
    expect(html.stdout).toBe(renderHtml(service, version, 'ru'));
    const txt = await render(
      '--version',
      '2025-09-10',
      '--lang',
      'kk',
      '--parallel',
      'ru',
      '--format',
      'txt',
    );
    expect(txt.stdout).toBe(renderText(service, version, 'kk', { parallel: 'ru' }));
  });

  it('writes the file given with -o and leaves no temporary file beside it', async () => {
    const target = path.join(dir, 'kk.html');
    const r = await render('--version', '2025-09-10', '--lang', 'kk', '-o', target);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const { service, version } = await realTerms();
    expect(await readFile(target, 'utf8')).toBe(renderHtml(service, version, 'kk'));
    expect(await readdir(dir)).toEqual(['kk.html']);
  });

  it('writes nothing when rendering fails or the folder is missing', async () => {
    const bad = await render(
      '--version',
      '2024-01-01',
      '--lang',
      'kk',
      '-o',
      path.join(dir, 'x.html'),
    );
    expect(bad.code).toBe(1);
    const missing = path.join(dir, 'no-such-folder', 'x.html');
    const r = await render('--version', '2025-09-10', '--lang', 'kk', '-o', missing);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `terms: cannot write ${missing}: the folder ${path.dirname(missing)} does not exist\n`,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('names a folder given as -o and leaves nothing beside it', async () => {
    const folder = path.join(dir, 'out');
    await mkdir(folder);
    const r = await render('--version', '2025-09-10', '--lang', 'kk', '-o', folder);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe(`terms: cannot write ${folder}: it is a folder, not a file\n`);
    expect(await readdir(dir)).toEqual(['out']);
    expect(await readdir(folder)).toEqual([]);
  });

  it('writes a PDF with --format pdf', async () => {
    const target = path.join(dir, 'kk-ru.pdf');
    const r = await render(
      '--version',
      '2025-09-10',
      '--lang',
      'kk',
      '--parallel',
      'ru',
      '--format',
      'pdf',
      '-o',
      target,
    );
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect((await readFile(target)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await readdir(dir)).toEqual(['kk-ru.pdf']);
  });

  it('gives byte-identical HTML and text from two separate processes', async () => {
    for (const format of ['html', 'txt']) {
      const args = [
        'render',
        'dedicated-compute',
        '--at',
        '2025-10-01',
        '--lang',
        'kk',
        '--parallel',
        'ru',
        '--format',
        format,
      ];
      const [a, b] = await Promise.all([spawnCli(args), spawnCli(args)]);
      expect(a.code).toBe(0);
      expect(b.code).toBe(0);
      expect(a.bytes.length).toBeGreaterThan(10_000);
      expect(a.bytes.equals(b.bytes)).toBe(true);
      expect(a.stdout).toBe(
        (await render('--at', '2025-10-01', '--lang', 'kk', '--parallel', 'ru', '--format', format))
          .stdout,
      );
    }
  });
});
