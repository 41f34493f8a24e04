/**
 * Bitwarden JSON export (peers.md §4.6): unencrypted, password-protected, or account-restricted
 * (which only the Bitwarden account can open). The Bitwarden Authenticator app writes the same
 * shape without `folders`. Only login items with a `totp` value become accounts; every other item
 * (passwords without TOTP, cards, identities, notes) is not an account and is passed over silently.
 */
import { ResultBuilder } from '../entry';
import { ImportError, type Importer, type ImportInput, type ImportResult } from '../types';
import { decryptPasswordProtected, readPasswordProtected } from './bitwarden-crypto';
import { addLogin } from './bitwarden-items';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function damaged(message: string, cause?: unknown): ImportError {
  return new ImportError('IMPORT_DAMAGED', message, { format: 'bitwarden', cause });
}

/** `encrypted` is in every export Bitwarden writes; `items` or the encrypted `data` carries the content. */
function looksLikeBitwarden(json: unknown): json is JsonObject {
  if (!isObject(json) || typeof json.encrypted !== 'boolean') return false;
  return Array.isArray(json.items) || typeof json.data === 'string' || 'encKeyValidation_DO_NOT_EDIT' in json;
}

function isPasswordProtected(json: JsonObject): boolean {
  return json.encrypted === true && json.passwordProtected === true;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** `login.uris` is `[{ match, uri }]` or null. */
function urisOf(login: JsonObject): string[] {
  if (!Array.isArray(login.uris)) return [];
  return login.uris.flatMap((entry: unknown) =>
    isObject(entry) && typeof entry.uri === 'string' ? [entry.uri] : [],
  );
}

/** Reads the `items` of an unencrypted export (or of the decrypted `data` of a protected one). */
function readItems(json: JsonObject): ImportResult {
  if (!Array.isArray(json.items)) {
    throw damaged(
      `Bitwarden export: expected a list of items, got ${json.items === undefined ? 'none' : typeof json.items}.`,
    );
  }
  const builder = new ResultBuilder();
  json.items.forEach((item: unknown, index: number) => {
    if (!isObject(item)) throw damaged(`Bitwarden export: item ${index + 1} is not an object.`);
    const login = item.login;
    if (!isObject(login) || typeof login.totp !== 'string' || login.totp.trim() === '') return;
    addLogin(builder, {
      name: text(item.name),
      username: text(login.username),
      totp: login.totp,
      uris: urisOf(login),
    });
  });
  return { format: 'bitwarden', accounts: builder.accounts, skipped: builder.skipped };
}

async function readProtected(json: JsonObject, password: string | undefined): Promise<ImportResult> {
  const file = readPasswordProtected(json);
  if (password === undefined) {
    throw new ImportError(
      'IMPORT_PASSWORD_REQUIRED',
      'This Bitwarden export is encrypted: enter its password.',
      {
        format: 'bitwarden',
      },
    );
  }
  const plaintext = await decryptPasswordProtected(file, password);
  let inner: unknown;
  try {
    inner = JSON.parse(plaintext);
  } catch (error) {
    throw damaged('Bitwarden export: the decrypted data is not JSON.', error);
  }
  if (!isObject(inner)) throw damaged('Bitwarden export: the decrypted data is not an export object.');
  return readItems(inner);
}

export const bitwardenImporter: Importer = {
  format: 'bitwarden',
  label: 'Bitwarden',
  detect(input: ImportInput): boolean {
    return looksLikeBitwarden(input.json);
  },
  needsPassword(input: ImportInput): boolean {
    return looksLikeBitwarden(input.json) && isPasswordProtected(input.json);
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    const json = input.json;
    if (!looksLikeBitwarden(json)) {
      throw damaged('Expected a Bitwarden JSON export (with "encrypted" and "items"), got other content.');
    }
    if (json.encrypted !== true) return readItems(json);
    if (json.passwordProtected !== true) {
      // Account-restricted: encrypted with the account's own key, which no password here can derive.
      throw new ImportError(
        'IMPORT_UNSUPPORTED',
        'This Bitwarden export is encrypted with your Bitwarden account key ("account restricted"), which ' +
          'only Bitwarden can open. Export again and choose "Password protected" (or unencrypted JSON).',
        { format: 'bitwarden' },
      );
    }
    return readProtected(json, password);
  },
};
