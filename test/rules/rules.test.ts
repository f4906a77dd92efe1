import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { findService, findVersion } from '../../src/model/timeline.js';
import { inspectTerms } from '../../src/open.js';
import { stringifyRules, toRules } from '../../src/rules/rules.js';
import { RulesV1, rulesJsonSchema } from '../../src/rules/schema.js';
import { fixture, TERMS } from '../helpers/terms.js';

const { terms } = await inspectTerms(TERMS);
const service = findService(terms, 'dedicated-compute');
const rules = toRules(service, findVersion(service, '2025-09-10'));

function validator() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv.compile(rulesJsonSchema());
}

describe('rules JSON v1', () => {
  it('gives exactly the names and values of the published contract for 2025-09-10, plus the unstated-bound marks', async () => {
    // The fixture is the example of DESIGN.md "Rules JSON, schemaVersion 1", copied verbatim.
    const expected = JSON.parse(
      await readFile(fixture('rules', 'dedicated-compute-2025-09-10.json'), 'utf8'),
    );
    // The one addition: the three bounds the text leaves open (99.9, 99.0, 95.0) are marked.
    const [t0, , t2, t3] = expected.sla.compensationTiers;
    t0.availabilityPercent.minStated = false;
    t2.availabilityPercent.maxStated = false;
    t3.availabilityPercent.maxStated = false;
    expect(rules).toEqual(expected);
    // How the text prints a bound (minDecimals) stays out of the rules.
    expect(stringifyRules(rules)).not.toContain('Decimals');
  });

  it('still accepts the DESIGN.md example, which has no marks', async () => {
    const example = JSON.parse(
      await readFile(fixture('rules', 'dedicated-compute-2025-09-10.json'), 'utf8'),
    );
    const validate = validator();
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(RulesV1.safeParse(example).success).toBe(true);
  });

  it('serializes deterministically with the key order of the contract', () => {
    const text = stringifyRules(rules);
    expect(text).toBe(stringifyRules(toRules(service, findVersion(service, '2025-09-10'))));
    expect(Object.keys(JSON.parse(text))).toEqual([
      'schemaVersion',
      'service',
      'version',
      'effectiveFrom',
      'effectiveTo',
      'timeZone',
      'sla',
      'support',
      'responsibility',
      'prohibitedUses',
    ]);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('validates against its published JSON Schema with a validator the project did not write', () => {
    const validate = validator();
    expect(validate(rules), JSON.stringify(validate.errors)).toBe(true);
    expect(RulesV1.safeParse(rules).success).toBe(true);
  });

  it('is rejected by the schema when a field has the wrong type or an unknown name', () => {
    const validate = validator();
    const wrongType = structuredClone(rules) as unknown as {
      sla: { availabilityTargetPercent: unknown };
    };
    wrongType.sla.availabilityTargetPercent = '99.9';
    expect(validate(wrongType)).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe('/sla/availabilityTargetPercent');
    const badDate = { ...rules, effectiveFrom: '2025-02-30' };
    expect(validate(badDate)).toBe(false);
    const renamed = { ...rules, sla: { ...rules.sla, availabilityTarget: 99.9 } };
    expect(validate(renamed)).toBe(false);
  });

  it('publishes a draft 2020-12 schema with an $id and title', () => {
    const schema = rulesJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://terms.example/schema/rules.v1.json');
    expect(schema.required).toEqual(
      expect.arrayContaining(['schemaVersion', 'sla', 'support', 'effectiveTo']),
    );
  });

  it('gives effectiveTo as the next published version effectiveFrom', async () => {
    const good = await inspectTerms(fixture('terms', 'good'));
    const mini = findService(good.terms, 'mini');
    expect(toRules(mini, findVersion(mini, '2025-01-01')).effectiveTo).toBe('2025-06-15');
    expect(toRules(mini, findVersion(mini, '2025-06-01')).effectiveTo).toBeNull();
  });
});
