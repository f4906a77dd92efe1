import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGS, type Lang } from '../../../src/model/lang.js';
import type { Service, TermsVersion } from '../../../src/model/terms.js';
import { renderHtml, STYLE, STYLE_HASH } from '../../../src/render/html/index.js';
import { flattenResolved, resolveDocument } from '../../../src/render/resolve.js';
import { fixture } from '../../helpers/terms.js';
import { byClass, byId, elements, parse, realTerms, source, textOf } from './helpers.js';

let service: Service;
let version: TermsVersion;
const pages = new Map<Lang, string>();

beforeAll(async () => {
  ({ service, version } = await realTerms());
  for (const lang of LANGS) pages.set(lang, renderHtml(service, version, lang));
});

const page = (lang: Lang) => pages.get(lang) as string;
const golden = (name: string) => readFile(fixture('golden', 'html', name), 'utf8');

describe('renderHtml: golden fragments', () => {
  it.each(LANGS)(
    'renders clause 5.8 with its compensation table in %s as reviewed',
    async (lang) => {
      const html = page(lang);
      expect(`${source(html, byId(parse(html), 'compensation'))}\n`).toBe(
        await golden(`${lang}.clause-5.8.html`),
      );
    },
  );

  it.each(LANGS)('renders the title block in %s as reviewed', async (lang) => {
    const html = page(lang);
    const [block] = byClass(parse(html), 'title-block');
    expect(`${source(html, block as never)}\n`).toBe(await golden(`${lang}.title.html`));
  });

  it('renders clause 5.8 of the bilingual kk | ru edition as one row of two cells', async () => {
    const html = renderHtml(service, version, 'kk', { parallel: 'ru' });
    expect(`${source(html, byId(parse(html), 'compensation'))}\n`).toBe(
      await golden('kk-ru.clause-5.8.html'),
    );
  });
});

describe('renderHtml: numbers as each language writes them', () => {
  const param = (lang: Lang, path: string) =>
    elements(parse(page(lang)))
      .filter((e) => e.properties.dataParam === path)
      .map(textOf);

  it('writes the availability target 99,9% / 99,9 % (no-break space) / 99.9%', () => {
    expect(param('kk', 'sla.availabilityTargetPercent')).toEqual(['99,9%']);
    expect(param('ru', 'sla.availabilityTargetPercent')).toEqual(['99,9\u00a0%']);
    expect(param('en', 'sla.availabilityTargetPercent')).toEqual(['99.9%']);
  });

  it('writes the restore times in the generated table: 45 minutes and 8 hours', () => {
    const times = (lang: Lang) =>
      elements(parse(page(lang)))
        .filter((e) => e.properties.dataParam === 'sla.restoreTimes')
        .flatMap((table) => elements(table).filter((e) => e.tagName === 'td'))
        .map(textOf);
    expect(times('kk')).toEqual(['45 минут', '8 сағат']);
    expect(times('ru')).toEqual(['45 минут', '8 часов']);
    expect(times('en')).toEqual(['45 minutes', '8 hours']);
  });

  it('links the bot to t.me and the phone number to tel:', () => {
    for (const lang of LANGS) {
      const links = elements(parse(page(lang))).filter((e) => e.tagName === 'a');
      const bot = links.filter((a) => textOf(a) === '@PRO_DATA_Support_Bot');
      const phone = links.filter((a) => textOf(a) === '+7\u00a0(747)\u00a0507\u00a03022');
      expect(bot.map((a) => a.properties.href)).toEqual([
        'https://t.me/PRO_DATA_Support_Bot',
        'https://t.me/PRO_DATA_Support_Bot',
        'https://t.me/PRO_DATA_Support_Bot',
      ]);
      expect(phone.map((a) => a.properties.href)).toEqual(['tel:+77475073022', 'tel:+77475073022']);
    }
  });
});

