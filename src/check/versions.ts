import { type Diagnostic, diagnostic } from '../diagnostics.js';
import { VERSION_FILE } from '../model/files.js';
import type { Service, TermsVersion } from '../model/terms.js';
import { effectiveBeforeDated } from '../model/timeline.js';
import type { CheckContext } from './context.js';

/**
 * Published versions take effect in the order of their dates, never on the same day;
 * a draft takes effect after every published version.
 */
export function checkVersionOrder(ctx: CheckContext, service: Service): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byDate = [...service.versions].sort((a, b) => (a.id < b.id ? -1 : 1));
  const published = byDate.filter((v) => v.status === 'published');
  const point = (dir: string) => ctx.sources.get(dir)?.pointOf(['effectiveFrom']);
  for (let i = 1; i < published.length; i++) {
    const prev = published[i - 1];
    const cur = published[i];
    if (!prev || !cur) continue;
    const file = ctx.display(`${cur.dir}/${VERSION_FILE}`);
    if (cur.effectiveFrom === prev.effectiveFrom)
      out.push(
        diagnostic(
          'version-overlap',
          `versions ${prev.id} and ${cur.id} both take effect on ${cur.effectiveFrom}`,
          { file, at: point(cur.dir) },
        ),
      );
    else if (cur.effectiveFrom < prev.effectiveFrom)
      out.push(
        diagnostic(
          'version-order',
          `version ${cur.id} takes effect on ${cur.effectiveFrom}, before the earlier version ${prev.id} (${prev.effectiveFrom}): effective dates must follow version dates`,
          { file, at: point(cur.dir) },
        ),
      );
  }
  const latest = published.reduce<string | undefined>(
    (m, v) => (m === undefined || v.effectiveFrom > m ? v.effectiveFrom : m),
    undefined,
  );
  for (const draft of byDate.filter((v) => v.status === 'draft'))
    if (latest !== undefined && draft.effectiveFrom <= latest)
      out.push(
        diagnostic(
          'version-order',
          `draft ${draft.id} takes effect on ${draft.effectiveFrom}, not after the latest published version (${latest})`,
          { file: ctx.display(`${draft.dir}/${VERSION_FILE}`), at: point(draft.dir) },
        ),
      );
  return out;
}

/** A version takes effect on or after its version date, never before it is dated. */
export function checkVersionDates(ctx: CheckContext, version: TermsVersion): Diagnostic[] {
  const problem = effectiveBeforeDated(version.id, version.effectiveFrom);
  if (!problem) return [];
  return [
    diagnostic('version-order', problem, {
      file: ctx.display(`${version.dir}/${VERSION_FILE}`),
      at: ctx.sources.get(version.dir)?.pointOf(['effectiveFrom']),
    }),
  ];
}
