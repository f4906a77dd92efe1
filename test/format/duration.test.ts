import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/format/duration.js';

describe('formatDuration', () => {
  it('writes whole hours as hours and the rest as minutes, in each language', () => {
    expect(formatDuration(480, 'kk')).toBe('8 сағат');
    expect(formatDuration(480, 'ru')).toBe('8 часов');
    expect(formatDuration(45, 'en')).toBe('45 minutes');
    expect(formatDuration(1440, 'ru')).toBe('24 часа');
  });

  it('declines a Russian duration after a word that takes the genitive', () => {
    expect(formatDuration(1440, 'ru', 'может составлять до ')).toBe('24 часов');
    expect(formatDuration(21 * 60, 'ru', 'до ')).toBe('21 часа');
    expect(formatDuration(1, 'ru', 'не более ')).toBe('1 минуты');
    expect(formatDuration(45, 'ru', 'в течение ')).toBe('45 минут');
    expect(formatDuration(10_000 * 60, 'ru', '(от ')).toBe('10\u00a0000 часов');
  });

  it('leaves the case alone after other words, and in other languages', () => {
    expect(formatDuration(1440, 'ru', 'не превышает ')).toBe('24 часа');
    expect(formatDuration(1440, 'ru', 'кредо ')).toBe('24 часа');
    expect(formatDuration(1440, 'ru', 'до')).toBe('24 часа'); // glued to the value: not the preposition
    expect(formatDuration(1440, 'en', 'до ')).toBe('24 hours');
  });
});
