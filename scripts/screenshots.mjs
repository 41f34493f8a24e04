// npm run screenshots: the picture tour. Drives the BUILT Chromium extension (.output/chrome-mv3,
// or $E2E_OUTPUT_DIR/chrome-mv3) in headless Debian Chromium through the main screens and the
// in-page prompts on the HTTPS fixture pages (tests/fixtures/pages, served under their real host
// names by the e2e harness, nothing leaves loopback), and writes
//   docs/screenshots/*.png   the README's "Picture tour"
//   public/welcome/*.png     the first-run page's pictures (entrypoints/welcome/Welcome.tsx)
// Everything shown is fake: example.com / outlook.example / contoso.example accounts and the
// fixtures' made-up secrets. Output is "deterministic-ish": fixed viewports, device scale factor 1,
// light theme (one dark popup), caret hidden, animations off; only live codes and the countdown
// differ between runs.
//
// The welcome pictures become part of the extension only at the next build (they live in public/).
// So the welcome page's own screenshot is taken with this run's pictures copied into the running
// copy of the extension, and the script says when the build it drove carries older ones.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { createCert } from '../tests/e2e/lib/cert.mjs';
import { launch } from '../tests/e2e/lib/chromium.mjs';
import { buildDir, ROOT, sleep } from '../tests/e2e/lib/extension.mjs';
import { FIXTURE_HOSTS } from '../tests/e2e/lib/hosts.mjs';
import { startServer } from '../tests/e2e/lib/server.mjs';
import { addByUri, createVault, PASSWORD, readAccounts } from '../tests/e2e/lib/steps.mjs';
import { APP_PASSWORDS, ENABLETFA } from '../tests/e2e/stories/_lib/fixtures.mjs';
import { expectCode, PROMPT_TIMEOUT } from '../tests/e2e/stories/_lib/flows.mjs';

const SHOTS_DIR = path.join(ROOT, 'docs/screenshots');
const WELCOME_DIR = path.join(ROOT, 'public/welcome');
/** The welcome pictures ship inside the extension: each must stay well under 80 KB. */
const WELCOME_BUDGET = 60 * 1024;

/** Sizes in CSS pixels (device scale factor 1, so also in image pixels). */
const POPUP = { width: 380, height: 600 }; // inside the popup's 360–480 px width
const WEB = { width: 960, height: 460 }; // a small window: the prompt (top right, 360 px) leaves the page text free
const FULL = { width: 860, height: 700 }; // the full-page views (settings, transfer, welcome)

/** Extra accounts for the list (obviously fake; the Microsoft one comes from the capture). */
const MORE_ACCOUNTS = [
  'otpauth://totp/Contoso%3Apat%40contoso.example?secret=q2cy7wtnmb4xkrhz&issuer=Microsoft',
  'otpauth://totp/GitHub:pat@example.com?secret=GH4TQ2XW7ZLMNPRS&issuer=GitHub',
  'otpauth://totp/Example%20Bank:pat@example.com?secret=EXBQ7XM4ZRKW2TBL&issuer=Example%20Bank&digits=8',
  'otpauth://hotp/Example%20VPN:pat@example.com?secret=VPNQ7XM4ZRKW2TBL&issuer=Example%20VPN&counter=3',
];
const GOOGLE = APP_PASSWORDS.find((a) => a.provider === 'google');
const MICROSOFT_APP_PASSWORD = APP_PASSWORDS.find((a) => a.provider === 'microsoft');
const DESTINATION = 'pat@contoso.example';

const written = [];

/**
 * Re-encodes a Chromium PNG smaller: RGB without alpha, deflate level 9, adaptive filters. When a
 * budget is given and not met, the colour channels are quantised step by step (6, 5, 4 bits): UI
 * pictures are flat colours plus anti-aliasing, so this is invisible at 6 bits and mild at 4, and
 * it is what lets deflate find the repeats.
 */
function compact(buffer, budget = Number.POSITIVE_INFINITY) {
  const image = PNG.sync.read(buffer);
  const encode = () =>
    PNG.sync.write(image, { colorType: 2, inputHasAlpha: true, deflateLevel: 9, filterType: -1 });
  let out = encode();
  for (const bits of [6, 5, 4]) {
    if (out.length <= budget) break;
    const mask = (0xff << (8 - bits)) & 0xff;
    const half = 1 << (7 - bits); // round to the nearest level, not down
    for (let i = 0; i < image.data.length; i += 4) {
      for (let c = 0; c < 3; c++) image.data[i + c] = Math.min(255, image.data[i + c] + half) & mask;
    }
    out = encode();
  }
  if (out.length > budget) {
    throw new Error(`a picture is ${out.length} bytes after quantisation, over ${budget}: crop it smaller`);
  }
  return { data: out, width: image.width, height: image.height };
}

