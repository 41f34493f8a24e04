import path from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { DEFAULT_MATCHES } from './lib/page/hosts';

/**
 * The scripts that run in web pages (the content script, the page tools it loads) get the browser's
 * own API instead of webextension-polyfill, also inside WXT's ContentScriptContext: the polyfill is
 * ~3.5 KB gzip of a ≤ 12 KB budget (issue 5) and they use three runtime members
 * (lib/content/native-browser.ts). Resolved before the polyfill module's alias takes effect.
 */
function nativeBrowserInPages(root: string): Plugin {
  const native = path.resolve(root, 'lib/content/native-browser.ts');
  return {
    name: 'twostep:native-browser-in-pages',
    enforce: 'pre',
    resolveId: (id) =>
      id === 'wxt/browser' || id === '@wxt-dev/webextension-polyfill/browser' ? native : null,
  };
}

// The manifest is a function of the target browser: Firefox needs a stable gecko id and the
// data-collection declaration, Chrome warns about unknown keys, so those go to Firefox only.
export default defineConfig({
  // WXT_OUT_DIR: a second build beside .output (parallel work; E2E_OUTPUT_DIR loads it in the stories).
  ...(process.env.WXT_OUT_DIR && { outDir: process.env.WXT_OUT_DIR }),
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: security-sensitive code should say where each name comes from.
  imports: false,
  manifest: ({ browser }) => ({
    // public/_locales/<locale>/messages.json (lib/i18n): the browser picks the user's language.
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    permissions: [
      'storage',
      'unlimitedStorage',
      'alarms',
      'idle',
      'clipboardWrite',
      'contextMenus',
      'activeTab',
      'scripting',
      ...(browser === 'chrome' ? ['offscreen'] : []),
    ],
    // Capture and fill work by default only on the Microsoft and app-password hosts; any other
    // site is asked for when the user binds an account to it.
    // + Microsoft's asset hosts, so a setup QR served from there can be fetched and decoded
    // (microsoft-pages.md §3: where the QR comes from is unknown; a tab capture is the last resort).
    host_permissions: [...DEFAULT_MATCHES, 'https://acctcdn.msauth.net/*', 'https://acctcdn.msftauth.net/*'],
    optional_host_permissions: ['https://*/*'],
    // clipboardRead: lets clearing leave a clipboard the user has changed since (not asked for by
    // default; lib/background/clipboard-check.ts). Firefox MV2 lists it with the hosts below.
    ...(browser === 'chrome' && { optional_permissions: ['clipboardRead'] }),
    commands: {
      'fill-code': {
        suggested_key: { default: 'Alt+Shift+2' },
        description: '__MSG_commandFillCode__',
      },
    },
    ...(browser === 'firefox' && {
      // MV2 has no optional_host_permissions (WXT drops the key there): hosts go in optional_permissions.
      optional_permissions: ['https://*/*', 'clipboardRead'],
      browser_specific_settings: {
        gecko: {
          id: 'twostep@twostep.invalid',
          // 140: the first release that knows data_collection_permissions (and has storage.session).
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['none'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
  hooks: {
    'vite:build:extendConfig': (entrypoints, viteConfig) => {
      const inPages = entrypoints.every((e) => e.type === 'content-script' || e.type === 'unlisted-script');
      if (!inPages) return;
      viteConfig.plugins = [...(viteConfig.plugins ?? []), nativeBrowserInPages(viteConfig.root ?? '.')];
    },
  },
  zip: {
    // The Firefox sources zip packs the whole project: keep test output and anything key-like out.
    // docs/screenshots: the README's picture tour (~1.4 MB), not needed to rebuild; the welcome
    // pictures the extension ships live in public/welcome and stay in.
    excludeSources: [
      '.output/**',
      'coverage/**',
      '**/*.pem',
      '**/*.key',
      '**/.env*',
      '.wxt/**',
      'docs/screenshots/**',
    ],
  },
});
