/**
 * Reads one file the user dropped, picked or pasted into the import page: an image goes through the
 * QR decoder (the same code the background uses on pages), anything else through the importers.
 * Needs a DOM (image decoding); everything after the pixels is in the pure `sources.ts`.
 */
import { decodeAllQrAsync } from '../qr/decode';
import { loadImagePixels, sniffImageType } from '../qr/image-file';
import { fromData, fromQrText, type SourceOutcome } from './sources';

export interface NamedBlob extends Blob {
  readonly name?: string;
}

export const NO_QR_IN_IMAGE = 'No QR code was found in this picture. Try a sharper or larger screenshot.';

export async function readFile(
  file: NamedBlob,
  options: { password?: string | undefined; onProgress?: (fraction: number) => void } = {},
): Promise<SourceOutcome[]> {
  const source = file.name || 'Pasted image';
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Images are told apart by their first bytes, not their names (a text file named .jpeg is text).
  if (sniffImageType(bytes) === null) return [await fromData(bytes, source, options.password)];
  let texts: string[];
  try {
    const pixels = await loadImagePixels(file);
    const report = options.onProgress;
    texts = await decodeAllQrAsync(pixels, report ? { onProgress: ({ fraction }) => report(fraction) } : {});
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [{ kind: 'problem', source, message: `Cannot read this picture: ${message}` }];
  }
  if (texts.length === 0) return [{ kind: 'problem', source, message: NO_QR_IN_IMAGE }];
  return Promise.all(texts.map((text) => fromQrText(text, source)));
}
