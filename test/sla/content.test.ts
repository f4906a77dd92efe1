import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { flattenClauses } from '../../src/model/document.js';
import { LANGS } from '../../src/model/lang.js';
import type { Terms } from '../../src/model/terms.js';
import { findService, findVersion } from '../../src/model/timeline.js';
import { openTerms } from '../../src/open.js';
import { evaluateSla, SLA_CLAUSES } from '../../src/sla/index.js';
import { outage, slaInput } from './helpers.js';

// The repository's own terms: the evaluator must agree with the text it cites.
const ROOT = fileURLToPath(new URL('../../terms', import.meta.url));
let terms: Terms;
beforeAll(async () => {
  terms = await openTerms(ROOT, { cwd: ROOT });
});

describe('SLA evaluation of the dedicated-compute terms', () => {
  it('cites clause ids that every language of 2025-09-10 has', () => {
    const version = findVersion(findService(terms, 'dedicated-compute'), '2025-09-10');
    for (const lang of LANGS) {
      const ids = new Set(flattenClauses(version.documents[lang].sections).map((c) => c.id));
      expect(Object.values(SLA_CLAUSES).filter((id) => !ids.has(id))).toEqual([]);
    }
  });

  it('numbers the clauses it rests on as the 2025-09-10 text does', () => {
    const r = evaluateSla(
      terms,
      slaInput('2025-10', [
        outage('A', '2025-10-03T10:00:00+05:00', 7200, { restoreKind: 'reboot', dataLoss: true }),
        outage('M', '2025-10-03T10:00:00+05:00', 600, { cause: 'planned-maintenance' }),
        outage('F', '2025-10-03T11:00:00+05:00', 600, { cause: 'force-majeure' }),
      ]),
    );
    expect(r.clauses).toEqual([
      { id: 'availability-target', number: '5.6' },
      { id: 'restore-times', number: '5.7' },
      { id: 'compensation', number: '5.8' },
      { id: 'compensation-cap', number: '5.9' },
      { id: 'planned-maintenance', number: '5.10' },
      { id: 'force-majeure', number: '5.11' },
      { id: 'data-loss', number: '5.14' },
    ]);
    const outside = evaluateSla(terms, slaInput('2025-10', [], { scope: 'customer-premises' }));
    expect(outside.clauses).toEqual([{ id: 'sla-scope', number: '5.4' }]);
  });

  it('gives the DESIGN.md example result', () => {
    const r = evaluateSla(
      terms,
      slaInput('2025-10', [
        outage('INC-1', '2025-10-03T10:00:00+05:00', 5400, { restoreKind: 'repair' }),
      ]),
    );
    expect([
      r.version,
      r.downtimeSeconds,
      r.availabilityPercent,
      r.creditPercent,
      r.credit,
    ]).toEqual(['2025-09-10', 5400, 99.7984, 5, { amount: '7500.00', currency: 'KZT' }]);
  });
});
