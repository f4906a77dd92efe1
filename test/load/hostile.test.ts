import { mkdir, readdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { LIMITS } from '../../src/load/limits.js';
import { inspectTerms } from '../../src/open.js';
import { runCli } from '../helpers/cli.js';
import { appendToDraft, DRAFT, editDraft, goodCopy } from './hostile-helpers.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** A copy of the good tree, changed by `change`; its errors as `file:line:col: … (code)` lines. */
async function errorsAfter(change: (dir: string) => Promise<void>) {
  const copy = await goodCopy();
  cleanup = copy.cleanup;
  await change(copy.dir);
  const { diagnostics } = await inspectTerms(copy.dir, { cwd: copy.dir });
  return diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}

const BOMB = [
  'x: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]',
  'y: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'z: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'w: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
].join('\n');

describe('YAML alias bombs', () => {
  it('are yaml-syntax in version.yaml, at the first alias', async () => {
    const errors = await errorsAfter((dir) => appendToDraft(dir, 'version.yaml', `${BOMB}\n`));
    expect(errors).toEqual([
      `${DRAFT}/version.yaml:31:8: error: YAML: aliases expand to too many nodes (Excessive alias count indicates a resource exhaustion attack); write the values out (yaml-syntax)`,
    ]);
  });

  it('are yaml-syntax in front matter', async () => {
    const errors = await errorsAfter((dir) =>
      editDraft(dir, 'en.md', 'restoreTimes:', `${BOMB}\nrestoreTimes:`),
    );
    expect(errors).toEqual([
      `${DRAFT}/en.md:1:1: error: front matter has no restoreTimes.reboot label for the restore-time table (missing-label)`,
      `${DRAFT}/en.md:1:1: error: front matter has no restoreTimes.repair label for the restore-time table (missing-label)`,
      `${DRAFT}/en.md:3:8: error: YAML: aliases expand to too many nodes (Excessive alias count indicates a resource exhaustion attack); write the values out (yaml-syntax)`,
    ]);
  });

  it('withhold the broken draft and never block the build of the published versions', async () => {
    const copy = await goodCopy();
    cleanup = copy.cleanup;
    await appendToDraft(copy.dir, 'version.yaml', `${BOMB}\n`);
    const out = path.join(path.dirname(copy.dir), 'dist');
    const built = await runCli(['build', '--terms', copy.dir, '--out', out, '--quiet']);
    expect(built.stderr).toBe(
      'skipped draft mini 2026-01-01: it has 1 error(s) (run terms check)\n',
    );
    expect(built.code).toBe(0);
  });
});

describe('limits', () => {
  it('refuses 8 KB of nested block quotes before parsing (the parser overflowed the stack)', async () => {
    const errors = await errorsAfter((dir) =>
      appendToDraft(dir, 'en.md', `\n${'> '.repeat(4000)}deep\n`),
    );
    expect(errors).toEqual([
      `${DRAFT}/en.md:34:1: error: a line of 8004 characters: at most ${LIMITS.lineChars} are allowed (break it into paragraphs) (limit)`,
      `${DRAFT}/en.md:34:1: error: a line opens more than ${4 * LIMITS.blockDepth} levels of block quotes and lists: at most ${LIMITS.blockDepth} are allowed (limit)`,
    ]);
  });

  it('names the block quote and the list nested one level too deep', async () => {
    const list = Array.from({ length: 9 }, (_, i) => `${'  '.repeat(i)}- item\n`).join('');
    const errors = await errorsAfter((dir) =>
      appendToDraft(dir, 'en.md', `\n${'> '.repeat(9)}deep\n\n${list}`),
    );
    expect(errors).toEqual([
      `${DRAFT}/en.md:34:17: error: block quotes and lists nested 9 deep: at most 8 levels are allowed (limit)`,
      `${DRAFT}/en.md:44:17: error: block quotes and lists nested 9 deep: at most 8 levels are allowed (limit)`,
    ]);
  });

  it('names emphasis nested too deep', async () => {
    const errors = await errorsAfter((dir) =>
      appendToDraft(dir, 'en.md', `\n${'*'.repeat(20)}x${'*'.repeat(20)}\n`),
    );
    expect(errors).toEqual([
      `${DRAFT}/en.md:34:17: error: emphasis and links nested 9 deep: at most 8 levels are allowed (limit)`,
    ]);
  });

  it('refuses a paragraph longer than the limit, and its line', async () => {
    const errors = await errorsAfter((dir) =>
      appendToDraft(dir, 'en.md', `\n${'word '.repeat(2400)}\n${'word '.repeat(200)}\n`),
    );
    expect(errors).toEqual([
      `${DRAFT}/en.md:34:1: error: a line of 12000 characters: at most ${LIMITS.lineChars} are allowed (break it into paragraphs) (limit)`,
      `${DRAFT}/en.md:34:1: error: a paragraph of 13001 characters: at most ${LIMITS.paragraphChars} are allowed (split it) (limit)`,
    ]);
  });

  it('refuses a 50 MB file without reading it', async () => {
    const before = process.memoryUsage().rss;
    const errors = await errorsAfter(async (dir) => {
      await truncate(path.join(dir, DRAFT, 'ru.md'), 50 * 1024 * 1024);
    });
    expect(errors).toEqual([
      `${DRAFT}/ru.md:1:1: error: the file has 52428800 bytes: at most 262144 (256 KB) are allowed (limit)`,
    ]);
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
  });

  it('counts headings and markup characters', async () => {
    const clauses = Array.from({ length: 1001 }, (_, i) => `#### {#c${i}}\n\nText.\n`).join('\n');
    const headings = await errorsAfter((dir) => appendToDraft(dir, 'kk.md', `\n${clauses}`));
    expect(headings.filter((e) => e.endsWith('(limit)'))).toEqual([
      `${DRAFT}/kk.md:4010:1: error: more than ${LIMITS.clauses} headings in one file (limit)`,
    ]);
    // en.md already holds two markers ([](#beta)): the 2,001st is the `[` of the 1,000th "[a] ".
    const marks = await errorsAfter((dir) =>
      appendToDraft(dir, 'en.md', `\n${'[a] '.repeat(1001)}\n`),
    );
    expect(marks).toEqual([
      `${DRAFT}/en.md:34:3997: error: more than ${LIMITS.markupChars} emphasis, code and link markers (* _ ~ \` [ ] <) in one file (limit)`,
    ]);
  });
});

describe('encodings', () => {
  it('names the first invalid UTF-8 byte by line and column', async () => {
    const raw = await errorsAfter(async (dir) => {
      const file = path.join(dir, DRAFT, 'en.md');
      await writeFile(
        file,
        Buffer.concat([await readFile(file), Buffer.from('\nPay \xff!', 'latin1')]),
      );
    });
    expect(raw).toEqual([
      `${DRAFT}/en.md:34:5: error: invalid UTF-8: byte 0xff at byte 585 is not part of a UTF-8 character; save the file as UTF-8 (encoding)`,
    ]);
  });

  it('reports a UTF-16 file once, not as dozens of missing clauses', async () => {
    const errors = await errorsAfter(async (dir) => {
      const file = path.join(dir, DRAFT, 'ru.md');
      const text = await readFile(file, 'utf8');
      await writeFile(
        file,
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      );
      await writeFile(path.join(dir, DRAFT, 'en.md'), Buffer.from(text, 'utf16le'));
    });
    expect(errors).toEqual([
      `${DRAFT}/en.md:1:1: error: the file is UTF-16 (little-endian, no byte-order mark), not UTF-8: save it as UTF-8 (encoding)`,
      `${DRAFT}/ru.md:1:1: error: the file is UTF-16 (little-endian), not UTF-8: save it as UTF-8 (encoding)`,
    ]);
  });
});

describe('control and bidirectional characters', () => {
  it('are errors at their position, in the text, as references and as YAML escapes', async () => {
    const errors = await errorsAfter(async (dir) => {
      await appendToDraft(dir, 'en.md', '\nPay \u202e0005 now, \x1b[31mred, &#x2066;x.\n');
      await editDraft(
        dir,
        'version.yaml',
        'address: "@Mini_Support_Bot"',
        'address: "@Mini\\u202e"',
      );
    });
    expect(errors).toEqual([
      `${DRAFT}/en.md:34:1: error: U+2066 (LEFT-TO-RIGHT ISOLATE), written as a character reference, is not allowed in terms content (control-character)`,
      `${DRAFT}/en.md:34:5: error: U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed in terms content: it is invisible or reorders what is shown (control-character)`,
      `${DRAFT}/en.md:34:16: error: U+001B (ESCAPE) is not allowed in terms content: it is invisible or reorders what is shown (control-character)`,
      `${DRAFT}/version.yaml:23:36: error: U+202E (RIGHT-TO-LEFT OVERRIDE), written as an escape, is not allowed in terms content (control-character)`,
      `${DRAFT}/version.yaml:23:36: error: parameters.support.channels[0].address: a Telegram address is @name (schema)`,
    ]);
  });
});

describe('characters the PDF font lacks', () => {
  it('are reported by check at file:line:col, in the face they print in', async () => {
    const errors = await errorsAfter((dir) =>
      editDraft(dir, 'en.md', 'Availability ', 'Availability \u{1F642} '),
    );
    expect(errors).toEqual([
      `${DRAFT}/en.md:15:14: error: U+1F642 "\u{1F642}" is not in the PDF font DejaVuSans (normal): the PDF cannot print it (missing-glyph)`,
    ]);
  });
});

describe('file-system surprises', () => {
  it('name the path: a dangling link, a link loop, a folder where a file belongs', async () => {
    const errors = await errorsAfter(async (dir) => {
      await rm(path.join(dir, DRAFT, 'kk.md'));
      await symlink('nowhere.md', path.join(dir, DRAFT, 'kk.md'));
      await rm(path.join(dir, DRAFT, 'ru.md'));
      await mkdir(path.join(dir, DRAFT, 'ru.md'));
      await symlink('loop', path.join(dir, 'mini', 'loop'));
      await symlink('gone', path.join(dir, 'ghost'));
    });
    expect(errors).toEqual([
      'ghost:1:1: error: is a symbolic link to "gone", which does not exist (file-system)',
      `${DRAFT}/kk.md:1:1: error: is a symbolic link to "nowhere.md", which does not exist (file-system)`,
      `${DRAFT}/ru.md:1:1: error: is a folder, where a file belongs (file-system)`,
      'mini/loop:1:1: error: is a symbolic link that leads back to itself (a loop) (file-system)',
    ]);
  });
});

describe('a terms folder with no services', () => {
  it('is an error for check, and build refuses without touching the existing bundle', async () => {
    const copy = await goodCopy();
    cleanup = copy.cleanup;
    const out = path.join(path.dirname(copy.dir), 'dist');
    expect((await runCli(['build', '--terms', copy.dir, '--out', out, '--quiet'])).code).toBe(0);
    await rm(path.join(copy.dir, 'mini'), { recursive: true });
    const checked = await runCli(['check', '--terms', copy.dir], { cwd: copy.dir });
    expect(checked.stderr).toBe(
      `${copy.dir}:1:1: error: the terms folder holds no service folder (<service>/service.yaml) (no-services)\n1 error(s), 0 warning(s) in 0 service(s), 0 version(s)\n`,
    );
    expect(checked.code).toBe(1);
    const built = await runCli(['build', '--terms', copy.dir, '--out', out, '--quiet']);
    expect(built.code).toBe(1);
    expect(built.stderr).toContain('(no-services)');
    expect(await readdir(out)).toContain('SHA256SUMS');
  });
});
