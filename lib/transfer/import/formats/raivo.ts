/**
 * Raivo OTP export (peers.md §4.8). The plain export is a JSON array of `{ kind, issuer, account,
 * secret, algorithm, digits, timer, counter, iconType, iconValue }` whose numbers are strings
 * (`"6"`, `"30"`), `timer` being the period. Raivo's own export is a password-protected ZIP around
 * that JSON; no sample with a known password is public, so it is recognised and refused with advice
 * rather than guessed at.
 */
import { entryName, ResultBuilder } from '../entry';
import { EntryFieldError, shownValue } from '../fields';
import { ImportError, type Importer, type ImportInput } from '../types';

const FORMAT = 'raivo';
const LABEL = 'Raivo OTP';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A Raivo entry: `kind` plus one of the fields only Raivo writes. */
function isRaivoEntry(value: unknown): boolean {
  return isRecord(value) && typeof value.kind === 'string' && ('timer' in value || 'iconType' in value);
}

/** ZIP local file header (APPNOTE.TXT §4.3.7): signature, then flags at 6, name length at 26, name at 30. */
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

interface ZipInfo {
  encrypted: boolean;
  firstName: string;
}

/** The first entry of a ZIP file, or `undefined` when the bytes are not a ZIP. */
function zipInfo(bytes: Uint8Array): ZipInfo | undefined {
  if (bytes.length < 30 || ZIP_SIGNATURE.some((b, i) => bytes[i] !== b)) return undefined;
  const flags = (bytes[6] ?? 0) | ((bytes[7] ?? 0) << 8);
  const nameLength = (bytes[26] ?? 0) | ((bytes[27] ?? 0) << 8);
  const name = new TextDecoder().decode(bytes.subarray(30, 30 + nameLength));
  // General purpose bit 0: the entry is encrypted (ZipCrypto or WinZip AES).
  return { encrypted: (flags & 1) === 1, firstName: name };
}

function isRaivoZip(input: ImportInput): ZipInfo | undefined {
  const zip = zipInfo(input.bytes);
  if (zip === undefined) return undefined;
  const named = /raivo/i.test(zip.firstName) || /raivo/i.test(input.fileName ?? '');
  return named ? zip : undefined;
}

/** Raivo writes numbers as strings; plain numbers are accepted too. Absent or empty → default. */
function count(entry: Record<string, unknown>, key: string): number | undefined {
  const value = entry[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  throw new EntryFieldError(
    `${key} must be a whole number (like "30"), got ${typeof value === 'string' ? 'other text' : typeof value}`,
  );
}

function addEntry(builder: ResultBuilder, entry: unknown, position: number): void {
  if (!isRecord(entry)) {
    builder.skip(`Entry ${position}`, 'expected an account object, got another value');
    return;
  }
  const issuer = text(entry.issuer);
  const account = text(entry.account);
  const name = entryName(issuer, account);
  const kind = text(entry.kind).toUpperCase();
  if (kind !== 'TOTP' && kind !== 'HOTP') {
    builder.skip(name, `Raivo kind ${shownValue(entry.kind)} is not supported; expected TOTP or HOTP`);
    return;
  }
  try {
    if (entry.algorithm !== undefined && entry.algorithm !== null && typeof entry.algorithm !== 'string') {
      throw new EntryFieldError(`algorithm must be text (like "SHA1"), got ${typeof entry.algorithm}`);
    }
    if (typeof entry.secret !== 'string') {
      throw new EntryFieldError(
        `secret must be base32 text, got ${entry.secret === null ? 'null' : typeof entry.secret}`,
      );
    }
    builder.add({
      issuer,
      label: account,
      secret: entry.secret,
      kind: kind === 'HOTP' ? 'hotp' : 'totp',
      algorithm: text(entry.algorithm) || undefined,
      digits: count(entry, 'digits'),
      period: kind === 'TOTP' ? count(entry, 'timer') : undefined,
      counter: kind === 'HOTP' ? count(entry, 'counter') : undefined,
    });
  } catch (error) {
    if (!(error instanceof EntryFieldError)) throw error;
    builder.skip(name, error.message);
  }
}

export const raivoImporter: Importer = {
  format: FORMAT,
  label: LABEL,

  detect(input: ImportInput): boolean {
    if (Array.isArray(input.json)) return input.json.some(isRaivoEntry);
    return isRaivoZip(input) !== undefined;
  },

  /** The encrypted ZIP cannot be opened anyway (see `read`), so no password is asked for. */
  needsPassword(): boolean {
    return false;
  },

  async read(input: ImportInput) {
    const zip = isRaivoZip(input);
    if (zip !== undefined) {
      throw new ImportError(
        'IMPORT_UNSUPPORTED',
        zip.encrypted
          ? 'This is a password-protected Raivo OTP archive, which TwoStep cannot open. Export from Raivo again without encryption (or unzip this archive with its password) and import the .json file it contains.'
          : 'This is a Raivo OTP archive. Unzip it and import the .json file it contains.',
        { format: FORMAT },
      );
    }
    if (!Array.isArray(input.json)) {
      throw new ImportError(
        'IMPORT_DAMAGED',
        'Expected a Raivo OTP export (a JSON list of accounts), got another shape.',
        {
          format: FORMAT,
        },
      );
    }
    const builder = new ResultBuilder();
    input.json.forEach((entry: unknown, i) => {
      addEntry(builder, entry, i + 1);
    });
    return { format: FORMAT, accounts: builder.accounts, skipped: builder.skipped };
  },
};
