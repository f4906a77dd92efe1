import { type Diagnostic, diagnostic, pointOf } from '../diagnostics.js';
import { VERSION_FILE } from '../model/files.js';
import { LANGS } from '../model/lang.js';
import { parameterRefs } from '../model/parameter-refs.js';
import type { TermsVersion } from '../model/terms.js';
import { type CheckContext, visitDocument } from './context.js';

/** Unknown, misplaced and unused placeholders; restore-time, channel and label ids that are not defined. */
export function checkPlaceholders(ctx: CheckContext, version: TermsVersion): Diagnostic[] {
  const out: Diagnostic[] = [];
  const refs = parameterRefs(version.parameters);
  const restoreIds = new Set(version.parameters.sla.restoreTimes.map((r) => r.id));
  const channelTypes = new Set(version.parameters.support.channels.map((c) => c.type));
  const yaml = ctx.sources.get(version.dir);
  const yamlFile = ctx.display(`${version.dir}/${VERSION_FILE}`);

  for (const lang of LANGS) {
    const doc = version.documents[lang];
    const used = new Set<string>();
    visitDocument(doc, (node) => {
      if (node.type !== 'placeholder' && node.type !== 'parameterBlock') return;
      const path = (node as { path: string }).path;
      const at = pointOf(node);
      const ref = refs.get(path);
      if (!ref) {
        out.push(unknown(path, doc.file, at, restoreIds, channelTypes));
        return;
      }
      used.add(path);
      if (ref.kind === 'restoreTable')
        for (const id of restoreIds) used.add(`sla.restoreTimes.${id}.withinMinutes`);
      if (ref.block && node.type === 'placeholder')
        out.push(
          diagnostic(
            'block-placeholder-inline',
            `{{${path}}} is a generated table or list: put it alone in its own paragraph`,
            { file: doc.file, at: at },
          ),
        );
    });
    for (const ref of refs.values())
      if (ref.stated && !used.has(ref.path))
        out.push(
          diagnostic(
            'unused-parameter',
            `parameter ${ref.path} is never stated in ${lang}.md (write {{${ref.path}}} where the text gives it)`,
            { file: yamlFile, at: yaml?.pointOf(ref.yamlPath) },
          ),
        );
    const labels = doc.labels.restoreTimes;
    for (const id of restoreIds)
      if (!labels[id])
        out.push(
          diagnostic(
            'missing-label',
            `front matter has no restoreTimes.${id} label for the restore-time table`,
            { file: doc.file },
          ),
        );
    for (const id of Object.keys(labels))
      if (!restoreIds.has(id))
        out.push(
          diagnostic(
            'undefined-restore-time',
            `front matter labels restore time "${id}", which version.yaml does not define (defined: ${[...restoreIds].join(', ')})`,
            { file: doc.file },
          ),
        );
  }
  return out;
}

function unknown(
  path: string,
  file: string,
  at: { line: number; column: number },
  restoreIds: Set<string>,
  channelTypes: Set<string>,
): Diagnostic {
  const restore = /^sla\.restoreTimes\.([^.]+)\./.exec(path);
  if (restore && !restoreIds.has(restore[1] ?? ''))
    return diagnostic(
      'undefined-restore-time',
      `{{${path}}} names restore time "${restore[1]}", which version.yaml does not define (defined: ${[...restoreIds].join(', ')})`,
      { file, at: at },
    );
  const channel = /^support\.channels\.([^.]+)\./.exec(path);
  if (channel && !channelTypes.has(channel[1] ?? ''))
    return diagnostic(
      'undefined-channel',
      `{{${path}}} names support channel "${channel[1]}", which version.yaml does not define (defined: ${[...channelTypes].join(', ')})`,
      { file, at: at },
    );
  return diagnostic('unknown-placeholder', `{{${path}}} is not a parameter of this version`, {
    file,
    at: at,
  });
}
