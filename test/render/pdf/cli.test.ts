import { copyFile, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { publishVersion } from '../../../src/publish/publish.js';
import { dejaVuSansFiles, FONT_DIR_ENV, FONT_VARIANTS } from '../../../src/render/pdf/fonts.js';
import { spawnCli } from '../../helpers/cli.js';
import { tempCopy } from '../../helpers/terms.js';
import { pageTexts, pdfInfo } from './poppler.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function outDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'terms-pdf-out-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A copy of the terms whose Kazakh service name has a character DejaVu Sans lacks. */
async function termsWithEmoji(): Promise<string> {
  const copy = await tempCopy();
  cleanups.push(copy.cleanup);
  const file = path.join(copy.dir, 'dedicated-compute', 'service.yaml');
  const yaml = await readFile(file, 'utf8');
  await writeFile(
    file,
    yaml.replace('kk: Бөлінген есептеу ортасы', 'kk: Бөлінген есептеу ортасы 🙂'),
  );
  // The service name is part of the frozen published text: freeze the copy again with it.
  await rm(path.join(copy.dir, 'dedicated-compute', '2025-09-10', 'lock.json'));
  await publishVersion(copy.dir, 'dedicated-compute', '2025-09-10', {
    cwd: copy.dir,
    freeze: true,
  });
  return copy.dir;
}

/** A folder with copies of the four font files, for `TERMS_PDF_FONT_DIR`. */
async function fontDir(): Promise<string> {
  const dir = await outDir();
  const files = dejaVuSansFiles();
  for (const variant of FONT_VARIANTS)
    await copyFile(files[variant], path.join(dir, path.basename(files[variant])));
  return dir;
}

const render = (...extra: string[]) => [
  'render',
  'dedicated-compute',
  '--at',
  '2025-10-01',
  '--lang',
  'kk',
  '--format',
  'pdf',
  ...extra,
];

describe('terms render --format pdf', () => {
  it('writes the PDF of the version in force to -o FILE', async () => {
    const dir = await outDir();
    const file = path.join(dir, 'terms.pdf');
    const result = await spawnCli(render('-o', file));
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(await readdir(dir)).toEqual(['terms.pdf']);
    expect(pdfInfo(file)).toMatchObject({
      Title: 'ЖЕКЕЛЕГЕН ҚЫЗМЕТТЕРДІ ПАЙДАЛАНУ ШАРТТАРЫ — Бөлінген есептеу ортасы',
      CreationDate: '2025-09-09T19:00:00Z',
    });
    expect(pageTexts(file)[0]).toContain('«БӨЛІНГЕН ЕСЕПТЕУ ОРТАСЫ» ҚЫЗМЕТІ');
  });

  it('fails with exit 1 and names the character when the font lacks one, leaving no file', async () => {
    const terms = await termsWithEmoji();
    const dir = await outDir();
    const file = path.join(dir, 'terms.pdf');
    const result = await spawnCli(render('-o', file, '--terms', terms));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'the PDF font cannot print 1 character the document uses; pdfmake would silently drop it:\n' +
        '  U+1F642 🙂 is not in font DejaVuSans (normal: DejaVuSans); used in page header, ',
    );
    expect(result.stderr).toContain(
      '  U+1F642 🙂 is not in font DejaVuSans (bold: DejaVuSans-Bold); used in title block',
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves an existing file as it was when rendering fails', async () => {
    const terms = await termsWithEmoji();
    const dir = await outDir();
    const file = path.join(dir, 'terms.pdf');
    await writeFile(file, 'the previous agreement');
    const result = await spawnCli(render('-o', file, '--terms', terms));
    expect(result.code).toBe(1);
    expect(await readFile(file, 'utf8')).toBe('the previous agreement');
    expect(await readdir(dir)).toEqual(['terms.pdf']);
  });

  it('fails with exit 1 for a date before the first version, leaving no file', async () => {
    const dir = await outDir();
    const file = path.join(dir, 'terms.pdf');
    const args = render('-o', file).map((a) => (a === '2025-10-01' ? '2020-01-01' : a));
    const result = await spawnCli(args);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toBe('');
    expect(await readdir(dir)).toEqual([]);
  });

  it('reads the fonts from $TERMS_PDF_FONT_DIR when it is set: the same bytes from copies', async () => {
    const fonts = await fontDir();
    const viaCopies = await spawnCli(render(), { env: { [FONT_DIR_ENV]: fonts } });
    const standard = await spawnCli(render());
    expect(viaCopies).toMatchObject({ code: 0, stderr: '' });
    expect(viaCopies.bytes.equals(standard.bytes)).toBe(true);
  });

  it.each([
    ['a missing font file', 'DejaVuSans-Bold.ttf', (file: string) => unlink(file), 'no such file'],
    [
      'a truncated font file',
      'DejaVuSans.ttf',
      async (file: string) => writeFile(file, (await readFile(file)).subarray(0, 300_000)),
      'truncated: table "',
    ],
    [
      'a file that is not a font',
      'DejaVuSans.ttf',
      (file: string) => writeFile(file, '<html>not a font</html>'),
      'not a font (Unknown font format)',
    ],
  ] as const)(
    'fails with exit 1 and one line naming %s, writing no PDF',
    async (_, name, spoil, why) => {
      const fonts = await fontDir();
      const font = path.join(fonts, name);
      await spoil(font);
      const dir = await outDir();
      const file = path.join(dir, 'terms.pdf');
      const result = await spawnCli(render('-o', file), { env: { [FONT_DIR_ENV]: fonts } });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^terms: [^\n]*\n$/);
      expect(result.stderr).toContain(`terms: cannot use the PDF font ${font}: ${why}`);
      expect(await readdir(dir)).toEqual([]);
    },
  );
});
