import { EDITIONS, type Edition } from '../bundle/layout.js';
import { type Diagnostic, diagnostic } from '../diagnostics.js';
import { LINE_HASH_HEX, type RenderedHash, renderedHashOf, sha256 } from '../model/lock.js';
import type { Service, TermsVersion } from '../model/terms.js';
import { renderText } from '../render/text/index.js';
import type { CheckContext } from './context.js';
import { intactLock } from './lock.js';

/**
 * The plain text of one edition as readers of the published version see it. A draft is
 * rendered as published (no "draft" line), since that is the text `terms publish` freezes.
 */
export function renderedText(service: Service, version: TermsVersion, edition: Edition): string {
  const published: TermsVersion = { ...version, status: 'published' };
  return renderText(service, published, edition.lang, { parallel: edition.parallel });
}

/**
 * The rendered-text hash of every edition of a version, by edition key. Pure: it depends only on
 * the service (its names), the version's files and the engine (renderers, `locales/`), so a
 * cache may key it on those.
 */
export function renderedTextHashes(
  service: Service,
  version: TermsVersion,
): Record<string, RenderedHash> {
  return Object.fromEntries(
    EDITIONS.map((e) => [e.key, renderedHashOf(renderedText(service, version, e))]),
  );
}

/**
 * A version frozen with a version 2 lock still renders, edition by edition, to the very text it
 * was published with. Only versions whose files are unchanged are compared: a changed file is
 * `frozen-modified` already, so a difference here is the engine's (or service.yaml's).
 */
export function checkFrozenRender(ctx: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const service of ctx.terms.services)
    for (const version of service.versions) {
      const lock = intactLock(ctx, version.dir);
      if (lock?.lockVersion !== 2) continue;
      const file = ctx.display(`${version.dir}/lock.json`);
      const report = (edition: string, why: string) =>
        out.push(
          diagnostic(
            'frozen-render-changed',
            `the ${edition} text of ${service.id} ${version.id} no longer reads as it was published: ${why}; keep the published wording (see "Published means frozen" in the README)`,
            { file },
          ),
        );
      let now: Record<string, RenderedHash>;
      try {
        now = renderedTextHashes(service, version);
      } catch (err) {
        report('rendered', `it cannot be rendered (${(err as Error).message})`);
        continue;
      }
      for (const [key, frozen] of Object.entries(lock.rendered).sort()) {
        const edition = EDITIONS.find((e) => e.key === key);
        if (!edition) report(key, 'the engine no longer renders this edition');
        else if (now[key]?.sha256 !== frozen.sha256)
          report(key, firstDifference(renderedText(service, version, edition), frozen));
      }
    }
  return out;
}

/** Names the first line whose short hash differs from the frozen one, and what it reads now. */
export function firstDifference(text: string, frozen: RenderedHash): string {
  const lines = text.split('\n');
  const frozenCount = frozen.lines.length / LINE_HASH_HEX;
  const count = Math.max(lines.length, frozenCount);
  for (let i = 0; i < count; i++) {
    const was = frozen.lines.slice(i * LINE_HASH_HEX, (i + 1) * LINE_HASH_HEX);
    const line = lines[i];
    if (line === undefined)
      return `the text now ends after line ${i}; the published text had ${frozenCount} lines`;
    if (sha256(line).slice(0, LINE_HASH_HEX) === was) continue;
    const clause = clauseOf(lines, i);
    const where = `line ${i + 1}${clause ? ` (clause ${clause})` : ''}`;
    return i >= frozenCount
      ? `${where} is new: ${quote(line)}`
      : `${where} differs; it now reads ${quote(line)}`;
  }
  // Every short line hash agrees though the text's sha256 does not: a collision of the short hashes.
  return 'its sha256 differs, though no line can be named (the short line hashes agree)';
}

const CLAUSE_NUMBER = /^(\d+\.)+(?=\s|$)/;

/** The number of the clause a line belongs to: the nearest clause number at or above it. */
function clauseOf(lines: readonly string[], index: number): string | undefined {
  for (let i = index; i >= 0; i--) {
    const m = CLAUSE_NUMBER.exec(lines[i] as string);
    if (m) return m[0].replace(/\.$/, '');
  }
  return undefined;
}

function quote(line: string): string {
  const max = 100;
  return JSON.stringify(line.length > max ? `${line.slice(0, max)}…` : line);
}
