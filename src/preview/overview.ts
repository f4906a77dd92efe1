import type { Element } from 'hast';
import { h } from 'hastscript';
import { lines } from '../render/html/chrome.js';
import { problemsPanel } from './chrome.js';
import type { Workspace } from './workspace.js';

/**
 * Preview's part of the index: every version folder of every service, drafts and folders that
 * do not load included, with its status and how many errors and warnings it has, and the
 * problems outside any version (a service.yaml, the terms folder itself). In English.
 */
export function overview(workspace: Workspace): Element {
  const outside = [...workspace.rootDiagnostics];
  for (const s of workspace.services.values()) outside.push(...s.diagnostics);
  const items = [];
  for (const s of workspace.services.values())
    for (const v of s.versions.values()) {
      const problems = workspace.problemsOf(v);
      const errors = problems.filter((d) => d.severity === 'error').length;
      const warnings = problems.length - errors;
      const status = v.version?.status ?? 'does not load';
      const tally = [
        ...(errors > 0 ? [`${errors} error${errors === 1 ? '' : 's'}`] : []),
        ...(warnings > 0 ? [`${warnings} warning${warnings === 1 ? '' : 's'}`] : []),
      ];
      items.push(
        h('li', [
          h('a', { href: `/terms/${v.key}/kk.html` }, v.key),
          ` · ${status}${tally.length > 0 ? ` · ${tally.join(', ')}` : ''}`,
        ]),
      );
    }
  const panel = problemsPanel(outside);
  return h(
    'section.preview-overview',
    { ariaLabelledBy: 'preview_versions', lang: 'en' },
    lines([
      h('h2#preview_versions', 'Every version folder (preview)'),
      ...(panel ? [panel] : []),
      h('ul', lines(items)),
    ]),
  );
}
