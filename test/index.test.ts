import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { designInput } from './helpers/sla.js';
import { TERMS } from './helpers/terms.js';

describe('the library API', () => {
  it('loads, checks, looks up by date, gives rules, renders and evaluates, in-process', async () => {
    const { terms, diagnostics } = await api.inspectTerms(TERMS);
    expect(api.hasErrors(diagnostics)).toBe(false);
    const service = api.findService(terms, 'dedicated-compute');
    const version = api.requireVersionAt(service, '2025-10-01');
    expect(version.id).toBe('2025-09-10');
    const rules = api.toRules(service, version);
    expect(api.RulesV1.parse(rules).sla.availabilityTargetPercent).toBe(99.9);
    expect(api.renderText(service, version, 'kk')).toContain(
      '99,9% қолжетімділігін кепілдік етеді',
    );
    expect(api.renderHtml(service, version, 'ru')).toContain('<html lang="ru"');
    const pdf = await api.renderPdf(service, version, 'en');
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const result = api.evaluateSla(terms, designInput());
    expect(result).toMatchObject({
      availabilityPercent: 99.7984,
      creditPercent: 5,
      credit: { amount: '7500.00' },
    });
  });

  it('is what the compiled package exports under its own name', async () => {
    const compiled = (await import('terms-engine')) as Record<string, unknown>;
    expect(Object.keys(compiled).sort()).toEqual(Object.keys(api).sort());
  });
});
