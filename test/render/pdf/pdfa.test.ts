import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service, TermsVersion } from '../../../src/model/terms.js';
import { findService, findVersion } from '../../../src/model/timeline.js';
import { inspectTerms, openTerms } from '../../../src/open.js';
import { documentFonts } from '../../../src/render/pdf/fonts.js';
import { renderPdf } from '../../../src/render/pdf/index.js';
import { printPdf } from '../../../src/render/pdf/print.js';
import { pdfLayout } from '../../../src/render/pdf/template.js';
import { toDocDefinition } from '../../../src/render/pdf/to-doc-definition.js';
import { resolveDocument } from '../../../src/render/resolve.js';
import { TERMS, tempCopy } from '../../helpers/terms.js';
import {
  pageTexts,
  pdfFile,
  pdfFonts,
  pdfInfo,
  qpdfCheck,
  qpdfObjects,
  streamData,
  xmpProperties,
} from './poppler.js';

// PDF/A-2b (ISO 19005-2, level B), checked condition by condition with poppler, qpdf and a real
// XML parser: veraPDF itself cannot be installed here (the README says how to run it).

let service: Service;
let version: TermsVersion;
const files = {} as Record<'kk' | 'kk-ru', string>;

beforeAll(async () => {
  service = findService(await openTerms(TERMS), 'dedicated-compute');
  version = findVersion(service, '2025-09-10');
  files.kk = pdfFile(await renderPdf(service, version, 'kk'));
  files['kk-ru'] = pdfFile(await renderPdf(service, version, 'kk', { parallel: 'ru' }));
});

/** Each entry of the document information and the XMP property that must say the same. */
function infoAndXmp(file: string): { entry: string; info: string | undefined; xmp: unknown }[] {
  const info = pdfInfo(file);
  const xmp = xmpProperties(file);
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  return [
    ['Title', first(xmp['dc:title'])],
    ['Author', first(xmp['dc:creator'])],
    ['Subject', first(xmp['dc:description'])],
    ['Keywords', xmp['pdf:Keywords']],
    ['Creator', xmp['xmp:CreatorTool']],
    ['Producer', xmp['pdf:Producer']],
    ['CreationDate', xmp['xmp:CreateDate']],
    ['ModDate', xmp['xmp:ModifyDate']],
  ].map(([entry, value]) => ({ entry: entry as string, info: info[entry as string], xmp: value }));
}

type Objects = ReturnType<typeof qpdfObjects>;
type Dict = Record<string, unknown>;
/** The dictionary an indirect reference (`3 0 R`) points at. */
const dictAt = (objects: Objects, ref: unknown): Dict =>
  (objects[`obj:${String(ref)}`]?.value ?? {}) as Dict;
const trailerOf = (objects: Objects): Dict => (objects.trailer?.value ?? {}) as Dict;

describe.each(['kk', 'kk-ru'] as const)('the %s PDF is PDF/A-2b', (edition) => {
  it('declares PDF/A-2 level B in XMP metadata that parses as XML', () => {
    expect(xmpProperties(files[edition])).toMatchObject({
      'pdfaid:part': '2',
      'pdfaid:conformance': 'B',
    });
  });

  it('says the same in the XMP metadata as in the document information, entry by entry', () => {
    const pairs = infoAndXmp(files[edition]);
    for (const { entry, info, xmp } of pairs) expect({ entry, xmp }).toEqual({ entry, xmp: info });
    const present = Object.fromEntries(pairs.map((p) => [p.entry, p.info]));
    expect(present).toMatchObject({
      Author: 'PRO DATA',
      Keywords: expect.stringContaining('Бөлінген есептеу ортасы, 2025-09-10'),
      CreationDate: '2025-09-09T19:00:00Z',
    });
    expect(present.Title).toMatch(/^ЖЕКЕЛЕГЕН ҚЫЗМЕТТЕРДІ ПАЙДАЛАНУ ШАРТТАРЫ — /);
    expect(present.ModDate).toBeUndefined();
  });

  it('carries the sRGB output intent with an embedded ICC profile', () => {
    const objects = qpdfObjects(files[edition]);
    const catalog = dictAt(objects, trailerOf(objects)['/Root']);
    const intents = catalog['/OutputIntents'] as string[];
    expect(intents).toHaveLength(1);
    const intent = dictAt(objects, intents[0]);
    expect(intent).toMatchObject({
      '/Type': '/OutputIntent',
      '/S': '/GTS_PDFA1',
      '/OutputConditionIdentifier': 'u:sRGB IEC61966-2.1',
    });
    const profileRef = intent['/DestOutputProfile'] as string;
    expect(objects[`obj:${profileRef}`]?.stream?.dict).toMatchObject({ '/N': 3 });
    // An ICC profile: the 'acsp' signature at byte 36, an RGB data colour space at byte 16.
    const icc = streamData(files[edition], profileRef);
    expect(icc.toString('latin1', 36, 40)).toBe('acsp');
    expect(icc.toString('latin1', 16, 20)).toBe('RGB ');
    expect(icc.readUInt32BE(0)).toBe(icc.length);
  });

  it('embeds every font it uses', () => {
    const fonts = pdfFonts(files[edition]);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'DejaVuSans',
      'DejaVuSans-Bold',
    ]);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
  });

  it('is PDF 1.7 with an /ID, not encrypted, without JavaScript, actions or external content', () => {
    const file = files[edition];
    const check = qpdfCheck(file);
    expect(check.report).toContain('PDF Version: 1.7');
    expect(check.report).toContain('File is not encrypted');
    expect(check.report).toContain('No syntax or stream encoding errors found');
    expect(check.ok).toBe(true);
    // The header, then a comment of at least four bytes above 127 (ISO 19005-2, 6.1.2).
    expect(readFileSync(file).toString('latin1', 0, 14)).toMatch(/^%PDF-1\.7\n%[\x80-\xff]{4}/);
    const objects = qpdfObjects(file);
    const trailer = trailerOf(objects);
    expect(trailer).not.toHaveProperty('/Encrypt');
    const id = trailer['/ID'] as string[];
    expect(id).toHaveLength(2);
    expect(id[0]).toMatch(/^b:[0-9a-f]{32}$/);
    const keys = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, child] of Object.entries(v)) {
          keys.add(k);
          walk(child);
        }
      else if (typeof v === 'string' && v.startsWith('/')) keys.add(v);
    };
    walk(objects);
    // Names that bring in scripts, actions on open or close, or content from elsewhere.
    const forbidden = ['/JavaScript', '/JS', '/AA', '/OpenAction', '/Launch', '/GoToR', '/GoToE'];
    forbidden.push('/ImportData', '/SubmitForm', '/EmbeddedFiles', '/Ref', '/OPI', '/PS');
    expect(forbidden.filter((name) => keys.has(name))).toEqual([]);
    expect(pdfInfo(file)).toMatchObject({
      JavaScript: 'no',
      Encrypted: 'no',
      'PDF version': '1.7',
    });
  });
});

