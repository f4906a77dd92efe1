import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGS } from '../../../src/model/lang.js';
import type { Service, TermsVersion } from '../../../src/model/terms.js';
import { flattenResolved, resolveDocument } from '../../../src/render/resolve.js';
import { renderText } from '../../../src/render/text/index.js';
import { fixture } from '../../helpers/terms.js';
import { realTerms } from '../html/helpers.js';

let service: Service;
let version: TermsVersion;

beforeAll(async () => {
  ({ service, version } = await realTerms());
});

describe('renderText', () => {
  it.each(LANGS)('renders the whole %s document as reviewed', async (lang) => {
    expect(renderText(service, version, lang)).toBe(
      await readFile(fixture('golden', 'text', `${lang}.txt`), 'utf8'),
    );
  });

  it('writes tables as "cell | cell" rows and the responsibility list as bullets', () => {
    const lines = renderText(service, version, 'ru').split('\n');
    const at = lines.indexOf('Общее время доступности | Размер компенсации');
    expect(lines.slice(at, at + 5)).toEqual([
      'Общее время доступности | Размер компенсации',
      'Выше 99,9\u00a0% | 0\u00a0%',
      'Ниже 99,9\u00a0%, но выше 99,0\u00a0% | 5\u00a0%',
      'Ниже 99,0\u00a0%, но выше 95\u00a0% | 10\u00a0%',
      'Ниже 95,0\u00a0% | 15\u00a0%',
    ]);
    expect(lines).toContain('• Данные – Заказчик');
    expect(lines).toContain('• Сетевая инфраструктура – Исполнитель');
  });

  it('numbers every clause at the start of its first paragraph', () => {
    const text = renderText(service, version, 'en');
    for (const clause of flattenResolved(resolveDocument(service, version, 'en').clauses))
      expect(text).toMatch(new RegExp(`^${clause.label.replaceAll('.', '\\.')} \\S`, 'm'));
  });

  it('gives each clause in the left language, then in the right, in the bilingual text', () => {
    const text = renderText(service, version, 'kk', { parallel: 'ru' });
    const starts = (prefix: string) => text.split('\n').findIndex((l) => l.startsWith(prefix));
    expect(text.split('\n').slice(0, 9)).toEqual([
      'ЖЕКЕЛЕГЕН ҚЫЗМЕТТЕРДІ ПАЙДАЛАНУ ШАРТТАРЫ',
      '«БӨЛІНГЕН ЕСЕПТЕУ ОРТАСЫ» ҚЫЗМЕТІ',
      '10.09.2025 ж. нұсқасы',
      '10.09.2025 ж. бастап күшіне енеді',
      '',
      'УСЛОВИЯ ИСПОЛЬЗОВАНИЯ ОТДЕЛЬНЫХ УСЛУГ',
      'УСЛУГА «ВЫДЕЛЕННАЯ ВЫЧИСЛИТЕЛЬНАЯ СРЕДА»',
      'Редакция от 10.09.2025',
      'Вступает в силу с 10.09.2025',
    ]);
    const order = [
      starts('5.6. Орындаушы'),
      starts('5.6. Исполнитель'),
      starts('5.7. Тапсырыс'),
      starts('5.7. В случае'),
    ];
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('marks a draft in its first line', () => {
    const text = renderText(service, { ...version, status: 'draft' }, 'en');
    expect(text.split('\n')[0]).toBe('DRAFT — not in force');
  });

  it('ends with one newline and gives the same bytes on a second render', () => {
    const text = renderText(service, version, 'kk');
    expect(text.endsWith('.\n')).toBe(true);
    expect(renderText(service, version, 'kk')).toBe(text);
  });
});
