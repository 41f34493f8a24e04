/**
 * The Key URI Format (`otpauth://TYPE/LABEL?PARAMS`, Google's wiki; draft-andesco-otpauth-uri-00),
 * read leniently as real issuers write it (peers.md §5, microsoft-pages.md §4) and written
 * canonically so that `parseOtpauthUri(formatOtpauthUri(d))` gives `d` back.
 */
import { InvalidUriError, MigrationUriError, MissingParameterError, NotOtpauthUriError } from './errors';
import {
  COUNTER_EXPECTED,
  checkName,
  DIGITS_EXPECTED,
  PERIOD_EXPECTED,
  parseAlgorithm,
  parseKind,
  parseWholeNumber,
  shown,
} from './fields';
import { buildParams } from './params';
import type { AccountDraft } from './types';
import { percentDecode, queryValue, type RawQuery, splitLabel, splitQuery } from './uri-parts';

/**
 * Bounds the work an abusive input can cause, yet is long enough that any URI the parser accepted
 * can be written back and read again: percent-encoding a label of 4-byte characters makes it up to
 * six times longer (found by `npm run fuzz`: a 2,000-character URI was written as 2,049). A QR code
 * holds at most 2,953 bytes anyway.
 */
export const MAX_URI_LENGTH = 16_384;

/** A parameter's decoded, trimmed value; empty counts as absent (some generators write `period=`). */
function optional(query: RawQuery, name: string): string | undefined {
  const value = queryValue(query, name)?.trim();
  return value === '' ? undefined : value;
}

/** The display names; `organisation` is left out, not `undefined`, when there is none. */
function withNames(issuerText: string, labelText: string, organisationText: string | undefined) {
  const issuer = checkName('issuer', issuerText);
  const label = checkName('account name', labelText);
  if (organisationText === undefined) return { issuer, label };
  return { issuer, label, organisation: checkName('organisation', organisationText) };
}

/**
 * `steam://SECRET`, as some Steam Guard extraction tools print it: no label, no parameters.
 */
