/**
 * Origin binding: which pages may receive an account's codes. An entry is either `host:<name>` (that
 * exact host) or `domain:<name>` (that domain and every subdomain). Names are lowercase ASCII
 * (punycode), so a homograph such as `lіve.com` with a Cyrillic "і" is `xn--lve-jhd.com`, a different
 * name. Registrable domains come from the Public Suffix List via tldts, with its private section
 * on, so `pat.github.io` is a site of its own and `github.io` is a suffix nobody can bind.
 */
import { parse } from 'tldts';

/**
 * Microsoft sign-in and security hosts (microsoft-pages.md §1). Microsoft sign-in spans three
 * registrable domains and `microsoft.com` hosts many unrelated apps, so a Microsoft account binds
 * these exact hosts rather than any whole domain (§1 "Origin binding").
 */
export const MICROSOFT_HOSTS = [
  'login.live.com',
  'account.live.com',
  'login.microsoftonline.com',
  'login.microsoft.com',
  'mysignins.microsoft.com',
  'account.microsoft.com',
] as const;

const MICROSOFT_DOMAINS: ReadonlySet<string> = new Set(['live.com', 'microsoftonline.com', 'microsoft.com']);

export type BindingErrorCode =
  | 'empty'
  | 'not-https'
  | 'has-credentials'
  | 'bad-wildcard'
  | 'invalid-host'
  | 'ip-address'
  | 'local-host'
  | 'public-suffix';

/** A binding the user typed that cannot be stored; `code` tells the UI which hint to show. */
export class BindingError extends Error {
  override readonly name = 'BindingError';
  constructor(
    readonly code: BindingErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface Site {
  host: string;
  /** Registrable domain (eTLD+1, private suffixes included). */
  domain: string;
}

/**
 * The site a hostname (already lowercase ASCII, as `URL` gives it) belongs to, or a reason it has
 * none. IPs and `localhost` never get codes: their owner changes with the network. A trailing dot
 * (`login.live.com.`) is refused rather than folded: it is a distinct origin to the browser.
 */
function siteOf(host: string): Site | BindingError {
  const info = parse(host, { allowPrivateDomains: true });
  if (info.isIp || host.startsWith('[')) {
    return new BindingError('ip-address', `'${host}' is an IP address; bind a domain name instead`);
  }
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return new BindingError('local-host', `'${host}' is a local name; codes are only filled on public sites`);
  }
  // ASCII letters, digits, dots and hyphens only: what a stored entry may hold (`parseEntry`).
  if (!/^[a-z0-9.-]+$/.test(host) || host.endsWith('.') || info.hostname !== host) {
    return new BindingError('invalid-host', `'${host}' is not a valid host name`);
  }
  if (info.domain === null || info.domain === '') {
    const what =
      info.publicSuffix === host ? 'is a public suffix shared by unrelated owners' : 'has no domain';
    return new BindingError('public-suffix', `'${host}' ${what}; bind a host or domain under it`);
  }
  return { host, domain: info.domain };
}

const quote = (text: string) => `'${text.slice(0, 80)}'`;

function fail(code: BindingErrorCode, message: string, cause?: unknown): never {
  throw new BindingError(code, message, cause === undefined ? undefined : { cause });
}

/** `https://…` text → its hostname. */
function hostOfUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    return fail('invalid-host', `${quote(text)} is not a valid URL`, error);
  }
  if (url.protocol !== 'https:') {
    fail(
      'not-https',
      `expected an https:// address, got '${url.protocol}': codes are only filled over https`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    // `https://login.live.com@evil.test/` is a page on evil.test: refuse rather than bind the wrong host.
    fail('has-credentials', `${quote(text)} has a user name before '@'; its host is '${url.hostname}'`);
  }
  return url.hostname;
}

