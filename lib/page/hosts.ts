/**
 * Where TwoStep works without asking: the Microsoft sign-in and security hosts
 * (microsoft-pages.md §1) and the app-password pages of the providers whose app passwords still
 * open IMAP (§7). Every other site only through a permission the user grants.
 */
export const DEFAULT_MATCHES = [
  'https://account.live.com/*',
  'https://login.live.com/*',
  'https://login.microsoftonline.com/*',
  'https://login.microsoft.com/*',
  'https://mysignins.microsoft.com/*',
  'https://account.microsoft.com/*',
  'https://myaccount.google.com/*',
  'https://login.yahoo.com/*',
  'https://account.apple.com/*',
  'https://appleid.apple.com/*',
  'https://app.fastmail.com/*',
  'https://www.fastmail.com/*',
  'https://accounts.zoho.com/*',
  'https://accounts.zoho.eu/*',
  'https://accounts.zoho.in/*',
  'https://accounts.zoho.com.au/*',
  'https://accounts.zoho.jp/*',
] as const;

/** The content script's file in both builds (WXT names it after `entrypoints/pages.content`). */
export const CONTENT_SCRIPT_FILE = '/content-scripts/pages.js';
/** The page tools the content script asks for (`tools.load`): WXT's unlisted `entrypoints/page-tools`. */
export const PAGE_TOOLS_FILE = '/page-tools.js';