describe('renderHtml: structure', () => {
  it.each(LANGS)('gives every clause of %s an id anchor holding its generated number', (lang) => {
    const tree = parse(page(lang));
    const clauses = flattenResolved(resolveDocument(service, version, lang).clauses);
    expect(clauses.length).toBe(34);
    for (const clause of clauses) {
      const [number] = byClass(byId(tree, clause.id), 'clause-number');
      expect(textOf(number as never)).toBe(clause.label);
    }
  });

  it('turns cross-references into links to the clause anchor, with the generated number', () => {
    const ref = elements(byId(parse(page('kk')), 'service-start')).find((e) => e.tagName === 'a');
    expect(ref?.properties.href).toBe('#ordering');
    expect(textOf(ref as never)).toBe('3.1');
  });

  it.each(LANGS)('has unique ids and no in-page link without its target in %s', (lang) => {
    const all = elements(parse(page(lang)));
    const ids = all.map((e) => e.properties.id).filter((id) => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
    const targets = all
      .map((e) => e.properties.href)
      .filter((h): h is string => typeof h === 'string' && h.startsWith('#'))
      .map((h) => h.slice(1));
    expect(targets.length).toBeGreaterThan(5);
    for (const target of targets) expect(ids).toContain(target);
  });

  it('sets <html lang> and writes the title block in the page language', () => {
    for (const lang of LANGS)
      expect(page(lang)).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${lang}">`));
    expect(textOf(byClass(parse(page('ru')), 'title-block')[0] as never)).toContain(
      'Вступает в силу с 10.09.2025',
    );
  });

  it('lists the sections in a table of contents linked to their anchors', () => {
    const [toc] = byClass(parse(page('en')), 'toc');
    const links = elements(toc as never).filter((e) => e.tagName === 'a');
    expect(links.map((a) => [a.properties.href, textOf(a)])).toEqual([
      ['#subject', '1. SUBJECT MATTER'],
      ['#specification', '2. SPECIFICATION OF THE COMPUTING ENVIRONMENT'],
      ['#provision', '3. PROCEDURE FOR THE PROVISION OF THE SERVICE'],
      ['#liability', '4. RESPONSIBILITY OF THE PARTIES'],
      ['#sla', '5. SERVICE LEVEL (SLA)'],
    ]);
  });

  it('gives generated tables column headers, row headers and an accessible name', () => {
    const tree = parse(page('kk'));
    const tables = elements(tree).filter((e) => e.tagName === 'table');
    expect(tables.map((t) => t.properties.ariaLabel)).toEqual([
      'Қызметті қалпына келтірудің рұқсат етілген уақыты',
      'Қолжетімділікке байланысты өтемақы мөлшері',
    ]);
    for (const table of tables) {
      const heads = elements(table).filter((e) => e.tagName === 'th');
      expect(heads.filter((th) => th.properties.scope === 'col').length).toBe(2);
      expect(
        heads.every((th) => th.properties.scope === 'col' || th.properties.scope === 'row'),
      ).toBe(true);
    }
  });

  it('renders the responsibility list from the parameters', () => {
    const [list] = elements(parse(page('kk'))).filter(
      (e) => e.properties.dataParam === 'responsibility',
    );
    expect(
      elements(list as never)
        .filter((e) => e.tagName === 'li')
        .map(textOf),
    ).toEqual([
      'Деректер – Тапсырыс беруші',
      'Қолданбалар – Тапсырыс беруші',
      'Байланыстырушы бағдарламалық жасақтама – Тапсырыс беруші',
      'Операциялық жүйе – Тапсырыс беруші',
      'Виртуализация платформасы – Тапсырыс беруші',
      'Аппараттық платформа – Орындаушы',
      'Желілік инфрақұрылым – Орындаушы',
    ]);
  });
});

describe('renderHtml: clauses with a title or opening with a table', () => {
  it('prints a titled clause as a heading with its number and lists it in the contents', () => {
    const doc = structuredClone(version.documents.en);
    const spec = doc.sections[1] as (typeof doc.sections)[number];
    const environment = spec.children[0] as (typeof spec.children)[number];
    environment.title = [{ type: 'text', value: 'The environment' }];
    const restore = (doc.sections[4] as (typeof doc.sections)[number]).children[6];
    restore?.body.shift(); // clause 5.7 now opens with its table
    const titled = { ...version, documents: { ...version.documents, en: doc } };
    const tree = parse(renderHtml(service, titled, 'en'));
    const heading = elements(byId(tree, 'environment'))[0];
    expect([heading?.tagName, textOf(heading as never)]).toEqual(['h3', '2.1. The environment']);
    const [toc] = byClass(tree, 'toc');
    expect(
      elements(toc as never)
        .filter((e) => e.tagName === 'a')
        .map((a) => textOf(a))
        .slice(1, 3),
    ).toEqual(['2. SPECIFICATION OF THE COMPUTING ENVIRONMENT', '2.1. The environment']);
    const opening = elements(byId(tree, 'restore-times')).slice(0, 3);
    expect(opening.map((e) => e.tagName)).toEqual(['p', 'span', 'table']);
    expect(textOf(opening[0] as never)).toBe('5.7.');
  });
});

describe('renderHtml: navigation', () => {
  const nav = (html: string, className: string) =>
    elements(byClass(parse(html), className)[0] as never)
      .filter((e) => e.tagName === 'a')
      .map((a) => ({
        href: a.properties.href,
        hrefLang: a.properties.hrefLang,
        lang: a.properties.lang,
        current: a.properties.ariaCurrent,
        text: textOf(a),
      }));

  it('switches to the same version in the other languages, marking the current one', () => {
    expect(nav(page('ru'), 'languages')).toEqual([
      { href: './kk.html', hrefLang: 'kk', lang: 'kk', current: undefined, text: 'Қазақша' },
      { href: './ru.html', hrefLang: 'ru', lang: 'ru', current: 'page', text: 'Русский' },
      { href: './en.html', hrefLang: 'en', lang: 'en', current: undefined, text: 'English' },
      {
        href: './kk-ru.html',
        hrefLang: undefined,
        lang: undefined,
        current: undefined,
        text: 'Двуязычное издание: Қазақша | Русский',
      },
    ]);
  });

  it('links the index and the PDF of this document relatively', () => {
    expect(nav(page('kk'), 'documents').map((l) => [l.href, l.text])).toEqual([
      ['../../../index.html', 'Барлық шарттар'],
      ['./kk.pdf', 'PDF жүктеу'],
    ]);
  });

  it('links to the list of versions and the feed, and has no notice while it is the only version', () => {
    const tree = parse(page('en'));
    const versions = byClass(tree, 'versions')[0] as never;
    const links = elements(versions).filter((e) => e.tagName === 'a');
    expect(links.map((a) => [a.properties.href, textOf(a)])).toEqual([
      ['../index.html', 'All versions of these terms'],
      ['../feed.en.atom', 'Follow new versions (Atom feed)'],
    ]);
    expect(byClass(tree, 'status-notice')).toEqual([]);
    const feed = elements(tree).find(
      (e) => e.tagName === 'link' && e.properties.type === 'application/atom+xml',
    );
    expect(feed?.properties.href).toBe('../feed.en.atom');
  });

  it('states the version it replaced and the one that replaces it, with links, in its language', () => {
    const at = (id: string, effectiveFrom: string) => ({ ...version, id, effectiveFrom });
    const three = {
      ...service,
      versions: [at('2025-01-01', '2025-01-01'), version, at('2026-05-20', '2026-06-01')],
    };
    const tree = parse(renderHtml(three, version, 'ru'));
    const notice = byClass(tree, 'status-notice')[0] as never;
    expect(
      elements(notice)
        .filter((e) => e.tagName === 'p')
        .map(textOf),
    ).toEqual([
      'Новая редакция этих условий применяется с 01.06.2026: Редакция от 20.05.2026',
      'Эта редакция заменила редакцию от 01.01.2025: Редакция от 01.01.2025 · Что изменилось',
    ]);
    expect(
      elements(notice)
        .filter((e) => e.tagName === 'a')
        .map((a) => a.properties.href),
    ).toEqual(['../2026-05-20/ru.html', '../2025-01-01/ru.html', 'changes/ru.html']);
    const nav = byClass(tree, 'versions')[0] as never;
    expect(
      elements(nav)
        .filter((e) => e.tagName === 'a')
        .map((a) => [a.properties.rel, a.properties.href]),
    ).toEqual([
      [['prev'], '../2025-01-01/ru.html'],
      [['next'], '../2026-05-20/ru.html'],
      [undefined, '../index.html'],
      [undefined, '../feed.ru.atom'],
    ]);
  });

  it('is the same size whatever the number of versions around it', () => {
    const at = (n: number) => {
      const id = `2030-01-${String(n).padStart(2, '0')}`;
      return { ...version, id, effectiveFrom: id };
    };
    const few = { ...service, versions: [version, at(1), at(2)] };
    const many = {
      ...service,
      versions: [version, at(1), ...Array.from({ length: 25 }, (_, i) => at(i + 2))],
    };
    expect(renderHtml(many, version, 'kk')).toBe(renderHtml(few, version, 'kk'));
  });

  it('marks the bilingual edition current on its own page and links its PDF', () => {
    const html = renderHtml(service, version, 'kk', { parallel: 'ru' });
    const current = nav(html, 'languages').filter((l) => l.current === 'page');
    expect(current.map((l) => l.href)).toEqual(['./kk-ru.html']);
    expect(nav(html, 'documents').map((l) => l.href)).toEqual([
      '../../../index.html',
      './kk-ru.pdf',
    ]);
  });
});

describe('renderHtml: bilingual edition', () => {
  it('puts each clause in one row, left language then right, each cell with its lang', () => {
    const html = renderHtml(service, version, 'kk', { parallel: 'ru' });
    const tree = parse(html);
    expect(html).toMatch(/^<!doctype html>\n<html lang="kk">/);
    const [terms] = byClass(tree, 'terms');
    const rows = (terms as { children: unknown[] }).children.filter(
      (c): c is never => (c as { type: string }).type === 'element',
    ) as ReturnType<typeof elements>;
    const clauses = flattenResolved(resolveDocument(service, version, 'kk').clauses);
    // The preamble row first, then one row per clause in reading order.
    expect(rows.map((r) => r.properties.id ?? null)).toEqual([null, ...clauses.map((c) => c.id)]);
    for (const row of rows) {
      const cells = row.children.filter((c) => c.type === 'element');
      expect(cells.map((c) => (c as { properties: { lang?: string } }).properties.lang)).toEqual([
        'kk',
        'ru',
      ]);
    }
    const access = byId(tree, 'access');
    const [kk, ru] = byClass(access, 'cell');
    expect(textOf(kk as never)).toMatch(/^\n?1\.1\. Орындаушы/);
    expect(textOf(ru as never)).toMatch(/^\n?1\.1\. Исполнитель/);
  });

  it('refuses a bilingual edition of one language with itself', () => {
    expect(() => renderHtml(service, version, 'kk', { parallel: 'kk' })).toThrow(
      '--parallel must name another language than kk, found "kk"',
    );
  });
});

describe('renderHtml: drafts, styles and determinism', () => {
  it('shows a DRAFT banner on a draft and none on a published version', () => {
    const draft: TermsVersion = { ...version, status: 'draft' };
    const tree = parse(renderHtml(service, draft, 'ru'));
    expect(byClass(tree, 'draft-banner').map(textOf)).toEqual(['ПРОЕКТ — не вступил в силу']);
    expect(byClass(parse(page('ru')), 'draft-banner')).toEqual([]);
  });

  it('embeds the stylesheet whose hash it exports for the Content-Security-Policy', () => {
    const style = /<style>([\s\S]*?)<\/style>/.exec(page('kk'))?.[1];
    expect(style).toBe(STYLE);
    const hash = createHash('sha256')
      .update(style as string, 'utf8')
      .digest('base64');
    expect(STYLE_HASH).toBe(`'sha256-${hash}'`);
    expect(STYLE).toContain('@media print');
  });

  it('has no inline script, style attribute or event handler anywhere', () => {
    for (const lang of LANGS) {
      const all = elements(parse(page(lang)));
      expect(all.filter((e) => e.tagName === 'script')).toEqual([]);
      expect(
        all.filter(
          (e) => 'style' in e.properties || Object.keys(e.properties).some((k) => /^on/.test(k)),
        ),
      ).toEqual([]);
    }
  });

  it('gives the same bytes on a second render', () => {
    for (const lang of LANGS) expect(renderHtml(service, version, lang)).toBe(page(lang));
    expect(renderHtml(service, version, 'kk', { parallel: 'ru' })).toBe(
      renderHtml(service, version, 'kk', { parallel: 'ru' }),
    );
  });
});
