/**
 * Import entry point: detect the format from the content (never from the file name alone), ask for
 * a password when the file needs one, and read it with that format's importer. All-or-nothing: the
 * result is a preview; nothing is stored until the caller commits it.
 */
import { aegisImporter } from './formats/aegis';
import { andOtpImporter } from './formats/andotp';
import { authenticatorExtensionImporter } from './formats/authenticator-extension';
import { bitwardenImporter } from './formats/bitwarden';
import { bitwardenCsvImporter } from './formats/bitwarden-csv';
import { freeOtpPlusImporter } from './formats/freeotp-plus';
import { googleMigrationImporter } from './formats/google-migration';
import { ENTE_LABEL, otpauthListImporter } from './formats/otpauth-list';
import { protonImporter } from './formats/proton';
import { raivoImporter } from './formats/raivo';
import { twoFasImporter } from './formats/twofas';
import { ImportError, type Importer, type ImportInput, type ImportResult } from './types';

export * from './types';

/** Far above any real export (the corpus's largest backup is ~100 KB); bounds memory and parse time. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

/**
 * Most specific first: JSON formats with distinctive keys, then text formats, then andOTP's
 * encrypted binary, which has no magic bytes and so is the last resort for non-text input.
 */
export const IMPORTERS: readonly Importer[] = [
  aegisImporter,
  twoFasImporter,
  bitwardenImporter,
  protonImporter,
  freeOtpPlusImporter,
  raivoImporter,
  authenticatorExtensionImporter,
  andOtpImporter,
  bitwardenCsvImporter,
  googleMigrationImporter,
  otpauthListImporter,
];

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Builds the shared view of the input once, so detectors stay cheap and never re-parse. */
export function toImportInput(data: Uint8Array | string, fileName?: string): ImportInput {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new ImportError(
      'IMPORT_TOO_LARGE',
      `expected an export of at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB, got ${(bytes.length / 1024 / 1024).toFixed(1)} MB`,
    );
  }
  let text: string | undefined;
  try {
    text = UTF8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    text = undefined;
  }
  let json: unknown;
  if (text !== undefined && /^\s*[[{]/.test(text)) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { bytes, text, json, fileName };
}

/** @throws {ImportError} `IMPORT_UNKNOWN_FORMAT` with the list of formats TwoStep reads. */
export function detectImporter(input: ImportInput): Importer {
  const found = IMPORTERS.find((importer) => importer.detect(input));
  if (found !== undefined) return found;
  const names = IMPORTERS.map((importer) => importer.label).join(', ');
  throw new ImportError(
    'IMPORT_UNKNOWN_FORMAT',
    input.text !== undefined && input.text.trim() === ''
      ? 'The file is empty.'
      : `This file is not an export TwoStep can read. Supported: ${names}.`,
  );
}

export interface ImportRequest {
  fileName?: string | undefined;
  password?: string | undefined;
}

/**
 * Detects and reads. Any failure is an `ImportError`; an unexpected exception inside an importer is
 * wrapped as `IMPORT_DAMAGED` (with the original as `cause`) so a hostile file can never surface as
 * an uncaught error in the UI.
 */
export async function importData(
  data: Uint8Array | string,
  request: ImportRequest = {},
): Promise<ImportResult & { label: string }> {
  const input = toImportInput(data, request.fileName);
  const importer = detectImporter(input);
  const password = request.password === '' ? undefined : request.password;
  if (password === undefined && importer.needsPassword(input)) {
    throw new ImportError(
      'IMPORT_PASSWORD_REQUIRED',
      `This ${importer.label} file is encrypted: enter its password.`,
      {
        format: importer.format,
      },
    );
  }
  try {
    const result = await importer.read(input, password);
    // Ente's plain export is an otpauth list with its own parameter: name the app the user knows.
    return { ...result, label: result.format === 'ente' ? ENTE_LABEL : importer.label };
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError('IMPORT_DAMAGED', `This ${importer.label} file is damaged or incomplete.`, {
      cause: error,
      format: importer.format,
    });
  }
}
