#!/usr/bin/env node
// `npm run bench`: sizes and latencies of the built extension, printed as a table and written to
// .output/bench.json (name → number, unit in the name). Measured in real Chromium and Firefox ESR
// through the end-to-end harness, plus QR decode times in Node (qr-decode.mjs); never asserted by
// tests (timings vary with the machine).
import fs from 'node:fs';
import path from 'node:path';
import { createCert } from '../e2e/lib/cert.mjs';
import { buildDir, ROOT } from '../e2e/lib/extension.mjs';
import { FIXTURE_HOSTS } from '../e2e/lib/hosts.mjs';
import { startServer } from '../e2e/lib/server.mjs';
import { createVault, lock, openPopup, PASSWORD } from '../e2e/lib/steps.mjs';
import { measureQrDecode } from './qr-decode.mjs';
import { bundleSizes } from './sizes.mjs';

const ACCOUNTS = 500;
const OPEN_RUNS = 5;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Adds `count` accounts with random secrets through the protocol, from the popup page. */
async function addAccounts(page, count) {
  return page.evaluate(async (n) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const api = globalThis.browser ?? globalThis.chrome;
    for (let i = 0; i < n; i++) {
      const secret = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => alphabet[b % 32]).join('');
      const uri = `otpauth://totp/Bench%20${i}:user${i}@example.com?secret=${secret}&issuer=Bench%20${i}`;
      const reply = await api.runtime.sendMessage({ type: 'accounts.addUri', uri });
      if (!reply?.ok) throw new Error(`add ${i}: ${JSON.stringify(reply)}`);
    }
    return n;
  }, count);
}

/** Milliseconds from the page's navigation start to the `codes-visible` mark, once `count` codes show. */
async function codesVisibleMs(page, count) {
  await page.waitForCount('code', count, { timeout: 30_000 });
  return page.evaluate(() => performance.getEntriesByName('twostep:codes-visible')[0]?.startTime ?? null);
}

const BENCH_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const QR_TEXT = `otpauth://totp/Microsoft:bench@outlook.example?secret=${BENCH_SECRET}&issuer=Microsoft`;
const PAGE_RUNS = 5;

/**
 * On a Microsoft setup page: the time from a QR image being inserted to TwoStep's prompt showing
 * (QR candidate found → pixels → background decode → offer). Measured inside the page.
 */
async function qrToPromptMs(ext) {
  const times = [];
  for (let i = 0; i < PAGE_RUNS; i++) {
    const page = await ext.openUrl('https://account.live.com/proofs/Add?qr=none&keytext=0');
    await new Promise((r) => setTimeout(r, 500)); // let the fixture and the content script settle
    times.push(
      await page.evaluate(async (text) => {
        const seen = () =>
          document.querySelector('twostep-prompt')?.shadowRoot?.querySelector('[data-kind=account]');
        const img = document.createElement('img');
        img.alt = 'QR code';
        img.width = 200;
        img.height = 200;
        const start = performance.now();
        img.src = `/__qr.png?text=${encodeURIComponent(text)}&scale=6`;
        document.body.append(img);
        while (!seen()) {
          if (performance.now() - start > 10_000) return null; // bounded: report, never hang
          await new Promise((r) => setTimeout(r, 5));
        }
        return performance.now() - start;
      }, QR_TEXT),
    );
    await page.close();
  }
  return times.includes(null) ? null : Math.round(median(times));
}

/** On login.live.com: the time from the old UI's code field appearing to TwoStep filling it. */
async function fieldToFilledMs(ext) {
  const times = [];
  for (let i = 0; i < PAGE_RUNS; i++) {
    const page = await ext.openUrl('https://login.live.com/ppsecure/post.srf?bench=1');
    await new Promise((r) => setTimeout(r, 500));
    // Start from an empty page, so the field measured is the only one (the fixture has its own).
    await page.evaluate(() => document.body.replaceChildren());
    await new Promise((r) => setTimeout(r, 300));
    times.push(
      await page.evaluate(async () => {
        const form = document.createElement('form');
        form.innerHTML =
          '<div id="idDiv_SAOTCC_Title">Enter code</div>' +
          '<div id="idDiv_SAOTCC_Description">Enter the code displayed in the authenticator app on your mobile device</div>' +
          '<input id="idTxtBx_SAOTCC_OTC" name="otc" type="tel" maxlength="6" autocomplete="off" placeholder="Code" aria-label="Code">';
        const start = performance.now();
        document.body.append(form);
        const input = form.querySelector('input');
        while (!/^\d{6}$/.test(input.value)) {
          if (performance.now() - start > 10_000) return null; // bounded: report, never hang
          await new Promise((r) => setTimeout(r, 5));
        }
        return performance.now() - start;
      }),
    );
    await page.close();
  }
  return times.includes(null) ? null : Math.round(median(times));
}

