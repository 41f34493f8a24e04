// Debian's Chromium driven by playwright-core, with the MV3 build loaded unpacked
// (toolchain.md §8). Every host name resolves to the local fixture server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { HELPER_PAGE, prepareExtension, probeBackground, sleep, withTimeout } from './extension.mjs';
import { GENERIC_OTP_HOSTS } from './hosts.mjs';
import { DEFAULT_TIMEOUT, navigate, wrapPage } from './page.mjs';

const EXECUTABLE = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const MARKER = '__e2eRestartMarker';

/**
 * @param {{ server: { httpsPort: number }, extensionPath: string, headless?: boolean, profileDir?: string }} options
 * `profileDir`: reuse the profile of an earlier launch (relaunch() passes it); default a new one.
 */
export async function launch({ server, extensionPath, headless = true, profileDir, grantPermissions = [] }) {
  if (!fs.existsSync(EXECUTABLE)) throw new Error(`${EXECUTABLE} not found: apt-get install -y chromium`);
  const profile = profileDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
  let context = null;
  const pages = [];
  const logs = [];
  let extensionId = null;

  const close = async ({ keepProfile = false } = {}) => {
    const ctx = context;
    context = null;
    if (ctx) await withTimeout(ctx.close(), 10_000, 'closing Chromium').catch(() => {});
    if (!keepProfile) fs.rmSync(profile, { recursive: true, force: true });
  };

  try {
    // The generic sites stand for sites the user allowed when binding an account (see prepareExtension).
    // login-live.com: a look-alike the user allowed for an account of its own (hostile-pages story):
    // the content script runs there, and the Microsoft account's code must still never reach it.
    const grantOrigins = [...GENERIC_OTP_HOSTS, 'github.com', 'login-live.com'].map(
      (host) => `https://${host}/*`,
    );
    const { dir } = prepareExtension(extensionPath, profile, { grantOrigins, grantPermissions });
    context = await chromium.launchPersistentContext(path.join(profile, 'user-data'), {
      executablePath: EXECUTABLE,
      headless, // new headless: extensions load
      ignoreHTTPSErrors: true, // the fixture certificate is self-signed
      viewport: { width: 420, height: 640 },
      timeout: 30_000,
      handleSIGINT: false, // run.mjs closes the browser and deletes the profile on signals
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        `--disable-extensions-except=${dir}`,
        `--load-extension=${dir}`,
        '--no-sandbox',
        '--disable-gpu',
        // Keep Chromium off the network: every name maps to the local server, which refuses and
        // logs hosts it has no fixtures for; plus the quiet flags of toolchain.md §8.
        `--host-resolver-rules=MAP * 127.0.0.1:${server.httpsPort}`,
        '--dns-prefetch-disable',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-default-apps',
        '--disable-domain-reliability',
        '--no-pings',
        '--no-first-run',
        '--disable-quic',
      ],
    });

    const first =
      context.serviceWorkers()[0] ??
      (await withTimeout(
        context.waitForEvent('serviceworker'),
        10_000,
        'the extension service worker never started (does the build have a background, did it throw at load?)',
      ));
    extensionId = new URL(first.url()).host;
  } catch (error) {
    await close();
    throw error;
  }

  const extensionBase = `chrome-extension://${extensionId}/`;

  // Console errors and uncaught errors of every page and of the service worker, for FAIL reports.
  const where = (m) => m.page?.()?.url() ?? m.worker?.()?.url() ?? 'worker';
  context.on('console', (m) => {
    if (m.type() === 'error') logs.push(`[${where(m)}] console.error: ${m.text()}`);
  });
  context.on('weberror', (e) => logs.push(`[${e.page()?.url() ?? 'worker'}] uncaught: ${e.error().message}`));

  const track = (raw, label, target = 'self') => {
    const page = wrapPage(raw, {
      target,
      label,
      onClose: () => pages.splice(pages.indexOf(page), 1),
    });
    pages.push(page);
    return page;
  };

  const openPage = async (url, label) => {
    const raw = await context.newPage();
    const page = track(raw, label);
    try {
      await navigate(raw, url);
    } catch (error) {
      await page.close();
      throw error;
    }
    return page;
  };

  /** An inert extension page: storage reads, extension.getViews, CDP sessions. */
  let helper = null;
  const getHelper = async () => {
    if (!helper || helper.closed) helper = await openPage(`${extensionBase}${HELPER_PAGE}`, 'helper');
    return helper;
  };

  // The service worker's running status, as CDP reports it. Playwright is no help here: its
  // worker handle is neither closed nor replaced when Chromium stops and restarts the worker
  // (measured: no 'close' event until the context closes, and evaluate() hangs while stopped).
  let cdp = null;
  let stoppedSeen = false; // latched: an open popup may wake the worker again within milliseconds
  const versions = new Map(); // versionId → runningStatus
  const swStatus = () =>
    versions.size === 0 ? 'unknown' : [...versions.values()].includes('running') ? 'running' : 'stopped';
  const ensureCdp = async () => {
    if (cdp) return;
    const h = await getHelper();
    cdp = await context.newCDPSession(h.raw);
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: list }) => {
      for (const v of list) {
        if (!v.scriptURL.startsWith(extensionBase)) continue;
        versions.set(v.versionId, v.runningStatus);
        if (v.runningStatus === 'stopped') stoppedSeen = true;
      }
    });
    await cdp.send('ServiceWorker.enable'); // replays the current versions right away
  };
  const waitStatus = async (wanted, timeout, message) => {
    for (const end = Date.now() + timeout; swStatus() !== wanted; await sleep(50)) {
      if (Date.now() > end) throw new Error(`${message} (status "${swStatus()}" after ${timeout} ms)`);
    }
  };

  /** Our worker's handle when it runs (or when its status is not known yet), else null. */
  const liveWorker = () => {
    if (swStatus() === 'stopped') return null;
    const ours = context.serviceWorkers().filter((w) => w.url().startsWith(extensionBase));
    return ours.at(-1) ?? null;
  };

  let pendingMarker = null;
  let certSession = null;

  /** A web page allowed to read and write the clipboard (readClipboard, writeClipboard). */
  const CLIPBOARD_ORIGIN = 'https://example.com';
  let clipboardTab = null;
  const clipboardPage = async () => {
    if (!clipboardTab || clipboardTab.closed) {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: CLIPBOARD_ORIGIN });
      clipboardTab = await openPage(`${CLIPBOARD_ORIGIN}/`, 'clipboard');
    }
    await clipboardTab.raw.bringToFront();
    return clipboardTab;
  };

  return {
    name: 'chromium',
    extensionBase,
    extensionId,
    logs,
    get pages() {
      return pages.filter((p) => !p.closed && p.label !== 'helper');
    },

    openExtensionPage: (pathname) => openPage(`${extensionBase}${pathname.replace(/^\//, '')}`, pathname),
    openUrl: (url) => openPage(url, url),

    /**
     * { local, session, sync } read inside the extension: in the service worker when it runs,
     * else in the helper page (so a dump never wakes a stopped worker).
     */
    async dumpStorage() {
      const read = async () => {
        const out = {};
        for (const area of ['local', 'session', 'sync']) {
          try {
            out[area] = await chrome.storage[area].get(null);
          } catch (error) {
            out[area] = { __e2eError: String(error) };
          }
        }
        return out;
      };
      const w = liveWorker();
      if (w) {
        // A worker Chrome stopped on its own (idle) before CDP watched it would hang evaluate().
        const dump = await withTimeout(w.evaluate(read), 3000, 'dumpStorage in the service worker').catch(
          () => null,
        );
        if (dump) return dump;
      }
      const h = await getHelper();
      return withTimeout(h.evaluate(read), 5000, 'dumpStorage in an extension page');
    },

    /**
     * Stops the MV3 service worker as Chrome does when it is idle (CDP
     * ServiceWorker.stopAllWorkers) and checks that CDP reports it "stopped". It is NOT started
     * again here: the next message (the popup's) must wake it, which is what catches listeners
     * registered too late. Before stopping, a marker global is set in the worker;
     * assertBackgroundFresh() then checks the woken worker no longer has it.
     */
    async restartBackground({ timeout = 10_000 } = {}) {
      await ensureCdp();
      const w = liveWorker();
      pendingMarker = null;
      if (w) {
        const marker = `m${Date.now()}${Math.random()}`;
        await withTimeout(
          w.evaluate(
            ([k, v]) => {
              globalThis[k] = v;
            },
            [MARKER, marker],
          ),
          5000,
          'setting the marker in the service worker',
        );
        pendingMarker = marker;
      }
      stoppedSeen = false;
      await cdp.send('ServiceWorker.stopAllWorkers');
      for (const end = Date.now() + timeout; !stoppedSeen; await sleep(50)) {
        if (Date.now() > end) {
          throw new Error(`the service worker did not stop (status "${swStatus()}" after ${timeout} ms)`);
        }
      }
      return { stopped: true, marker: pendingMarker !== null };
    },

    /** After restartBackground() and a message that woke it: the worker must be a new instance. */
    async assertBackgroundFresh({ timeout = DEFAULT_TIMEOUT } = {}) {
      await ensureCdp();
      await waitStatus('running', timeout, 'the service worker did not come back');
      const w = liveWorker();
      if (!w) throw new Error('CDP says the service worker runs, but playwright lists none');
      const marker = await withTimeout(
        w.evaluate((k) => globalThis[k] ?? null, MARKER),
        5000,
        'reading the marker in the service worker',
      );
      if (pendingMarker && marker === pendingMarker) {
        throw new Error('the service worker still has the marker set before the restart: it never stopped');
      }
      return { fresh: true, markerChecked: pendingMarker !== null };
    },

    /** Opens the real toolbar popup (chrome.action.openPopup) and returns a page wrapper on it. */
    async openRealPopup({ timeout = DEFAULT_TIMEOUT } = {}) {
      const h = await getHelper();
      await withTimeout(
        h.evaluate(() => chrome.action.openPopup()),
        timeout,
        'chrome.action.openPopup()',
      );
      const popup = wrapPage(h.raw, { target: 'popup', label: 'real popup' });
      await popup.waitFor('app', { timeout, visible: false });
      return popup;
    },

    /**
     * Accepts the self-signed fixture certificate in the WHOLE browser, the extension's service
     * worker included. `ignoreHTTPSErrors` covers pages only: without this, every fetch the
     * service worker makes to a fixture host fails with "Failed to fetch" before reaching the
     * server (measured), which real, validly certified hosts would not do. Browser-level CDP
     * `Security.setIgnoreCertificateErrors`; the session is kept open for the browser's lifetime.
     */
    async trustFixtureCertificate() {
      if (certSession) return;
      const browser = context.browser();
      if (!browser) throw new Error('no browser handle for a browser-level CDP session');
      const session = await browser.newBrowserCDPSession();
      await session.send('Security.setIgnoreCertificateErrors', { ignore: true });
      certSession = session;
    },

    /**
     * For FAIL reports: does the background answer a message? An unknown message type should get
     * some answer; "Receiving end does not exist" means it failed to load or registered no
     * listener; no answer means a listener that never responds.
     */
    async diagnose() {
      return probeBackground(await getHelper());
    },

    /**
     * Kills the service worker NOW, whatever it is doing (CDP ServiceWorker.stopAllWorkers, no
     * marker set first, so nothing waits for the worker), and waits until CDP reports it stopped.
     * For interrupting a write half-way; restartBackground() is the idle-stop check.
     */
    async killBackground({ timeout = 10_000 } = {}) {
      await ensureCdp();
      stoppedSeen = false;
      await cdp.send('ServiceWorker.stopAllWorkers');
      for (const end = Date.now() + timeout; !stoppedSeen; await sleep(20)) {
        if (Date.now() > end) throw new Error(`the service worker did not stop (status "${swStatus()}")`);
      }
    },

    /**
     * The system clipboard's text, read by the test (not by the extension). Chromium refuses to
     * grant web permissions to a chrome-extension:// origin ("opaque origin"), so the read happens
     * in a fixture page (https://example.com/, no content script there) given clipboard-read by
     * the driver, brought to the front (the async clipboard API needs a focused document).
     */
    async readClipboard() {
      const page = await clipboardPage();
      return withTimeout(
        page.evaluate(() => navigator.clipboard.readText()),
        5000,
        'reading the clipboard',
      );
    },

    /** Puts `text` on the system clipboard, as the user copying something in another program. */
    async writeClipboard(text) {
      const page = await clipboardPage();
      await withTimeout(
        page.evaluate((t) => navigator.clipboard.writeText(t), text),
        5000,
        'writing the clipboard',
      );
    },

    /**
     * Fires `idle.onStateChanged` with `state` inside the running service worker, through the
     * event object's own dispatch(): the listeners the extension registered run as they would for
     * the browser's event. Why not a real idle state: headless Chromium has no idle-time source
     * (measured: queryState(15) stays "active" for 75 s, with or without input) and CDP's
     * Emulation.setIdleOverride drives only the web Idle Detection API, not chrome.idle.
     * Returns whether the worker had a listener at all.
     */
    async emitIdleState(state, { timeout = DEFAULT_TIMEOUT } = {}) {
      await ensureCdp();
      if (swStatus() !== 'running') {
        const h = await getHelper(); // wake it the way any page does: a message
        await withTimeout(
          h.evaluate(() => chrome.runtime.sendMessage({ type: 'vault.status' })),
          timeout,
          'waking the service worker',
        );
        await waitStatus('running', timeout, 'the service worker did not start');
      }
      const w = liveWorker();
      if (!w) throw new Error('no running service worker to dispatch the idle state in');
      return withTimeout(
        w.evaluate((s) => {
          const event = chrome.idle.onStateChanged;
          const had = event.hasListeners();
          event.dispatch(s);
          return { hadListeners: had };
        }, state),
        5000,
        `dispatching idle state ${state}`,
      );
    },

    /**
     * Closes the browser as a user quits it and starts it again on the SAME profile (same user-data
     * folder, same unpacked path, hence the same extension id). Returns the new driver; this one is
     * closed. What a real restart clears (storage.session, the worker) is cleared by Chromium itself.
     */
    async relaunch() {
      await close({ keepProfile: true });
      return launch({ server, extensionPath, headless, profileDir: profile, grantPermissions });
    },

    close,
  };
}
