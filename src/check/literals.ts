import { type Diagnostic, diagnostic, type Point, pointOf } from '../diagnostics.js';
import { formatPhone } from '../format/contact.js';
import { durationUnit } from '../format/duration.js';
import { LANGS } from '../model/lang.js';
import { parameterRefs } from '../model/parameter-refs.js';
import type { TermsVersion } from '../model/terms.js';
import { visitDocument } from './context.js';

const NUMBER = /\d+(?:[.,]\d+)?/g;

/**
 * Warns where the prose types a rule parameter by hand (`99,9%`, `45 минут`, the bot's handle)
 * instead of writing its placeholder: the text and the rules would drift apart on the next change.
 */
export function checkLiterals(version: TermsVersion): Diagnostic[] {
  const out: Diagnostic[] = [];
  const numbers = new Map<string, string>();
  const strings = new Map<string, string>();
  for (const ref of parameterRefs(version.parameters).values()) {
    if (ref.kind === 'percent') numbers.set(String(ref.value), ref.path);
    if (ref.kind === 'duration')
      numbers.set(String(durationUnit(ref.value as number).value), ref.path);
    if (ref.kind === 'telegram' || ref.kind === 'email' || ref.kind === 'web')
      strings.set(String(ref.value), ref.path);
    if (ref.kind === 'phone') {
      strings.set(String(ref.value), ref.path);
      strings.set(formatPhone(String(ref.value)).replace(/\u00a0/g, ' '), ref.path);
    }
  }
  for (const tier of version.parameters.sla.compensationTiers)
    if (tier.creditPercent > 0) numbers.set(String(tier.creditPercent), 'sla.compensationTiers');
  for (const lang of LANGS) {
    const doc = version.documents[lang];
    visitDocument(doc, (node) => {
      if (node.type !== 'text') return;
      const value = (node as { value: string }).value;
      for (const m of value.matchAll(NUMBER)) {
        const path = numbers.get(String(Number(m[0].replace(',', '.'))));
        if (path)
          out.push(
            diagnostic(
              'literal-parameter',
              `"${m[0]}" looks like parameter ${path} typed by hand: write {{${path}}}`,
              { file: doc.file, at: pointIn(node, value, m.index ?? 0) },
            ),
          );
      }
      for (const [literal, path] of strings)
        if (value.includes(literal))
          out.push(
            diagnostic(
              'literal-parameter',
              `"${literal}" is parameter ${path} typed by hand: write {{${path}}}`,
              { file: doc.file, at: pointIn(node, value, value.indexOf(literal)) },
            ),
          );
    });
  }
  return out;
}

/** The point of `value[index]` in the source, assuming the text node's lines are not indented (as in terms files). */
function pointIn(node: Parameters<typeof pointOf>[0], value: string, index: number): Point {
  const start = pointOf(node);
  const before = value.slice(0, index);
  const lines = before.split('\n');
  if (lines.length === 1) return { line: start.line, column: start.column + index };
  return {
    line: start.line + lines.length - 1,
    column: (lines[lines.length - 1] ?? '').length + 1,
  };
}
