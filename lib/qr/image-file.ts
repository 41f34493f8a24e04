/**
 * Turning a picture the user picked or dropped (an extension page, not the service worker) into RGBA
 * pixels for `decodeQr*`. The content decides, not the name: the first bytes must be a PNG, JPEG,
 * GIF, WebP or BMP signature, so a text file named `.jpeg` gets a clear error instead of a decoder
 * failure. Sizes are bounded twice: the file's bytes, and the pixel count its header declares (a
 * 50 KB PNG can declare 30 000 × 30 000 pixels, 3.6 GB of RGBA), checked before anything is decoded.
 */
import type { RgbaImage } from './pixels';

export type ImageType = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp';

export type ImageFileErrorCode = 'IMAGE_NOT_AN_IMAGE' | 'IMAGE_TOO_LARGE' | 'IMAGE_UNREADABLE';

/** The file cannot become pixels: not an image, too large, or damaged. Messages are for the user. */
export class ImageFileError extends Error {
  override readonly name = 'ImageFileError';
  constructor(
    readonly code: ImageFileErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const NOT_AN_IMAGE_MESSAGE = 'This file is not an image (PNG, JPEG, WebP or GIF).';

/** Far above a phone photo (~5–15 MB); bounds what is read into memory. */
export const MAX_IMAGE_FILE_BYTES = 40 * 1024 * 1024;
/** Decompression-bomb bound: a 100 MP image is 400 MB of RGBA while decoding. */
export const MAX_DECLARED_PIXELS = 100_000_000;
/**
 * Larger pictures are scaled down to this many pixels before decoding (a 48 MP phone photo of a
 * code has modules of tens of pixels, which survive it); `decodeQr` accepts up to 40 MP but would
 * spend its whole work budget on the analysis of such a picture.
 */
export const MAX_DECODE_PIXELS = 16_777_216;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  signature.every((b, i) => bytes[offset + i] === b);

/**
 * The image type from the file's signature (its "magic bytes"), or null. Needs the first 12 bytes.
 * PNG: RFC 2083 §3.1; JPEG: SOI marker FF D8 FF; GIF: "GIF87a"/"GIF89a"; WebP: RIFF….WEBP; BMP: "BM".
 */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) &&
    (bytes[4] === 0x37 || bytes[4] === 0x39) &&
    bytes[5] === 0x61
  )
    return 'gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'webp';
  // "BM" alone is too weak (any text starting "BM"): also require the DIB header size (byte 14) to
  // be one of the known ones (12, 40, 52, 56, 64, 108, 124).
  if (
    startsWith(bytes, [0x42, 0x4d]) &&
    [12, 40, 52, 56, 64, 108, 124].includes(bytes[14] ?? 0) &&
    bytes[15] === 0
  )
    return 'bmp';
  return null;
}

/**
 * Width and height as the header declares them, or null when the header does not say (within the
 * bytes given) — then the decoded size is checked instead. JPEG needs the bytes up to its SOF
 * segment, which follows the EXIF/ICC segments (usually within the first 64 KB).
 */
export function declaredSize(bytes: Uint8Array, type: ImageType): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fits = (offset: number, length: number) => offset + length <= bytes.length;
  switch (type) {
    case 'png': // IHDR is the first chunk: width, height as uint32 BE at 16 and 20
      return fits(16, 8) ? { width: view.getUint32(16), height: view.getUint32(20) } : null;
    case 'gif': // logical screen width, height as uint16 LE at 6 and 8
      return fits(6, 4) ? { width: view.getUint16(6, true), height: view.getUint16(8, true) } : null;
    case 'bmp': {
      if ((bytes[14] ?? 0) === 12)
        return fits(18, 4) ? { width: view.getUint16(18, true), height: view.getUint16(20, true) } : null;
      // BITMAPINFOHEADER and later: int32 LE; a negative height means top-down rows
      return fits(18, 8)
        ? { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) }
        : null;
    }
    case 'webp':
      return webpSize(bytes, view);
    case 'jpeg':
      return jpegSize(bytes, view);
  }
}

/** WebP container (RFC 9649 §2.5–2.7): VP8X canvas size, or the VP8L / VP8 bitstream header. */
function webpSize(bytes: Uint8Array, view: DataView): { width: number; height: number } | null {
  if (bytes.length < 30) return null;
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  const uint24 = (offset: number) =>
    (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8) | ((bytes[offset + 2] ?? 0) << 16);
  if (chunk === 'VP8X') return { width: uint24(24) + 1, height: uint24(27) + 1 };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ')
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  return null;
}

