// Writes the README's table of what each kind of bundle file is served with, from the layout
// (src/bundle/layout.ts) and the header policy (src/server/headers.ts), exactly as terms serve
// and the nginx server block derive them: `npx tsx scripts/readme-routes.ts`.
// test/server/readme.test.ts fails when the README differs.
import { fileURLToPath } from 'node:url';
import { type FileKind, LAYOUT, type PathParams, ROUTES } from '../src/bundle/layout.js';
import { Timeline } from '../src/model/timeline.js';
import { isCompressible, toBundleFile } from '../src/server/bundle.js';
import type { ServiceEntry } from '../src/server/catalog.js';
import { fileHeaders } from '../src/server/headers.js';
import { type Block, writeReadmeBlock } from './readme-block.js';

/** The README block this script writes. */
export const ROUTES_BLOCK: Block = { name: 'routes', script: 'scripts/readme-routes.ts' };

const SAMPLE: Required<PathParams> = {
  service: 'dedicated-compute',
  version: '2025-09-10',
  edition: 'kk',
  format: 'html',
  lang: 'kk',
};
const SERVICE: ServiceEntry = {
  id: SAMPLE.service,
  timeZone: 'Asia/Almaty',
  names: { kk: 'kk', ru: 'ru', en: 'en' },
  versions: [],
  timeline: new Timeline<ServiceEntry['versions'][number]>([], (v) => v),
};
/** What a per-file header holds, where its value depends on the file. */
const PER_FILE: Record<string, string> = {
  'Content-Security-Policy': "the page's own policy (its styles by hash, no scripts)",
  'Content-Disposition': 'attachment, with the title in the document language (RFC 6266/8187)',
};

/** One path of a kind, with sample values (a document once per format). */
function samples(kind: FileKind): PathParams[] {
  return LAYOUT[kind].includes(':format')
    ? (['html', 'pdf'] as const).map((format) => ({ ...SAMPLE, format }))
    : [SAMPLE];
}

function fill(pattern: string, params: PathParams): string {
  return pattern.replace(/:([a-z]+)/g, (_, name: string) => params[name as keyof PathParams] ?? '');
}

/** The Markdown table: every kind of bundle file, where it is served and with which headers. */
export function routesTable(): string {
  const rows: string[] = [];
  for (const kind of Object.keys(LAYOUT) as FileKind[])
    for (const params of samples(kind)) {
      const pattern = LAYOUT[kind].replace(':format', params.format ?? '');
      const key = `/${fill(LAYOUT[kind], params)}`;
      const body = new TextEncoder().encode(
        key.endsWith('.html') ? '<style>p{}</style>'.padEnd(2048, ' ') : ' '.repeat(2048),
      );
      const file = toBundleFile(key, body);
      const headers = (drafts: string[]) =>
        fileHeaders(file, {
          catalog: new Map([[SERVICE.id, SERVICE]]),
          drafts: new Set(drafts),
        });
      const published = headers([]);
      const draft = headers([`${SAMPLE.service}/${SAMPLE.version}`]);
      const cache =
        published.cacheControl === draft.cacheControl
          ? `\`${published.cacheControl}\``
          : `\`${published.cacheControl}\`; a draft: \`${draft.cacheControl}\``;
      const also = ROUTES.filter((r) => r.kind === kind).map((r) => `\`${r.route}\``);
      const extra = Object.entries(published.extra).map(([name, value]) =>
        PER_FILE[name] ? `${name}: ${PER_FILE[name]}` : `${name}: \`${value}\``,
      );
      rows.push(
        `| \`/${pattern}\` | ${also.join(', ') || '—'} | \`${file.contentType}\` | ${cache} | ${isCompressible(file.contentType) ? 'gzip, br' : '—'} | ${extra.join('; ') || '—'} |`,
      );
    }
  return [
    '| file | also at | Content-Type | Cache-Control | compressed | other headers |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  writeReadmeBlock(ROUTES_BLOCK, routesTable());
