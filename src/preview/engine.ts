import { createHash } from 'node:crypto';
import { bundlePath, EDITIONS, type Edition, parseBundlePath } from '../bundle/layout.js';
import { CachedDocuments } from '../cache/documents.js';
import { engineFingerprint } from '../cache/fingerprint.js';
import { Cache } from '../cache/store.js';
import { ContentError, hasErrors } from '../diagnostics.js';
import { isLang } from '../model/lang.js';
import type { Service, Terms } from '../model/terms.js';
import { neighboursOf, timelineOf } from '../model/timeline.js';
import { dateIn } from '../model/zoned.js';
import { renderChangesHtml } from '../publish/changes-page.js';
import { renderServiceFeed, renderSiteFeed } from '../publish/feed.js';
import { renderHtml, renderIndexHtml, renderServiceHtml } from '../render/html/index.js';
import {
  previewBar,
  previewExtra,
  problemsPanel,
  type SealedPage,
  SOURCE_PATH,
  sealPage,
  staleNotice,
} from './chrome.js';
import { overview } from './overview.js';
import { bare, counts, previousOf, versionBar, versionsData } from './parts.js';
import { renderSource } from './source.js';
import { type KeyedStore, memoryStore } from './store.js';
import { type Snapshot, Workspace } from './workspace.js';

/** What preview answers for a path: a page (with its tag), a PDF, a feed, a redirect or a 404 page. */
export interface PreviewAnswer {
  status: number;
  type: string;
  body: Uint8Array;
  /** The sha256 of what an HTML page shows; a page reloads when it would change. */
  tag?: string;
  location?: string;
}

const HTML = 'text/html; charset=utf-8';
const encode = (s: string) => new TextEncoder().encode(s);

/**
 * Answers preview's paths from a workspace, rendering on demand: the bundle's layout (index,
 * service pages, every edition of every version in HTML and PDF, drafts included, changes
 * against the previous published version, feeds) plus the source view of a diagnostic. Every
 * rendered answer is kept by a key made of everything it shows, so a change re-renders only
 * the pages that show what changed. A version with errors shows them first, above its last
 * render without errors, marked stale; never a blank page.
 */
export class PreviewEngine {
  private readonly pages: KeyedStore<SealedPage>;
  private readonly pdfs: KeyedStore<Uint8Array>;
  /** The persistent cache, shared with `terms build`: PDFs are kept there under the bundle's keys. */
  private readonly cache: Cache | undefined;
  /** The clock, for which version a service's page marks as in force (injectable for tests). */
  private readonly now: () => Date;

  constructor(
    readonly workspace: Workspace,
    options: {
      now?: () => Date;
      pages?: KeyedStore<SealedPage>;
      pdfs?: KeyedStore<Uint8Array>;
      cache?: Cache | undefined;
    } = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.pages = options.pages ?? memoryStore(512);
    this.pdfs = options.pdfs ?? memoryStore(64);
    this.cache = options.cache;
  }

  /**
   * Opens a terms folder for preview. With a cache folder, check results, models and PDFs are
   * read from and written to the persistent cache `terms check` and `terms build` use (keys
   * include the engine fingerprint, so an engine change never reads an older entry).
   */
  static async open(
    root: string,
    options: { cwd: string; cacheDir?: string | undefined },
  ): Promise<PreviewEngine> {
    const cache = options.cacheDir ? new Cache({ dir: options.cacheDir }) : undefined;
    const fingerprint = cache ? await engineFingerprint() : '';
    const workspace = await Workspace.open(root, { cwd: options.cwd, cache, fingerprint });
    return new PreviewEngine(workspace, { cache });
  }

  /**
   * Answers a GET of `target` (path and query). A render that fails all the same (a problem
   * the checks let through) is a page naming it, never a stack or a blank page.
   */
  async answer(target: string): Promise<PreviewAnswer> {
    try {
      return await this.route(target);
    } catch (err) {
      const diagnostics = err instanceof ContentError ? err.diagnostics : [];
      const message = (err as Error).message.split('\n')[0] ?? String(err);
      const extra = previewExtra([
        previewBar('render failed', [[{ href: '/', text: 'Index' }]]),
        problemsPanel(diagnostics),
      ]);
      return this.html(
        sealPage(bare('Render failed', extra, `The page could not be rendered: ${message}`)),
        500,
      );
    }
  }