/** Walks the JPEG segments to the first start-of-frame (SOF0–SOF15 but DHT C4, JPG C8, DAC CC). */
function jpegSize(bytes: Uint8Array, view: DataView): { width: number; height: number } | null {
  let offset = 2;
  while (offset + 9 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const length = view.getUint16(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    }
    if (marker === 0xda || length < 2) return null; // start of scan before any frame: malformed
    offset += 2 + length;
  }
  return null;
}

/** What `loadImagePixels` needs from the platform; injectable for tests (no canvas in Node). */
export interface ImagePlatform {
  createImageBitmap(blob: Blob): Promise<ImageBitmap>;
  /** A 2D context of the given size (OffscreenCanvas, or a document canvas where that is missing). */
  context(width: number, height: number): OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
}

const browserPlatform: ImagePlatform = {
  createImageBitmap: (blob) => globalThis.createImageBitmap(blob),
  context(width, height) {
    if (typeof OffscreenCanvas !== 'undefined') {
      return new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    }
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    return canvas.getContext('2d', { willReadFrequently: true });
  },
};

/** The size to draw at: the image's own, or scaled down (aspect kept) to MAX_DECODE_PIXELS. */
function drawSize(width: number, height: number): { width: number; height: number } {
  const pixels = width * height;
  if (pixels <= MAX_DECODE_PIXELS) return { width, height };
  const scale = Math.sqrt(MAX_DECODE_PIXELS / pixels);
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}

function tooLarge(what: string): ImageFileError {
  return new ImageFileError('IMAGE_TOO_LARGE', `This image is too large to scan (${what}).`);
}

/**
 * Decodes a picture file into RGBA pixels (large pictures scaled down to MAX_DECODE_PIXELS).
 *
 * @throws {ImageFileError} `IMAGE_NOT_AN_IMAGE` when the bytes are no PNG/JPEG/GIF/WebP/BMP,
 *   `IMAGE_TOO_LARGE` beyond MAX_IMAGE_FILE_BYTES or MAX_DECLARED_PIXELS, `IMAGE_UNREADABLE` when
 *   the browser cannot decode it (damaged, or a variant it lacks).
 */
export async function loadImagePixels(
  blob: Blob,
  platform: ImagePlatform = browserPlatform,
): Promise<RgbaImage> {
  if (blob.size === 0)
    throw new ImageFileError('IMAGE_NOT_AN_IMAGE', `${NOT_AN_IMAGE_MESSAGE} The file is empty.`);
  if (blob.size > MAX_IMAGE_FILE_BYTES) {
    throw tooLarge(
      `${(blob.size / 1024 / 1024).toFixed(0)} MB; at most ${MAX_IMAGE_FILE_BYTES / 1024 / 1024} MB`,
    );
  }
  const head = new Uint8Array(await blob.slice(0, 256 * 1024).arrayBuffer());
  const type = sniffImageType(head);
  if (type === null) throw new ImageFileError('IMAGE_NOT_AN_IMAGE', NOT_AN_IMAGE_MESSAGE);
  const declared = declaredSize(head, type);
  if (declared !== null && declared.width * declared.height > MAX_DECLARED_PIXELS) {
    throw tooLarge(
      `${declared.width}×${declared.height} pixels; at most ${MAX_DECLARED_PIXELS / 1_000_000} megapixels`,
    );
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await platform.createImageBitmap(blob);
  } catch (error) {
    throw new ImageFileError(
      'IMAGE_UNREADABLE',
      `This ${type.toUpperCase()} image could not be read: it may be damaged.`,
      { cause: error },
    );
  }
  try {
    if (bitmap.width * bitmap.height > MAX_DECLARED_PIXELS || bitmap.width < 1 || bitmap.height < 1) {
      throw tooLarge(`${bitmap.width}×${bitmap.height} pixels`);
    }
    const { width, height } = drawSize(bitmap.width, bitmap.height);
    const context = platform.context(width, height);
    if (context === null) throw new ImageFileError('IMAGE_UNREADABLE', 'This browser cannot draw the image.');
    // Transparent pixels become white, as on the page the code was shown on (a transparent PNG code
    // is dark modules on nothing; read as RGBA zeros it would be black on black).
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    const { data } = context.getImageData(0, 0, width, height);
    return { data, width, height };
  } finally {
    bitmap.close();
  }
}
