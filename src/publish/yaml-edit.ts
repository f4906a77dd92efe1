import { isScalar, parseDocument } from 'yaml';

/**
 * Sets top-level scalar values of a YAML text by replacing only the characters of each value,
 * located with the `yaml` Document API: comments, alignment and every other byte are kept
 * (stringifying the document would re-flow them).
 */
export function setTopLevelScalars(text: string, values: Record<string, string>): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0)
    throw new Error(`cannot edit YAML with errors: ${doc.errors[0]?.message}`);
  const edits: { start: number; end: number; value: string }[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (!/^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/.test(value))
      throw new Error(`refusing to write "${value}" as a plain YAML scalar`);
    const node = doc.get(key, true);
    if (!isScalar(node) || !node.range)
      throw new Error(`YAML has no top-level scalar "${key}" to set`);
    edits.push({ start: node.range[0], end: node.range[1], value });
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.value + out.slice(e.end);
  const check = parseDocument(out).toJS() as Record<string, unknown>;
  for (const [key, value] of Object.entries(values))
    if (String(check[key]) !== value) throw new Error(`setting "${key}" in YAML did not take`);
  return out;
}

/**
 * Rewrites the dates a YAML file's leading comment block names (`version of 10.09.2025`,
 * `2025-09-10`) for a new version: `from` and `to` are ISO dates, written in the comment
 * either as they are or as `DD.MM.YYYY`. The rest of the file is kept byte for byte.
 */
export function redateHeaderComment(text: string, from: string, to: string): string {
  const header = /^(?:[ \t]*#[^\n]*\n)+/.exec(text)?.[0];
  if (!header) return text;
  const dotted = (iso: string) => iso.split('-').reverse().join('.');
  const redated = header.replaceAll(from, to).replaceAll(dotted(from), dotted(to));
  return redated + text.slice(header.length);
}
