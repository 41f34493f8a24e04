/**
 * Vitest setup (vitest.config.ts): the fake browser's `i18n.getMessage` throws "not implemented",
 * so it answers from public/_locales/en here, with the browsers' substitution rules
 * (lib/i18n/translate.ts). Tests that read English text then read what an English browser shows.
 */
import { fakeBrowser } from 'wxt/testing';
import { type Catalog, type Substitutions, translate } from '../../../lib/i18n/translate';
import en from '../../../public/_locales/en/messages.json';

const english = en as Catalog;
fakeBrowser.i18n.getMessage = ((key: string, substitutions?: Substitutions) =>
  translate(english, key, substitutions ?? [])) as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en-US';
