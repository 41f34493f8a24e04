import QRCode from 'qrcode';
import { describe, expect, it, vi } from 'vitest';
import {
  declaredSize,
  type ImageFileError,
  type ImagePlatform,
  loadImagePixels,
  MAX_DECODE_PIXELS,
  MAX_IMAGE_FILE_BYTES,
  NOT_AN_IMAGE_MESSAGE,
  sniffImageType,
} from '../../../lib/qr/image-file';

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const le16 = (n: number) => [n & 0xff, n >> 8];
const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const be16 = (n: number) => [n >> 8, n & 0xff];

/** Minimal headers, written from each format's specification (only what sniffing and sizing read). */
const HEADERS = {
  png: async () => new Uint8Array(await QRCode.toBuffer('hello', { type: 'png', scale: 2, margin: 4 })),
  gif: () => bytes(...ascii('GIF89a'), ...le16(321), ...le16(123), 0, 0, 0),
  bmp: () =>
    bytes(...ascii('BM'), ...le32(0), 0, 0, 0, 0, ...le32(54), ...le32(40), ...le32(640), ...le32(-480)),
  webpLossless: () =>
    bytes(
      ...ascii('RIFF'),
      ...le32(100),
      ...ascii('WEBPVP8L'),
      ...le32(50),
      0x2f,
      ...le32((639 & 0x3fff) | (479 << 14)),
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
    ),
  webpExtended: () =>
    bytes(
      ...ascii('RIFF'),
      ...le32(100),
      ...ascii('WEBPVP8X'),
      ...le32(10),
      0,
      0,
      0,
      0,
      0x7f,
      0x07,
      0,
      0x37,
      0x04,
      0,
      0,
      0,
    ),
  jpeg: () =>
    bytes(
      0xff,
      0xd8, // SOI
      0xff,
      0xe0,
      ...be16(16),
      ...ascii('JFIF'),
      0,
      1,
      1,
      0,
      0,
      1,
      0,
      1,
      0,
      0, // APP0
      0xff,
      0xc4,
      ...be16(5),
      0,
      0,
      0, // DHT (must be skipped, although C4 is in the SOF range)
      0xff,
      0xc0,
      ...be16(17),
      8,
      ...be16(1080),
      ...be16(1920),
      3,
      1,
      0x22,
      0,
      2,
      0x11,
      1,
      3,
      0x11,
      1, // SOF0
    ),
};

describe('sniffImageType', () => {
  it('recognises each supported signature', async () => {
    expect(sniffImageType(await HEADERS.png())).toBe('png');
    expect(sniffImageType(HEADERS.jpeg())).toBe('jpeg');
    expect(sniffImageType(HEADERS.gif())).toBe('gif');
    expect(sniffImageType(bytes(...ascii('GIF87a'), 1, 0, 1, 0))).toBe('gif');
    expect(sniffImageType(HEADERS.webpLossless())).toBe('webp');
    expect(sniffImageType(HEADERS.bmp())).toBe('bmp');
  });

  it.each([
    ['text', ascii('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP')],
    ['text starting with BM', ascii('BMW owners club, minutes of the meeting')],
    ['RIFF that is not WebP (WAV)', [...ascii('RIFF'), ...le32(100), ...ascii('WAVEfmt ')]],
    ['PDF', ascii('%PDF-1.7\n')],
    ['a truncated PNG signature', [0x89, 0x50, 0x4e]],
    ['nothing', []],
  ])('rejects %s', (_, content) => {
    expect(sniffImageType(new Uint8Array(content))).toBeNull();
  });
});

describe('declaredSize', () => {
  it('reads width and height from each header', async () => {
    const png = await HEADERS.png();
    const side = (QRCode.create('hello').modules.size + 8) * 2;
    expect(declaredSize(png, 'png')).toEqual({ width: side, height: side });
    expect(declaredSize(HEADERS.gif(), 'gif')).toEqual({ width: 321, height: 123 });
    expect(declaredSize(HEADERS.bmp(), 'bmp')).toEqual({ width: 640, height: 480 });
    expect(declaredSize(HEADERS.webpLossless(), 'webp')).toEqual({ width: 640, height: 480 });
    expect(declaredSize(HEADERS.webpExtended(), 'webp')).toEqual({ width: 1920, height: 1080 });
    expect(declaredSize(HEADERS.jpeg(), 'jpeg')).toEqual({ width: 1920, height: 1080 });
  });

  it('returns null when the header is cut short', () => {
    expect(declaredSize(HEADERS.jpeg().subarray(0, 30), 'jpeg')).toBeNull();
    expect(declaredSize(bytes(0x89, 0x50, 0x4e, 0x47), 'png')).toBeNull();
  });
});