function save(dir, name, buffer, budget) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  const { data, width, height } = compact(buffer, budget);
  fs.writeFileSync(file, data);
  written.push({ file: path.relative(ROOT, file), width, height, bytes: data.length });
  return file;
}

/** The union of the boxes of `selectors` (those present), padded, inside the viewport. */
async function unionClip(raw, selectors, pad = 10) {
  const boxes = [];
  for (const selector of selectors) {
    const box = await raw
      .locator(selector)
      .first()
      .boundingBox({ timeout: 2000 })
      .catch(() => null);
    if (box) boxes.push(box);
  }
  if (boxes.length === 0) throw new Error(`none of ${selectors.join(', ')} is on the page`);
  const view = raw.viewportSize();
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - pad);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - pad);
  const right = Math.min(view.width, Math.max(...boxes.map((b) => b.x + b.width)) + pad);
  const bottom = Math.min(view.height, Math.max(...boxes.map((b) => b.y + b.height)) + pad);
  return { x, y, width: right - x, height: bottom - y };
}

/** A picture of the viewport (or `clip`), with the caret hidden and animations stopped. */
function grab(raw, { clip, fullPage = false } = {}) {
  return raw.screenshot({ clip, fullPage, animations: 'disabled', caret: 'hide', scale: 'css' });
}

/** The popup shows nothing below its content: crop to the content's height. */
async function grabPopup(raw) {
  const height = await raw.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  const view = raw.viewportSize();
  return grab(raw, { clip: { x: 0, y: 0, width: view.width, height: Math.min(view.height, height) } });
}

/** The in-page prompt box, inside TwoStep's open shadow root (Playwright's CSS pierces it). */
const PROMPT = 'twostep-prompt [data-testid="twostep-prompt"]';

