import { bundlePath, EDITIONS } from '../bundle/layout.js';
import { LANGS } from '../model/lang.js';
import type { Service, Terms } from '../model/terms.js';
import { neighboursOf } from '../model/timeline.js';
import { dateIn } from '../model/zoned.js';
import { renderIndexHtml, renderServiceHtml } from '../render/html/index.js';
import { stringifyRules, toRules } from '../rules/rules.js';
import { rulesJsonSchema } from '../rules/schema.js';
import { servicesJson, stringifyJson, versionsJson } from './bundle-files.js';
import { renderServiceFeed, renderSiteFeed } from './feed.js';
import type { RenderJob } from './render-job.js';

/** A document of the bundle to render, and what it shows besides the engine's own files. */
export interface PlannedDocument {
  path: string;
  job: RenderJob;
  /**
   * The version folders (`<service>/<version>`) whose files the document reads, besides its
   * service.yaml: its own, and for a changes page the version it is compared with.
   */
  sources: string[];
  /**
   * Every other fact the document prints (e.g. the versions a page links to), as JSON-able
   * data: a cache of rendered documents must key on it, with the sources and the engine.
   */
  context: unknown;
}

/** One file of the bundle: its bytes (cheap to make) or the document to render for it. */
export type PlannedFile = { path: string; data: string | Uint8Array } | PlannedDocument;

/** What a plan is made for. */
export interface PlanOptions {
  /** Put drafts in the bundle too, marked as drafts (never without this). */
  drafts?: boolean;
  /**
   * The moment of the build, for the one thing that depends on it: which version a service's
   * page marks as in force and which as upcoming (its date in each service's time zone).
   * Without it (and without `today`) nothing is marked. Given by the CLI; never read here.
   */
  now?: Date;
  /** The date that decides those marks for every service, instead of `now`. */
  today?: string;
}

/**
 * Every file of the bundle but SHA256SUMS (the writer adds it), as DESIGN.md lays it out:
 * the rules JSON Schema, the services and versions lists, rules JSON per version, the index,
 * each service's page of versions and Atom feeds, the site's feeds, and every document (each
 * edition in HTML and PDF, and what changed against the previous published version). Pure:
 * the same terms and options give the same plan. Documents come last, PDFs first among them:
 * they take longest, so a render pool starts on them while HTML fills the gaps.
 */
export function planBundle(terms: Terms, options: PlanOptions = {}): PlannedFile[] {
  const drafts = options.drafts ?? false;
  const listed = (status: string) => drafts || status === 'published';
  const files: PlannedFile[] = [
    { path: bundlePath('schema'), data: stringifyJson(rulesJsonSchema()) },
    { path: bundlePath('services'), data: servicesJson(terms, drafts) },
  ];
  for (const service of terms.services) {
    files.push({
      path: bundlePath('versions', { service: service.id }),
      data: versionsJson(service, drafts),
    });
    for (const version of service.versions)
      if (listed(version.status))
        files.push({
          path: bundlePath('rules', { service: service.id, version: version.id }),
          data: stringifyRules(toRules(service, version)),
        });
  }
  files.push({ path: bundlePath('index'), data: renderIndexHtml(terms) });
  for (const lang of LANGS)
    files.push({
      path: bundlePath('siteFeed', { lang }),
      data: renderSiteFeed(terms, lang, { drafts }),
    });
  for (const service of terms.services) {
    const today =
      options.today ?? (options.now ? dateIn(options.now, service.timeZone) : undefined);
    files.push({
      path: bundlePath('service', { service: service.id }),
      data: renderServiceHtml(service, { drafts, ...(today ? { today } : {}) }),
    });
    for (const lang of LANGS)
      files.push({
        path: bundlePath('feed', { service: service.id, lang }),
        data: renderServiceFeed(service, lang, { drafts }),
      });
  }
  for (const service of terms.services) files.push(...documentsOf(service, listed));
  return files;
}

function documentsOf(service: Service, listed: (status: string) => boolean): PlannedDocument[] {
  const docs: PlannedDocument[] = [];
  for (const version of service.versions) {
    if (!listed(version.status)) continue;
    // A page names the versions before and after it (a PDF shows nothing of the others).
    const around = neighboursOf(service, version);
    const own = `${service.id}/${version.id}`;
    for (const format of ['pdf', 'html'] as const)
      for (const e of EDITIONS) {
        const job: RenderJob = {
          kind: 'document',
          format,
          service: service.id,
          version: version.id,
          lang: e.lang,
          ...(e.parallel ? { parallel: e.parallel } : {}),
        };
        const path = bundlePath('document', {
          service: service.id,
          version: version.id,
          edition: e.key,
          format,
        });
        docs.push({ path, job, sources: [own], context: format === 'html' ? around : {} });
      }
    // What changed, against the previous published version (never a draft).
    const from = around.previous?.version;
    if (version.status !== 'published' || from === undefined) continue;
    for (const e of EDITIONS)
      docs.push({
        path: bundlePath('changes', { service: service.id, version: version.id, edition: e.key }),
        job: {
          kind: 'changes',
          format: 'html',
          service: service.id,
          version: version.id,
          from,
          lang: e.lang,
          ...(e.parallel ? { parallel: e.parallel } : {}),
        },
        sources: [`${service.id}/${from}`, own],
        context: {},
      });
  }
  return docs;
}
