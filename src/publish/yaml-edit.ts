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
