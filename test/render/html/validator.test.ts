import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TermsVersion } from '../../../src/model/terms.js';
import { renderChangesHtml } from '../../../src/publish/changes-page.js';
import { renderHtml, renderIndexHtml, renderServiceHtml } from '../../../src/render/html/index.js';
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
  'notices-kk.html',
  'notices-kk-ru.html',
  'index.html',
  'service.html',
  'service-drafts.html',
  'changes-kk.html',
  'changes-en.html',
  'changes-kk-ru.html',
];

beforeAll(async () => {
  const { terms, service, version } = await realTerms();
  const draft: TermsVersion = { ...version, status: 'draft' };
  // An earlier version with other figures and one clause fewer, and a later one: every notice.
  const earlier: TermsVersion = {
    ...version,
    id: '2025-01-01',
    effectiveFrom: '2025-01-01',
    parameters: {
      ...version.parameters,
      sla: {
        ...version.parameters.sla,
        availabilityTargetPercent: 99.5,
        dataLossCreditPercent: 25,
      },
    },
  };
  const later: TermsVersion = { ...version, id: '2026-01-01', effectiveFrom: '2026-01-01' };
  const around = { ...service, versions: [earlier, version, later] };
  const pages: Record<string, string> = {
    'kk.html': renderHtml(service, version, 'kk'),
    'ru.html': renderHtml(service, version, 'ru'),
    'en.html': renderHtml(service, version, 'en'),
    'kk-ru.html': renderHtml(service, version, 'kk', { parallel: 'ru' }),
    'draft-ru.html': renderHtml(service, draft, 'ru'),
    'notices-kk.html': renderHtml(around, version, 'kk'),
    'notices-kk-ru.html': renderHtml(around, version, 'kk', { parallel: 'ru' }),
    'index.html': renderIndexHtml(terms),
    'service.html': renderServiceHtml(around, { today: '2026-02-01' }),
    'service-drafts.html': renderServiceHtml(
      {
        ...service,
        versions: [version, { ...draft, id: '2026-01-01', effectiveFrom: '2026-01-01' }],
      },
      { drafts: true, today: '2025-10-01' },
    ),
    'changes-kk.html': renderChangesHtml(around, earlier, version, 'kk'),
    'changes-en.html': renderChangesHtml(around, earlier, version, 'en'),
    'changes-kk-ru.html': renderChangesHtml(around, earlier, version, 'kk', 'ru'),
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
