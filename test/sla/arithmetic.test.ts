import { describe, expect, it } from 'vitest';
import { compareFractions, divHalfUp, formatScaled, toRational } from '../../src/model/decimal.js';
import { intersect, measure, subtract, union } from '../../src/sla/intervals.js';
import { formatMinorUnits, percentOf, toMinorUnits } from '../../src/sla/money.js';
import { nanosToSeconds } from '../../src/sla/time.js';

const span = (start: number, end: number) => ({ start: BigInt(start), end: BigInt(end) });

describe('decimal', () => {
  it.each([
    [99.9, 999n, 10n],
    [100, 100n, 1n],
    [0, 0n, 1n],
    [95.0, 95n, 1n],
    [0.0001, 1n, 10_000n],
    [1e-7, 1n, 10_000_000n],
    [2.5e-7, 25n, 100_000_000n],
    [1e21, 10n ** 21n, 1n],
  ])('reads %d as the decimal it is written as', (value, num, den) => {
    expect(toRational(value)).toEqual({ num, den });
  });

  it('refuses what is not a finite non-negative number', () => {
    expect(() => toRational(Number.NaN)).toThrow(RangeError);
    expect(() => toRational(-1)).toThrow(RangeError);
  });

  it('compares 99.9 % with the availability of 2,592 s down in 30 days as equal', () => {
    const { num, den } = toRational(99.9);
    expect(compareFractions(100n * (2_592_000n - 2592n), 2_592_000n, num, den)).toBe(0);
    expect(compareFractions(100n * (2_592_000n - 2593n), 2_592_000n, num, den)).toBe(-1);
  });

  it('rounds halves up', () => {
    expect([
      divHalfUp(5n, 10n),
      divHalfUp(4n, 10n),
      divHalfUp(15n, 10n),
      divHalfUp(0n, 7n),
    ]).toEqual([1n, 0n, 2n, 0n]);
  });

  it('prints scaled integers and nanoseconds exactly', () => {
    expect([formatScaled(5n, 2), formatScaled(12345n, 2), formatScaled(7n, 0)]).toEqual([
      '0.05',
      '123.45',
      '7',
    ]);
    expect([
      nanosToSeconds(5_400_000_000_000n),
      nanosToSeconds(1_500_000_000n),
      nanosToSeconds(1n),
    ]).toEqual([5400, 1.5, 1e-9]);
  });
});

describe('money', () => {
  it('reads and prints amounts in minor units', () => {
    expect([
      toMinorUnits('150000.00', 2),
      toMinorUnits('7.5', 2),
      toMinorUnits('12', 2),
      toMinorUnits('0.07', 2),
    ]).toEqual([15_000_000n, 750n, 1200n, 7n]);
    expect([
      formatMinorUnits(750_000n, 2),
      formatMinorUnits(1n, 2),
      formatMinorUnits(0n, 2),
    ]).toEqual(['7500.00', '0.01', '0.00']);
  });

  it('reads and prints amounts of currencies with 0 and 3 minor units', () => {
    expect([toMinorUnits('12', 0), toMinorUnits('7.5', 3), toMinorUnits('0.125', 3)]).toEqual([
      12n,
      7500n,
      125n,
    ]);
    expect([formatMinorUnits(1006n, 0), formatMinorUnits(1n, 3), formatMinorUnits(0n, 0)]).toEqual([
      '1006',
      '0.001',
      '0',
    ]);
  });

  it('takes percentages half-up to the minor unit', () => {
    expect([
      percentOf(10n, 5),
      percentOf(9n, 5),
      percentOf(15_000_000n, 5),
      percentOf(150n, 2.35),
    ]).toEqual([1n, 0n, 750_000n, 4n]);
  });
});

describe('intervals', () => {
  it('merges overlapping and touching intervals and drops empty ones', () => {
    expect(union([span(5, 7), span(0, 2), span(1, 3), span(3, 4), span(9, 9)])).toEqual([
      span(0, 4),
      span(5, 7),
    ]);
  });

  it('intersects and subtracts unions', () => {
    const a = [span(0, 10), span(20, 30)];
    const b = [span(5, 25), span(28, 40)];
    expect(intersect(a, b)).toEqual([span(5, 10), span(20, 25), span(28, 30)]);
    expect(subtract(a, b)).toEqual([span(0, 5), span(25, 28)]);
    expect(subtract(b, a)).toEqual([span(10, 20), span(30, 40)]);
    expect(subtract(a, [])).toEqual(a);
    expect(subtract([span(2, 8)], [span(0, 3), span(4, 5), span(7, 12)])).toEqual([
      span(3, 4),
      span(5, 7),
    ]);
    expect(measure(a)).toBe(20n);
  });
});
