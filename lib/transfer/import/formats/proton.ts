/**
 * Proton Authenticator export: `{ version: 1, entries: [{ id, content: { uri, entry_type, name },
 * note }] }`, where `uri` is a key URI and `entry_type` is "Totp" or "Steam". Its password-protected
 * variant (`{ version, salt, content }`, Argon2id + AES-GCM) is recognised and refused with advice:
 * its parameters are not documented and no sample with a known password is available.
 */
import { type AccountDraft, OtpError, parseOtpauthUri } from '../../../otp/index';
import { ResultBuilder } from '../entry';
import { shownValue } from '../fields';
import { ImportError, type Importer, type ImportInput } from '../types';

const FORMAT = 'proton';
const LABEL = 'Proton Authenticator';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function isProtonEntry(value: unknown): boolean {
  return isRecord(value) && isRecord(value.content) && typeof value.content.uri === 'string';
}

/** The plain export: `entries` with `content.uri`, or an empty export of exactly `{ version, entries }`. */
function isPlainExport(json: unknown): json is Record<string, unknown> & { entries: unknown[] } {
  if (!isRecord(json) || !Array.isArray(json.entries)) return false;
  if (json.entries.some(isProtonEntry)) return true;
  return (
    json.entries.length === 0 &&
    typeof json.version === 'number' &&
    Object.keys(json).every((k) => k === 'version' || k === 'entries')
  );
}

/** The password-protected export: exactly `{ version, salt, content }`, salt and content base64. */
function isEncryptedExport(json: unknown): boolean {
  return (
    isRecord(json) &&
    typeof json.version === 'number' &&
    typeof json.salt === 'string' &&
    typeof json.content === 'string' &&
    Object.keys(json).every((k) => k === 'version' || k === 'salt' || k === 'content')
  );
}

function addEntry(builder: ResultBuilder, entry: unknown, position: number): void {
  const content = isRecord(entry) && isRecord(entry.content) ? entry.content : undefined;
  const shownName = text(content?.name).trim() || `Entry ${position}`;
  if (content === undefined || typeof content.uri !== 'string') {
    builder.skip(shownName, 'expected an entry with content.uri (a key URI), got none');
    return;
  }
  const type = text(content.entry_type).toLowerCase();
  if (type !== 'totp' && type !== 'steam') {
    builder.skip(
      shownName,
      `Proton entry type ${shownValue(content.entry_type)} is not supported; expected Totp or Steam`,
    );
    return;
  }
  let draft: AccountDraft;
  try {
    draft = parseOtpauthUri(content.uri);
  } catch (error) {
    if (!(error instanceof OtpError)) throw error;
    builder.skip(shownName, error.message);
    return;
  }
  // `steam://SECRET` has no label: the entry's name is the only account name there is.
  const label = draft.label || text(content.name).trim();
  builder.add({ ...draft, label, kind: type === 'steam' ? 'steam' : draft.kind });
}

export const protonImporter: Importer = {
  format: FORMAT,
  label: LABEL,

  detect(input: ImportInput): boolean {
    return isPlainExport(input.json) || isEncryptedExport(input.json);
  },

  /** The encrypted export cannot be opened anyway (see `read`), so no password is asked for. */
  needsPassword(): boolean {
    return false;
  },

  async read(input: ImportInput) {
    const json = input.json;
    if (isEncryptedExport(json)) {
      throw new ImportError(
        'IMPORT_UNSUPPORTED',
        'This Proton Authenticator export is password-protected, which TwoStep cannot open yet. In Proton Authenticator, export again without a password and import that file.',
        { format: FORMAT },
      );
    }
    if (!isPlainExport(json)) {
      throw new ImportError(
        'IMPORT_DAMAGED',
        'Expected a Proton Authenticator export (an "entries" list of key URIs), got another shape.',
        { format: FORMAT },
      );
    }
    const builder = new ResultBuilder();
    json.entries.forEach((entry, i) => {
      addEntry(builder, entry, i + 1);
    });
    return { format: FORMAT, accounts: builder.accounts, skipped: builder.skipped };
  },
};
