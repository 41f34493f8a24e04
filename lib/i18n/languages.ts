/**
 * The languages TwoStep speaks (public/_locales/<code>/messages.json) and the `language` setting.
 * Pure and tiny: the background's settings schema and the protocol import it too.
 */

/** Locale folder names, as the browser spells them (`pt_BR`, not `pt-BR`). English first. */
export const LOCALES = ['en', 'de', 'fr', 'es', 'pt_BR', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

/** The `language` setting: follow the browser, or one of the locales. */
export const LANGUAGE_SETTINGS = ['browser', ...LOCALES] as const;
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];

/** Each language in its own name, for the language select (never translated). */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  pt_BR: 'Português (Brasil)',
  ja: '日本語',
};

/** The BCP 47 tag for `<html lang>`: `pt_BR` → `pt-BR`. */
export function languageTag(locale: string): string {
  return locale.replace('_', '-');
}