function parseSteamUri(text: string): AccountDraft {
  const body = text.slice('steam:'.length).replace(/^\/\//, '').split(/[?#]/)[0] ?? '';
  const secret = percentDecode(body.replace(/\/+$/, ''), 'secret', false);
  if (secret.trim() === '') {
    throw new MissingParameterError('secret', 'steam:// must be followed by the base32 secret, got nothing');
  }
  return { ...buildParams({ kind: 'steam', secret }), ...withNames('Steam', '', undefined) };
}

/**
 * Reads a key URI into a validated draft.
 *
 * Issuer rule: the `issuer` parameter wins; a label prefix that differs from it (case-insensitively)
 * is kept as `organisation`. Microsoft work/school URIs are `Contoso%3Auser%40contoso.com` with
 * `issuer=Microsoft` (microsoft-pages.md §4), which gives issuer "Microsoft", organisation "Contoso".
 *
 * Steam (peers.md §5): `otpauth://steam/…`, `steam://SECRET`, and a TOTP URI whose issuer is "Steam"
 * with no other digit count, or with `encoder=steam` (KeePassXC's spelling).
 *
 * @throws {OtpError} a subclass naming what was expected and what was found.
 */
export function parseOtpauthUri(uri: string): AccountDraft {
  const text = uri.trim();
  if (text.length > MAX_URI_LENGTH) {
    throw new InvalidUriError(`URI must be at most ${MAX_URI_LENGTH} characters, got ${text.length}`);
  }
  const rawScheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1];
  const scheme = rawScheme?.toLowerCase();
  if (scheme === 'otpauth-migration') {
    throw new MigrationUriError(
      'expected a single-account otpauth:// URI, got a Google Authenticator export (otpauth-migration://); ' +
        'it is imported separately',
    );
  }
  if (scheme === 'steam') return parseSteamUri(text);
  if (scheme !== 'otpauth') {
    // Schemes are written in lower case ("https", "phonefactor"); an upper-case "scheme" is more
    // likely a secret followed by a colon, so only its length is told.
    const found =
      rawScheme === undefined
        ? 'text without a URI scheme'
        : /^[a-z][a-z0-9+.-]{0,15}$/.test(rawScheme)
          ? `'${rawScheme}:'`
          : `a scheme of ${shown(rawScheme)}`;
    throw new NotOtpauthUriError(`expected a URI starting with otpauth://, got ${found}`);
  }
  const rest = text.slice('otpauth:'.length);
  if (!rest.startsWith('//')) {
    throw new InvalidUriError(
      `expected 'otpauth://' followed by the type, got 'otpauth:${rest.slice(0, 2)}'`,
    );
  }
  // Only `?` ends the path: a raw `#` is kept as data, since key URIs never carry a fragment and
  // treating it as one would silently drop the secret from `Foo#1:me?secret=…`.
  const q = rest.indexOf('?');
  const path = q === -1 ? rest.slice(2) : rest.slice(2, q);
  const query = splitQuery(q === -1 ? '' : rest.slice(q + 1));
  const slash = path.indexOf('/');
  const type = parseKind(slash === -1 ? path : path.slice(0, slash));
  const label = percentDecode(slash === -1 ? '' : path.slice(slash + 1), 'label', false);

  const issuerParam = optional(query, 'issuer') ?? '';
  const { prefix, account } = splitLabel(label, issuerParam);
  const issuer = issuerParam || prefix;
  const differs = issuerParam !== '' && prefix !== '' && prefix.toLowerCase() !== issuerParam.toLowerCase();

  const secret = queryValue(query, 'secret');
  if (secret === undefined) {
    throw new MissingParameterError(
      'secret',
      'the URI must have a secret parameter (the base32 key), got none',
    );
  }
  const digitsText = type === 'steam' ? undefined : optional(query, 'digits');
  const digits =
    digitsText === undefined ? undefined : parseWholeNumber('digits', digitsText, DIGITS_EXPECTED);
  let kind = type;
  if (type === 'totp') {
    const steamIssuer = issuer.toLowerCase() === 'steam' && (digits === undefined || digits === 5);
    if (steamIssuer || optional(query, 'encoder')?.toLowerCase() === 'steam') kind = 'steam';
  }
  const algorithmText = kind === 'steam' ? undefined : optional(query, 'algorithm');
  const periodText = kind === 'totp' ? optional(query, 'period') : undefined;
  const counterText = kind === 'hotp' ? optional(query, 'counter') : undefined;
  const params = buildParams({
    kind,
    secret,
    algorithm: algorithmText === undefined ? undefined : parseAlgorithm(algorithmText),
    digits,
    period: periodText === undefined ? undefined : parseWholeNumber('period', periodText, PERIOD_EXPECTED),
    counter:
      counterText === undefined ? undefined : parseWholeNumber('counter', counterText, COUNTER_EXPECTED),
  });
  return { ...params, ...withNames(issuer, account, differs ? prefix : undefined) };
}

function encode(value: string, what: string): string {
  try {
    return encodeURIComponent(value);
  } catch (error) {
    throw new InvalidUriError(`${what} must be well-formed Unicode, got an unpaired surrogate`, {
      cause: error,
    });
  }
}

/**
 * Writes a draft as a canonical key URI: percent-encoded label parts and issuer, every parameter
 * explicit (older Google Authenticator ignored them anyway, peers.md §5). The label prefix is the
 * organisation when there is one, else the issuer; a colon separates it even when it is empty if the
 * account itself contains a colon, so the account survives the round trip.
 *
 * Lossy by design: an `organisation` without an `issuer` comes back as the issuer, and a 5-digit
 * TOTP draft whose issuer is "Steam" comes back as Steam.
 */
export function formatOtpauthUri(draft: AccountDraft): string {
  const params = buildParams(draft);
  const issuer = draft.issuer.trim();
  const prefix = draft.organisation?.trim() || issuer;
  const account = draft.label.trim();
  const label =
    prefix !== '' || account.includes(':')
      ? `${encode(prefix, 'issuer')}:${encode(account, 'label')}`
      : encode(account, 'label');
  const query = [`secret=${params.secret}`];
  if (issuer !== '') query.push(`issuer=${encode(issuer, 'issuer')}`);
  query.push(`algorithm=${params.algorithm}`, `digits=${params.digits}`);
  if (params.kind === 'hotp') query.push(`counter=${params.counter}`);
  else query.push(`period=${params.period}`);
  return `otpauth://${params.kind}/${label}?${query.join('&')}`;
}
