// Debian's Firefox ESR driven by puppeteer-core over WebDriver BiDi, with the MV2 build installed
// as a temporary add-on (toolchain.md §9). All traffic goes through the local CONNECT proxy.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { HELPER_PAGE, prepareExtension, probeBackground, sleep, withTimeout } from './extension.mjs';
import { DEFAULT_TIMEOUT, navigate, wrapPage } from './page.mjs';

const EXECUTABLE = process.env.E2E_FIREFOX ?? '/usr/bin/firefox-esr';
const MARKER = '__e2eRestartMarker';
/** How long the MV2 event page may idle before Firefox suspends it (default 30 s). */
export const BACKGROUND_IDLE_MS = 2000;

/** The privileged page of each running browser (chromeEval). */
const privilegedPages = new WeakMap();

/**
 * Evaluates `expression` (a script: its last statement's value is returned) with system
 * privileges (`Cc`, `Ci`, `Services`, `WebExtensionPolicy`), in a tab showing `about:config`: a
 * parent-process page with the system principal, which WebDriver BiDi may evaluate in when Firefox
 * runs with --remote-allow-system-access. Not the browser window through BiDi's "moz:scope":
 * "chrome": Debian's Firefox ESR 140 ignores that parameter and returns the content tabs
 * (measured: the evaluation then fails with "Cc is not defined"). The tab is opened once per
 * browser, not tracked as a story page, and checked before each use.
 */
export async function chromeEval(browser, expression) {
  let page = privilegedPages.get(browser);
  if (!page || page.isClosed()) {
    page = await browser.newPage();
    privilegedPages.set(browser, page);
    await navigate(page, 'about:config');
  }
  const privileged = await page.evaluate('typeof Services === "object" && typeof Cc === "object"');
  if (!privileged) {
    throw new Error('about:config has no system privileges here (is --remote-allow-system-access set?)');
  }
  return withTimeout(page.evaluate(expression), 10_000, 'a privileged evaluation');
}

/** Prefs that route everything through the local proxy and keep Firefox's own traffic off. */
function prefs({ proxyPort, geckoId, uuid }) {
  return {
    // A fixed moz-extension://<uuid>/ host, so pages can be opened by URL.
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
    // Optional host permissions are granted without the doorhanger a real user would click
    // (headless has no one to click it); the request itself still goes through the extension API.
    'extensions.webextOptionalPermissionPrompts': false,
    // Suspend the non-persistent background quickly, so restartBackground() takes seconds.
    'extensions.background.idle.timeout': BACKGROUND_IDLE_MS,
    // Every request, loopback included, goes to the proxy: fixture hosts are tunnelled to the
    // fixture server, anything else gets a logged 403 (toolchain.md §8 "Keep the browsers off").
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.trr.mode': 5, // no DNS over HTTPS
    'network.dns.disablePrefetch': true,
    'network.predictor.enabled': false,
    'network.http.speculative-parallel-limit': 0,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'app.update.enabled': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'browser.search.update': false,
    'toolkit.telemetry.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'services.settings.server': 'http://127.0.0.1:9/',
    'browser.region.network.url': '',
    // openRealPopup(): a test cannot click the toolbar button, and Firefox ESR 140 refuses
    // browserAction.openPopup() without a user gesture ("openPopup requires a user gesture";
    // measured here: real-popup failed without this pref, with the committed harness too).
    'extensions.openPopupWithoutUserGesture.enabled': true,
  };
}

/**
 * @param {{ server: { proxyPort: number }, extensionPath: string, headless?: boolean,
 *   persistentProfile?: boolean, profileDir?: string, uuid?: string }} options
 * `persistentProfile`: install the add-on PERMANENTLY (an unsigned XPI through BiDi
 * `moz:permanent`, allowed by xpinstall.signatures.required=false on ESR), so it survives a
 * relaunch() on the same profile as an installed add-on does; a temporary add-on is removed when
 * Firefox closes. `profileDir` and `uuid` are passed by relaunch().
 */