/** A bare name (`example.com`, IDN allowed) → lowercase ASCII host, through the URL parser. */
function hostOfName(name: string): string {
  if (name.includes('*'))
    fail('bad-wildcard', `'*' may only start the entry, as in *.example.com; got ${quote(name)}`);
  if (!/^[^\s/\\?#@:%]+$/u.test(name))
    fail('invalid-host', `${quote(name)} is not a host name such as login.example.com`);
  try {
    return new URL(`https://${name.replace(/\.$/, '')}/`).hostname;
  } catch (error) {
    return fail('invalid-host', `${quote(name)} is not a valid host name`, error);
  }
}

/**
 * A user's edit → canonical entry. `example.com` (a registrable domain) and `*.example.com` →
 * `domain:example.com`; `login.example.com` and any `https://` URL → `host:<its host>` (path and
 * port dropped); canonical entries come back unchanged. Unicode names become punycode; one trailing
 * dot on a typed name is dropped.
 *
 * @throws {BindingError} with a `code` and a message saying what was expected and found.
 */
export function normaliseBinding(input: string): string {
  const text = input.trim();
  if (text === '') fail('empty', 'expected a host or domain such as example.com, got nothing');
  const prefixed = /^(host|domain):(?!\/\/)(.*)$/is.exec(text);
  const isUrl = prefixed === null && /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  const wildcard = prefixed === null && !isUrl && text.startsWith('*.');
  const host = isUrl ? hostOfUrl(text) : hostOfName(prefixed?.[2] ?? (wildcard ? text.slice(2) : text));
  const site = siteOf(host);
  if (site instanceof BindingError) throw site;
  const kind =
    prefixed?.[1]?.toLowerCase() ?? (isUrl || (!wildcard && site.host !== site.domain) ? 'host' : 'domain');
  return `${kind}:${site.host}`;
}

/** Stored entries are re-validated on use: a damaged `domain:com` must never match all of .com. */
function parseEntry(entry: string): { kind: 'host' | 'domain'; host: string } | null {
  const match = /^(host|domain):([a-z0-9.-]+)$/.exec(entry);
  if (match === null || match[1] === undefined || match[2] === undefined) return null;
  const site = siteOf(match[2]);
  return site instanceof BindingError ? null : { kind: match[1] as 'host' | 'domain', host: site.host };
}

/**
 * Whether a page at `url` may receive codes under `bindings`. Only `https:` pages with a public
 * domain name; `host:` matches the exact hostname, `domain:` the name itself or a subdomain (label
 * boundary, so `login-live.com` and `live.com.evil.test` never match `domain:live.com`). Never throws.
 */
export function isBoundTo(bindings: readonly string[], url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false; // not a URL: nothing to fill
  }
  if (parsed.protocol !== 'https:') return false;
  const site = siteOf(parsed.hostname);
  if (site instanceof BindingError) return false;
  return bindings.some((raw) => {
    const entry = parseEntry(raw);
    if (entry === null) return false;
    if (entry.kind === 'host') return entry.host === site.host;
    return site.host === entry.host || site.host.endsWith(`.${entry.host}`);
  });
}

/**
 * Bindings for a new account: captured on a Microsoft domain → the exact Microsoft hosts (§1);
 * captured on any other page → `domain:` of that page's registrable domain, whatever issuer the QR
 * claims (a page could otherwise plant an account "issued by Microsoft" that then appears on
 * Microsoft's sign-in pages); added without a page (typed, imported) → the Microsoft hosts for a
 * Microsoft issuer, else none.
 */
export function defaultBindingsFor(draft: { issuer: string }, capturedOn?: URL): string[] {
  const onSite = capturedOn?.protocol === 'https:' ? siteOf(capturedOn.hostname) : null;
  const site = onSite instanceof BindingError ? null : onSite;
  const microsoft = MICROSOFT_HOSTS.map((host) => `host:${host}`);
  if (site !== null) return MICROSOFT_DOMAINS.has(site.domain) ? microsoft : [`domain:${site.domain}`];
  return draft.issuer.trim().toLowerCase() === 'microsoft' ? microsoft : [];
}