describe('metadata holding & < > " \' (service name, provider, title)', () => {
  const NAME = `Dedicated & <computing> "environment" 'X'`;
  const PROVIDER = `A & B <Ltd> "Q" 'R'`;
  // What pdfkit cannot escape in its XMP is written as fullwidth ＆ ＜ ＞, in both places alike.
  const neutral = (s: string) => s.replace('&', '＆').replace('<', '＜').replace('>', '＞');
  let cleanup: () => Promise<void> = async () => {};
  let file: string;

  beforeAll(async () => {
    const copy = await tempCopy();
    cleanup = copy.cleanup;
    const yamlFile = path.join(copy.dir, 'dedicated-compute', 'service.yaml');
    const yaml = (await readFile(yamlFile, 'utf8'))
      .replace('en: Dedicated computing environment', `en: ${JSON.stringify(NAME)}`)
      .replace('en: PRO DATA', `en: ${JSON.stringify(PROVIDER)}`);
    await writeFile(yamlFile, yaml);
    // A renamed service no longer reads as its frozen text (frozen-render-changed): the model
    // as loaded is what is printed here, not a publishable tree.
    const odd = findService((await inspectTerms(copy.dir)).terms, 'dedicated-compute');
    expect(odd.names.en).toBe(NAME);
    file = pdfFile(await renderPdf(odd, findVersion(odd, '2025-09-10'), 'en'));
  });
  afterAll(() => cleanup());

  it('writes XMP that parses and says what the document information says', () => {
    const pairs = infoAndXmp(file);
    for (const { entry, info, xmp } of pairs) expect({ entry, xmp }).toEqual({ entry, xmp: info });
    const info = pdfInfo(file);
    expect(info.Title).toBe(`TERMS OF USE OF INDIVIDUAL SERVICES — ${neutral(NAME)}`);
    expect(info.Author).toBe(neutral(PROVIDER));
    expect(info.Keywords).toBe(`terms, SLA, ${neutral(NAME)}, 2025-09-10`);
  });

  it('prints the name on the pages exactly as written', () => {
    expect(pageTexts(file)[0]).toContain(`${NAME} · Version of 10 September 2025`);
  });

  it('keeps a title with those characters valid XMP, the same as the document information', async () => {
    const en = structuredClone(resolveDocument(service, version, 'en'));
    en.heading.title = `TERMS & <CONDITIONS> "A" 'B'`;
    const layout = pdfLayout();
    const dd = toDocDefinition(en, { timeZone: service.timeZone, layout });
    const titled = pdfFile(await printPdf(dd, documentFonts(layout.fontFamily), layout));
    expect(xmpProperties(titled)['dc:title']).toEqual([pdfInfo(titled).Title]);
    expect(pdfInfo(titled).Title).toBe(`TERMS ＆ ＜CONDITIONS＞ "A" 'B' — ${service.names.en}`);
    expect(pageTexts(titled)[0]).toContain(`TERMS & <CONDITIONS> "A" 'B'`);
  });
});
