/**
 * Auto-submit per site: after filling a code, TwoStep presses the page's Verify / Next button only
 * on the sites the user listed (microsoft-pages.md §8: never by default). A listed site is written
 * and matched exactly like an account's binding (lib/page/binding.ts): `login.live.com` is that
 * exact host, `live.com` or `*.live.com` the registrable domain and its subdomains (tldts), so one
 * rule decides both where a code may go and where it may be submitted.
 *
 * Everything here is pure; the background applies it to the browser's `sender` frame URL, never to
 * a claim in a message.
 */
import { BindingError, isBoundTo, normaliseBinding } from '../page/binding';
import { BackgroundError } from './errors';

/** Far more than anyone types by hand; keeps every code request's matching cheap. */
export const MAX_AUTO_SUBMIT_SITES = 100;

/** The stored shape of the two auto-submit settings. */
export interface AutoSubmitSettings {
  /** Kept from TwoStep before per-site auto-submit, or chosen: submit wherever a code is filled. */
  autoSubmitEverywhere: boolean;
  /** Canonical `host:<name>` / `domain:<name>` entries, as account bindings store them. */
  autoSubmitSites: string[];
}

const quote = (text: string) => `'${text.length > 80 ? `${text.slice(0, 80)}…` : text}'`;

/**
 * Problems the binding parser would accept or describe too vaguely for this list: a bare scheme,
 * and a page instead of a site. Binding quietly drops a URL's path (an account is bound to a site,
 * wherever it was captured); here a typed path would suggest auto-submit is per page, so it is
 * refused with the site to write instead.
 */
function listProblem(text: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:\/*$/i.test(text)) {
    return `${quote(text)} has no host name; write a site such as login.live.com`;
  }
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (isUrl) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return null; // normaliseBinding names the problem
    }
    if (url.protocol === 'https:' && (url.pathname !== '/' || url.search !== '' || url.hash !== '')) {
      return `${quote(text)} is a page, but auto-submit is chosen per site: write ${url.hostname}`;
    }
    return null;
  }
  const slash = text.search(/[/?#]/);
  if (slash > 0) {
    return `${quote(text)} has a path, but auto-submit is chosen per site: write ${text.slice(0, slash)}`;
  }
  return null;
}

/**
 * The user's list (one entry per line or array item; blank ones ignored) → canonical entries.
 * Refuses the whole list at the first bad entry, naming its line and the reason, so nothing is
 * saved half-understood.
 *
 * @throws {BackgroundError} code `bad-site` (with the binding parser's reason), `duplicate-site`
 *   or `too-many-sites`.
 */
export function normaliseAutoSubmitSites(inputs: readonly string[]): string[] {
  const out: string[] = [];
  const firstLine = new Map<string, number>();
  const entries = inputs.map((raw, index) => ({ text: raw.trim(), line: index + 1 })).filter((e) => e.text);
  if (entries.length > MAX_AUTO_SUBMIT_SITES) {
    throw new BackgroundError(
      'too-many-sites',
      `Auto-submit sites: at most ${MAX_AUTO_SUBMIT_SITES} sites, got ${entries.length}.`,
    );
  }
  for (const { text, line } of entries) {
    const where = `Auto-submit sites, line ${line}`;
    const problem = listProblem(text);
    if (problem) throw new BackgroundError('bad-site', `${where}: ${problem}.`);
    let canonical: string;
    try {
      canonical = normaliseBinding(text);
    } catch (error) {
      if (error instanceof BindingError) {
        throw new BackgroundError('bad-site', `${where}: ${error.message}.`, { cause: error });
      }
      throw error;
    }
    const earlier = firstLine.get(canonical);
    if (earlier !== undefined) {
      throw new BackgroundError(
        'duplicate-site',
        `${where}: ${quote(text)} is the same site as line ${earlier}; list each site once.`,
      );
    }
    firstLine.set(canonical, line);
    out.push(canonical);
  }
  return out;
}

/** Whether a code filled into the frame at `frameUrl` (the browser's sender URL) is also submitted. */
export function autoSubmitsOn(settings: AutoSubmitSettings, frameUrl: string): boolean {
  // isBoundTo refuses non-https pages, IPs and local names even when "everywhere" is on: those
  // never get a code either, so there is nothing to submit.
  if (settings.autoSubmitEverywhere) return isFillable(frameUrl);
  return isBoundTo(settings.autoSubmitSites, frameUrl);
}

/** Any https page with a public domain name: where a bound account's code can be filled at all. */
function isFillable(frameUrl: string): boolean {
  try {
    const { hostname } = new URL(frameUrl);
    return isBoundTo([`host:${hostname}`], frameUrl);
  } catch {
    return false;
  }
}

/**
 * Settings stored by TwoStep before per-site auto-submit had one switch, `autoSubmit: boolean`.
 * Someone who had turned it on asked for "press Verify for me" on every site, so `true` becomes
 * `autoSubmitEverywhere: true` — the same behaviour, now shown as its own explicit option on the
 * settings page, which they can switch off in favour of a list. Guessing a list instead (say, the
 * sites their accounts are bound to today) would silently stop submitting on sites bound later.
 * `false` (the default) becomes no sites. The old key is dropped from the result; newer fields
 * already present win over the old switch.
 */
export function migrateStoredSettings(stored: Record<string, unknown>): Record<string, unknown> {
  if (!('autoSubmit' in stored)) return stored;
  const { autoSubmit, ...rest } = stored;
  if (typeof autoSubmit === 'boolean' && !('autoSubmitEverywhere' in rest)) {
    return { ...rest, autoSubmitEverywhere: autoSubmit };
  }
  return rest;
}
