/**
 * Google Authenticator's "Transfer accounts" export: `otpauth-migration://offline?data=<base64>`,
 * where `data` is a protobuf `MigrationPayload` (peers.md §4.1). The text may hold several such
 * links, one per line (the codes of one multi-QR export, or several exports): they are merged, a
 * repeated code counted once. A payload that is one part of a larger export reports its `batch`.
 */
import { bytesToBase32, type OtpKind } from '../../../otp/index';
import { entryName, ResultBuilder } from '../entry';
import { MigrationBatchCollector, MigrationBatchError, type MigrationPart } from '../migration-batches';
import {
  bytesOf,
  ProtobufError,
  readMessage,
  stringOf,
  toInt32,
  toInt64,
  varintOf,
} from '../protobuf-reader';
import { ImportError, type Importer, type ImportInput, type MigrationBatch } from '../types';

const FORMAT = 'google-migration';
const LABEL = 'Google Authenticator export';

/** The export has no period field (peers.md §4.1): every TOTP account is assumed to use 30 s. */
const MIGRATION_PERIOD = 30;

/** `otpauth-migration:` as the first thing in the text, after blank lines and `#` comments. */
const STARTS_WITH_MIGRATION = /^\s*(?:#[^\n]*\n\s*)*otpauth-migration:/i;

function damaged(message: string, cause?: unknown): ImportError {
  return new ImportError('IMPORT_DAMAGED', message, { cause, format: FORMAT });
}

/** The lines that carry something: trimmed, with blank lines and `#` comments dropped. */
function contentLines(text: string): Array<{ number: number; text: string }> {
  return text
    .split(/\r\n|\r|\n/)
    .map((line, i) => ({ number: i + 1, text: line.trim() }))
    .filter((line) => line.text !== '' && !line.text.startsWith('#'));
}

/**
 * Standard or URL-safe base64, with or without `=` padding (QR generators differ). Never treats a
 * space as `+`: `data` is percent-decoded only (peers.md §4.1), so a space means the link was mangled.
 */
function decodeBase64(text: string): Uint8Array {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  const bad = /[^A-Za-z0-9+/]/.exec(standard);
  if (bad !== null) {
    const ch = bad[0] === ' ' ? 'a space' : `'${bad[0]}'`;
    throw damaged(`The export's data must be base64, but it contains ${ch} at position ${bad.index + 1}.`);
  }
  if (standard.length % 4 === 1) {
    throw damaged(
      `The export's data must be base64, but its length (${standard.length} characters) is impossible: it is cut short or has an extra character.`,
    );
  }
  const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The decoded bytes of one `otpauth-migration://offline?data=…` link. */
export function migrationData(link: string): Uint8Array {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(link)?.[1];
  if (scheme?.toLowerCase() !== 'otpauth-migration') {
    const found =
      scheme === undefined ? 'text without a link' : `a link starting with '${scheme.slice(0, 24)}:'`;
    throw damaged(`Expected a Google Authenticator link (otpauth-migration://offline?data=…), got ${found}.`);
  }
  const match = /^otpauth-migration:\/\/([^/?#]*)\/?(?:\?([^#]*))?(?:#.*)?$/i.exec(link);
  if (match === null) {
    throw damaged(
      'Expected a Google Authenticator link of the form otpauth-migration://offline?data=…, got another shape.',
    );
  }
  const host = match[1] ?? '';
  if (host.toLowerCase() !== 'offline') {
    throw damaged(
      `Expected a Google Authenticator link to otpauth-migration://offline, got host '${host.slice(0, 24)}'.`,
    );
  }
  const pair = (match[2] ?? '').split('&').find((p) => /^data(=|$)/i.test(p));
  if (pair === undefined) {
    throw damaged(
      'The Google Authenticator link has no data parameter: the QR code was not read completely.',
    );
  }
  let data: string;
  try {
    data = decodeURIComponent(pair.slice('data='.length));
  } catch (error) {
    throw damaged("The export's data has a malformed %-escape (expected %XX).", error);
  }
  if (data === '') throw damaged('The Google Authenticator link has an empty data parameter.');
  return decodeBase64(data);
}

interface OtpParameters {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  counter: bigint;
}

/** `OtpParameters` (peers.md §4.1); unknown fields are skipped, absent ones take proto3 defaults. */
function decodeOtpParameters(bytes: Uint8Array): OtpParameters {
  const p: OtpParameters = {
    secret: new Uint8Array(0),
    name: '',
    issuer: '',
    algorithm: 0,
    digits: 0,
    type: 0,
    counter: 0n,
  };
  for (const field of readMessage(bytes)) {
    if (field.number === 1) p.secret = bytesOf(field);
    else if (field.number === 2) p.name = stringOf(field);
    else if (field.number === 3) p.issuer = stringOf(field);
    else if (field.number === 4) p.algorithm = toInt32(varintOf(field));
    else if (field.number === 5) p.digits = toInt32(varintOf(field));
    else if (field.number === 6) p.type = toInt32(varintOf(field));
    else if (field.number === 7) p.counter = toInt64(varintOf(field));
  }
  return p;
}

/** `MigrationPayload`: the accounts, plus the batch fields when the export spans several codes. */
function decodePayload(bytes: Uint8Array): { entries: OtpParameters[]; batch: MigrationBatch | undefined } {
  const entries: OtpParameters[] = [];
  let size = 0;
  let index = 0;
  let id = 0;
  for (const field of readMessage(bytes)) {
    if (field.number === 1) entries.push(decodeOtpParameters(bytesOf(field)));
    else if (field.number === 2)
      varintOf(field); // version: checked for shape, not used
    else if (field.number === 3) size = toInt32(varintOf(field));
    else if (field.number === 4) index = toInt32(varintOf(field));
    else if (field.number === 5) id = toInt32(varintOf(field));
  }
  return { entries, batch: size > 1 ? { id, index, size } : undefined };
}

/**
 * `name` is the otpauth label (peers.md §4.1): a leading `<issuer>:` is dropped from the account;
 * with an empty `issuer`, the part before `:` is the issuer; a prefix that differs from a non-empty
 * issuer is kept as the organisation, as the key-URI parser does (Microsoft work accounts).
 */
export function splitMigrationName(
  name: string,
  issuerField: string,
): { issuer: string; account: string; organisation?: string } {
  const issuer = issuerField.trim();
  if (issuer !== '' && name.toLowerCase().startsWith(`${issuer.toLowerCase()}:`)) {
    return { issuer, account: name.slice(issuer.length + 1).trim() };
  }
  const colon = name.indexOf(':');
  if (colon === -1) return { issuer, account: name.trim() };
  const prefix = name.slice(0, colon).trim();
  const account = name.slice(colon + 1).trim();
  if (issuer === '') return { issuer: prefix, account };
  if (prefix === '' || prefix.toLowerCase() === issuer.toLowerCase()) return { issuer, account };
  return { issuer, account, organisation: prefix };
}

const ALGORITHMS: Readonly<Record<number, string>> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const DIGITS: Readonly<Record<number, number>> = { 0: 6, 1: 6, 2: 8 };
const KINDS: Readonly<Record<number, OtpKind>> = { 1: 'hotp', 2: 'totp' };

function addEntry(builder: ResultBuilder, p: OtpParameters): void {
  const names = splitMigrationName(p.name, p.issuer);
  const shownName = entryName(names.issuer, names.account);
  const algorithm = ALGORITHMS[p.algorithm];
  if (algorithm === undefined) {
    builder.skip(
      shownName,
      p.algorithm === 4
        ? 'MD5 codes are not supported (only SHA1, SHA256 and SHA512)'
        : `the export names an unknown algorithm (${p.algorithm}); expected SHA1, SHA256 or SHA512`,
    );
    return;
  }
  const digits = DIGITS[p.digits];
  if (digits === undefined) {
    builder.skip(shownName, `the export names an unknown code length (${p.digits}); expected 6 or 8 digits`);
    return;
  }
  const kind = KINDS[p.type];
  if (kind === undefined) {
    builder.skip(
      shownName,
      p.type === 0
        ? 'the export does not say whether the code is time-based (TOTP) or counter-based (HOTP)'
        : `the export names an unknown code type (${p.type}); expected TOTP or HOTP`,
    );
    return;
  }
  builder.add({
    issuer: names.issuer,
    label: names.account,
    organisation: names.organisation,
    secret: bytesToBase32(p.secret),
    kind,
    algorithm,
    digits,
    period: MIGRATION_PERIOD,
    // An int64 beyond 2^53 becomes an unsafe number, which the validator rejects with a reason.
    counter: kind === 'hotp' ? Number(p.counter) : undefined,
  });
}

/**
 * Decodes one link into the accounts it holds.
 *
 * @throws {ImportError} `IMPORT_DAMAGED` for a link without data, undecodable base64, a truncated or
 *   malformed protobuf, or a payload without any account.
 */
export function decodeMigrationLink(link: string): MigrationPart {
  const bytes = migrationData(link.trim());
  let payload: ReturnType<typeof decodePayload>;
  try {
    payload = decodePayload(bytes);
  } catch (error) {
    if (!(error instanceof ProtobufError)) throw error;
    throw damaged(
      `The export's data is damaged or cut short (${error.message}); scan or copy the code again.`,
      error,
    );
  }
  if (payload.entries.length === 0) {
    throw damaged('Expected at least one account in the Google Authenticator export, got none.');
  }
  const builder = new ResultBuilder();
  for (const entry of payload.entries) addEntry(builder, entry);
  return { accounts: builder.accounts, skipped: builder.skipped, batch: payload.batch };
}

export const googleMigrationImporter: Importer = {
  format: FORMAT,
  label: LABEL,

  detect(input: ImportInput): boolean {
    return input.text !== undefined && STARTS_WITH_MIGRATION.test(input.text);
  },

  needsPassword(): boolean {
    return false;
  },

  async read(input: ImportInput) {
    const lines = input.text === undefined ? [] : contentLines(input.text);
    if (lines.length === 0) {
      throw damaged('Expected an otpauth-migration://offline?data=… link, got no text.');
    }
    const collector = new MigrationBatchCollector();
    for (const line of lines) {
      const where = lines.length > 1 ? `Line ${line.number}: ` : '';
      try {
        collector.add(decodeMigrationLink(line.text));
      } catch (error) {
        if (error instanceof ImportError) throw damaged(`${where}${error.message}`, error.cause);
        if (error instanceof MigrationBatchError) {
          throw damaged(`${where}this QR code does not fit the others: ${error.message}.`, error);
        }
        throw error;
      }
    }
    const { accounts, skipped } = collector.merged();
    const batch = collector.firstIncomplete();
    return batch === undefined
      ? { format: FORMAT, accounts, skipped }
      : { format: FORMAT, accounts, skipped, batch };
  },
};
