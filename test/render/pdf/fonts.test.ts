import { copyFile, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/diagnostics.js';
import {
  dejaVuSansFiles,
  documentFonts,
  FONT_VARIANTS,
  type FontVariant,
} from '../../../src/render/pdf/fonts.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

/** A folder holding copies of the four DejaVu Sans files, as `TERMS_PDF_FONT_DIR` would name. */
async function fontDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'terms-fonts-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const files = dejaVuSansFiles();
  for (const variant of FONT_VARIANTS)
    await copyFile(files[variant], path.join(dir, path.basename(files[variant])));
  return dir;
}

/** The error reading one face of the family in `dir` gives. */
function loadError(dir: string, variant: FontVariant = 'normal'): InputError {
  try {
    documentFonts('DejaVuSans', dir).faces[variant];
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected a bad-font InputError');
}

describe('documentFonts', () => {
  it('reads and parses a family once, then hands out the same faces', async () => {
    const dir = await fontDir();
    const family = documentFonts('DejaVuSans', dir);
    expect(family.faces.bold.file).toBe(path.join(dir, 'DejaVuSans-Bold.ttf'));
    expect(family.faces.bold.postscriptName).toBe('DejaVuSans-Bold');
    expect(documentFonts('DejaVuSans', dir)).toBe(family);
    expect(family.faces.bold).toBe(family.faces.bold);
    expect(documentFonts('DejaVuSans')).not.toBe(family);
    expect(documentFonts('DejaVuSans').faces.normal.file).toBe(dejaVuSansFiles().normal);
  });

  it('names a missing font file', async () => {
    const dir = await fontDir();
    await unlink(path.join(dir, 'DejaVuSans-Bold.ttf'));
    expect(loadError(dir, 'bold')).toMatchObject({
      kind: 'bad-font',
      message: `cannot use the PDF font ${path.join(dir, 'DejaVuSans-Bold.ttf')}: no such file`,
    });
  });

  it.each([
    // fontkit alone would open this one and lose glyphs only when a document needs them
    ['its last 100 bytes', (data: Buffer) => data.subarray(0, data.length - 100)],
    ['half of it', (data: Buffer) => data.subarray(0, data.length / 2)],
  ])('names a font file missing %s, and the table it cuts', async (_, cut) => {
    const dir = await fontDir();
    const file = path.join(dir, 'DejaVuSans.ttf');
    const data = await readFile(file);
    await writeFile(file, cut(data));
    expect(loadError(dir).message).toMatch(
      new RegExp(
        `^cannot use the PDF font ${literal(file)}: truncated: table "[\\w/ ]{4}" ends at byte \\d+, the file has ${cut(data).length}$`,
      ),
    );
  });

  it('names a font file cut inside its table directory', async () => {
    const dir = await fontDir();
    const file = path.join(dir, 'DejaVuSans-Oblique.ttf');
    await writeFile(file, (await readFile(file)).subarray(0, 40));
    expect(loadError(dir, 'italics').message).toBe(
      `cannot use the PDF font ${file}: truncated: 40 bytes, shorter than its table directory`,
    );
  });

  it('names a file that is not a font', async () => {
    const dir = await fontDir();
    const file = path.join(dir, 'DejaVuSans-BoldOblique.ttf');
    await writeFile(file, 'not a font at all\n');
    expect(loadError(dir, 'bolditalics').message).toBe(
      `cannot use the PDF font ${file}: not a font (Unknown font format)`,
    );
  });

  it('reads a face when it is first used: a broken italic file stops only documents in italics', async () => {
    const dir = await fontDir();
    await writeFile(path.join(dir, 'DejaVuSans-Oblique.ttf'), 'broken');
    const family = documentFonts('DejaVuSans', dir);
    expect(family.faces.normal.postscriptName).toBe('DejaVuSans');
    expect(() => family.faces.italics).toThrow(InputError);
  });

  it('loads a face once its file is repaired: a failure is not remembered', async () => {
    const dir = await fontDir();
    const file = path.join(dir, 'DejaVuSans.ttf');
    const data = await readFile(file);
    await writeFile(file, data.subarray(0, 1000));
    expect(loadError(dir).kind).toBe('bad-font');
    await writeFile(file, data);
    expect(documentFonts('DejaVuSans', dir).faces.normal.postscriptName).toBe('DejaVuSans');
  });
});

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
