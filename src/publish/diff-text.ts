import type {
  ClauseChange,
  DiffSide,
  ParameterChange,
  RedlineSegment,
  TextChange,
  VersionDiff,
} from './diff.js';

/**
 * A diff as readable lines, in the spirit of a unified diff: parameter changes as
 * `path: old → new`, then per language each clause that changed with a word-level redline
 * (`[-removed-]{+added+}`), added clauses marked `+`, removed `-`, changed `~`.
 */
export function formatDiffText(diff: VersionDiff): string {
  const lines = [
    `--- ${diff.service} ${describe(diff.from)}`,
    `+++ ${diff.service} ${describe(diff.to)}`,
  ];
  if (diff.identical) return `${[...lines, '', 'no differences'].join('\n')}\n`;
  lines.push('', diff.parameters.length ? 'parameters:' : 'parameters: no changes');
  for (const p of diff.parameters) lines.push(`  ${parameterLine(p)}`);
  for (const lang of diff.languages) {
    lines.push('', `${lang.lang}:`);
    if (lang.title) lines.push('  ~ title', ...body(redlineText(lang.title)));
    if (lang.preamble) lines.push('  ~ preamble', ...body(redlineText(lang.preamble)));
    for (const c of lang.clauses) lines.push(...clauseLines(c));
  }
  return `${lines.join('\n')}\n`;
}

/** `sla.availabilityTargetPercent: 99.9 → 99.5`; `(absent)` stands for the missing side. */
export function parameterLine(p: ParameterChange): string {
  const show = (present: boolean, v: unknown) => (present ? formatValue(v) : '(absent)');
  return `${p.path}: ${show(p.change !== 'added', p.from)} → ${show(p.change !== 'removed', p.to)}`;
}

/** A parameter value as JSON, numbers and strings as they are written. */
export function formatValue(value: unknown): string {
  return JSON.stringify(value);
}

/** A redline as text: `[-removed-]` and `{+added+}` around the changed words. */
export function redlineText(change: { redline: RedlineSegment[] } | TextChange): string {
  return change.redline
    .map((s) =>
      s.type === 'removed' ? `[-${s.text}-]` : s.type === 'added' ? `{+${s.text}+}` : s.text,
    )
    .join('');
}

function clauseLines(c: ClauseChange): string[] {
  if (c.type === 'added')
    return [`  + ${c.to.number} ${c.id} (added)`, ...body(`{+${c.to.text}+}`)];
  if (c.type === 'removed')
    return [`  - ${c.from.number} ${c.id} (removed)`, ...body(`[-${c.from.text}-]`)];
  const number = c.from.number === c.to.number ? c.to.number : `${c.from.number} → ${c.to.number}`;
  const notes = [
    c.textChanged ? 'text changed' : '',
    c.moved
      ? `moved${c.from.parent !== c.to.parent ? ` from under ${c.from.parent ?? '(top level)'} to under ${c.to.parent ?? '(top level)'}` : ''}`
      : '',
    c.renumbered ? 'renumbered' : '',
  ].filter(Boolean);
  const head = `  ~ ${number} ${c.id} (${notes.join(', ')})`;
  return c.textChanged ? [head, ...body(redlineText(c))] : [head];
}

function body(text: string): string[] {
  return text.split('\n').map((line) => `      ${line}`.trimEnd());
}

function describe(side: DiffSide): string {
  return `${side.version} (${side.status}, effective from ${side.effectiveFrom})`;
}
