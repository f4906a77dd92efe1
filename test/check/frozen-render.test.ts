import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstDifference, renderedTextHashes } from '../../src/check/frozen-render.js';
import { renderedHashOf } from '../../src/model/lock.js';
import { findService, findVersion } from '../../src/model/timeline.js';
import { inspectTerms } from '../../src/open.js';
import { renderText } from '../../src/render/text/index.js';
import { tempCopy } from '../helpers/terms.js';
import { replaceInFile } from '../publish/helpers.js';

const SERVICE = 'dedicated-compute';
const VERSION = `${SERVICE}/2025-09-10`;
let dir: string;
let cleanup: () => Promise<void>;
const lockFile = () => path.join(dir, VERSION, 'lock.json');

beforeEach(async () => {
  ({ dir, cleanup } = await tempCopy());
});
afterEach(() => cleanup());

async function load() {
  const loaded = await inspectTerms(dir, { cwd: dir });
  const service = findService(loaded.terms, SERVICE);
  return { ...loaded, service, version: findVersion(service, '2025-09-10') };
}

/** Errors as `file code message`. */
async function errors(): Promise<string[]> {
  const { diagnostics } = await load();
  return diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.file} ${d.code} ${d.message}`);
}

/** A lock as JSON, loosely typed so tests can break it. */
interface LockJson {
  lockVersion: number;
  rendered?: Record<string, { sha256: string; lines: string }>;
}

async function editLock(edit: (lock: LockJson) => void): Promise<void> {
  const lock = JSON.parse(await readFile(lockFile(), 'utf8')) as LockJson;
  edit(lock);
  await writeFile(lockFile(), JSON.stringify(lock));
}

/** One rendered-text entry of a lock read by `editLock`. */
const entry = (lock: LockJson, edition: string) => {
  const found = lock.rendered?.[edition];
  if (!found) throw new Error(`the lock has no rendered ${edition}`);
  return found;
};

const message = (edition: string, why: string) =>
  `${VERSION}/lock.json frozen-render-changed the ${edition} text of ${SERVICE} 2025-09-10 no longer reads as it was published: ${why}; keep the published wording (see "Published means frozen" in the README)`;

describe('the rendered text of a frozen version', () => {
  it('is in the committed lock for every edition, as the text renderer prints it', async () => {
    const { service, version } = await load();
    const lock = JSON.parse(await readFile(lockFile(), 'utf8'));
    expect(lock.lockVersion).toBe(2);
    expect(Object.keys(lock.rendered)).toEqual(['en', 'kk', 'kk-ru', 'ru']);
    expect(lock.rendered.kk).toEqual(renderedHashOf(renderText(service, version, 'kk')));
    expect(lock.rendered['kk-ru']).toEqual(
      renderedHashOf(renderText(service, version, 'kk', { parallel: 'ru' })),
    );
    expect(renderedTextHashes(service, version)).toEqual(lock.rendered);
    expect(await errors()).toEqual([]);
  });

  it('fails naming the editions and the first line when what readers see changes', async () => {
    // service.yaml is not a file of the version, but its name is printed in the title block.
    await replaceInFile(
      path.join(dir, SERVICE, 'service.yaml'),
      'kk: Бөлінген есептеу ортасы',
      'kk: Бөлінген есептеу орта',
    );
    const why = 'line 2 differs; it now reads "«БӨЛІНГЕН ЕСЕПТЕУ ОРТА» ҚЫЗМЕТІ"';
    expect(await errors()).toEqual([message('kk', why), message('kk-ru', why)]);
  });

  it('names the clause of the first line that differs, and what it reads now', async () => {
    const { service, version } = await load();
    const lines = renderText(service, version, 'ru').split('\n');
    const row = lines.findIndex((l) => l.startsWith('Ниже 99,9'));
    await editLock((lock) => {
      const ru = entry(lock, 'ru');
      ru.lines = `${ru.lines.slice(0, row * 8)}00000000${ru.lines.slice(row * 8 + 8)}`;
      ru.sha256 = '0'.repeat(64);
    });
    expect(await errors()).toEqual([
      message(
        'ru',
        `line ${row + 1} (clause 5.8) differs; it now reads "Ниже 99,9\u00a0%, но выше 99,0\u00a0% | 5\u00a0%"`,
      ),
    ]);
  });

  it('says so when the text now has more or fewer lines than the published one', () => {
    const published = renderedHashOf('1. A\n\n1.1. B');
    expect(firstDifference('1. A\n\n1.1. B\n\nC', published)).toBe(
      'line 4 (clause 1.1) is new: ""',
    );
    expect(firstDifference('1. A', published)).toBe(
      'the text now ends after line 1; the published text had 3 lines',
    );
  });

  it('reports an edition the lock freezes but the engine no longer renders', async () => {
    await editLock((lock) => {
      lock.rendered = { ...lock.rendered, 'kk-en': entry(lock, 'en') };
    });
    expect(await errors()).toEqual([message('kk-en', 'the engine no longer renders this edition')]);
  });

  it('accepts a version 1 lock, which freezes the files only', async () => {
    await editLock((lock) => {
      lock.lockVersion = 1;
      delete lock.rendered;
    });
    await replaceInFile(
      path.join(dir, SERVICE, 'service.yaml'),
      'kk: Бөлінген есептеу ортасы',
      'kk: Бөлінген есептеу орта',
    );
    expect(await errors()).toEqual([]);
  });

  it('leaves a changed source file to frozen-modified', async () => {
    await replaceInFile(path.join(dir, VERSION, 'en.md'), 'Provider', 'Contractor');
    expect((await load()).diagnostics.map((d) => d.code)).not.toContain('frozen-render-changed');
    expect((await errors()).map((e) => e.split(' ')[1])).toEqual(['frozen-modified']);
  });
});