async function measureBrowser(browserName, server) {
  const { launch } = await import(`../e2e/lib/${browserName}.mjs`);
  const ext = await launch({ server, extensionPath: buildDir(browserName) });
  try {
    await ext.trustFixtureCertificate?.();
    const setup = await openPopup(ext);
    const createStart = Date.now();
    await createVault(setup);
    const create = Date.now() - createStart;
    const qrPrompt = await qrToPromptMs(ext);
    await setup.evaluate(async (uri) => {
      const api = globalThis.browser ?? globalThis.chrome;
      await api.runtime.sendMessage({ type: 'accounts.addUri', uri });
    }, QR_TEXT);
    const filled = await fieldToFilledMs(ext);
    const addStart = Date.now();
    await addAccounts(setup, ACCOUNTS - 1);
    const perAdd = (Date.now() - addStart) / ACCOUNTS;
    await setup.close();

    const opens = [];
    for (let i = 0; i < OPEN_RUNS; i++) {
      const popup = await openPopup(ext, { state: 'unlocked' });
      opens.push(await codesVisibleMs(popup, ACCOUNTS));
      if (i < OPEN_RUNS - 1) await popup.close();
      else {
        await lock(popup);
        await popup.fill('unlock-password', PASSWORD);
        await popup.click('unlock-submit');
        await codesVisibleMs(popup, ACCOUNTS);
        const unlock = await popup.evaluate(() => {
          const start = performance.getEntriesByName('twostep:unlock-submit').at(-1)?.startTime;
          const shown = performance.getEntriesByName('twostep:codes-visible').at(-1)?.startTime;
          return start !== undefined && shown !== undefined ? shown - start : null;
        });
        return {
          [`${browserName}_vault_create_ms`]: create,
          [`${browserName}_qr_inserted_to_prompt_ms`]: qrPrompt,
          [`${browserName}_code_field_to_filled_ms`]: filled,
          [`${browserName}_add_account_ms_at_${ACCOUNTS}`]: Math.round(perAdd * 10) / 10,
          [`${browserName}_popup_open_to_codes_ms_${ACCOUNTS}_accounts`]: Math.round(median(opens)),
          [`${browserName}_unlock_to_codes_ms_${ACCOUNTS}_accounts`]: Math.round(unlock),
        };
      }
    }
    return {};
  } finally {
    await ext.close();
  }
}

const results = {
  ...Object.fromEntries(
    Object.entries(bundleSizes(buildDir('chromium'))).map(([k, v]) => [`chrome_${k}`, v]),
  ),
  ...Object.fromEntries(
    Object.entries(bundleSizes(buildDir('firefox'))).map(([k, v]) => [`firefox_${k}`, v]),
  ),
};
// QR decode in Node's V8 (the engine of Chrome's service worker), before the browsers start.
Object.assign(results, await measureQrDecode());
const cert = createCert(FIXTURE_HOSTS);
const server = await startServer({
  pagesDir: path.join(ROOT, 'tests/fixtures/pages'),
  hosts: FIXTURE_HOSTS,
  cert,
});
try {
  for (const browserName of ['chromium', 'firefox'])
    Object.assign(results, await measureBrowser(browserName, server));
} finally {
  await server.close();
  cert.cleanup();
}

const width = Math.max(...Object.keys(results).map((k) => k.length));
console.log(`${'metric'.padEnd(width)}  value`);
for (const [name, value] of Object.entries(results)) console.log(`${name.padEnd(width)}  ${value}`);
fs.mkdirSync(path.join(ROOT, '.output'), { recursive: true });
fs.writeFileSync(path.join(ROOT, '.output/bench.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('written to .output/bench.json');
