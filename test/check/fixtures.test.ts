import { describe, expect, it } from 'vitest';
import { inspectTerms } from '../../src/open.js';
import { fixture } from '../helpers/terms.js';

/** Loads a fixture tree and lists its diagnostics as `file:line:col severity code`, paths relative to the fixture. */
async function diagnosticsOf(name: string, severity?: 'error' | 'warning') {
  const root = fixture('terms', name);
  const { diagnostics } = await inspectTerms(root, { cwd: root });
  return diagnostics
    .filter((d) => !severity || d.severity === severity)
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`);
}

describe('terms check on fixture trees', () => {
  it('finds nothing wrong in a good tree with several versions and a draft', async () => {
    expect(await diagnosticsOf('good')).toEqual([]);
  });

  it('names the line of a YAML syntax error', async () => {
    expect(await diagnosticsOf('bad-yaml')).toEqual([
      'mini/2025-01-01/version.yaml:8:5 error yaml-syntax',
    ]);
  });

  it('reports every schema error with its field path and position, not just the first', async () => {
    const root = fixture('terms', 'bad-types');
    const { diagnostics } = await inspectTerms(root, { cwd: root });
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      '1:16 schema effectiveFrom: expected an existing calendar date YYYY-MM-DD',
      '7:32 schema parameters.sla.availabilityTargetPercent: Invalid input: expected number, received string',
      '10:38 schema parameters.sla.restoreTimes[1].withinMinutes: Too small: expected number to be >0',
      '20:13 schema parameters.sla: Unrecognized key: "colour"',
    ]);
  });

  it('still checks the clause text of a version whose version.yaml is invalid', async () => {
    expect(await diagnosticsOf('bad-meta')).toEqual([
      'mini/2025-01-01/en.md:13:1 error placeholder-mismatch',
      'mini/2025-01-01/kk.md:15:50 error broken-ref',
      'mini/2025-01-01/ru.md:11:1 error clause-missing',
      'mini/2025-01-01/ru.md:13:1 error placeholder-mismatch',
      'mini/2025-01-01/ru.md:15:58 error broken-ref',
      'mini/2025-01-01/ru.md:17:1 error clause-extra',
      'mini/2025-01-01/version.yaml:7:32 error schema',
    ]);
  });

  it('refuses a version folder named by an impossible date', async () => {
    expect(await diagnosticsOf('bad-folder')).toEqual([
      'mini/2025-02-30:1:1 error bad-version-folder',
    ]);
  });

  it('reports unknown, undefined, misplaced and unbalanced placeholders where they are written', async () => {
    expect(await diagnosticsOf('placeholders')).toEqual([
      'mini/2025-01-01/en.md:9:10 error undefined-channel',
      'mini/2025-01-01/en.md:28:1 error placeholder-mismatch',
      'mini/2025-01-01/kk.md:9:9 error unknown-placeholder',
      'mini/2025-01-01/kk.md:30:15 error block-placeholder-inline',
      'mini/2025-01-01/ru.md:9:12 error undefined-restore-time',
      'mini/2025-01-01/ru.md:28:1 error placeholder-mismatch',
      'mini/2025-01-01/ru.md:30:17 error bad-placeholder',
    ]);
  });

  it('reports a clause missing from a language, in another order, or extra', async () => {
    expect(await diagnosticsOf('misaligned', 'error')).toEqual([
      'mini/2025-01-01/en.md:13:1 error clause-order',
      'mini/2025-01-01/en.md:34:1 error clause-extra',
      'mini/2025-01-01/ru.md:11:1 error clause-missing',
      'mini/2025-01-01/ru.md:13:1 error placeholder-mismatch',
    ]);
    // ru.md lost clause "beta", which states every parameter but the availability target.
    const root = fixture('terms', 'misaligned');
    const { diagnostics } = await inspectTerms(root, { cwd: root });
    const unused = (at: string, path: string) =>
      `mini/2025-01-01/version.yaml:${at}: unused-parameter: parameter ${path} is never stated in ru.md (write {{${path}}} where the text gives it)`;
    expect(
      diagnostics
        .filter((d) => d.severity === 'warning')
        .map((d) => `${d.file}:${d.line}:${d.column}: ${d.code}: ${d.message}`),
    ).toEqual([
      unused('9:7', 'sla.restoreTimes'),
      unused('12:7', 'sla.compensationTiers'),
      unused('19:28', 'sla.dataLossCreditPercent'),
      unused('21:12', 'support.hours'),
      unused('23:36', 'support.channels.telegram.address'),
      unused('23:74', 'support.channels.telegram.responseMinutes'),
      unused('24:33', 'support.channels.phone.address'),
      unused('25:41', 'support.channels.email.responseMinutes'),
    ]);
  });

  it('reports broken cross-references, duplicate and malformed ids, and link text on a cross-reference', async () => {
    expect(await diagnosticsOf('references')).toEqual([
      'mini/2025-01-01/en.md:11:1 error clause-missing',
      'mini/2025-01-01/en.md:15:60 error broken-ref',
      'mini/2025-01-01/en.md:17:1 error bad-id',
      'mini/2025-01-01/en.md:17:1 error clause-extra',
      'mini/2025-01-01/en.md:28:1 error missing-id',
      'mini/2025-01-01/kk.md:9:10 error broken-ref',
      'mini/2025-01-01/kk.md:28:1 error duplicate-id',
      'mini/2025-01-01/ru.md:15:52 error ref-text',
      'mini/2025-01-01/ru.md:28:1 error clause-extra',
    ]);
  });

  it('reports compensation tiers with a gap, an overlap, or less credit for lower availability', async () => {
    const root = fixture('terms', 'tiers');
    const { diagnostics } = await inspectTerms(root, { cwd: root });
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      '13:9 tier-gap no tier covers availability of exactly 99%',
      '14:9 tier-monotonic tier 3 gives 10% credit for higher availability than tier 4, which gives 3%: lower availability must never earn less credit',
      '14:9 tier-overlap tiers 4 and 3 both cover availability between 95% and 96%',
    ]);
  });

  it('reports versions whose effective dates are out of order', async () => {
    expect(await diagnosticsOf('versions')).toEqual([
      'mini/2025-02-01/version.yaml:1:16 error version-order',
      'mini/2025-04-01/version.yaml:1:16 error version-order',
      'mini/2025-05-01/version.yaml:1:16 error version-order',
    ]);
  });

  it('refuses raw HTML, images, code blocks and links that are not http(s), mailto or tel', async () => {
    expect(await diagnosticsOf('raw-html')).toEqual([
      'mini/2025-01-01/en.md:9:10 error unsupported-node',
      'mini/2025-01-01/en.md:32:1 error unsupported-node',
      'mini/2025-01-01/kk.md:9:9 error raw-html',
      'mini/2025-01-01/kk.md:9:17 error raw-html',
      'mini/2025-01-01/kk.md:34:1 error unsafe-link',
      'mini/2025-01-01/kk.md:34:34 error unsafe-link',
      'mini/2025-01-01/ru.md:11:1 error raw-html',
    ]);
  });

  it('warns where a rule parameter is typed into the prose by hand, at the number', async () => {
    expect(await diagnosticsOf('literals')).toEqual([
      'mini/2025-01-01/kk.md:9:10 warning literal-parameter',
      'mini/2025-01-01/kk.md:9:42 warning literal-parameter',
      'mini/2025-01-01/kk.md:9:56 warning literal-parameter',
    ]);
  });

  it('requires a label for every restore time and refuses labels of undefined ones', async () => {
    expect(await diagnosticsOf('labels')).toEqual([
      'mini/2025-01-01/kk.md:1:1 error missing-label',
      'mini/2025-01-01/ru.md:1:1 error undefined-restore-time',
    ]);
  });
});