/** A stand-in for createImageBitmap + canvas, recording what was drawn. */
function fakePlatform(width: number, height: number) {
  const calls: string[] = [];
  const bitmap = { width, height, close: vi.fn() } as unknown as ImageBitmap;
  const platform: ImagePlatform = {
    createImageBitmap: vi.fn(async () => bitmap),
    context: (w, h) =>
      ({
        fillStyle: '',
        fillRect: () => calls.push(`fill ${w}×${h}`),
        drawImage: (_: unknown, x: number, y: number, dw: number, dh: number) =>
          calls.push(`draw ${x},${y} ${dw}×${dh}`),
        getImageData: (_x: number, _y: number, gw: number, gh: number) => ({
          data: new Uint8ClampedArray(gw * gh * 4),
        }),
      }) as unknown as OffscreenCanvasRenderingContext2D,
  };
  return { platform, calls, bitmap };
}

async function failure(promise: Promise<unknown>): Promise<ImageFileError> {
  try {
    await promise;
  } catch (error) {
    return error as ImageFileError;
  }
  throw new Error('expected a rejection');
}

describe('loadImagePixels', () => {
  it('draws the image over white and returns its RGBA pixels', async () => {
    const { platform, calls, bitmap } = fakePlatform(300, 200);
    const image = await loadImagePixels(new Blob([await HEADERS.png()]), platform);
    expect(image.width).toBe(300);
    expect(image.height).toBe(200);
    expect(image.data.length).toBe(300 * 200 * 4);
    expect(calls).toEqual(['fill 300×200', 'draw 0,0 300×200']);
    expect(bitmap.close).toHaveBeenCalled();
  });

  it('scales a very large photo down to the decode bound, keeping its aspect', async () => {
    const { platform, calls } = fakePlatform(8000, 6000);
    const image = await loadImagePixels(new Blob([HEADERS.jpeg()]), platform);
    expect(image.width * image.height).toBeLessThanOrEqual(MAX_DECODE_PIXELS);
    expect(image.width / image.height).toBeCloseTo(8000 / 6000, 2);
    expect(calls[1]).toBe(`draw 0,0 ${image.width}×${image.height}`);
  });

  it('rejects a text file named .jpeg before decoding, with the user-facing message', async () => {
    const { platform } = fakePlatform(1, 1);
    const file = new File(['this is not a picture'], 'qr.jpeg', { type: 'image/jpeg' });
    const error = await failure(loadImagePixels(file, platform));
    expect(error.name).toBe('ImageFileError');
    expect(error.code).toBe('IMAGE_NOT_AN_IMAGE');
    expect(error.message).toBe(NOT_AN_IMAGE_MESSAGE);
    expect(platform.createImageBitmap).not.toHaveBeenCalled();
  });

  it('rejects an empty file', async () => {
    const error = await failure(loadImagePixels(new Blob([]), fakePlatform(1, 1).platform));
    expect(error.code).toBe('IMAGE_NOT_AN_IMAGE');
    expect(error.message).toContain('empty');
  });

  it('rejects a file over the byte bound without reading it', async () => {
    const big = new Blob([new Uint8Array(MAX_IMAGE_FILE_BYTES + 1)]);
    const error = await failure(loadImagePixels(big, fakePlatform(1, 1).platform));
    expect(error.code).toBe('IMAGE_TOO_LARGE');
    expect(error.message).toMatch(/at most 40 MB/);
  });

  it('rejects a small PNG that declares 30000×30000 pixels before decoding it', async () => {
    const png = await HEADERS.png();
    new DataView(png.buffer, png.byteOffset).setUint32(16, 30_000);
    new DataView(png.buffer, png.byteOffset).setUint32(20, 30_000);
    const { platform } = fakePlatform(30_000, 30_000);
    const error = await failure(loadImagePixels(new Blob([png]), platform));
    expect(error.code).toBe('IMAGE_TOO_LARGE');
    expect(error.message).toContain('30000×30000');
    expect(platform.createImageBitmap).not.toHaveBeenCalled();
  });

  it('reports a damaged image as unreadable, keeping the browser error as the cause', async () => {
    const cause = new DOMException('The source image could not be decoded.', 'InvalidStateError');
    const platform: ImagePlatform = { createImageBitmap: () => Promise.reject(cause), context: () => null };
    const error = await failure(loadImagePixels(new Blob([HEADERS.gif()]), platform));
    expect(error.code).toBe('IMAGE_UNREADABLE');
    expect(error.message).toBe('This GIF image could not be read: it may be damaged.');
    expect(error.cause).toBe(cause);
  });
});
