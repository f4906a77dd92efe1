import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, generateTerms } from '../bench/generate.js';
import { Cache } from '../src/cache/store.js';
import { ContentError, formatDiagnostic, InputError } from '../src/diagnostics.js';
import type { Terms } from '../src/model/terms.js';
import {
  findService,
  findVersion,
  requireVersionAt,
  versionAt,
  versionRanges,
} from '../src/model/timeline.js';
import { openTerms } from '../src/open.js';
import { openOne, openTimeline, type VersionPick } from '../src/open-one.js';
import { renderHtml } from '../src/render/html/index.js';
import { stringifyRules, toRules } from '../src/rules/rules.js';
import { TERMS } from './helpers/terms.js';

const SERVICE = 'dedicated-compute';
let base: string;
let root: string;
let dates: string[];

/** A draft after the last published version: a copy of it, effective a week later, unlocked. */
async function addDraft(dir: string, from: string, id: string, effective: string): Promise<void> {
  const target = path.join(dir, SERVICE, id);
  await cp(path.join(dir, SERVICE, from), target, { recursive: true });
  await rm(path.join(target, 'lock.json'));
  const yaml = await readFile(path.join(target, 'version.yaml'), 'utf8');
  await writeFile(
    path.join(target, 'version.yaml'),
    yaml
      .replace(/^effectiveFrom: .*$/m, `effectiveFrom: ${effective}`)
      .replace(/^status: .*$/m, 'status: draft'),
  );
}

/** A copy of the shared tree to break things in. */
async function copy(): Promise<string> {
  const dir = await mkdtemp(path.join(base, 'copy-'));
  await cp(root, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'terms-open-one-'));
  root = path.join(base, 'terms');
  dates = await generateTerms(TERMS, root, 8);
  const last = dates.at(-1) as string;
  await addDraft(root, last, addDays(last, 7), addDays(last, 14));
});
afterAll(() => rm(base, { recursive: true, force: true }));

const opened = new Map<string, Promise<Terms>>();

/** The answer the way it was always given: everything loaded and checked (once per tree). */
async function everything(dir: string, pick: VersionPick) {
  // The shared tree never changes: opened once. Copies are changed between calls.
  if (dir !== root || !opened.has(dir)) opened.set(dir, openTerms(dir, { cwd: base }));
  const service = findService(structuredClone(await (opened.get(dir) as Promise<Terms>)), SERVICE);
  const version =
    'version' in pick ? findVersion(service, pick.version) : requireVersionAt(service, pick.at);
  return { service, version };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a failure');
}

const lines = (err: Error) => (err as ContentError).diagnostics.map(formatDiagnostic).sort();

