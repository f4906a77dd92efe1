import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findService, findVersion } from '../../src/model/timeline.js';
import { openTerms } from '../../src/open.js';
import { diffVersions } from '../../src/publish/diff.js';
import { formatDiffHtml } from '../../src/publish/diff-html.js';
import { newVersion } from '../../src/publish/new-version.js';
import { ROOT, tempCopy } from '../helpers/terms.js';
import { replaceInFile } from './helpers.js';

const VNU = path.join(ROOT, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

let html: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  let dir: string;
  ({ dir, cleanup } = await tempCopy());
  const draft = await newVersion(dir, 'dedicated-compute', { effective: '2026-01-01', cwd: dir });
  await replaceInFile(
    path.join(draft.dir, 'version.yaml'),
    'withinMinutes: 480',
    'withinMinutes: 360',
  );
  await replaceInFile(path.join(draft.dir, 'ru.md'), 'Исполнитель', 'Поставщик');
  const terms = await openTerms(dir, { cwd: dir });
  const service = findService(terms, 'dedicated-compute');
  html = formatDiffHtml(
    diffVersions(service, findVersion(service, '2025-09-10'), findVersion(service, '2026-01-01')),
  );
});
afterAll(() => cleanup());

describe('the HTML redline', () => {
  it('is valid HTML for the Nu HTML Checker', () => {
    // The checker reads stdin with "-"; a broken page is checked first to prove it reports errors.
    const check = (page: string) =>
      spawnSync('java', ['-jar', VNU, '--format', 'json', '-'], { input: page, encoding: 'utf8' });
    const broken = JSON.parse(check('<!doctype html><title>x</title><p><div></p>').stderr);
    expect(broken.messages.some((m: { type: string }) => m.type === 'error')).toBe(true);
    const report = JSON.parse(check(html).stderr);
    expect(report.messages).toEqual([]);
  });

  it('strikes the old restore time and underlines the new one in every language', () => {
    expect(html).toContain('<del>8</del><ins>6</ins> часов');
    expect(html).toContain('<del>8</del><ins>6</ins> hours');
    expect(html).toContain('<h3 id="en-restore-times">5.7. ');
    expect(html).toContain('<del>Исполнитель</del><ins>Поставщик</ins>');
  });
});
