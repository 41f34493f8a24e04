/**
 * The lexical pieces of a key URI: percent-decoding with our own errors, the query, and the
 * `issuer:account` label. Kept apart from `otpauth-uri.ts` so each stays small.
 */
import { InvalidUriError } from './errors';

/**
 * Percent-decodes `value`. In the query `+` is a space (form encoding); in the path it is a literal
 * `+` (peers.md §5). Malformed escapes become an `InvalidUriError` instead of leaking a `URIError`.
 */
export function percentDecode(value: string, where: string, plusIsSpace: boolean): string {
  const text = plusIsSpace ? value.replace(/\+/g, ' ') : value;
  // A raw unpaired surrogate passes decodeURIComponent but could never be written back out
  // (encodeURIComponent throws on it), so it is refused here, once, with a clear message.
  const lone = /\p{Cs}/u.exec(text);
  if (lone)
    throw new InvalidUriError(
      `${where} must be well-formed Unicode, got an unpaired surrogate at position ${lone.index + 1}`,
    );
  try {
    return decodeURIComponent(text);
  } catch (error) {
    const bad = /%(?![0-9a-f]{2})/i.exec(text);
    const found = bad
      ? `'${text.slice(bad.index, bad.index + 3)}' at position ${bad.index + 1}`
      : 'bytes that are not UTF-8';
    throw new InvalidUriError(`${where} must be valid percent-encoded UTF-8 (%XX), got ${found}`, {
      cause: error,
    });
  }
}

/** Raw (still encoded) query values by lower-cased name; the first occurrence wins, as in URLSearchParams. */
export type RawQuery = ReadonlyMap<string, string>;

/**
 * Splits `a=1&b=2` without decoding the values, so a malformed escape in a parameter we ignore
 * (unknown params are ignored, peers.md §5) cannot make the whole URI fail. Names are matched
 * case-insensitively, since some generators write `Secret=`.
 */
export function splitQuery(query: string): RawQuery {
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = eq === -1 ? pair : pair.slice(0, eq);
    let name: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' ')).trim().toLowerCase();
    } catch {
      continue; // a name we cannot read is not one of ours
    }
    if (!params.has(name)) params.set(name, eq === -1 ? '' : pair.slice(eq + 1));
  }
  return params;
}

/** Reads and decodes one query parameter; `undefined` when absent. */
export function queryValue(query: RawQuery, name: string): string | undefined {
  const raw = query.get(name);
  return raw === undefined ? undefined : percentDecode(raw, `parameter '${name}'`, true);
}

export interface LabelParts {
  /** The text before the first colon, trimmed; '' when the label has no colon. */
  prefix: string;
  /** The account name, trimmed (spaces may follow the colon, Key URI Format). */
  account: string;
}

/**
 * Splits a decoded label into issuer prefix and account. The colon may have been `%3A` (Microsoft
 * work/school, microsoft-pages.md §4), so the split happens after decoding. When the `issuer`
 * parameter itself contains a colon and the label starts with it, that whole issuer is the prefix.
 */
export function splitLabel(label: string, issuerParam: string): LabelParts {
  let cut = -1;
  const head = label.slice(0, issuerParam.length);
  if (issuerParam.includes(':') && head.toLowerCase() === issuerParam.toLowerCase()) {
    if (label.charAt(issuerParam.length) === ':') cut = issuerParam.length;
  }
  if (cut === -1) cut = label.indexOf(':');
  if (cut === -1) return { prefix: '', account: label.trim() };
  return { prefix: label.slice(0, cut).trim(), account: label.slice(cut + 1).trim() };
}
