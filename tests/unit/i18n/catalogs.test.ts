/**
 * The catalogs in public/_locales (issue 6): every locale has exactly English's keys, with the same
 * placeholders; every key is used by the code and every key the code uses exists; the manifest's
 * `__MSG_…__` names resolve.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_NAMES, LANGUAGE_SETTINGS, LOCALES } from '@/lib/i18n/languages';
import { type Catalog, placeholdersUsed } from '@/lib/i18n/translate';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const LOCALES_DIR = path.join(ROOT, 'public/_locales');

const readCatalog = (locale: string): Catalog =>
  JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Catalog;

const en = readCatalog('en');
const enKeys = Object.keys(en).sort();
const others = LOCALES.filter((l) => l !== 'en');

/** The code that can show a message: pages, components, content scripts, background, manifest. */
function sourceFiles(): string[] {
  const out: string[] = [path.join(ROOT, 'wxt.config.ts')];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name)) out.push(full);
    }
  };
  for (const dir of ['components', 'entrypoints', 'lib']) walk(path.join(ROOT, dir));
  return out;
}
const sources = sourceFiles().map((file) => ({
  file: path.relative(ROOT, file),
  text: fs.readFileSync(file, 'utf8'),
}));
const allSource = sources.map((s) => s.text).join('\n');

describe('the locales', () => {
  it('are exactly the folders in public/_locales, each with its own name', () => {
    const folders = fs.readdirSync(LOCALES_DIR).sort();
    expect(folders).toEqual([...LOCALES].sort());
    expect(Object.keys(LANGUAGE_NAMES).sort()).toEqual([...LOCALES].sort());
    expect(LANGUAGE_SETTINGS).toEqual(['browser', ...LOCALES]);
    expect(others.length).toBeGreaterThanOrEqual(5);
  });

  it('English has valid message names, none twice ignoring case (the browsers ignore case)', () => {
    for (const key of enKeys) expect(key).toMatch(/^[a-zA-Z0-9_]+$/);
    expect(new Set(enKeys.map((k) => k.toLowerCase())).size).toBe(enKeys.length);
    for (const key of enKeys) expect(en[key]?.message.trim(), key).not.toBe('');
  });

  it.each(LOCALES)('%s names itself in localeCode (for <html lang>)', (locale) => {
    expect(readCatalog(locale).localeCode?.message).toBe(locale);
  });

  it.each(others)('%s has exactly the keys of en (none missing, none extra)', (locale) => {
    const keys = Object.keys(readCatalog(locale)).sort();
    expect(
      enKeys.filter((k) => !keys.includes(k)),
      'missing',
    ).toEqual([]);
    expect(
      keys.filter((k) => !enKeys.includes(k)),
      'extra',
    ).toEqual([]);
  });

  it.each(others)('%s uses the same placeholders as English in every message', (locale) => {
    const catalog = readCatalog(locale);
    for (const key of enKeys) {
      const entry = catalog[key];
      const english = en[key];
      if (!entry || !english) continue; // reported by the key test
      expect(entry.message.trim(), `${locale}.${key} is empty`).not.toBe('');
      expect(placeholdersUsed(entry), `${locale}.${key}`).toEqual(placeholdersUsed(english));
      expect(entry.placeholders ?? {}, `${locale}.${key} placeholders`).toEqual(english.placeholders ?? {});
    }
  });

  it.each(others)('%s is a translation, not a copy of English', (locale) => {
    const catalog = readCatalog(locale);
    const same = enKeys.filter((k) => catalog[k]?.message === en[k]?.message);
    // Product names, units and codes may stay as they are; most sentences may not.
    expect(same.length / enKeys.length).toBeLessThan(0.15);
  });
});

describe('the code and the catalog agree', () => {
  it('every English key is used somewhere in the code', () => {
    const unused = enKeys.filter(
      (key) => !allSource.includes(`'${key}'`) && !allSource.includes(`__MSG_${key}__`),
    );
    expect(unused).toEqual([]);
  });

  it('every key the code asks for exists in English', () => {
    const asked = new Set<string>();
    const call = /\b(?:t|tParts|message|getMessage as [^)]*\))\(\s*'(\w+)'/g;
    const ternary = /\b(?:t|tParts|message)\(\s*[^()'"]*\?\s*'(\w+)'\s*:\s*'(\w+)'/g;
    for (const { text } of sources) {
      for (const m of text.matchAll(call)) asked.add(m[1] ?? '');
      for (const m of text.matchAll(ternary)) {
        asked.add(m[1] ?? '');
        asked.add(m[2] ?? '');
      }
    }
    expect(asked.size).toBeGreaterThan(100);
    expect([...asked].filter((key) => !(key in en))).toEqual([]);
  });

  it('the manifest’s __MSG_ names resolve, and it declares default_locale en', () => {
    const config = fs.readFileSync(path.join(ROOT, 'wxt.config.ts'), 'utf8');
    const names = [...config.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1] ?? '');
    expect(names).toEqual(expect.arrayContaining(['extName', 'extDescription', 'commandFillCode']));
    for (const name of names)
      for (const locale of LOCALES) expect(readCatalog(locale)[name], `${locale}.${name}`).toBeDefined();
    expect(config).toMatch(/default_locale:\s*'en'/);
    // The store limits: a name of at most 45 characters, a description of at most 132.
    for (const locale of LOCALES) {
      expect(readCatalog(locale).extName?.message.length).toBeLessThanOrEqual(45);
      expect(readCatalog(locale).extDescription?.message.length, locale).toBeLessThanOrEqual(132);
    }
  });
});
