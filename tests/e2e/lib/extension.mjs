// Finds the built extension and makes a per-run copy with one inert helper page added.
//
// Why a helper page: the drivers need an extension page that does nothing by itself, to read
// storage, open the real popup and watch the Firefox event page get suspended. popup.html cannot
// do that job: it talks to the background as soon as it loads, which would keep waking the very
// background we wait to see suspended. The copy lives in the temp profile; the build is untouched.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const HELPER_PAGE = 'e2e-helper.html';

/**
 * Absolute build folder for a browser; throws a clear message when it has not been built.
 * E2E_OUTPUT_DIR replaces `.output` (to point the harness at another build).
 */
export function buildDir(browserName) {
  const output = process.env.E2E_OUTPUT_DIR
    ? path.resolve(process.env.E2E_OUTPUT_DIR)
    : path.join(ROOT, '.output');
  const dir = path.join(output, browserName === 'firefox' ? 'firefox-mv2' : 'chrome-mv3');
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    const shown = dir.startsWith(ROOT + path.sep) ? path.relative(ROOT, dir) : dir;
    throw new Error(`${shown}/manifest.json is missing: run npm run build first`);
  }
  return dir;
}

/**
 * Copies `source` to `<profileDir>/extension`, adds the helper page, returns { dir, manifest }.
 * `grantOrigins`: optional host permissions the test treats as already accepted by the user. Headless
 * Chromium never settles the browser's permission prompt, so the copy lists them as granted hosts;
 * `permissions.request` then resolves true at once, as it does after a real "Allow".
 */
export function prepareExtension(source, profileDir, { grantOrigins = [], grantPermissions = [] } = {}) {
  const dir = path.join(profileDir, 'extension');
  fs.cpSync(source, dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, HELPER_PAGE),
    '<!doctype html><html><head><meta charset="utf-8"><title>e2e helper</title></head><body></body></html>\n',
  );
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  if (grantOrigins.length > 0 && manifest.manifest_version === 3) {
    manifest.host_permissions = [...new Set([...(manifest.host_permissions ?? []), ...grantOrigins])];
    fs.writeFileSync(manifestPath, JSON.stringify(manifest));
  }
  // `grantPermissions`: optional API permissions (e.g. clipboardRead) the test treats as granted by
  // the user, moved to `permissions` for the same reason as the hosts above.
  if (grantPermissions.length > 0) {
    const optional = new Set(manifest.optional_permissions ?? []);
    for (const p of grantPermissions) {
      if (!optional.has(p))
        throw new Error(`grantPermissions: ${p} is not an optional permission of the build`);
    }
    manifest.permissions = [...new Set([...(manifest.permissions ?? []), ...grantPermissions])];
    manifest.optional_permissions = [...optional].filter((p) => !grantPermissions.includes(p));
    fs.writeFileSync(manifestPath, JSON.stringify(manifest));
  }
  return { dir, manifest };
}

/** Rejects after `ms` with `message` unless `promise` settles first. */
export function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${message} (after ${ms} ms)`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends an unknown message from an extension page and says what the background did: answered (with
 * what), refused, or never answered — the last means a listener that never responds.
 */
export function probeBackground(helperPage) {
  return withTimeout(
    helperPage.evaluate(async () => {
      const api = globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;
      const noAnswer = new Promise((resolve) => setTimeout(() => resolve('no answer within 3 s'), 3000));
      const answer = api.runtime.sendMessage({ type: 'e2e-probe' }).then(
        (reply) => `answered ${JSON.stringify(reply)?.slice(0, 200)}`,
        (error) => `sendMessage failed: ${error?.message ?? error}`,
      );
      return `background probe: ${await Promise.race([answer, noAnswer])}`;
    }),
    5000,
    'background probe',
  );
}
