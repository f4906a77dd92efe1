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
