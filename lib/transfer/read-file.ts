/**
 * Reads one file the user dropped, picked or pasted into the import page: an image goes through the
 * QR decoder (the same code the background uses on pages), anything else through the importers.
 * Needs a DOM (image decoding); everything after the pixels is in the pure `sources.ts`.
 */
import { decodeAllQrAsync } from '../qr/decode';
import { loadImagePixels, sniffImageType } from '../qr/image-file';
import { cropRgba, type RgbaImage } from '../qr/pixels';
import { fromData, fromQrText, type SourceOutcome } from './sources';

export interface NamedBlob extends Blob {
  readonly name?: string;
}

export const NO_QR_IN_IMAGE =
  'No QR code was found in this picture. Select the code in it, or try a sharper or larger screenshot.';

/** A part of a picture as fractions (0–1) of its width and height, so it survives any rescaling. */
export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

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
    texts = await decodeAll(pixels, options.onProgress);
  } catch (error) {
    return [cannotRead(source, error)];
  }
  if (texts.length === 0) return [{ kind: 'problem', source, message: NO_QR_IN_IMAGE, picture: file }];
  return Promise.all(texts.map((text) => fromQrText(text, source)));
}

/** Reads only the part of a picture the user selected: a small code gets every pass to itself. */
export async function readRegion(picture: Blob, region: Region, source: string): Promise<SourceOutcome[]> {
  let texts: string[];
  try {
    const pixels = await loadImagePixels(picture);
    const rect = {
      left: region.left * pixels.width,
      top: region.top * pixels.height,
      width: region.width * pixels.width,
      height: region.height * pixels.height,
    };
    texts = await decodeAll(cropRgba(pixels, rect));
  } catch (error) {
    return [cannotRead(source, error)];
  }
  if (texts.length === 0)
    return [
      {
        kind: 'problem',
        source,
        message: 'No QR code in the selected area: select the whole code, with a little margin.',
      },
    ];
  return Promise.all(texts.map((text) => fromQrText(text, source)));
}

function decodeAll(pixels: RgbaImage, report?: (fraction: number) => void): Promise<string[]> {
  return decodeAllQrAsync(pixels, report ? { onProgress: ({ fraction }) => report(fraction) } : {});
}

function cannotRead(source: string, error: unknown): SourceOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'problem', source, message: `Cannot read this picture: ${message}` };
}
