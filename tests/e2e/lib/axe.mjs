// axe-core in the end-to-end stories, the same way in both drivers (issue 6, accessibility).
//
// Injection: axe's source is read from node_modules and evaluated as a string through the driver's
// own evaluate (Playwright: CDP Runtime.evaluate; Puppeteer over WebDriver BiDi: script.evaluate).
// Both run in the page's main world through the debugger protocol, outside the page's CSP, so it
// works on extension pages (whose CSP forbids inline scripts; measured in both browsers: an inline
// <script> added to popup.html never runs, while the driver's string evaluate does) and on web
// pages alike. Running in the
// main world also means axe sees the DOM the user's assistive technology sees, open shadow roots
// (TwoStep's in-page prompt) included.
//
// Colour scheme: Chromium emulates `prefers-color-scheme` per page (CDP, Playwright emulateMedia).
// Firefox over BiDi has no such command (Puppeteer's emulateMediaFeatures is CDP-only, and ESR 153
// answers emulation.setMediaFeaturesOverride with "unknown command", toolchain.md §10), so the
// browser-wide pref `layout.css.prefers-color-scheme.content-override` is set with system
// privileges (firefox.mjs chromeEval), which the harness's --remote-allow-system-access allows. It applies to every page
// at once, like changing the system theme does. setColorScheme() checks the page then really
// matches the requested scheme, so a no-op emulation fails instead of testing light twice.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromeEval } from './firefox.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE_PATH = require.resolve('axe-core/axe.min.js');
let axeSource = null;

/** WCAG 2.0, 2.1 and 2.2 level A and AA rules (what issue 6 asks for), no best-practice rules. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
/** Findings at these impacts fail a story; moderate and minor ones are reported only. */
export const BLOCKING_IMPACTS = ['serious', 'critical'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function rawOf(page) {
  return page.raw ?? page;
}

function isPlaywright(raw) {
  return typeof raw.emulateMedia === 'function' && typeof raw.browserContext !== 'function';
}

/** Puts `window.axe` into the page (once per document). */
export async function injectAxe(page) {
  const raw = rawOf(page);
  const present = await raw.evaluate(() => typeof window.axe?.run === 'function');
  if (present) return;
  axeSource ??= fs.readFileSync(AXE_SOURCE_PATH, 'utf8');
  // A string is evaluated as a script in the page; the trailing expression is its result.
  const type = await raw.evaluate(`${axeSource}\n;typeof window.axe?.run`);
  if (type !== 'function') throw new Error(`injecting axe-core failed: window.axe.run is ${type}`);
}

/**
 * Runs axe on the page (or on `include`, a CSS selector) with the WCAG 2 A/AA rules.
 * Returns { url, violations, incomplete }, each [{ id, impact, help, helpUrl, nodes: [{ target,
 * summary }] }]; a target inside a shadow root reads "host >>> inner".
 */
export async function runAxe(page, { include, rules } = {}) {
  await injectAxe(page);
  const raw = rawOf(page);
  return raw.evaluate(
    async ({ tags, include: sel, rules: ruleOptions }) => {
      const result = await window.axe.run(sel ? { include: [sel] } : document, {
        runOnly: { type: 'tag', values: tags },
        // Passes are not needed; incomplete ("needs review": e.g. a contrast axe could not
        // compute) is returned so a story can refuse a check that silently did not happen.
        resultTypes: ['violations', 'incomplete'],
        ...(ruleOptions ? { rules: ruleOptions } : {}),
      });
      // A target inside a shadow root is a list of selectors, host first.
      const target = (t) => (Array.isArray(t) ? t.map(target).join(' >>> ') : String(t));
      const summarise = (v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
          target: n.target.map(target).join(' '),
          summary: (
            n.failureSummary ??
            n.any
              .concat(n.all, n.none)
              .map((c) => c.message)
              .join('; ')
          )
            .replace(/\s+/g, ' ')
            .trim(),
        })),
      });
      return {
        url: location.href,
        violations: result.violations.map(summarise),
        incomplete: result.incomplete.map(summarise),
      };
    },
    { tags: WCAG_TAGS, include: include ?? null, rules: rules ?? null },
  );
}

/** Violations counted by impact: { critical, serious, moderate, minor } (nodes, not rules). */
export function countByImpact(violations) {
  const out = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of violations) out[v.impact ?? 'minor'] = (out[v.impact ?? 'minor'] ?? 0) + v.nodes.length;
  return out;
}

/** One line per offending node: "rule (impact) at target: help — summary". */
export function formatViolations(violations) {
  return violations
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id} (${v.impact}) at ${n.target}: ${v.help}${n.summary ? ` — ${n.summary}` : ''}`,
      ),
    )
    .join('\n');
}

/**
 * Runs axe and throws a readable list when anything serious or critical is found. `label` names
 * the page and state in the message. Returns the full result (moderate/minor findings included)
 * for the caller to report.
 */
export async function expectNoSeriousViolations(page, label, options = {}) {
  const result = await runAxe(page, options);
  const blocking = result.violations.filter((v) => BLOCKING_IMPACTS.includes(v.impact));
  if (blocking.length > 0) {
    const n = blocking.reduce((sum, v) => sum + v.nodes.length, 0);
    throw new Error(
      `axe: ${n} serious/critical finding(s) on ${label} (${result.url}):\n${formatViolations(blocking)}`,
    );
  }
  return result;
}

/**
 * Firefox: sets the content colour-scheme pref with system privileges (firefox.mjs chromeEval: a
 * system-principal about:config tab; BiDi's "moz:scope": "chrome" is not reliable on ESR 140,
 * which may answer with a content tab, where `Services` is undefined).
 */
async function setFirefoxContentScheme(raw, scheme) {
  // 0 = dark, 1 = light (2 = follow the browser theme, 3 = follow the system).
  const value = scheme === 'dark' ? 0 : 1;
  const reply = await chromeEval(
    raw.browser(),
    `Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${value}); 'ok'`,
  );
  if (reply !== 'ok')
    throw new Error(`setColorScheme: setting the Firefox pref answered ${JSON.stringify(reply)}`);
}

/**
 * Makes the page see `prefers-color-scheme: <scheme>` (as a system in light or dark mode would)
 * and waits until it does. Firefox: browser-wide, so every open page switches.
 */
export async function setColorScheme(page, scheme, { timeout = 3000 } = {}) {
  if (scheme !== 'light' && scheme !== 'dark') throw new Error(`setColorScheme: bad scheme ${scheme}`);
  const raw = rawOf(page);
  if (isPlaywright(raw)) await raw.emulateMedia({ colorScheme: scheme });
  else await setFirefoxContentScheme(raw, scheme);
  const end = Date.now() + timeout;
  for (;;) {
    const dark = await raw
      .evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)
      .catch(() => null);
    if (dark === (scheme === 'dark')) return;
    if (Date.now() >= end) throw new Error(`setColorScheme(${scheme}): the page still reports dark=${dark}`);
    await sleep(100);
  }
}