describe('openOne', () => {
  it('gives the same rules and page as loading everything, for every version and date', async () => {
    const cache = new Cache({ dir: path.join(base, 'cache') });
    const draft = addDays(dates.at(-1) as string, 7);
    const picks: VersionPick[] = [
      ...[...dates, draft].map((version) => ({ version })),
      ...[0, 3, 6, 7, 12, 30, 52, 53, 60, 400].map((d) => ({ at: addDays(dates[0] as string, d) })),
    ];
    for (const pick of picks)
      for (const withCache of [undefined, cache, cache]) {
        const mine = await openOne(root, SERVICE, pick, { cwd: base, cache: withCache });
        const theirs = await everything(root, pick);
        expect(mine.version.id).toBe(theirs.version.id);
        expect(stringifyRules(toRules(mine.service, mine.version))).toBe(
          stringifyRules(toRules(theirs.service, theirs.version)),
        );
        expect(renderHtml(mine.service, mine.version, 'kk')).toBe(
          renderHtml(theirs.service, theirs.version, 'kk'),
        );
      }
  });

  it('loads only the version asked for: asking the partial service for another is an error, not a guess', async () => {
    const { service, version } = await openOne(root, SERVICE, { version: dates[2] as string });
    expect(service.versions).toEqual([version]);
    expect(service.headers?.map((h) => h.id)).toEqual(dates);
    expect(versionAt(service, dates[2] as string)).toBe(version);
    expect(() => versionAt(service, dates[4] as string)).toThrow(
      `version ${dates[4]} of service "${SERVICE}" is not loaded (only its header is)`,
    );
  });

  it('answers despite a content error in another version, and reports it when that version is asked for', async () => {
    const dir = await copy();
    const broken = dates[3] as string;
    const kk = path.join(dir, SERVICE, broken, 'kk.md');
    await writeFile(kk, (await readFile(kk, 'utf8')).replace('{#provision}', '{#Provision}'));
    const other = await openOne(dir, SERVICE, { version: dates[5] as string }, { cwd: base });
    expect(other.version.id).toBe(dates[5]);
    const today = await failure(everything(dir, { version: broken }));
    const mine = await failure(openOne(dir, SERVICE, { version: broken }, { cwd: base }));
    expect(mine).toBeInstanceOf(ContentError);
    expect(mine.message).toBe(today.message);
    expect(lines(mine)).toEqual(lines(today));
    expect(lines(mine).some((l) => l.includes('(frozen-modified)'))).toBe(true);
    const at = await failure(openOne(dir, SERVICE, { at: addDays(broken, 2) }, { cwd: base }));
    expect(lines(at)).toEqual(lines(today));
  });

  it('refuses to answer when a header cannot be read or the timeline is wrong: every answer depends on them', async () => {
    const dir = await copy();
    const yaml = path.join(dir, SERVICE, dates[1] as string, 'version.yaml');
    const text = await readFile(yaml, 'utf8');
    await writeFile(yaml, text.replace(/^status: .*$/m, 'status: [published'));
    const unreadable = await failure(
      openOne(dir, SERVICE, { version: dates[6] as string }, { cwd: base }),
    );
    // What makes the timeline unknown is reported (loading everything also reports that
    // version's other errors, its frozen-modified file among them).
    const today = lines(await failure(everything(dir, { version: dates[6] as string })));
    expect(lines(unreadable)).toEqual(today.filter((l) => l.endsWith('(yaml-syntax)')));
    expect(lines(unreadable)).toHaveLength(1);
    await writeFile(yaml, text.replace(/^effectiveFrom: .*$/m, `effectiveFrom: ${dates[2]}`));
    const overlap = await failure(
      openOne(dir, SERVICE, { version: dates[6] as string }, { cwd: base }),
    );
    const todayOverlap = lines(await failure(everything(dir, { version: dates[6] as string })));
    expect(lines(overlap)).toEqual(todayOverlap.filter((l) => l.endsWith('(version-overlap)')));
    expect(lines(overlap)).toHaveLength(1);
  });

  it('reads a header as the loader reads the file: a folder, an oversized or a UTF-16 version.yaml is named, never a crash', async () => {
    const dir = await copy();
    const yaml = path.join(dir, SERVICE, dates[1] as string, 'version.yaml');
    const text = await readFile(yaml, 'utf8');
    const cases: [string, () => Promise<void>][] = [
      ['file-system', () => mkdir(yaml).then(() => {})],
      ['limit', () => writeFile(yaml, `${text}#${'x'.repeat(300 * 1024)}\n`)],
      ['encoding', () => writeFile(yaml, Buffer.from(`\ufeff${text}`, 'utf16le'))],
    ];
    for (const [code, breakIt] of cases) {
      await rm(yaml, { recursive: true, force: true });
      await breakIt();
      const failed = lines(
        await failure(openOne(dir, SERVICE, { version: dates[6] as string }, { cwd: base })),
      );
      const today = lines(await failure(everything(dir, { version: dates[6] as string })));
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.every((l) => l.includes(`${dates[1]}/version.yaml`))).toBe(true);
      expect(failed.some((l) => l.endsWith(`(${code})`))).toBe(true);
      // Loading everything reports the same problem of that file.
      for (const l of failed) expect(today).toContain(l);
    }
  });

  it('withholds a draft with errors as loading everything does, and says so when it is asked for', async () => {
    const dir = await copy();
    const draft = addDays(dates.at(-1) as string, 7);
    const en = path.join(dir, SERVICE, draft, 'en.md');
    await writeFile(en, (await readFile(en, 'utf8')).replace('{#provision}', ''));
    const today = await failure(everything(dir, { version: draft }));
    const mine = await failure(openOne(dir, SERVICE, { version: draft }, { cwd: base }));
    expect(mine).toBeInstanceOf(InputError);
    expect(mine.message).toBe(today.message);
    const published = await openOne(dir, SERVICE, { version: dates[7] as string }, { cwd: base });
    expect(renderHtml(published.service, published.version, 'en')).toBe(
      renderHtml(
        (await everything(dir, { version: dates[7] as string })).service,
        published.version,
        'en',
      ),
    );
  });

  it('names unknown services, versions and dates before the first version as before', async () => {
    for (const [service, pick] of [
      ['nope', { version: dates[0] as string }],
      [SERVICE, { version: '1999-01-01' }],
      [SERVICE, { at: '1999-01-01' }],
      [SERVICE, { at: '2025-02-30' }],
      ['../etc', { at: '2025-01-01' }],
    ] as const) {
      const today = await failure(
        openTerms(root, { cwd: base }).then((terms) => {
          const s = findService(terms, service);
          return 'version' in pick ? findVersion(s, pick.version) : requireVersionAt(s, pick.at);
        }),
      );
      const mine = await failure(openOne(root, service, pick, { cwd: base }));
      expect([mine.name, mine.message]).toEqual([today.name, today.message]);
    }
  });
});

describe('openTimeline', () => {
  it('lists the versions as loading everything does, drafts only when asked', async () => {
    const full = findService(await openTerms(root, { cwd: base }), SERVICE);
    for (const drafts of [false, true]) {
      const service = await openTimeline(root, SERVICE, { cwd: base, drafts });
      expect(versionRanges(service, { drafts })).toEqual(versionRanges(full, { drafts }));
    }
  });
});
