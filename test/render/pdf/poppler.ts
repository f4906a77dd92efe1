import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toString as mdastToString } from 'mdast-util-to-string';
import { flattenResolved, type ResolvedDocument } from '../../../src/render/resolve.js';

// Reads PDFs back with poppler (Debian `poppler-utils`): a real PDF reader, not our own code.

const dir = mkdtempSync(path.join(os.tmpdir(), 'terms-pdf-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let count = 0;

/** Writes the bytes to a temp file for the poppler tools; returns its path. */
export function pdfFile(bytes: Uint8Array): string {
  const file = path.join(dir, `${++count}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

const run = (tool: string, args: string[]) =>
  execFileSync(tool, args, { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });

/** A rectangle of the page in points (poppler's default 72 dpi): x, y from the top left, width, height. */
export type Crop = [x: number, y: number, width: number, height: number];

/** The text of every page, in content-stream order (`pdftotext -raw`), optionally of one rectangle. */
export function pageTexts(file: string, crop?: Crop): string[] {
  const area = crop
    ? ['-x', '-y', '-W', '-H'].flatMap((flag, i) => [flag, String(Math.round(crop[i] as number))])
    : [];
  const text = run('pdftotext', ['-raw', '-enc', 'UTF-8', ...area, file, '-']);
  return text.split('\f').slice(0, -1);
}

/** `pdfinfo` as a map: `Title`, `Pages`, `CreationDate`… */
export function pdfInfo(file: string): Record<string, string> {
  const out = run('pdfinfo', ['-isodates', file]);
  return Object.fromEntries(
    out
      .split('\n')
      .filter((line) => line.includes(':'))
      .map((line) => {
        const at = line.indexOf(':');
        return [line.slice(0, at), line.slice(at + 1).trim()];
      }),
  );
}

/** The outline (bookmarks) as `pdftohtml -xml` lists it: title and page of each entry. */
export function outline(file: string): { title: string; page: number }[] {
  const xml = run('pdftohtml', ['-xml', '-i', '-q', '-stdout', file]);
  const block = /<outline>([\s\S]*?)<\/outline>/.exec(xml)?.[1] ?? '';
  return [...block.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)].map((m) => ({
    title: unescapeXml(m[2] as string),
    page: Number(m[1]),
  }));
}

/** Every word with its page and box (`pdftotext -bbox`). */
export function words(file: string): { page: number; x: number; y: number; text: string }[] {
  const html = run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']);
  const out: { page: number; x: number; y: number; text: string }[] = [];
  html.split('<page ').forEach((page, i) => {
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g))
      out.push({ page: i, x: Number(m[1]), y: Number(m[2]), text: unescapeXml(m[3] as string) });
  });
  return out;
}

function unescapeXml(s: string): string {
  return s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/** Text without any whitespace: line breaks and spacing differ between source and print. */
export const squeeze = (s: string) => s.replace(/\s+/g, '');

/**
 * The text a document must print, straight from the resolved model (not from the PDF code):
 * the title block, the preamble, then every clause's number, title and body in order.
 */
export function sourceText(doc: ResolvedDocument): string {
  const { title, service, version, effective, draft } = doc.heading;
  const parts = [title, service, version, effective, draft ?? ''];
  parts.push(...doc.preamble.map((n) => mdastToString(n)));
  for (const c of flattenResolved(doc.clauses)) {
    parts.push(c.label, ...c.title.map((n) => mdastToString(n)));
    parts.push(...c.body.map((n) => mdastToString(n)));
  }
  return parts.join('\n');
}

/** The Kazakh letters other Cyrillic alphabets lack, upper and lower case. */
export const KAZAKH_LETTERS = [...'ӘҒҚҢӨҰҮҺІәғқңөұүһі'];

/** How often each Kazakh letter occurs in a text. */
export function kazakhLetterCounts(text: string): Record<string, number> {
  return Object.fromEntries(
    KAZAKH_LETTERS.map((l) => [l, [...text].filter((c) => c === l).length]),
  );
}

// Debian's own interpreter: .ci/setup installs it (with python3-feedparser); its expat is a
// strict XML parser, so a packet that is not well-formed XML fails here.
const PYTHON = '/usr/bin/python3';
const XMP_PROPERTIES = `
import json, sys, xml.etree.ElementTree as ET
RDF = '{http://www.w3.org/1999/02/22-rdf-syntax-ns#}'
PREFIX = {'http://purl.org/dc/elements/1.1/': 'dc', 'http://ns.adobe.com/xap/1.0/': 'xmp',
          'http://ns.adobe.com/pdf/1.3/': 'pdf', 'http://www.aiim.org/pdfa/ns/id/': 'pdfaid'}
root = ET.fromstring(sys.stdin.buffer.read())
out = {}
for description in root.iter(RDF + 'Description'):
    for prop in description:
        ns, name = prop.tag[1:].split('}')
        items = prop.findall('.//' + RDF + 'li')
        out[PREFIX.get(ns, ns) + ':' + name] = [i.text or '' for i in items] if items else prop.text or ''
print(json.dumps(out))
`;

/**
 * The XMP metadata packet (`pdfinfo -meta`) parsed as XML: each property of every
 * `rdf:Description` by its prefixed name, e.g. `dc:title` → `['…']`, `pdfaid:part` → `'2'`.
 * Throws when the packet is not well-formed XML.
 */
export function xmpProperties(file: string): Record<string, string | string[]> {
  const packet = execFileSync('pdfinfo', ['-meta', file]);
  const json = execFileSync(PYTHON, ['-c', XMP_PROPERTIES], { input: packet, encoding: 'utf8' });
  return JSON.parse(json) as Record<string, string | string[]>;
}

/** The fonts `pdffonts` lists: name, type and whether the font program is embedded. */
export function pdfFonts(file: string): { name: string; type: string; embedded: boolean }[] {
  const [, rule = '', ...rows] = run('pdffonts', [file]).split('\n');
  // Fixed-width columns, as wide as the dashes under their headings.
  const columns = [...rule.matchAll(/-+/g)].map((m) => [m.index, m.index + m[0].length]);
  return rows
    .filter((row) => row.trim() !== '')
    .map((row) => {
      const [name, type, , emb] = columns.map(([from, to]) => row.slice(from, to).trim());
      return { name: name ?? '', type: type ?? '', embedded: emb === 'yes' };
    });
}

/** `qpdf --check`: its report, and whether it exited 0 (no errors; 3 would mean warnings). */
export function qpdfCheck(file: string): { ok: boolean; report: string } {
  try {
    return { ok: true, report: run('qpdf', ['--check', file]) };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, report: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** Every object of the file as `qpdf --json` gives it (`obj:3 0 R` → `{ value }` or `{ stream }`), and the trailer. */
export function qpdfObjects(file: string): Record<string, QpdfObject> {
  const json = JSON.parse(run('qpdf', ['--json=2', '--json-key=qpdf', file])) as {
    qpdf: [unknown, Record<string, QpdfObject>];
  };
  return json.qpdf[1];
}

/** One object in `qpdf --json=2`: a value, or a stream with its dictionary. */
export type QpdfObject = { value?: unknown; stream?: { dict: Record<string, unknown> } };

/** The decoded bytes of a stream object (`qpdf --show-object=N --filtered-stream-data`). */
export function streamData(file: string, ref: string): Buffer {
  const id = /^(\d+) 0 R$/.exec(ref)?.[1];
  if (!id) throw new Error(`not an object reference: ${ref}`);
  return execFileSync('qpdf', [`--show-object=${id}`, '--filtered-stream-data', file]);
}
