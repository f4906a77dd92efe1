import type { PhrasingContent, RootContent } from 'mdast';
import type { Position } from 'unist';
import type { Point } from '../diagnostics.js';
import type { Lang } from './lang.js';
import type { DocumentLabels } from './version.js';

/** Where a node came from: file and 1-based start point. */
export interface Source extends Point {
  file: string;
}

/** `{{path}}` written inline in prose; rendered by the parameter's type. */
export interface PlaceholderNode {
  type: 'placeholder';
  path: string;
  position?: Position;
}

/** A cross-reference written `[](#clause-id)`; renders the target's generated number. */
export interface ClauseRefNode {
  type: 'clauseRef';
  target: string;
  position?: Position;
}

/** `{{path}}` standing alone as a paragraph: a generated table or list (e.g. `{{sla.restoreTimes}}`). */
export interface ParameterBlockNode {
  type: 'parameterBlock';
  path: string;
  position?: Position;
}

/** A parameter filled into prose: the formatted value (text or a link) and the path it came from. */
export interface ParameterValueNode {
  type: 'parameterValue';
  path: string;
  children: PhrasingContent[];
  data?: Record<string, unknown>;
  position?: Position;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    placeholder: PlaceholderNode;
    clauseRef: ClauseRefNode;
    parameterValue: ParameterValueNode;
  }
  interface Data {
    /** On generated tables and lists: the parameter path they were generated from. */
    parameter?: string;
  }
  interface RootContentMap {
    parameterBlock: ParameterBlockNode;
    placeholder: PlaceholderNode;
    clauseRef: ClauseRefNode;
    parameterValue: ParameterValueNode;
  }
  interface BlockContentMap {
    parameterBlock: ParameterBlockNode;
  }
}

/** A numbered unit of the terms. Depth 1 is a section (with a title), 2 a clause, 3 a sub-clause. */
export interface Clause {
  id: string;
  depth: number;
  /** Generated from the structure: [2, 1, 3] is printed `2.1.3.`. */
  number: number[];
  /** Sections have titles; clauses usually do not. */
  title: PhrasingContent[];
  /** Blocks of the clause itself, before its sub-clauses. */
  body: RootContent[];
  children: Clause[];
  source: Source;
}

/** The clause tree of one language file. */
export interface TermsDocument {
  lang: Lang;
  file: string;
  title: PhrasingContent[];
  /** Blocks between the title and the first section. */
  preamble: RootContent[];
  sections: Clause[];
  labels: DocumentLabels;
}

/** Prints a clause number the way the text shows it at the clause: `2.1.3.`. */
export function clauseLabel(number: readonly number[]): string {
  return `${number.join('.')}.`;
}

/** Prints a clause number the way a cross-reference shows it: `2.1.3`. */
export function clauseRefLabel(number: readonly number[]): string {
  return number.join('.');
}

/** Every clause of a document in reading order (depth-first). */
export function flattenClauses(sections: readonly Clause[]): Clause[] {
  const out: Clause[] = [];
  const walk = (list: readonly Clause[]) => {
    for (const c of list) {
      out.push(c);
      walk(c.children);
    }
  };
  walk(sections);
  return out;
}
