import { diffArrays } from 'diff';
import { LANGS, type Lang } from '../model/lang.js';
import type { Service, TermsVersion } from '../model/terms.js';
import type { Status } from '../model/version.js';
import { type ResolvedClause, type ResolvedDocument, resolveDocument } from '../render/resolve.js';
import { blocksToText, phrasing } from './clause-text.js';
import { diffParameters, type ParameterChange } from './params-diff.js';
import { type RedlineSegment, redline } from './redline.js';

export type { ParameterChange } from './params-diff.js';
export type { RedlineSegment } from './redline.js';

/** A clause as one side of the comparison has it. */
export interface ClauseSide {
  /** The generated number as the text prints it, `5.6.`. */
  number: string;
  /** The id of the enclosing clause, or null for a section. */
  parent: string | null;
  /** Title and body as plain text, placeholders filled in the language's format. */
  text: string;
}

/** How one clause, known by its id, differs. */
export type ClauseChange =
  | { type: 'added'; id: string; to: ClauseSide }
  | { type: 'removed'; id: string; from: ClauseSide }
  | {
      type: 'changed';
      id: string;
      from: ClauseSide;
      to: ClauseSide;
      /** Under another parent, or in another order among the clauses both versions have. */
      moved: boolean;
      /** Only its number changed, because clauses before it came or went (not moved itself). */
      renumbered: boolean;
      textChanged: boolean;
      redline: RedlineSegment[];
    };

/** A text outside the clauses (the document title, the preamble) that changed. */
export interface TextChange {
  from: string;
  to: string;
  redline: RedlineSegment[];
}

/** The changes in one language. */
export interface LanguageDiff {
  lang: Lang;
  title?: TextChange;
  preamble?: TextChange;
  clauses: ClauseChange[];
}

/** A version as the header of a diff names it. */
export interface DiffSide {
  version: string;
  status: Status;
  effectiveFrom: string;
}

/** Everything that differs between two versions of a service's terms. */
export interface VersionDiff {
  service: string;
  from: DiffSide;
  to: DiffSide;
  /** No parameter and no text differs (the versions' dates and statuses are not counted). */
  identical: boolean;
  parameters: ParameterChange[];
  /** Languages with at least one change, in the order of LANGS. */
  languages: LanguageDiff[];
}

/** Options of `diffVersions`. */
export interface DiffOptions {
  /** Compare the text of this language only (parameters are always compared). */
  lang?: Lang;
}

/**
 * Compares two versions: parameters by path, and the text of every language clause by clause
 * (by id), as the documents print it, so a changed parameter shows in the text too.
 */
export function diffVersions(
  service: Service,
  from: TermsVersion,
  to: TermsVersion,
  options: DiffOptions = {},
): VersionDiff {
  const parameters = diffParameters(from.parameters, to.parameters);
  const languages: LanguageDiff[] = [];
  for (const lang of options.lang ? [options.lang] : LANGS) {
    const change = diffLanguage(
      resolveDocument(service, from, lang),
      resolveDocument(service, to, lang),
    );
    if (change.title || change.preamble || change.clauses.length > 0) languages.push(change);
  }
  return {
    service: service.id,
    from: side(from),
    to: side(to),
    identical: parameters.length === 0 && languages.length === 0,
    parameters,
    languages,
  };
}

function side(v: TermsVersion): DiffSide {
  return { version: v.id, status: v.status, effectiveFrom: v.effectiveFrom };
}

interface Placed {
  clause: ResolvedClause;
  side: ClauseSide;
}

function diffLanguage(a: ResolvedDocument, b: ResolvedDocument): LanguageDiff {
  const out: LanguageDiff = { lang: a.lang, clauses: [] };
  const title = textChange(a.heading.title, b.heading.title);
  if (title) out.title = title;
  const preamble = textChange(blocksToText(a.preamble), blocksToText(b.preamble));
  if (preamble) out.preamble = preamble;
  const before = placed(a.clauses);
  const after = placed(b.clauses);
  const moved = movedIds(before, after);
  const sequence = diffArrays([...before.keys()], [...after.keys()]);
  for (const part of sequence)
    for (const id of part.value) {
      const x = before.get(id);
      const y = after.get(id);
      if (part.removed) {
        if (x && !y) out.clauses.push({ type: 'removed', id, from: x.side });
        continue;
      }
      if (!y) continue;
      if (!x) {
        out.clauses.push({ type: 'added', id, to: y.side });
        continue;
      }
      const textChanged = x.side.text !== y.side.text;
      const renumbered = !moved.has(id) && x.side.number !== y.side.number;
      if (textChanged || moved.has(id) || renumbered)
        out.clauses.push({
          type: 'changed',
          id,
          from: x.side,
          to: y.side,
          moved: moved.has(id),
          renumbered,
          textChanged,
          redline: redline(x.side.text, y.side.text),
        });
    }
  return out;
}

function textChange(from: string, to: string): TextChange | undefined {
  return from === to ? undefined : { from, to, redline: redline(from, to) };
}

/** Every clause by id in reading order, with its number, parent and text. */
function placed(clauses: readonly ResolvedClause[]): Map<string, Placed> {
  const map = new Map<string, Placed>();
  const walk = (list: readonly ResolvedClause[], parent: string | null) => {
    for (const clause of list) {
      const title = phrasing(clause.title).trim();
      const body = blocksToText(clause.body);
      map.set(clause.id, {
        clause,
        side: {
          number: clause.label,
          parent,
          text: title && body ? `${title}\n${body}` : title || body,
        },
      });
      walk(clause.children, clause.id);
    }
  };
  walk(clauses, null);
  return map;
}

/**
 * Clauses under another parent, or out of order among the siblings both versions share: the
 * clauses outside the longest common order of each parent's children.
 */
function movedIds(before: Map<string, Placed>, after: Map<string, Placed>): Set<string> {
  const moved = new Set<string>();
  const siblings = (map: Map<string, Placed>, parent: string | null, other: Map<string, Placed>) =>
    [...map.values()]
      .filter((p) => p.side.parent === parent && other.get(p.clause.id)?.side.parent === parent)
      .map((p) => p.clause.id);
  const parents = new Set([...after.values()].map((p) => p.side.parent));
  for (const [id, p] of after) {
    const old = before.get(id);
    if (old && old.side.parent !== p.side.parent) moved.add(id);
  }
  for (const parent of parents)
    for (const part of diffArrays(siblings(before, parent, after), siblings(after, parent, before)))
      if (part.added) for (const id of part.value) moved.add(id);
  return moved;
}
