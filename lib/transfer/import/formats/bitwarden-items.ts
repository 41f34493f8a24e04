/**
 * What the JSON and CSV Bitwarden importers share: turning one login's `totp` value into an entry,
 * and its URIs into the sites the account is offered for (peers.md §4.6).
 */
import { type ManualEntry, OtpError, parseOtpauthUri } from '../../../otp/index';
import { entryName, type ResultBuilder } from '../entry';

/** One login item, reduced to the fields an account needs. */
export interface BitwardenLogin {
  /** The item's name ("GitHub"). */
  name: string;
  username: string;
  /** `login.totp` / `login_totp`: an otpauth URI, `steam://<secret>`, or a bare base32 secret. */
  totp: string;
  uris: readonly string[];
}

/**
 * The `totp` value as an entry. Naming follows Stratum and the corpus README: an `otpauth://` URI
 * names the account itself (its issuer and label, falling back to the item's name and username when
 * the URI leaves them out); `steam://` and bare secrets carry no names, so the item's name is the
 * issuer and its username the account.
 *
 * @throws {OtpError} when the URI or secret is not usable (the caller skips the item).
 */
export function entryFromTotp(login: BitwardenLogin): ManualEntry {
  const value = login.totp.trim();
  // Base32 has no colon, so anything with a scheme is a URI: otpauth:// and steam:// are read, any
  // other scheme (otpauth-migration://, https://) is refused by the parser with its own message.
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    const draft = parseOtpauthUri(value);
    if (draft.kind === 'steam' && /^steam:/i.test(value)) {
      // steam:// has no label: parseOtpauthUri calls it "Steam"; the item names it better.
      return { kind: 'steam', secret: draft.secret, issuer: login.name, label: login.username };
    }
    return {
      kind: draft.kind,
      secret: draft.secret,
      algorithm: draft.algorithm,
      digits: draft.digits,
      period: draft.period,
      counter: draft.counter,
      issuer: draft.issuer || login.name,
      label: draft.label || login.username,
      organisation: draft.organisation,
    };
  }
  // A bare secret: Bitwarden's own defaults for it are TOTP, SHA1, 6 digits, 30 s.
  return { kind: 'totp', secret: value, issuer: login.name, label: login.username };
}

/** Adds the login's account to `builder`, or a skip naming the item when its `totp` is unusable. */
export function addLogin(builder: ResultBuilder, login: BitwardenLogin): void {
  let entry: ManualEntry;
  try {
    entry = entryFromTotp(login);
  } catch (error) {
    if (!(error instanceof OtpError)) throw error;
    builder.skip(entryName(login.name, login.username), error.message);
    return;
  }
  builder.add(entry, sitesFromUris(login.uris));
}

/**
 * The host names of the http(s) URIs, deduplicated in order. Bitwarden lets users save URIs
 * without a scheme ("example.com") and opens them as web pages, so those count too; app URIs
 * (`androidapp://`, `iosapp://`) and other schemes are not sites.
 */
export function sitesFromUris(uris: readonly string[]): string[] {
  const hosts = new Set<string>();
  for (const uri of uris) {
    const host = hostOf(uri);
    if (host !== undefined) hosts.add(host);
  }
  return [...hosts];
}

function hostOf(uri: string): string | undefined {
  const text = uri.trim();
  if (text === '' || /\s/.test(text)) return undefined;
  let candidate: string;
  if (/^https?:\/\//i.test(text)) candidate = text;
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return undefined;
  // `mailto:x`, `androidapp:x`, but not `example.com:8443/login` (a port after a host).
  else if (/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text)) return undefined;
  else candidate = `https://${text}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/\.$/, '');
  if (host === '') return undefined;
  // A bare word ("notes", "intranet") saved without a scheme is more likely a note than a site.
  const schemeless = candidate !== text;
  if (schemeless && !host.includes('.') && !host.startsWith('[')) return undefined;
  return host;
}
