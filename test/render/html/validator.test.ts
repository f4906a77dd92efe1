import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TermsVersion } from '../../../src/model/terms.js';
import { renderHtml, renderIndexHtml } from '../../../src/render/html/index.js';
import { ROOT } from '../../helpers/terms.js';
import { realTerms } from './helpers.js';

/** One message of the Nu HTML Checker (`--format json`). */
interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url: string;
  lastLine?: number;
  message: string;
}

const VNU = path.join(ROOT, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
// A page the checker must reject: proves it ran and that its report is read.
const BROKEN =
  '<!doctype html><html lang="en"><head><title>x</title></head><body><p><div></p></body></html>\n';

let dir: string;
let byFile: Map<string, VnuMessage[]>;
const PAGES = [
  'kk.html',
  'ru.html',
  'en.html',
  'kk-ru.html',
  'draft-ru.html',
  'index.html',
  'index-drafts.html',
];

beforeAll(async () => {
  const { terms, service, version } = await realTerms();
  const draft: TermsVersion = { ...version, status: 'draft' };
  const pages: Record<string, string> = {
    'kk.html': renderHtml(service, version, 'kk'),
    'ru.html': renderHtml(service, version, 'ru'),
    'en.html': renderHtml(service, version, 'en'),
    'kk-ru.html': renderHtml(service, version, 'kk', { parallel: 'ru' }),
    'draft-ru.html': renderHtml(service, draft, 'ru', { drafts: true }),
    'index.html': renderIndexHtml(terms),
    'index-drafts.html': renderIndexHtml(
      { ...terms, services: [{ ...service, versions: [version, { ...draft, id: '2026-01-01' }] }] },
      { drafts: true, today: '2025-10-01' },
    ),
    'broken.html': BROKEN,
  };
  dir = await mkdtemp(path.join(os.tmpdir(), 'terms-vnu-'));
  for (const [name, html] of Object.entries(pages)) await writeFile(path.join(dir, name), html);
  // One JVM start for every page.
  const run = spawnSync(
    'java',
    ['-jar', VNU, '--format', 'json', ...Object.keys(pages).map((n) => path.join(dir, n))],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.error) throw run.error;
  const report = JSON.parse(run.stderr) as { messages: VnuMessage[] };
  byFile = new Map(Object.keys(pages).map((n) => [n, []]));
  for (const m of report.messages) byFile.get(path.basename(m.url))?.push(m);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Nu HTML Checker', () => {
  it('rejects a broken page (the checker ran and its report is read)', () => {
    const errors = (byFile.get('broken.html') ?? []).filter((m) => m.type === 'error');
    expect(errors.map((m) => m.message)).toContain(
      'No “p” element in scope but a “p” end tag seen.',
    );
  });

  it.each(PAGES)('finds no error and no warning in %s', (name) => {
    expect(
      byFile
        .get(name)
        ?.map(
          (m) => `${m.type}${m.subType ? `/${m.subType}` : ''} line ${m.lastLine}: ${m.message}`,
        ),
    ).toEqual([]);
  });
});
