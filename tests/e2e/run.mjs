// Runs the E2E stories in one browser against the built extension:
//   node tests/e2e/run.mjs --browser chromium|firefox [--filter substr] [--headed]
// One fresh browser (and profile) per story, so stories are independent. Prints one
// PASS/FAIL line per story (ms = browser launch + story), then an E2E_RESULT JSON line.
// A story: export default { name, browsers?: ['chromium','firefox'], timeout?: ms,
//   expectedRefusedHosts?: [host], run: async ({ ext, server, ref, assert, browser, freshBrowser }) => {} }.
// After each story, any request the server refused (a host that is not a fixture) fails it,
// unless the story expects that host or it is known browser noise (hosts.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCert } from './lib/cert.mjs';
import { buildDir, ROOT, withTimeout } from './lib/extension.mjs';
import { BROWSER_NOISE_HOSTS, FIXTURE_HOSTS } from './lib/hosts.mjs';
import { startServer } from './lib/server.mjs';
import * as ref from './lib/totp-reference.mjs';

const STORY_TIMEOUT = 60_000;
const STORIES_DIR = path.join(ROOT, 'tests/e2e/stories');
const FAILURES_DIR = path.join(ROOT, '.output/e2e-failures');

const { values: args } = parseArgs({
  options: {
    browser: { type: 'string' },
    filter: { type: 'string', default: '' },
    headed: { type: 'boolean', default: false },
  },
});
const browser = args.browser;
const result = { browser, passed: 0, failed: 0, stories: [] };
const finish = (code, error) => {
  if (error) {
    result.error = error;
    result.failed = Math.max(result.failed, 1); // an aggregator summing passed/failed must see it
  }
  console.log(`E2E_RESULT ${JSON.stringify(result)}`);
  process.exit(code);
};

if (browser !== 'chromium' && browser !== 'firefox') {
  console.error('usage: node tests/e2e/run.mjs --browser chromium|firefox [--filter substr] [--headed]');
  finish(2, 'bad arguments');
}
let extensionPath;
try {
  extensionPath = buildDir(browser);
} catch (error) {
  console.error(`E2E ${browser}: ${error.message}`);
  finish(2, error.message);
}
ref.selfTest(); // a wrong reference would make every code check meaningless

const { launch } = await import(`./lib/${browser}.mjs`);
const stories = await loadStories(browser, args.filter);
if (stories.length === 0)
  finish(2, `no story matches --filter ${JSON.stringify(args.filter)} for ${browser}`);

let cert = null;
let server = null;
let ext = null;
const cleanup = async () => {
  await ext?.close().catch(() => {});
  await server?.close().catch(() => {});
  cert?.cleanup();
};
// The drivers' own signal handlers are off (they exit at once and leave temp profiles behind).
// A signal closes the running browser, which ends the story; the loop then stops and the
// `finally` below cleans up. A timer forces the exit if something hangs anyway.
let interrupted = null;
process.stdout.on('error', () => {}); // a closed pipe (`| head`) must not crash past the cleanup
process.on('uncaughtException', (error) => {
  console.error(`E2E ${browser}: uncaught ${error?.stack ?? error}`);
  cleanup().finally(() => finish(1, `uncaught: ${oneLine(error)}`));
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    interrupted = signal;
    void ext?.close().catch(() => {});
    setTimeout(() => finish(130, `interrupted by ${signal} (forced)`), 15_000).unref();
  });
}

try {
  cert = createCert(FIXTURE_HOSTS);
  server = await startServer({
    pagesDir: path.join(ROOT, 'tests/fixtures/pages'),
    hosts: FIXTURE_HOSTS,
    cert,
  });
  for (const story of stories) {
    if (interrupted) break;
    const started = Date.now();
    try {
      // story.launchOptions: driver options a story needs, e.g. { persistentProfile: true }.
      ext = await launch({ server, extensionPath, headless: !args.headed, ...story.launchOptions });
      if (interrupted) break; // the finally below closes it
      await withTimeout(
        story.run({
          ext,
          server,
          ref,
          assert,
          browser,
          // A second, fresh profile (e.g. restoring a backup elsewhere); the first one is closed.
          // { sameProfile: true }: the browser is quit and started again on the same profile.
          freshBrowser: async ({ sameProfile = false } = {}) => {
            if (sameProfile) {
              ext = await ext.relaunch();
              return ext;
            }
            await ext.close().catch(() => {});
            ext = await launch({ server, extensionPath, headless: !args.headed });
            return ext;
          },
        }),
        story.timeout ?? STORY_TIMEOUT,
        `story ${story.name} did not finish`,
      );
      // Nothing but fixture hosts may be contacted (the browsers' own update pings are known noise).
      const tolerated = [...BROWSER_NOISE_HOSTS, ...(story.expectedRefusedHosts ?? [])];
      const unexpected = server.refusedSince(started).filter((r) => !tolerated.includes(r.host));
      if (unexpected.length > 0) {
        throw new Error(
          `unexpected network requests: ${unexpected.map((r) => `${r.via} ${r.host}${r.url}`).join(', ')}`,
        );
      }
      const ms = Date.now() - started;
      result.passed++;
      result.stories.push({ name: story.name, ok: true, ms });
      console.log(`PASS ${browser} ${story.name} (${ms} ms)`);
    } catch (error) {
      if (interrupted) break;
      const ms = Date.now() - started;
      result.failed++;
      result.stories.push({ name: story.name, ok: false, ms });
      console.log(`FAIL ${browser} ${story.name}: ${oneLine(error)}`);
      const shot = await screenshotLastPage(ext, `${browser}-${story.name}`);
      if (shot) console.log(`  screenshot: ${path.relative(ROOT, shot)}`);
      for (const line of ext?.logs ?? []) console.log(`  log: ${line}`);
      if (ext)
        console.log(`  ${await ext.diagnose().catch((e) => `background probe failed: ${oneLine(e)}`)}`);
      if (process.env.E2E_STACK) console.log(error.stack);
    } finally {
      await ext?.close().catch(() => {});
      ext = null;
    }
  }
} catch (error) {
  console.log(`FAIL ${browser} harness: ${oneLine(error)}`);
  result.failed++;
} finally {
  await cleanup();
}
if (interrupted) finish(130, `interrupted by ${interrupted}`);
finish(result.failed > 0 ? 1 : 0);

async function loadStories(browserName, filter) {
  const files = fs
    .readdirSync(STORIES_DIR)
    .filter((f) => f.endsWith('.mjs'))
    .sort();
  const out = [];
  for (const file of files) {
    const story = (await import(path.join(STORIES_DIR, file))).default;
    if (!story?.name || typeof story.run !== 'function') {
      throw new Error(`${file}: export default { name, run } expected`);
    }
    if (story.browsers && !story.browsers.includes(browserName)) continue;
    if (filter && !story.name.includes(filter) && !file.includes(filter)) continue;
    out.push(story);
  }
  return out;
}

async function screenshotLastPage(driver, name) {
  const page = driver?.pages.at(-1);
  if (!page) return null;
  fs.mkdirSync(FAILURES_DIR, { recursive: true });
  const file = path.join(FAILURES_DIR, `${name}.png`);
  try {
    await withTimeout(page.screenshot(file), 5000, 'screenshot');
    return file;
  } catch {
    return null;
  }
}

function oneLine(error) {
  return String(error?.message ?? error).replace(/\s*\n\s*/g, ' | ');
}
