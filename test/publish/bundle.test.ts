import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Terms } from '../../src/model/terms.js';
import { openTerms } from '../../src/open.js';
import { buildBundle } from '../../src/publish/bundle.js';
import { newVersion } from '../../src/publish/new-version.js';
import { runCli } from '../helpers/cli.js';
import { tempCopy } from '../helpers/terms.js';
import { snapshotTree } from './helpers.js';

/** The worker compiled by the test setup (`npm run build`): workers need JavaScript. */
const WORKER = new URL('../../lib/publish/render-worker.js', import.meta.url);
const V = 'terms/dedicated-compute/2025-09-10';
const LAYOUT = [
  'SHA256SUMS',
  'api/v1/services.json',
  'api/v1/services/dedicated-compute/versions.json',
  'api/v1/services/dedicated-compute/versions/2025-09-10/rules.json',
  'index.html',
  'schema/rules.v1.json',
  ...['kk', 'ru', 'en'].map((l) => `feed.${l}.atom`),
  'terms/dedicated-compute/index.html',
  ...['kk', 'ru', 'en'].map((l) => `terms/dedicated-compute/feed.${l}.atom`),
  ...['en', 'kk-ru', 'kk', 'ru'].flatMap((l) => [`${V}/${l}.html`, `${V}/${l}.pdf`]),
];
/** Links the server answers rather than a file: the version in force today (a 302). */
const CURRENT = /^terms\/dedicated-compute\/current\/(kk|ru|en)\.html$/;

let dir: string;
let work: string;
let cleanup: () => Promise<void>;
let terms: Terms;
let inProcess: Map<string, Buffer>;
let result: Awaited<ReturnType<typeof buildBundle>>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempCopy());
  work = path.dirname(dir);
  terms = await openTerms(dir, { cwd: work });
  result = await buildBundle(terms, path.join(work, 'a', 'dist'), { workers: 0 });
  inProcess = await snapshotTree(path.join(work, 'a', 'dist'));
});
afterAll(() => cleanup());

/** Names in the folder holding `out` that a build leaves behind (temp and old folders). */
async function leftovers(out: string): Promise<string[]> {
  const base = path.basename(out);
  return (await readdir(path.dirname(out))).filter((n) => n.startsWith(`${base}.`));
}