  private async route(target: string): Promise<PreviewAnswer> {
    const url = new URL(target, 'http://preview.invalid');
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname).replace(/^\//, '');
    } catch {
      return this.notFound('a malformed path');
    }
    if (url.pathname === SOURCE_PATH) {
      const page = await renderSource(
        this.workspace,
        url.searchParams.get('file') ?? '',
        Number(url.searchParams.get('line') ?? '1'),
      );
      return page
        ? this.html(sealPage(page))
        : this.notFound('no such source file inside the terms folder');
    }
    if (rel === '' || rel.endsWith('/')) rel = `${rel}index.html`;
    const current = /^terms\/([^/]+)\/current\/(.+)$/.exec(rel);
    if (current) return this.current(current[1] as string, current[2] as string);
    const entry = parseBundlePath(rel);
    switch (entry?.kind) {
      case 'index':
        return this.html(
          this.cached({ page: 'index', data: this.indexData() }, () => this.index()),
        );
      case 'service':
        return this.servicePage(entry.service as string);
      case 'document':
      case 'changes':
        return this.versionPage(
          entry.kind,
          rel,
          entry.service as string,
          entry.version as string,
          entry.edition as string,
          entry.format ?? 'html',
        );
      case 'feed':
      case 'siteFeed':
        return this.feed(entry.service, entry.lang as string);
      default:
        return this.notFound(`nothing at /${rel}`);
    }
  }

  /** The terms as the renderers take them: every service that loads, every version that does. */
  terms(): Terms {
    const services: Service[] = [];
    for (const s of this.workspace.services.values()) if (s.service) services.push(s.service);
    return { root: this.workspace.root, services };
  }

  private index(): string {
    const extra = previewExtra([
      previewBar('every version, drafts included', []),
      overview(this.workspace),
    ]);
    return renderIndexHtml(this.terms(), { extra });
  }

  /** What the index shows besides the services: every version folder and its problem counts. */
  private indexData(): unknown {
    const services = [...this.workspace.services.values()].map((s) => ({
      id: s.id,
      names: s.service?.names,
      diagnostics: s.diagnostics,
      versions: [...s.versions.values()].map((v) => [
        v.key,
        v.version?.status,
        counts(this.workspace.problemsOf(v)),
      ]),
    }));
    return { root: this.workspace.rootDiagnostics, services };
  }

  private servicePage(id: string): PreviewAnswer {
    const state = this.workspace.services.get(id);
    const service = state?.service;
    if (!state || !service) return this.notFound(`no service "${id}" loads`);
    const today = dateIn(this.now(), service.timeZone);
    const problems = state.diagnostics;
    return this.html(
      this.cached({ page: 'service', id, today, versions: versionsData(service), problems }, () =>
        renderServiceHtml(service, {
          drafts: true,
          today,
          extra: previewExtra([
            previewBar('every version, drafts included', []),
            problemsPanel(problems),
          ]),
        }),
      ),
    );
  }

  private current(serviceId: string, file: string): PreviewAnswer {
    const service = this.workspace.services.get(serviceId)?.service;
    if (!service) return this.notFound(`no service "${serviceId}" loads`);
    const timeline = timelineOf(service);
    const version = timeline.at(dateIn(this.now(), service.timeZone)) ?? timeline.all.at(-1);
    if (!version) return this.notFound(`service "${serviceId}" has no version that loads`);
    const location = `/terms/${serviceId}/${version.id}/${file}`;
    return { status: 302, type: HTML, body: new Uint8Array(), location };
  }

  private async versionPage(
    kind: 'document' | 'changes',
    rel: string,
    serviceId: string,
    versionId: string,
    editionKey: string,
    format: 'html' | 'pdf',
  ): Promise<PreviewAnswer> {
    const state = this.workspace.version(`${serviceId}/${versionId}`);
    const edition = EDITIONS.find((e) => e.key === editionKey);
    if (!state || !edition)
      return this.notFound(`no version folder ${serviceId}/${versionId} or edition ${editionKey}`);
    const problems = this.workspace.problemsOf(state);
    const stale = hasErrors(problems);
    const good = state.good;
    if (format === 'pdf') return this.pdf(good, edition);
    const from = good && kind === 'changes' ? previousOf(good) : undefined;
    const key = {
      page: kind,
      rel,
      sources: good?.sources,
      around: good && neighboursOf(good.service, good.version),
      from: from && `${from.id}:${from.dir}`,
      fromSources: from && this.workspace.version(`${serviceId}/${from.id}`)?.hash,
      problems,
      stale,
    };
    return this.html(
      this.cached(key, () => {
        const extra = previewExtra([
          versionBar(state, edition, kind, good, from?.id),
          problemsPanel(problems),
          ...(good && stale ? [staleNotice()] : []),
        ]);
        if (!good)
          return bare(
            `${serviceId} ${versionId}: no render yet`,
            extra,
            'The sources of this version have never rendered without errors: fix the problems above.',
          );
        const parallel = edition.parallel ? { parallel: edition.parallel } : {};
        if (kind === 'document')
          return renderHtml(good.service, good.version, edition.lang, { ...parallel, extra });
        if (!from)
          return bare(
            `${serviceId} ${versionId}: nothing to compare`,
            extra,
            'No published version takes effect before this one: there is nothing to compare it with.',
          );
        return renderChangesHtml(good.service, from, good.version, edition.lang, edition.parallel, {
          extra,
        });
      }),
    );
  }

  private async pdf(good: Snapshot | undefined, edition: Edition): Promise<PreviewAnswer> {
    if (!good) return this.notFound('this version has never rendered without errors');
    const { service, version } = good;
    const key = `${good.sources}:${edition.key}`;
    let bytes = this.pdfs.get(key);
    if (!bytes) {
      // The bundle's own entry for this PDF: what `terms build` rendered, or will reuse.
      const planned = {
        path: bundlePath('document', {
          service: service.id,
          version: version.id,
          edition: edition.key,
          format: 'pdf',
        }),
        job: {
          kind: 'document' as const,
          format: 'pdf' as const,
          service: service.id,
          version: version.id,
          lang: edition.lang,
          ...(edition.parallel ? { parallel: edition.parallel } : {}),
        },
        sources: [version.dir],
        context: {},
      };
      const stored =
        this.cache && new CachedDocuments(this.cache, new Map([[version.dir, good.sources]]));
      bytes = await stored?.get(planned);
      if (!bytes) {
        const { renderPdf } = await import('../render/pdf/index.js');
        const parallel = edition.parallel ? { parallel: edition.parallel } : {};
        bytes = await renderPdf(service, version, edition.lang, parallel);
        await stored?.put(planned, bytes);
      }
      this.pdfs.set(key, bytes);
    }
    return { status: 200, type: 'application/pdf', body: bytes };
  }

  private feed(serviceId: string | undefined, lang: string): PreviewAnswer {
    if (!isLang(lang)) return this.notFound(`no language "${lang}"`);
    const xml =
      serviceId === undefined ? renderSiteFeed(this.terms(), lang, { drafts: true }) : undefined;
    const service =
      serviceId === undefined ? undefined : this.workspace.services.get(serviceId)?.service;
    const body = xml ?? (service && renderServiceFeed(service, lang, { drafts: true }));
    if (body === undefined) return this.notFound(`no service "${serviceId}" loads`);
    return { status: 200, type: 'application/atom+xml; charset=utf-8', body: encode(body) };
  }

  private cached(key: unknown, render: () => string): SealedPage {
    const digest = createHash('sha256').update(JSON.stringify(key)).digest('hex');
    let page = this.pages.get(digest);
    if (!page) {
      page = sealPage(render());
      this.pages.set(digest, page);
    }
    return page;
  }

  private html(page: SealedPage, status = 200): PreviewAnswer {
    return { status, type: HTML, body: encode(page.html), tag: page.tag };
  }

  private notFound(why: string): PreviewAnswer {
    const extra = previewExtra([previewBar('not found', [[{ href: '/', text: 'Index' }]])]);
    return this.html(sealPage(bare('Not found', extra, `Not found: ${why}.`)), 404);
  }
}
