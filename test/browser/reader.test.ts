import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITIONS } from '../../src/bundle/layout.js';
import { labels } from '../../src/i18n.js';
import { publishVersion } from '../../src/publish/publish.js';
import { axeViolations } from '../helpers/axe.js';
import { ROOT, tempCopy } from '../helpers/terms.js';
import { threeVersions } from '../publish/helpers.js';
import { bundleBytes } from '../server/helpers.js';
import { type RealServer, startRealServer } from '../server/real-bundle.js';

// Debian's Chromium, installed by .ci/setup. If it is missing, launching fails and so does
// every test here: the browser test is never skipped.
// Debian's chromium and the flags a closed network needs; shared with the benchmark's peer.
const { executablePath: CHROMIUM, args: CHROMIUM_ARGS } = JSON.parse(
  readFileSync(path.join(ROOT, 'bench/peers/chromium.json'), 'utf8'),
) as { executablePath: string; args: string[] };
const DOC = '/terms/dedicated-compute/2025-09-10';

let server: RealServer;
let browser: Browser;
let downloads: string;
beforeAll(async () => {
  server = await startRealServer();
  downloads = await mkdtemp(path.join(os.tmpdir(), 'terms-downloads-'));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (downloads) await rm(downloads, { recursive: true, force: true });
});

/** Console errors and warnings (CSP violations are reported there) and uncaught page errors. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}

/** Presses Tab until the focused element matches, and returns what got focus on the way. */
async function tabTo(
  page: Page,
  matches: (el: { href: string | null; hreflang: string | null }) => boolean,
) {
  const visited: string[] = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return {
        href: el?.getAttribute('href') ?? null,
        hreflang: el?.getAttribute('hreflang') ?? null,
      };
    });
    visited.push(focused.href ?? '(none)');
    if (matches(focused)) return visited;
  }
  throw new Error(`Tab never reached the element; focus went through: ${visited.join(', ')}`);
}

