/**
 * `t(key, ...substitutions)` for the extension pages (popup, options, transfer, welcome). By default
 * the browser's own `i18n.getMessage` (the browser's language, falling back to English). When the
 * user chose a language in settings, each page's main.tsx calls `prepareLanguage` before its first
 * render: it fetches that catalog from the extension's own /_locales (and English for keys it
 * lacks), and `t` answers from it with the same rules (./translate.ts).
 *
 * The scripts in web pages do not use this module: they follow the browser's language
 * (lib/content/native-browser.ts `message`).
 */
import { browser } from 'wxt/browser';
import type english from '../../public/_locales/en/messages.json';
import type { VaultClient } from '../messaging/client';
import { LANGUAGE_NAMES, type LanguageSetting, LOCALES, type Locale, languageTag } from './languages';
import { type Catalog, translate } from './translate';

export { LANGUAGE_NAMES, LANGUAGE_SETTINGS, type LanguageSetting, LOCALES, type Locale } from './languages';

/** Every message name (public/_locales/en/messages.json): a typo is a type error. */
export type MessageKey = keyof typeof english;

type Substitution = string | number;

/** The chosen language's catalog and English for what it lacks; null: the browser's language. */
let chosen: { locale: Locale; catalog: Catalog; english: Catalog } | null = null;

/** Answers from these catalogs from now on (null: from the browser again). For pages and tests. */
export function setCatalog(next: { locale: Locale; catalog: Catalog; english: Catalog } | null): void {
  chosen = next;
}

/** The message `key` in the page's language, with `$1`… filled from `substitutions`. */
export function t(key: MessageKey, ...substitutions: Substitution[]): string {
  const subs = substitutions.map(String);
  if (chosen) return translate(chosen.catalog, key, subs, chosen.english);
  // Typed by WXT from the last `wxt prepare`; MessageKey is read from the catalog itself.
  return (browser.i18n.getMessage as (name: string, substitutions: string[]) => string)(key, subs);
}

const MARK = /\uE000(\d)\uE001/;

/**
 * A message with elements inside (a `<strong>` in a sentence): the element parts stand for their
 * placeholders, in order, and come back in their place in a list Preact renders. String and
 * number parts are substituted as text.
 */
export function tParts<T>(key: MessageKey, ...parts: Array<Substitution | T>): Array<string | T> {
  const subs = parts.map((part, i) =>
    typeof part === 'string' || typeof part === 'number' ? part : `\uE000${i}\uE001`,
  );
  const pieces = t(key, ...subs).split(MARK);
  // split() with a capture group: text, index, text, index, …, text.
  return pieces
    .map((piece, i) => (i % 2 === 0 ? piece : (parts[Number(piece)] as T)))
    .filter((piece) => piece !== '');
}

/** The language the page's messages are in (`localeCode` is each catalog's own folder name). */
export function pageLanguage(): string {
  return languageTag(t('localeCode') || 'en');
}

async function fetchCatalog(locale: Locale): Promise<Catalog> {
  const response = await fetch(`/_locales/${locale}/messages.json`);
  if (!response.ok) throw new Error(`/_locales/${locale}/messages.json: HTTP ${response.status}`);
  return (await response.json()) as Catalog;
}

/** Loads the catalogs for a `language` setting ('browser': none needed). Falls back to the browser. */
export async function loadLanguage(setting: LanguageSetting): Promise<void> {
  if (setting === 'browser' || !LOCALES.includes(setting)) {
    setCatalog(null);
    return;
  }
  try {
    const [catalog, en] = await Promise.all([
      fetchCatalog(setting),
      setting === 'en' ? null : fetchCatalog('en'),
    ]);
    setCatalog({ locale: setting, catalog, english: en ?? catalog });
  } catch (error) {
    console.warn('TwoStep: could not load the chosen language; using the browser’s', error);
    setCatalog(null);
  }
}

/** A page that cannot reach the background still renders, in the browser's language. */
const SETTINGS_WAIT_MS = 2000;

/**
 * Before a page's first render: reads the `language` setting, loads its catalog, and sets
 * `<html lang>` and the window title. Never rejects.
 */
export async function prepareLanguage(client: VaultClient, title?: MessageKey): Promise<void> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), SETTINGS_WAIT_MS));
  const settings = await Promise.race([client.send({ type: 'settings.get' }).catch(() => null), timeout]);
  await loadLanguage(settings?.ok ? settings.value.language : 'browser');
  document.documentElement.lang = pageLanguage();
  if (title) document.title = t(title);
}

/** The language select's choices: the browser's language first, then each language in its own name. */
export function languageOptions(): Array<{ value: LanguageSetting; label: string }> {
  return [
    { value: 'browser', label: t('languageBrowser') },
    ...LOCALES.map((locale) => ({ value: locale, label: LANGUAGE_NAMES[locale] })),
  ];
}
