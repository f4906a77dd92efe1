import { readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITIONS } from '../../src/bundle/layout.js';
import { axeViolations } from '../helpers/axe.js';
import { ROOT } from '../helpers/terms.js';
import { DRAFT, draftCopy, draftFile, positionOf, SENTENCE } from '../preview/helpers.js';
import { type PreviewProcess, startPreviewProcess } from '../preview/process.js';

const { executablePath, args } = JSON.parse(
  readFileSync(path.join(ROOT, 'bench/peers/chromium.json'), 'utf8'),
) as { executablePath: string; args: string[] };
/** How long a saved file may take to show on the open page (a bound, not a speed check). */
const WAIT_MS = 15_000;

let browser: Browser;
let preview: PreviewProcess;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await draftCopy());
  preview = await startPreviewProcess(dir);
  browser = await chromium.launch({ executablePath, args });
});
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
  await cleanup?.();
});

/** Saves a file the way many editors do: a hidden temporary file renamed over the original. */
async function saveByRename(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.swp`);
  await writeFile(temp, text);
  await rename(temp, file);
}

async function waitForText(page: Page, needle: string, present = true): Promise<void> {
  await page.waitForFunction(
    ([n, p]) => (document.body.textContent ?? '').includes(n as string) === p,
    [needle, present] as const,
    { timeout: WAIT_MS },
  );
}

function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  return problems;
}

describe('terms preview in Chromium', () => {
  it('shows a saved edit, then an error with file:line:col, then its fix, on the open page', async () => {
    const page = await browser.newPage();
    const problems = watchProblems(page);
    const file = draftFile(dir);
    const original = await readFile(file, 'utf8');
    try {
      await page.goto(`${preview.origin}/terms/${DRAFT}/kk.html`);
      await page.waitForSelector('html[data-preview-live]', { timeout: WAIT_MS });
      expect(await page.textContent('.draft-banner')).toBe('ЖОБА — күшіне енбеген');

      await saveByRename(
        file,
        original.replace(SENTENCE, 'қолжетімділік ұсынады. ТАЗА ЖАҢА МӘТІН.'),
      );
      await waitForText(page, 'ТАЗА ЖАҢА МӘТІН.');

      const broken = original.replace(SENTENCE, 'қолжетімділік ұсынады {{sla.noSuchThing}}.');
      await saveByRename(file, broken);
      const at = positionOf(broken, '{{sla.noSuchThing}}');
      const where = `${path.join(DRAFT, 'kk.md')}:${at.line}:`;
      await waitForText(page, where);
      const panel = page.getByRole('region', { name: /error/ });
      expect(await panel.textContent()).toContain('noSuchThing');
      expect(await page.locator('.preview-stale').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);

      await saveByRename(file, original);
      await waitForText(page, where, false);
      expect(await page.locator('.preview-stale').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
      await writeFile(file, original);
    }
  });

  it('has no axe-core violations on any kind of preview page', async () => {
    const version = `/terms/${DRAFT}`;
    const pages = [
      '/',
      '/terms/dedicated-compute/',
      ...EDITIONS.map((e) => `${version}/${e.key}.html`),
      `${version}/changes/kk.html`,
      `${version}/changes/kk-ru.html`,
      `/__preview/source?file=${encodeURIComponent(path.join('terms', DRAFT, 'kk.md'))}&line=12`,
    ];
    const page = await browser.newPage();
    const problems = watchProblems(page);
    const found: Record<string, string[]> = {};
    try {
      for (const url of pages) {
        await page.goto(`${preview.origin}${url}`);
        await page.waitForSelector('html[data-preview-live]', { timeout: WAIT_MS });
        const violations = await axeViolations(page);
        if (violations.length > 0) found[url] = violations;
      }
      expect(problems).toEqual([]);
      // The page for what does not exist: a 404 (which the console reports), accessible too.
      const missing = await page.goto(`${preview.origin}/no/such/page`);
      expect(missing?.status()).toBe(404);
      const violations = await axeViolations(page);
      if (violations.length > 0) found['/no/such/page'] = violations;
      expect(found).toEqual({});
    } finally {
      await page.close();
    }
  });
});