describe('the reader in Chromium', () => {
  it('runs Debian’s Chromium', async () => {
    await access(CHROMIUM);
    expect(browser.version()).toMatch(/^\d+\./);
  });

  it('opens the index, goes to a document by keyboard, switches language and downloads the PDF', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const problems = watchProblems(page);
    try {
      await page.goto(`${server.origin}/`);
      expect(await page.getAttribute('html', 'lang')).toBe('kk');

      // The keyboard alone: the first Tab lands on the skip link, then on to the Kazakh
      // version in force, which the server's `current` redirect resolves.
      const visited = await tabTo(
        page,
        (el) => el.href === 'terms/dedicated-compute/current/kk.html',
      );
      expect(visited[0]).toBe('#terms_main');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.origin}${DOC}/kk.html`);
      expect(await page.getAttribute('html', 'lang')).toBe('kk');
      expect(await page.title()).toContain('Бөлінген есептеу ортасы');

      // The embedded stylesheet applies under the page's CSP: the skip link sits off-screen.
      expect(await page.$eval('.skip-link', (el) => getComputedStyle(el).position)).toBe(
        'absolute',
      );

      // Switch language with the switcher, by keyboard.
      const kkNav = page.getByRole('navigation', { name: labels('kk')('page.languages') });
      const current = kkNav.getByRole('link', { name: 'Қазақша', exact: true });
      expect(await current.getAttribute('aria-current')).toBe('page');
      await tabTo(page, (el) => el.hreflang === 'ru');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.origin}${DOC}/ru.html`);
      expect(await page.getAttribute('html', 'lang')).toBe('ru');
      const ruNav = page.getByRole('navigation', { name: labels('ru')('page.languages') });
      const ru = ruNav.getByRole('link', { name: 'Русский', exact: true });
      expect(await ru.getAttribute('aria-current')).toBe('page');

      // Offer the PDF: follow the link, by keyboard, and capture the download.
      const pdfLink = page
        .getByRole('navigation', { name: labels('ru')('page.documents') })
        .getByRole('link', { name: labels('ru')('actions.downloadPdf') });
      expect(await pdfLink.getAttribute('href')).toBe('./ru.pdf');
      await tabTo(page, (el) => el.href === './ru.pdf');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.keyboard.press('Enter'),
      ]);
      expect(download.url()).toBe(`${server.origin}${DOC}/ru.pdf`);
      expect(download.suggestedFilename()).toBe('Выделенная вычислительная среда 2025-09-10.pdf');
      const saved = path.join(downloads, download.suggestedFilename());
      await download.saveAs(saved);
      const bytes = await readFile(saved);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.equals(await bundleBytes(server.bundleDir, `${DOC}/ru.pdf`))).toBe(true);
      // The Russian agreement, not another language's: its text is Russian.
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', saved, '-'], { encoding: 'utf8' });
      expect(text).toContain('Выделенная вычислительная среда');
      expect(text).not.toContain('Бөлінген есептеу ортасы');

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('follows current to the version in force and shows it without CSP violations', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    try {
      const response = await page.goto(`${server.origin}/terms/dedicated-compute/current/en.html`);
      expect(page.url()).toBe(`${server.origin}${DOC}/en.html`);
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('a service with three published versions', () => {
  let three: RealServer;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    // The versions-over-time scenario: 2026-06-01 raises the guarantee and drops clause 3.5,
    // 2027-01-01 shortens the reboot time; both published.
    const copy = await tempCopy();
    cleanup = copy.cleanup;
    await threeVersions(copy.dir);
    await publishVersion(copy.dir, 'dedicated-compute', '2027-01-01', { cwd: copy.dir });
    three = await startRealServer(copy.dir);
  }, 120_000);
  afterAll(async () => {
    await three?.stop();
    await cleanup?.();
  });

  it('walks from the index to a service, an old version, its notice of the new one, and what changed', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    const t = labels('ru');
    try {
      await page.goto(`${three.origin}/`);
      await page.getByRole('link', { name: 'Барлық нұсқалары', exact: false }).first().click();
      await page.waitForURL(`${three.origin}/terms/dedicated-compute/index.html`);
      // Newest first; an old version's Russian page from the table.
      const rows = page.locator('tbody tr th');
      expect(await rows.allTextContents()).toEqual(['01.01.2027', '01.06.2026', '10.09.2025']);
      await page.locator('a[href="2025-09-10/ru.html"]').click();
      await page.waitForURL(`${three.origin}${DOC}/ru.html`);

      // The old version says that a newer one applies, and links to it.
      const notice = page.getByRole('complementary', { name: t('notice.allVersions') });
      expect(await notice.textContent()).toContain(t('notice.replacedBy', { from: '01.06.2026' }));
      await notice.getByRole('link', { name: t('title.version', { date: '01.06.2026' }) }).click();
      await page.waitForURL(`${three.origin}/terms/dedicated-compute/2026-06-01/ru.html`);

      // The new version names the one it replaced and, by keyboard, what changed.
      const next = page.getByRole('complementary', { name: t('notice.allVersions') });
      expect(await next.textContent()).toContain(t('notice.replaces', { date: '10.09.2025' }));
      await tabTo(page, (el) => el.href === 'changes/ru.html');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${three.origin}/terms/dedicated-compute/2026-06-01/changes/ru.html`);
      expect(await page.getAttribute('html', 'lang')).toBe('ru');
      const parameters = page.getByRole('region', { name: t('changes.parameters') });
      expect(
        await parameters.locator('tbody tr').first().locator('th, td').allTextContents(),
      ).toEqual(['Гарантированная доступность', '99,9\u00a0%', '99,95\u00a0%']);
      // The dropped clause struck through whole, then the figure changed in 5.6 word by word.
      const struck = await page.locator('del').allTextContents();
      expect(struck[0]).toContain('выделенных IP-адресов');
      expect(struck).toContain('99,9');
      expect(await page.locator('ins').allTextContents()).toContain('99,95');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('has no axe-core violations (WCAG 2.1 A/AA, best practice) on any kind of page', async () => {
    const version = '/terms/dedicated-compute/2026-06-01';
    const pages = [
      '/',
      '/terms/dedicated-compute/index.html',
      ...EDITIONS.map((e) => `${version}/${e.key}.html`),
      ...EDITIONS.map((e) => `${version}/changes/${e.key}.html`),
      `${DOC}/ru.html`,
    ];
    const page = await browser.newPage();
    const problems = watchProblems(page);
    const found: Record<string, string[]> = {};
    try {
      for (const url of pages) {
        await page.goto(`${three.origin}${url}`);
        const violations = await axeViolations(page);
        if (violations.length > 0) found[url] = violations;
      }
      expect(found).toEqual({});
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
