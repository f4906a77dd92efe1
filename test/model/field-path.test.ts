import { describe, expect, it } from 'vitest';
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
});
