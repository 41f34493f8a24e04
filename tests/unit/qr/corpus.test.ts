/**
 * The external corpus's QR pictures (../shared/corpus, read by path, never copied), through the
 * extension's own path: sniff the type, decode the PNG (pngjs here; createImageBitmap in the
 * browser), flatten on white, decodeQr (then decodeAllQr for pictures holding several codes).
 * Hard cases are counted, never failed (corpus README). Skipped when the corpus is absent.
 */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeAllQr, decodeQr } from '../../../lib/qr/decode';
import { sniffImageType } from '../../../lib/qr/image-file';
import { classifyQrPayload } from '../../../lib/qr/payload';
import { compositeOnWhite, type RgbaImage } from '../../../lib/qr/pixels';
import { qrImageCases } from '../../compat/corpus-cases';

const cases = qrImageCases();
const pictures = cases.filter((c) => c.expect.text !== undefined);

function pixels(bytes: Uint8Array): RgbaImage {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  return compositeOnWhite({
    data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    width: png.width,
    height: png.height,
  });
}

function reads(bytes: Uint8Array, text: string): boolean {
  const image = pixels(bytes);
  return decodeQr(image) === text || decodeAllQr(image).includes(text);
}

describe.skipIf(cases.length === 0)('QR corpus', () => {
  it.each(pictures.filter((c) => c.hard !== true).map((c) => [c.id, c] as const))('reads %s', (_, c) => {
    expect(sniffImageType(c.bytes)).toBe('png');
    expect(reads(c.bytes, c.expect.text ?? '')).toBe(true);
    if (c.expect.error === true)
      expect(['other', 'invalid-otpauth']).toContain(classifyQrPayload(c.expect.text ?? '').kind);
  });

  it('rejects the file that is not an image', () => {
    const negatives = cases.filter((c) => c.expect.error === true && c.expect.text === undefined);
    expect(negatives.length).toBeGreaterThan(0);
    for (const c of negatives) expect(sniffImageType(c.bytes)).toBeNull();
  });

  it('reports how many hard pictures it reads (robustness score, never a failure)', () => {
    const hard = pictures.filter((c) => c.hard === true);
    // decodeQr only: decodeAllQr would double the time spent on the pictures nothing reads.
    const read = hard.filter((c) => decodeQr(pixels(c.bytes)) === c.expect.text).length;
    console.info(`QR corpus: ${read} of ${hard.length} hard pictures read`);
    expect(read).toBeGreaterThanOrEqual(0);
  });
});
