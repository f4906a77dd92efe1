import { type Document, isNode, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { type Diagnostic, diagnostic, type Point } from '../diagnostics.js';
import { fieldPath } from '../model/field-path.js';
import { controlName, findControls } from './text.js';

/** A parsed YAML file that can tell where any path in it is. */
export interface YamlSource {
  file: string;
  value: unknown;
  /** The 1-based point of the node at `path`, or of its nearest existing ancestor. */
  pointOf(path: readonly PropertyKey[]): Point;
}

/**
 * Parses YAML keeping positions. Syntax errors become diagnostics (`yaml-syntax`);
 * `offset` shifts lines when the YAML is embedded (front matter).
 */
export function parseYaml(
  text: string,
  file: string,
  offset: Point = { line: 1, column: 1 },
): { source: YamlSource | undefined; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const shift = (p: { line: number; col: number }): Point => ({
    line: p.line + offset.line - 1,
    column: p.line === 1 ? p.col + offset.column - 1 : p.col,
  });
  const diagnostics: Diagnostic[] = [];
  for (const err of doc.errors) {
    const at = err.linePos?.[0] ?? lineCounter.linePos(err.pos[0]);
    diagnostics.push(
      diagnostic('yaml-syntax', `YAML: ${firstLine(err.message)}`, { file, at: shift(at) }),
    );
  }
  for (const warn of doc.warnings) {
    const at = warn.linePos?.[0] ?? lineCounter.linePos(warn.pos[0]);
    diagnostics.push(
      diagnostic('yaml-warning', `YAML: ${firstLine(warn.message)}`, { file, at: shift(at) }),
    );
  }
  if (doc.errors.length > 0) return { source: undefined, diagnostics };
  // An escape in a quoted scalar ("\u202e") makes a control character the raw text lacks.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !node.range) return;
      const written = findControls(text.slice(node.range[0], node.range[1])).length;
      const found = findControls(node.value);
      if (found.length <= written) return;
      diagnostics.push(
        diagnostic(
          'control-character',
          `${controlName(node.value.charCodeAt(found[0] as number))}, written as an escape, is not allowed in terms content`,
          { file, at: shift(lineCounter.linePos(node.range[0])) },
        ),
      );
    },
  });
  const pointOf = (path: readonly PropertyKey[]): Point => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return shift(lineCounter.linePos(node.range[0]));
    }
    return offset;
  };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // yaml throws (a ReferenceError) when aliases would expand past the count: an alias bomb.
    const alias = firstAlias(doc);
    diagnostics.push(
      diagnostic(
        'yaml-syntax',
        `YAML: aliases expand to too many nodes (${firstLine((err as Error).message)}); write the values out`,
        { file, at: alias ? shift(lineCounter.linePos(alias)) : offset },
      ),
    );
    return { source: undefined, diagnostics };
  }
  return { source: { file, value, pointOf }, diagnostics };
}

/** Validates a parsed YAML value with a zod schema; each issue becomes a `schema` diagnostic at its node. */
export function validateYaml<T extends z.ZodType>(
  source: YamlSource,
  schema: T,
): { value: z.infer<T> | undefined; diagnostics: Diagnostic[] } {
  const result = schema.safeParse(source.value);
  if (result.success) return { value: result.data, diagnostics: [] };
  const diagnostics = result.error.issues.map((issue) => {
    const field = fieldPath(issue.path);
    const where =
      issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    return diagnostic('schema', `${field || '(top level)'}: ${issue.message}`, {
      file: source.file,
      at: source.pointOf(where),
    });
  });
  return { value: undefined, diagnostics };
}

/**
 * How many times the aliases of one document may be expanded: a few anchors reused in a
 * version.yaml are fine, nested aliases that multiply (a "billion laughs") are refused.
 */
const MAX_ALIAS_COUNT = 100;

/** The offset of the first alias (`*name`) of a document. */
function firstAlias(doc: Document): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      found = node.range?.[0];
      return visit.BREAK;
    },
  });
  return found;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