async function main() {
  const extensionPath = buildDir('chromium'); // honours E2E_OUTPUT_DIR, says "npm run build" when missing
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'twostep-shots-'));
  const cert = createCert(FIXTURE_HOSTS);
  let server = null;
  let ext = null;
  try {
    server = await startServer({
      pagesDir: path.join(ROOT, 'tests/fixtures/pages'),
      hosts: FIXTURE_HOSTS,
      cert,
    });
    // profileDir is ours, so we know where the running copy of the extension is (welcome pictures).
    ext = await launch({ server, extensionPath, headless: true, profileDir: profile });
    await ext.trustFixtureCertificate(); // the worker's clock check fetches login.live.com (a fixture)
    return await tour(ext, path.join(profile, 'extension'), extensionPath);
  } finally {
    await ext?.close().catch(() => {});
    await server?.close().catch(() => {});
    cert.cleanup();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

async function tour(ext, runningCopy, extensionPath) {
  // 1. First run: the master password form, with the strength hint showing.
  const popup = await ext.openExtensionPage('popup.html');
  await popup.raw.setViewportSize(POPUP);
  await popup.waitForState('setup');
  await popup.fill('setup-password', PASSWORD);
  await popup.fill('setup-confirm', PASSWORD);
  await popup.waitFor('setup-strength');
  const setup = await grabPopup(popup.raw);
  save(SHOTS_DIR, 'popup-setup.png', setup);
  save(WELCOME_DIR, 'master-password.png', setup, WELCOME_BUDGET);
  await createVault(popup);

  // 2. Microsoft's 2SV wizard (fixture): its own-app QR first → TwoStep's advice.
  const web = await ext.openUrl(ENABLETFA.url);
  await web.raw.setViewportSize(WEB);
  await web.waitForPrompt({ kind: 'microsoft-app', timeout: PROMPT_TIMEOUT });
  await web.waitForElement('#iBarcodeArea img');
  await settle(web.raw);
  save(SHOTS_DIR, 'prompt-microsoft-own-app.png', await grab(web.raw));
  save(
    WELCOME_DIR,
    'different-app.png',
    await grab(web.raw, { clip: await unionClip(web.raw, ['#iEnableTfaForm', PROMPT]) }),
    WELCOME_BUDGET,
  );

  // 3. "Set up a different Authenticator app" → the TOTP QR → TwoStep's "save" prompt.
  await web.trustedClick('#iSelectProofTypeAlternate');
  await web.waitForElement(ENABLETFA.verifyInput);
  await web.waitForPrompt({ kind: 'account', timeout: PROMPT_TIMEOUT });
  await settle(web.raw);
  save(SHOTS_DIR, 'prompt-save-account.png', await grab(web.raw));
  save(
    WELCOME_DIR,
    'capture.png',
    await grab(web.raw, { clip: await unionClip(web.raw, ['#iEnableTfaForm', PROMPT]) }),
    WELCOME_BUDGET,
  );
  await web.clickPrompt('twostep-save');
  await web.waitForPromptText('twostep-status', /saved/i);
  await expectCode(web, ENABLETFA.verifyInput, ENABLETFA.secret);
  await settle(web.raw);
  save(SHOTS_DIR, 'setup-code-filled.png', await grab(web.raw));

  // 4. Next → "Two-step verification is turned on" with the recovery code → its prompt.
  await web.trustedClick('#iNext');
  await web.waitForElement('#RecoveryCode b');
  await web.waitForPrompt({ kind: 'recoveryCode', timeout: PROMPT_TIMEOUT });
  await settle(web.raw);
  save(SHOTS_DIR, 'prompt-recovery-code.png', await grab(web.raw));
  save(
    WELCOME_DIR,
    'recovery-code.png',
    await grab(web.raw, { clip: await unionClip(web.raw, ['#RecoveryCode', PROMPT]) }),
    WELCOME_BUDGET,
  );
  await web.clickPrompt('twostep-save');
  await web.waitForPromptText('twostep-status', /saved/i);
  await web.close();

  // 5. Microsoft's app password page → the app-password prompt (saved too).
  const msPw = await ext.openUrl(MICROSOFT_APP_PASSWORD.url);
  await msPw.raw.setViewportSize(WEB);
  await msPw.trustedClick('#iCreateAppPassword');
  await msPw.waitForElement('#iAppPasswordValue');
  await msPw.waitForPrompt({ kind: 'appPassword', timeout: PROMPT_TIMEOUT });
  await settle(msPw.raw);
  save(SHOTS_DIR, 'prompt-app-password-microsoft.png', await grab(msPw.raw));
  save(
    WELCOME_DIR,
    'app-password.png',
    await grab(msPw.raw, { clip: await unionClip(msPw.raw, ['#root', PROMPT]) }),
    WELCOME_BUDGET,
  );
  await msPw.clickPrompt('twostep-save');
  await msPw.waitForPromptText('twostep-status', /saved/i);
  await msPw.close();

  // 6. Google's app password (still good for IMAP migrations) → the same kind of prompt.
  const google = await ext.openUrl(GOOGLE.url);
  await google.raw.setViewportSize(WEB);
  for (const step of GOOGLE.steps) {
    if (step.type) await google.typeInto(step.type, step.text);
    else await google.trustedClick(step.click);
  }
  await google.waitForPrompt({ kind: 'appPassword', timeout: PROMPT_TIMEOUT });
  await settle(google.raw);
  save(SHOTS_DIR, 'prompt-app-password-google.png', await grab(google.raw));
  await google.clickPrompt('twostep-save');
  await google.waitForPromptText('twostep-status', /saved/i);
  await google.close();

  // 7. A sign-in: login.live.com's "Enter code" gets the captured account's code by itself.
  // (Before the work account is added: two Microsoft accounts would get a chooser instead.)
  const signin = await ext.openUrl('https://login.live.com/login.srf');
  await signin.raw.setViewportSize(WEB);
  await expectCode(signin, '#idTxtBx_SAOTCC_OTC', ENABLETFA.secret);
  await settle(signin.raw);
  save(SHOTS_DIR, 'signin-code-filled.png', await grab(signin.raw));
  await signin.close();

  // 8. The unlocked popup with several accounts, live codes and the countdown; dark; search; add.
  await popup.reload();
  await popup.waitForState('unlocked');
  // The list arrives after "unlocked": addByUri counts rows before adding, so wait for the
  // captured Microsoft account to be listed first (else it counts 0 and then sees 2).
  await popup.waitForCount('account-row', 1);
  for (const uri of MORE_ACCOUNTS) await addByUri(popup, uri);
  await popup.waitForCount('account-row', MORE_ACCOUNTS.length + 1);
  await popup.reload(); // drops the "Added …" notice: the list as the user opens it
  await popup.waitForState('unlocked');
  await popup.waitForCount('account-row', MORE_ACCOUNTS.length + 1);
  await waitForCodes(popup);
  save(SHOTS_DIR, 'popup-accounts.png', await grabPopup(popup.raw));
  await popup.raw.emulateMedia({ colorScheme: 'dark' }); // the theme setting defaults to "system"
  await sleep(200);
  save(SHOTS_DIR, 'popup-accounts-dark.png', await grabPopup(popup.raw));
  await popup.raw.emulateMedia({ colorScheme: 'light' });
  await popup.fill('search', 'microsoft');
  await sleep(300);
  save(SHOTS_DIR, 'popup-search.png', await grabPopup(popup.raw));
  await popup.fill('search', '');
  await popup.click('add-button');
  await popup.waitFor('add-uri');
  save(SHOTS_DIR, 'popup-add.png', await grabPopup(popup.raw));
  await popup.click('add-cancel');

  // 9. Passwords view (masked), then the IMAP migration CSV for the Google app password.
  await popup.click('passwords-button');
  await popup.waitForCount('secret-row', 3);
  save(SHOTS_DIR, 'popup-passwords.png', await grabPopup(popup.raw));
  const googleIndex = await popup.evaluate(() =>
    [...document.querySelectorAll('[data-testid="secret-select"]')].findIndex((box) =>
      /google/i.test(box.closest('[data-testid="secret-row"]')?.textContent ?? ''),
    ),
  );
  if (googleIndex < 0) throw new Error('the passwords view has no selectable Google app password');
  await popup.click('export-csv');
  await popup.click('secret-select', { index: googleIndex });
  await popup.fill('export-destination', DESTINATION);
  await popup.click('export-submit');
  await popup.waitFor('export-preview');
  const csv = await popup.text('export-preview');
  if (!csv.startsWith('EmailAddress,UserName,Password')) throw new Error(`unexpected CSV: ${csv}`);
  // Scroll so the preview is in the picture (the list above it is the previous shot).
  await popup.raw.locator('[data-testid="export-preview"]').scrollIntoViewIfNeeded();
  const csvShot = await grab(popup.raw);
  save(SHOTS_DIR, 'popup-imap-csv.png', csvShot);
  save(
    WELCOME_DIR,
    'imap-csv.png',
    await grab(popup.raw, {
      clip: await unionClip(popup.raw, [
        'label:has([data-testid="export-destination"])',
        '[data-testid="export-preview"]',
      ]),
    }),
    WELCOME_BUDGET,
  );
  await popup.close();

  // 10. The full pages: settings, transfer (import / backup / export), welcome.
  for (const [page, name, ready] of [
    ['options.html', 'settings.png', 'autolock-minutes'],
    ['transfer.html', 'transfer.png', 'import-drop'],
  ]) {
    const view = await ext.openExtensionPage(page);
    await view.raw.setViewportSize(FULL);
    await view.waitFor(ready);
    await settle(view.raw);
    save(SHOTS_DIR, name, await grab(view.raw, { fullPage: true }));
    await view.close();
  }

  // The welcome page with THIS run's pictures: copy them into the running extension copy (an
  // unpacked extension serves its files from disk), and say when the build is behind.
  const stale = [];
  for (const file of fs.readdirSync(WELCOME_DIR).filter((f) => f.endsWith('.png'))) {
    const fresh = fs.readFileSync(path.join(WELCOME_DIR, file));
    const built = path.join(extensionPath, 'welcome', file);
    if (!fs.existsSync(built) || !fs.readFileSync(built).equals(fresh)) stale.push(file);
    fs.mkdirSync(path.join(runningCopy, 'welcome'), { recursive: true });
    fs.writeFileSync(path.join(runningCopy, 'welcome', file), fresh);
  }
  const welcome = await ext.openExtensionPage('welcome.html');
  await welcome.raw.setViewportSize(FULL);
  await welcome.waitFor('welcome-steps');
  await welcome.raw.evaluate(async () => {
    // loading=lazy: make every picture load and decode before the full-page capture.
    for (const img of document.images) img.loading = 'eager';
    await Promise.all([...document.images].map((img) => img.decode().catch(() => {})));
  });
  const broken = await welcome.raw.evaluate(() =>
    [...document.images].filter((img) => img.naturalWidth === 0).map((img) => img.getAttribute('src')),
  );
  if (broken.length > 0)
    throw new Error(`the welcome page has pictures that did not load: ${broken.join(', ')}`);
  // The top of the page (title and the first steps): the whole page is ~2,800 px tall, too long for
  // a README picture, and every step picture is in the tour on its own anyway.
  const top = { x: 0, y: 0, width: FULL.width, height: 1100 };
  save(SHOTS_DIR, 'welcome.png', await grab(welcome.raw, { fullPage: true, clip: top }));
  await welcome.close();
  return stale;
}

/** Lets late renders, fonts and the prompt's entrance settle before a picture. */
async function settle(raw) {
  await raw.evaluate(() => document.fonts?.ready);
  await sleep(350);
}

/** Waits until every row shows a code (the list renders before the first codes arrive). */
async function waitForCodes(popup, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const rows = await readAccounts(popup);
    if (rows.length > 0 && rows.every((r) => r.code && /\w/.test(r.code))) return;
    if (Date.now() > end) throw new Error(`codes never appeared: ${JSON.stringify(rows)}`);
    await sleep(150);
  }
}

const started = Date.now();
try {
  const stale = await main();
  for (const w of written) {
    console.log(`${w.file}  ${w.width}×${w.height}  ${(w.bytes / 1024).toFixed(1)} KB`);
  }
  console.log(`${written.length} pictures in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (stale?.length) {
    console.log(
      `note: the build lacks or has older welcome pictures (${stale.join(', ')}); rebuild to ship this run's`,
    );
  }
} catch (error) {
  console.error(`screenshots: ${error?.stack ?? error}`);
  process.exitCode = 1;
}