export async function launch({
  server,
  extensionPath,
  headless = true,
  persistentProfile = false,
  profileDir,
  uuid: givenUuid,
  grantPermissions = [],
}) {
  if (!fs.existsSync(EXECUTABLE)) throw new Error(`${EXECUTABLE} not found: apt-get install -y firefox-esr`);
  const relaunching = profileDir !== undefined;
  const profile = profileDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-firefox-'));
  let browser = null;
  const pages = [];
  const logs = [];

  const close = async ({ keepProfile = false } = {}) => {
    const b = browser;
    browser = null;
    if (b) {
      await withTimeout(b.close(), 10_000, 'closing Firefox').catch(() => b.process()?.kill('SIGKILL'));
    }
    if (!keepProfile) fs.rmSync(profile, { recursive: true, force: true });
  };

  const { dir, manifest } = prepareExtension(extensionPath, profile, { grantPermissions });
  const geckoId = manifest.browser_specific_settings?.gecko?.id ?? manifest.applications?.gecko?.id;
  if (!geckoId) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw new Error(
      'the Firefox manifest has no browser_specific_settings.gecko.id: needed for a fixed moz-extension UUID',
    );
  }
  const uuid = givenUuid ?? randomUUID();
  const userDataDir = path.join(profile, 'user-data');
  fs.mkdirSync(userDataDir, { recursive: true });
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: EXECUTABLE,
      headless,
      userDataDir,
      args: ['--remote-allow-system-access'], // else moz-extension:// pages cannot be opened
      acceptInsecureCerts: true, // the fixture certificate is self-signed
      defaultViewport: { width: 420, height: 640 },
      protocolTimeout: 30_000,
      // run.mjs closes the browser and deletes the profile on signals; puppeteer's own handlers
      // would exit the process first and leave the temp folders behind.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // Firefox honours services.settings.server only with this set; without it, it calls
      // firefox.settings.services.mozilla.com (refused by the proxy, but noisy in the log).
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      timeout: 30_000,
      extraPrefsFirefox: {
        ...prefs({ proxyPort: server.proxyPort, geckoId, uuid }),
        ...(persistentProfile && { 'xpinstall.signatures.required': false }),
      },
    });
    if (!persistentProfile) {
      await withTimeout(browser.installExtension(dir), 15_000, 'installing the add-on');
    } else if (!relaunching) {
      const xpi = path.join(profile, 'twostep-e2e.xpi');
      execFileSync('zip', ['-qr', xpi, '.'], { cwd: dir });
      await withTimeout(
        browser.connection.send('webExtension.install', {
          extensionData: { type: 'archivePath', path: xpi },
          'moz:permanent': true,
        }),
        15_000,
        'installing the add-on permanently',
      );
    } // relaunching a persistent profile: the add-on is already installed in it
  } catch (error) {
    await close();
    throw error;
  }

  const extensionBase = `moz-extension://${uuid}/`;

  const track = (raw, label, target = 'self') => {
    raw.on?.('console', (m) => {
      if (m.type() === 'error') logs.push(`[${label}] console.error: ${m.text()}`);
    });
    raw.on?.('pageerror', (e) => logs.push(`[${label}] ${e.message}`));
    const page = wrapPage(raw, { target, label, onClose: () => pages.splice(pages.indexOf(page), 1) });
    pages.push(page);
    return page;
  };

  const openPage = async (url, label) => {
    const raw = await browser.newPage();
    const page = track(raw, label);
    try {
      await navigate(raw, url); // page.goto never resolves for moz-extension pages: poll instead
    } catch (error) {
      await page.close();
      throw error;
    }
    return page;
  };

  /** An inert extension page: storage reads, extension.getViews, background checks. */
  let helper = null;
  const getHelper = async () => {
    if (!helper || helper.closed) helper = await openPage(`${extensionBase}${HELPER_PAGE}`, 'helper');
    return helper;
  };

  const isEventPage = manifest.manifest_version === 2 && manifest.background?.persistent === false;
  let pendingMarker = null;

  return {
    name: 'firefox',
    extensionBase,
    logs,
    get pages() {
      return pages.filter((p) => !p.closed && p.label !== 'helper');
    },

    openExtensionPage: (pathname) => openPage(`${extensionBase}${pathname.replace(/^\//, '')}`, pathname),
    openUrl: (url) => openPage(url, url),

    /** { local, session, sync } read with browser.storage.*.get(null) in an extension page. */
    async dumpStorage() {
      const h = await getHelper();
      return withTimeout(
        h.evaluate(async () => {
          const out = {};
          for (const area of ['local', 'session', 'sync']) {
            try {
              out[area] = await browser.storage[area].get(null);
            } catch (error) {
              out[area] = { __e2eError: String(error) };
            }
          }
          return out;
        }),
        5000,
        'dumpStorage in an extension page',
      );
    },

    /**
     * Firefox cannot be told to stop an event page, so this waits until it suspends on its own
     * (idle timeout BACKGROUND_IDLE_MS): a marker global is set in the background window, then
     * extension.getBackgroundPage() — which does not wake it — is polled until it returns null.
     * Open popup tabs polling the background keep it awake, so stories close them first.
     * It is not woken here: the next message must do that. assertBackgroundFresh() checks the
     * woken page no longer has the marker.
     */
    async restartBackground({ timeout = 15_000 } = {}) {
      if (!isEventPage) {
        throw new Error(
          `restartBackground needs an MV2 event page (background.persistent: false); manifest has ${JSON.stringify(manifest.background)}`,
        );
      }
      const h = await getHelper();
      const marker = `m${Date.now()}${Math.random()}`;
      await withTimeout(
        h.evaluate(
          async ([k, v]) => {
            const bg = await browser.runtime.getBackgroundPage();
            bg[k] = v;
          },
          [MARKER, marker],
        ),
        5000,
        'setting the marker in the background page',
      );
      pendingMarker = marker;
      const started = Date.now();
      for (;;) {
        const running = await h.evaluate(() => !!browser.extension.getBackgroundPage());
        if (!running) break;
        if (Date.now() - started > timeout) {
          throw new Error(
            `the event page was not suspended within ${timeout} ms (idle timeout ${BACKGROUND_IDLE_MS} ms): something keeps it awake (open port, popup polling, pending listener promise)`,
          );
        }
        await sleep(200);
      }
      return { stopped: true, marker: true, waitedMs: Date.now() - started };
    },

    /** After restartBackground() and a message that woke it: the page must be a new instance. */
    async assertBackgroundFresh({ timeout = DEFAULT_TIMEOUT } = {}) {
      const h = await getHelper();
      const end = Date.now() + timeout;
      for (;;) {
        const state = await h.evaluate((k) => {
          const bg = browser.extension.getBackgroundPage(); // null while suspended; does not wake it
          return bg ? { running: true, marker: bg[k] ?? null } : { running: false };
        }, MARKER);
        if (state.running) {
          if (pendingMarker && state.marker === pendingMarker) {
            throw new Error(
              'the background page still has the marker set before the restart: it never stopped',
            );
          }
          return { fresh: true, markerChecked: pendingMarker !== null };
        }
        if (Date.now() > end) throw new Error('the background page did not come back after the restart');
        await sleep(100);
      }
    },

    /** Opens the real toolbar popup (browserAction.openPopup) and returns a page wrapper on it. */
    async openRealPopup({ timeout = DEFAULT_TIMEOUT } = {}) {
      const h = await getHelper();
      await withTimeout(
        h.evaluate(() => (browser.browserAction ?? browser.action).openPopup()),
        timeout,
        'browserAction.openPopup()',
      );
      // BiDi does not expose the popup as a context; reach its document through getViews.
      const popup = wrapPage(h.raw, { target: 'popup', label: 'real popup' });
      await popup.waitFor('app', { timeout, visible: false });
      return popup;
    },

    /**
     * Same contract as the Chromium driver's: accept the fixture certificate everywhere. Nothing
     * to do here: `acceptInsecureCerts` already covers the background page (measured: its fetches
     * to fixture hosts reach the server).
     */
    async trustFixtureCertificate() {},

    /**
     * For FAIL reports: does the background answer a message? An unknown message type should get
     * some answer; "Receiving end does not exist" means it failed to load or registered no
     * listener; no answer means a listener that never responds.
     */
    async diagnose() {
      return probeBackground(await getHelper());
    },

    /**
     * Tells Firefox's own idle service that the user just did something, as its widget code does
     * for real keyboard and mouse input (nsIUserIdleServiceInternal.resetIdleTimeOut), through a
     * privileged evaluation (chromeEval: a system-principal about: page, allowed by
     * --remote-allow-system-access). Driver input does not count (measured: BiDi mouse moves leave
     * idle.queryState "idle"), and headless Firefox otherwise counts idle time from launch. Left
     * alone afterwards, the real idle state follows from the real idle time.
     */
    async markUserActive() {
      const service = 'Cc["@mozilla.org/widget/useridleservice;1"].getService';
      const idleTimeMs = await chromeEval(
        browser,
        `${service}(Ci.nsIUserIdleServiceInternal).resetIdleTimeOut(0); ${service}(Ci.nsIUserIdleService).idleTime`,
      );
      return { idleTimeMs };
    },

    /**
     * Terminates the event page NOW, even with listeners still running (Firefox's own
     * extension.terminateBackground with disableResetIdleForTest, the call its idle timer makes,
     * reached through chromeEval's privileged page), and waits until the page is gone. For
     * interrupting a write half-way; restartBackground() waits for the idle suspension instead.
     */
    async killBackground({ timeout = 10_000 } = {}) {
      await chromeEval(
        browser,
        `void WebExtensionPolicy.getByID(${JSON.stringify(geckoId)}).extension.terminateBackground({ disableResetIdleForTest: true, ignoreDevToolsAttached: true }); true`,
      );
      const h = await getHelper();
      for (const end = Date.now() + timeout; ; await sleep(20)) {
        if (!(await h.evaluate(() => !!browser.extension.getBackgroundPage()))) return;
        if (Date.now() > end) throw new Error('the event page was not terminated');
      }
    },

    /**
     * The system clipboard's text, read by the test with Firefox's own clipboard service in a
     * privileged page (chromeEval, like markUserActive): the extension has no clipboardRead unless
     * granted, and a web page's readText() would need a paste prompt.
     */
    readClipboard: () =>
      chromeEval(
        browser,
        `(() => {
          const t = Cc['@mozilla.org/widget/transferable;1'].createInstance(Ci.nsITransferable);
          t.init(null);
          t.addDataFlavor('text/plain');
          Services.clipboard.getData(t, Ci.nsIClipboard.kGlobalClipboard, window.browsingContext.currentWindowContext);
          const out = {};
          try { t.getTransferData('text/plain', out); } catch { return ''; }
          return out.value ? out.value.QueryInterface(Ci.nsISupportsString).data : '';
        })()`,
      ),

    /** Puts `text` on the system clipboard, as the user copying something in another program. */
    async writeClipboard(text) {
      await chromeEval(
        browser,
        `Cc['@mozilla.org/widget/clipboardhelper;1'].getService(Ci.nsIClipboardHelper).copyString(${JSON.stringify(text)})`,
      );
    },

    /**
     * Quits Firefox and starts it again on the SAME profile with the same moz-extension UUID.
     * Needs persistentProfile (a temporary add-on does not survive the restart). Returns the new
     * driver; this one is closed.
     */
    async relaunch() {
      if (!persistentProfile) throw new Error('relaunch() needs launch({ persistentProfile: true })');
      await close({ keepProfile: true });
      return launch({
        server,
        extensionPath,
        headless,
        persistentProfile,
        profileDir: profile,
        uuid,
        grantPermissions,
      });
    },

    close,
  };
}
