import { describe, expect, it } from 'vitest';
import { emailHref, formatPhone, phoneHref, telegramHref } from '../../src/format/contact.js';
import { formatDate } from '../../src/format/date.js';
import { formatPercent } from '../../src/format/percent.js';

describe('formatPercent', () => {
  it('writes a percentage as each language does (ru with a no-break space)', () => {
    expect(formatPercent(99.9, 'kk')).toBe('99,9%');
    expect(formatPercent(99.9, 'ru')).toBe('99,9\u00a0%');
    expect(formatPercent(99.9, 'en')).toBe('99.9%');
  });

  it('never lets binary floating point show, up to four decimals', () => {
    expect(formatPercent(99.9, 'en')).not.toContain('0000');
    expect(formatPercent(99.9999, 'en')).toBe('99.9999%');
    expect(formatPercent(0.0001, 'en')).toBe('0.0001%');
    expect(formatPercent(100, 'kk')).toBe('100%');
  });

  it('keeps the decimals a bound is written with', () => {
    expect(formatPercent(99, 'kk', 1)).toBe('99,0%');
    expect(formatPercent(95, 'en', 1)).toBe('95.0%');
    expect(formatPercent(95, 'en', 0)).toBe('95%');
  });
});

describe('formatDate', () => {
  it('writes a date as a contract in the language does, with no time zone to shift it', () => {
    expect(formatDate('2025-09-10', 'kk')).toBe('10.09.2025');
    expect(formatDate('2025-09-10', 'ru')).toBe('10.09.2025');
    expect(formatDate('2025-09-10', 'en')).toBe('10 September 2025');
    expect(formatDate('2027-01-01', 'en')).toBe('1 January 2027');
  });
});

describe('contacts', () => {
  it('groups a Kazakhstani number with no-break spaces, and leaves others in E.164', () => {
    expect(formatPhone('+77475073022')).toBe('+7\u00a0(747)\u00a0507\u00a03022');
    expect(formatPhone('+4930123456')).toBe('+4930123456');
  });

  it('gives each kind of address the link it opens', () => {
    expect(phoneHref('+77475073022')).toBe('tel:+77475073022');
    expect(telegramHref('@PRO_DATA_Support_Bot')).toBe('https://t.me/PRO_DATA_Support_Bot');
    expect(emailHref('support@example.kz')).toBe('mailto:support@example.kz');
  });
});