describe('buildBundle', () => {
  it('writes exactly the layout of DESIGN.md and reports every file it wrote', () => {
    expect([...inProcess.keys()].sort()).toEqual([...LAYOUT].sort());
    expect(result.files.map((f) => [f.path, f.bytes])).toEqual(
      [...LAYOUT].sort().map((f) => [f, inProcess.get(f)?.length]),
    );
    expect(result.bytes).toBe([...inProcess.values()].reduce((n, b) => n + b.length, 0));
    expect(result.workers).toBe(0);
  });

  it('gives byte-identical trees in this thread, with render workers, and when rebuilt in place', async () => {
    const out = path.join(work, 'b', 'dist');
    const result = await buildBundle(terms, out, { workers: 2, workerScript: WORKER });
    expect(result.workers).toBe(2);
    expect(await snapshotTree(out)).toEqual(inProcess);
    await buildBundle(terms, out, { workers: 0 });
    expect(await snapshotTree(out)).toEqual(inProcess);
    expect(await leftovers(out)).toEqual([]);
  });

  it('passes sha256sum -c, and SHA256SUMS lists every other file', () => {
    const bundle = path.join(work, 'a', 'dist');
    const run = spawnSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], {
      cwd: bundle,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const checked = run.stdout.trim().split('\n');
    expect(checked).toEqual(
      LAYOUT.filter((f) => f !== 'SHA256SUMS')
        .sort()
        .map((f) => `${f}: OK`),
    );
  });

  it('publishes rules.json and the schema byte for byte as terms rules prints them', async () => {
    const rules = await runCli([
      'rules',
      'dedicated-compute',
      '--version',
      '2025-09-10',
      '--terms',
      dir,
    ]);
    expect(rules.code).toBe(0);
    expect(
      inProcess.get('api/v1/services/dedicated-compute/versions/2025-09-10/rules.json')?.toString(),
    ).toBe(rules.stdout);
    const schema = await runCli(['rules', '--schema']);
    expect(inProcess.get('schema/rules.v1.json')?.toString()).toBe(schema.stdout);
  });

  it('has rules that the published JSON Schema validates (ajv, draft 2020-12)', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const validate = ajv.compile(
      JSON.parse(inProcess.get('schema/rules.v1.json')?.toString() ?? ''),
    );
    const rulesFiles = [...inProcess.keys()].filter((f) => f.endsWith('/rules.json'));
    expect(rulesFiles).toHaveLength(1);
    for (const f of rulesFiles) {
      const ok = validate(JSON.parse(inProcess.get(f)?.toString() ?? ''));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
    expect(
      validate({
        ...JSON.parse(inProcess.get(rulesFiles[0] as string)?.toString() ?? ''),
        effectiveTo: '2025-02-30',
      }),
    ).toBe(false);
  });

  it('lists services and versions with links that resolve inside the bundle', () => {
    const services = JSON.parse(inProcess.get('api/v1/services.json')?.toString() ?? '');
    expect(services).toEqual({
      services: [
        {
          id: 'dedicated-compute',
          names: {
            kk: 'Бөлінген есептеу ортасы',
            ru: 'Выделенная вычислительная среда',
            en: 'Dedicated computing environment',
          },
          timeZone: 'Asia/Almaty',
          versions: [
            {
              version: '2025-09-10',
              status: 'published',
              effectiveFrom: '2025-09-10',
              effectiveTo: null,
            },
          ],
          links: { versions: 'services/dedicated-compute/versions.json' },
        },
      ],
    });
    const base = 'api/v1/services/dedicated-compute/versions.json';
    const versions = JSON.parse(inProcess.get(base)?.toString() ?? '');
    expect(versions.service).toBe('dedicated-compute');
    expect(versions.timeZone).toBe('Asia/Almaty');
    const [entry] = versions.versions;
    const links = [
      entry.links.rules,
      ...Object.values(entry.links.documents).flatMap((d) => Object.values(d as object)),
    ];
    expect(links).toHaveLength(9);
    for (const link of links) expect(inProcess.has(resolveLink(base, link as string))).toBe(true);
    expect(resolveLink('api/v1/services.json', services.services[0].links.versions)).toBe(base);
  });

  it('links every page only to files of the bundle', () => {
    for (const [file, bytes] of inProcess) {
      if (!file.endsWith('.html') && !file.endsWith('.atom')) continue;
      const hrefs = [...bytes.toString('utf8').matchAll(/href="([^"]*)"/g)].map(
        (m) => m[1] as string,
      );
      const local = hrefs.filter((h) => !/^(?:[a-z]+:|#)/.test(h));
      expect(local.length).toBeGreaterThan(0);
      for (const href of local) {
        const target = resolveLink(file, href);
        expect([file, href, inProcess.has(target) || CURRENT.test(target)]).toEqual([
          file,
          href,
          true,
        ]);
      }
    }
  });
});

describe('buildBundle and drafts', () => {
  it('leaves drafts out unless asked, and puts them in with drafts', async () => {
    const copy = await tempCopy();
    try {
      await newVersion(copy.dir, 'dedicated-compute', { effective: '2026-01-01', cwd: copy.dir });
      const withDraft = await openTerms(copy.dir, { cwd: copy.dir });
      const out = path.join(path.dirname(copy.dir), 'dist');
      await buildBundle(withDraft, out, { workers: 0 });
      const plain = await snapshotTree(out);
      expect([...plain.keys()].filter((f) => f.includes('2026-01-01'))).toEqual([]);
      expect(plain.get('index.html')?.toString()).not.toContain('2026-01-01');
      await buildBundle(withDraft, out, { workers: 0, drafts: true });
      const drafted = await snapshotTree(out);
      expect([...drafted.keys()].filter((f) => f.includes('2026-01-01')).sort()).toEqual(
        [
          'api/v1/services/dedicated-compute/versions/2026-01-01/rules.json',
          ...['en', 'kk-ru', 'kk', 'ru'].flatMap((l) => [
            `terms/dedicated-compute/2026-01-01/${l}.html`,
            `terms/dedicated-compute/2026-01-01/${l}.pdf`,
          ]),
        ].sort(),
      );
      const versions = JSON.parse(
        drafted.get('api/v1/services/dedicated-compute/versions.json')?.toString() ?? '',
      );
      expect(
        versions.versions.map(
          (v: { version: string; status: string; effectiveTo: string | null }) => [
            v.version,
            v.status,
            v.effectiveTo,
          ],
        ),
      ).toEqual([
        ['2025-09-10', 'published', null],
        ['2026-01-01', 'draft', null],
      ]);
    } finally {
      await copy.cleanup();
    }
  });
});

describe('buildBundle refusals and failures', () => {
  it('leaves the previous bundle untouched when a render fails, in this thread or in a worker', async () => {
    const out = path.join(work, 'failing', 'dist');
    await buildBundle(terms, out, { workers: 0 });
    const before = await snapshotTree(out);
    const broken = structuredClone(terms);
    const version = broken.services[0]?.versions[0];
    const clause = version?.documents.ru.sections[4]?.children[5];
    const paragraph = clause?.body[0] as { children: { type: string; path?: string }[] };
    const placeholder = paragraph.children.find((n) => n.type === 'placeholder');
    expect(placeholder?.path).toBe('sla.availabilityTargetPercent');
    (placeholder as { path: string }).path = 'sla.nothing';
    for (const options of [{ workers: 0 }, { workers: 2, workerScript: WORKER }]) {
      await expect(buildBundle(broken, out, options)).rejects.toThrow(
        '{{sla.nothing}} is not a parameter of this version',
      );
      expect(await snapshotTree(out)).toEqual(before);
      expect(await leftovers(out)).toEqual([]);
    }
  });

  it('refuses an output path that is a file, a symbolic link, a folder that is not a bundle, or the terms', async () => {
    const file = path.join(work, 'a-file');
    await writeFile(file, 'keep me\n');
    const folder = path.join(work, 'src-like');
    await mkdir(folder);
    await writeFile(path.join(folder, 'main.ts'), 'keep me\n');
    const link = path.join(work, 'link');
    await symlink(path.join(work, 'a', 'dist'), link);
    const cases: [string, string][] = [
      [file, `--out ${file} exists and is not a folder`],
      [
        path.join(file, 'dist'),
        `--out ${path.join(file, 'dist')} is inside ${file}, which is not a folder`,
      ],
      [link, `--out ${link} is a symbolic link: give the folder itself`],
      [
        folder,
        `--out ${folder} is a folder that is not empty and holds no SHA256SUMS, so it is not a previous bundle: refusing to replace it`,
      ],
      [dir, `--out ${dir} overlaps the terms folder ${dir}: write the bundle somewhere else`],
      [work, `--out ${work} overlaps the terms folder ${dir}: write the bundle somewhere else`],
    ];
    const before = await snapshotTree(work);
    for (const [out, message] of cases) {
      await expect(buildBundle(terms, out, { workers: 0 })).rejects.toMatchObject({
        kind: 'bad-out',
        message,
      });
    }
    expect(await snapshotTree(work)).toEqual(before);
    expect(await readFile(file, 'utf8')).toBe('keep me\n');
  });
});

/** Resolves a relative link found in the bundle file `from` to a bundle path. */
function resolveLink(from: string, href: string): string {
  const url = new URL(href.split('#')[0] as string, `https://bundle.test/${from}`);
  return decodeURIComponent(url.pathname.slice(1));
}
