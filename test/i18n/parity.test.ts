import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES_DIR } from '../../src/i18n.js';
import { LANGS, type Lang } from '../../src/model/lang.js';
import { ROOT } from '../helpers/terms.js';

type Resources = { [key: string]: string | Resources };

function resources(lang: Lang): Resources {
  return JSON.parse(readFileSync(new URL(`${lang}/translation.json`, LOCALES_DIR), 'utf8'));
}

/** Every leaf of a resource tree by its dotted key (`tables.tiers.credit`). */
function leaves(tree: Resources, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      for (const [k, v] of leaves(value, full)) out.set(k, v);
    else out.set(full, value);
  }
  return out;
}

/** Every group of a resource tree by its dotted key (`tables.tiers`). */
function groups(tree: Resources, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(tree))
    if (value !== null && typeof value === 'object') {
      const full = prefix ? `${prefix}.${key}` : key;
      out.add(full);
      for (const g of groups(value, full)) out.add(g);
    }
  return out;
}

const variables = (text: unknown) =>
  [...String(text).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

// The source of truth is the English locale: its keys are the list every other locale must have.
const EN = leaves(resources('en'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Label keys written literally in calls to a label function: `t('contents')`, `T[lang]('index.title')`. */
function usedKeys(): { literal: Map<string, string>; prefixes: Map<string, string> } {
  const literal = new Map<string, string>();
  const prefixes = new Map<string, string>();
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const where = path.relative(ROOT, file);
    for (const m of text.matchAll(/(?:\bt|\])\(\s*(['"])([A-Za-z][\w.-]*)\1/g))
      literal.set(m[2] as string, where);
    for (const m of text.matchAll(/(?:\bt|\])\(\s*`([A-Za-z][\w.-]*)\.\$\{/g))
      prefixes.set(m[1] as string, where);
  }
  return { literal, prefixes };
}

describe('locales', () => {
  it('has English keys to compare with', () => {
    expect(EN.size).toBeGreaterThan(40);
  });

  it.each(LANGS.filter((l) => l !== 'en'))('gives %s exactly the English keys', (lang) => {
    expect([...leaves(resources(lang)).keys()].sort()).toEqual([...EN.keys()].sort());
  });

  it.each(LANGS)('has no empty or non-text label in %s', (lang) => {
    const bad = [...leaves(resources(lang))].filter(
      ([, value]) => typeof value !== 'string' || value.trim() === '',
    );
    expect(bad).toEqual([]);
  });

  it.each(LANGS.filter((l) => l !== 'en'))(
    'uses the same {{variables}} as English in %s',
    (lang) => {
      const own = leaves(resources(lang));
      const differ = [...EN]
        .filter(([key, value]) => variables(value).join() !== variables(own.get(key)).join())
        .map(([key]) => key);
      expect(differ).toEqual([]);
    },
  );

  it('has every label key the code asks for', () => {
    const { literal, prefixes } = usedKeys();
    expect(literal.size).toBeGreaterThan(20);
    const missing = [...literal].filter(([key]) => !EN.has(key)).map(([k, f]) => `${f}: ${k}`);
    expect(missing).toEqual([]);
    const known = groups(resources('en'));
    const missingGroups = [...prefixes]
      .filter(([p]) => !known.has(p))
      .map(([p, f]) => `${f}: ${p}.*`);
    expect(missingGroups).toEqual([]);
  });
});
