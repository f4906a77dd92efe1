import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/load/yaml.js';
import { fieldPath } from '../../src/model/field-path.js';

const PATHS: PropertyKey[][] = [
  [],
  ['service'],
  ['incidents', 2, 'end'],
  ['sla', 'restoreTimes', 1, 'withinMinutes'],
  [0, 'a'],
  ['matrix', 0, 1],
];

describe('fieldPath', () => {
  it('prints a zod path the way JavaScript reads it', () => {
    expect(PATHS.map(fieldPath)).toEqual([
      '',
      'service',
      'incidents[2].end',
      'sla.restoreTimes[1].withinMinutes',
      '[0].a',
      'matrix[0][1]',
    ]);
  });

  it("prints every path as the loader's formatPath does, until the loader uses it", () => {
    expect(PATHS.map(fieldPath)).toEqual(PATHS.map(formatPath));
  });
});
