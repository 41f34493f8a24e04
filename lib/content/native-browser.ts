/**
 * The browser's own extension API for the scripts that run in web pages (the content script and the
 * page tools it loads), without webextension-polyfill: the polyfill is ~3.5 KB gzip that every
 * matching page would load for three members (issue 5: ≤ 12 KB before a QR candidate). What the
 * content script uses is promise-based natively: `chrome.runtime.sendMessage` in Chromium MV3,
 * `browser.runtime.*` in Firefox. The background and the extension pages keep the polyfill.
 *
 * wxt.config.ts resolves `wxt/browser` to this module in the page-script builds, so WXT's own
 * ContentScriptContext (which reads `browser.runtime.id`) does not pull the polyfill back in.
 */

import type english from '../../public/_locales/en/messages.json';

export type ContentMessageListener = (
  message: unknown,
  sender: unknown,
  sendResponse?: (reply: unknown) => void,
) => unknown;

/** The part of `runtime` a page script may use; anything else is the background's business. */
export interface ContentRuntime {
  /** Undefined once the extension was updated or reloaded under the page. */
  readonly id?: string;
  sendMessage(message: unknown): Promise<unknown>;
  readonly onMessage: {
    addListener(listener: ContentMessageListener): void;
    removeListener(listener: ContentMessageListener): void;
  };
}

/** The browser's own `i18n`: messages in the browser's language (public/_locales). */
export interface ContentI18n {
  getMessage(key: string, substitutions?: string | string[]): string;
}

interface Namespace {
  runtime?: ContentRuntime;
  i18n?: ContentI18n;
}

/**
 * Picked at build time, never by probing `globalThis.browser`: a page element with id="browser"
 * is a named property of `window` in Chromium's isolated world too, and a form holding an input
 * named "runtime" would pass a `browser.runtime.id` check (DOM clobbering). The engine's own
 * `chrome` (Chromium) and `browser` (Firefox) are real properties that no element name shadows.
 */
function namespace(): Namespace | undefined {
  const scope = globalThis as unknown as { browser?: Namespace; chrome?: Namespace };
  return import.meta.env.FIREFOX ? scope.browser : scope.chrome;
}

/** The runtime, read at each call (tests replace the globals; an invalidated script loses it). */
export function contentRuntime(): ContentRuntime | undefined {
  return namespace()?.runtime;
}

/**
 * A message from public/_locales in the browser's language. Page scripts never fetch a catalog: they
 * follow the browser, not the `language` setting (lib/i18n/index.ts is the extension pages' `t`).
 * '' when the API is gone (an invalidated script).
 */
export function message(key: keyof typeof english, ...substitutions: Array<string | number>): string {
  return namespace()?.i18n?.getMessage(key, substitutions.map(String)) ?? '';
}

/** What `wxt/browser` is in the page-script builds (wxt.config.ts): only `runtime.id` is read. */
export const browser = namespace();
