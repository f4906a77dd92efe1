import { bundlePath, EDITIONS } from '../bundle/layout.js';
import type { Terms } from '../model/terms.js';
import { versionRanges } from '../model/timeline.js';
import { renderIndexHtml } from '../render/html/index.js';
import { stringifyRules, toRules } from '../rules/rules.js';
import { rulesJsonSchema } from '../rules/schema.js';
import { servicesJson, stringifyJson, versionsJson } from './bundle-files.js';
import type { RenderJob } from './render-job.js';

/** A document of the bundle to render, and what it shows besides its own version's sources. */
export interface PlannedDocument {
  path: string;
  job: RenderJob;
  /**
   * Every fact the document prints that does not come from its version folder, its
   * service.yaml or the engine (e.g. the other versions a page links to), as JSON-able data:
   * a cache of rendered documents must key on it.
   */
  context: unknown;
}

/** One file of the bundle: its bytes (cheap to make) or the document to render for it. */
export type PlannedFile = { path: string; data: string | Uint8Array } | PlannedDocument;

/**
 * Every file of the bundle but SHA256SUMS (the writer adds it), as DESIGN.md lays it out:
 * the rules JSON Schema, the services and versions lists, rules JSON per version, the index,
 * and every document (each edition, HTML and PDF). Pure: the same terms give the same plan.
 * Documents come last, PDFs first among them: they take longest, so a render pool starts on
 * them while HTML fills the gaps.
 */
export function planBundle(terms: Terms, options: { drafts?: boolean } = {}): PlannedFile[] {
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
  files.push({ path: bundlePath('index'), data: renderIndexHtml(terms, { drafts }) });
  for (const service of terms.services) {
    // A page lists every version of its service (a PDF shows nothing of the others).
    const pageContext = { versions: versionRanges(service, { drafts }) };
    for (const version of service.versions) {
      if (!listed(version.status)) continue;
      for (const format of ['pdf', 'html'] as const)
        for (const e of EDITIONS) {
          const job: RenderJob = {
            format,
            service: service.id,
            version: version.id,
            lang: e.lang,
            drafts,
          };
          if (e.parallel) job.parallel = e.parallel;
          const path = bundlePath('document', {
            service: service.id,
            version: version.id,
            edition: e.key,
            format,
          });
          files.push({ path, job, context: format === 'html' ? pageContext : {} });
        }
    }
  }
  return files;
}
