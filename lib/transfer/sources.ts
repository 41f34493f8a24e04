/**
 * What one thing the user hands the import page becomes: a file, pasted text, or the text of a QR
 * code read from an image. Pure apart from the importers' crypto, so every branch is unit tested;
 * the page only reads files and pixels and renders the outcome.
 */
import { classifyQrPayload } from '../qr/payload';
import { looksLikeTwoStepBackup } from './backup/format';
import { ImportError, type ImportResult, importData, toImportInput } from './import/index';

export type SourceOutcome =
  | { kind: 'import'; source: string; result: ImportResult & { label: string } }
  /** TwoStep's own backup: restored by the background (it holds app passwords and recovery codes too). */
  | { kind: 'backup'; source: string; text: string }
  | { kind: 'needs-password'; source: string; message: string }
  /** `picture`: a picture in which no code was found, offered for "select the code" by hand. */
  | { kind: 'problem'; source: string; message: string; picture?: Blob };

/** The text of a decoded QR code: one account, a Google export, or advice on what it is instead. */
export async function fromQrText(text: string, source: string): Promise<SourceOutcome> {
  const payload = classifyQrPayload(text);
  switch (payload.kind) {
    case 'otpauth':
      return {
        kind: 'import',
        source,
        result: {
          format: 'otpauth-list',
          label: 'QR code',
          accounts: [{ draft: payload.draft }],
          skipped: [],
        },
      };
    case 'migration':
      return fromData(payload.uri, source);
    case 'microsoft-app':
      return { kind: 'problem', source, message: payload.advice };
    case 'invalid-otpauth':
      return { kind: 'problem', source, message: `The QR code's link is not usable: ${payload.error}` };
    case 'other':
      return { kind: 'problem', source, message: payload.advice };
  }
}

/** A file's bytes or pasted text (not an image): another app's export, or a TwoStep backup. */
export async function fromData(
  data: Uint8Array | string,
  source: string,
  password?: string,
): Promise<SourceOutcome> {
  try {
    const input = toImportInput(data);
    if (input.text !== undefined && looksLikeTwoStepBackup(input.json))
      return { kind: 'backup', source, text: input.text };
    const result = await importData(data, { fileName: source, password });
    return { kind: 'import', source, result };
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    if (error.code === 'IMPORT_PASSWORD_REQUIRED')
      return { kind: 'needs-password', source, message: error.message };
    return { kind: 'problem', source, message: error.message };
  }
}
