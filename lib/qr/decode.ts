/**
 * QR decoding with jsQR over raw RGBA pixels: synchronous and DOM-free, so it runs in the background
 * service worker. Retries follow microsoft-pages.md §3 step 3: natural size first, then a 2×
 * upscale with a white quiet zone (tiny codes), a box downscale (huge captures), and inversion.
 * jsQR reads one code per image; callers decode each candidate element separately (§3 step 3).
 */
import jsQR, { type Options } from 'jsqr';

export interface RgbaImage {
  /** Row-major RGBA, 4 bytes per pixel, no row padding (as `ImageData` gives it). */
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export type QrImageErrorCode = 'QR_INVALID_IMAGE' | 'QR_IMAGE_TOO_LARGE';

/** The pixels handed in are not a usable image: a caller bug, not an unreadable code. */
export class QrImageError extends Error {
  override readonly name = 'QrImageError';
  constructor(
    readonly code: QrImageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Images up to this side get the upscale retry; 2× of it is ~10 MB of RGBA, still cheap. */
const UPSCALE_MAX_SIDE = 800;
/** Larger images get the downscale retry (a 1600 px side is a DPR-2 capture of an 800 px area). */
const DOWNSCALE_ABOVE_SIDE = 1600;
/** Target side after the downscale: codes of ≥ 4 px per module at 1920 px survive it (measured). */
const DOWNSCALE_TARGET_SIDE = 1000;
/** Bounds the work and memory one call can cost: 8K UHD is 33 Mpx. */
const MAX_PIXELS = 40_000_000;

function validate(image: RgbaImage): void {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new QrImageError(
      'QR_INVALID_IMAGE',
      `expected positive whole width and height, got ${width}×${height}`,
    );
  }
  if (width * height > MAX_PIXELS) {
    throw new QrImageError(
      'QR_IMAGE_TOO_LARGE',
      `expected at most ${MAX_PIXELS} pixels, got ${width}×${height}`,
    );
  }
  if (data.length !== width * height * 4) {
    throw new QrImageError(
      'QR_INVALID_IMAGE',
      `expected ${width * height * 4} bytes of RGBA for ${width}×${height}, got ${data.length}`,
    );
  }
}

/** Nearest-neighbour 2× upscale inside a white border: jsQR's locator needs a few pixels per module and a quiet zone. */
function upscaleWithQuietZone(image: RgbaImage): RgbaImage {
  const { width, height, data } = image;
  // The QR quiet zone is 4 modules (ISO/IEC 18004); 4 modules of a 37-module code are ~11 % of its side.
  const pad = Math.max(8, Math.ceil(Math.max(width, height) * 2 * 0.125));
  const outW = width * 2 + pad * 2;
  const outH = height * 2 + pad * 2;
  const out = new Uint8ClampedArray(outW * outH * 4).fill(255);
  const words = new Uint32Array(out.buffer);
  // Whole pixels as 32-bit words; a view needs 4-byte alignment, which a `subarray` may lack.
  const aligned = data.byteOffset % 4 === 0 ? data : data.slice();
  const source = new Uint32Array(aligned.buffer, aligned.byteOffset, width * height);
  for (let y = 0; y < height * 2; y += 1) {
    const from = (y >> 1) * width;
    const to = (y + pad) * outW + pad;
    for (let x = 0; x < width * 2; x += 1) words[to + x] = source[from + (x >> 1)] ?? 0xffffffff;
  }
  return { data: out, width: outW, height: outH };
}

/** Box-filter downscale by a whole factor: averaging keeps module edges that skipping pixels would lose. */
function downscale(image: RgbaImage, factor: number): RgbaImage {
  const { width, height, data } = image;
  const outW = Math.floor(width / factor);
  const outH = Math.floor(height / factor);
  const out = new Uint8ClampedArray(outW * outH * 4);
  const area = factor * factor;
  for (let y = 0; y < outH; y += 1) {
    for (let x = 0; x < outW; x += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < factor; dy += 1) {
        let i = ((y * factor + dy) * width + x * factor) * 4;
        for (let dx = 0; dx < factor; dx += 1, i += 4) {
          r += data[i] ?? 0;
          g += data[i + 1] ?? 0;
          b += data[i + 2] ?? 0;
        }
      }
      const o = (y * outW + x) * 4;
      out[o] = r / area;
      out[o + 1] = g / area;
      out[o + 2] = b / area;
      out[o + 3] = 255;
    }
  }
  return { data: out, width: outW, height: outH };
}

/**
 * Light-on-dark → dark-on-light. Done here rather than with jsQR's `onlyInvert`, which crashes in
 * jsQR 1.4 (it never builds the inverted matrix it then reads); `attemptBoth` would re-run the
 * normal pass that already failed.
 */
function invert(image: RgbaImage): RgbaImage {
  const out = new Uint8ClampedArray(image.data.length);
  for (let i = 0; i < out.length; i += 4) {
    out[i] = 255 - (image.data[i] ?? 0);
    out[i + 1] = 255 - (image.data[i + 1] ?? 0);
    out[i + 2] = 255 - (image.data[i + 2] ?? 0);
    out[i + 3] = 255;
  }
  return { data: out, width: image.width, height: image.height };
}

function attempt(image: RgbaImage, inversionAttempts: Options['inversionAttempts']): string | null {
  try {
    const found = jsQR(image.data, image.width, image.height, { inversionAttempts });
    return found === null || found.data === '' ? null : found.data;
  } catch {
    // jsQR's Reed–Solomon and bit-stream code can throw on a damaged symbol ("Invalid numeric value
    // above 999", "Can't take log(0)") instead of returning null. For one pass that means "not read
    // here"; the next pass may still read it. Input shape errors are caught earlier by `validate`.
    return null;
  }
}

/**
 * Decodes the QR code in `image`, or returns `null` when none is readable.
 * Passes, cheapest first, stopping at the first hit:
 * 1. natural size, normal polarity only (the common screen-rendered case, §3 step 6);
 * 2. side > 1600 px: box-downscaled to ~1000 px, both polarities;
 * 3. side ≤ 800 px: 2× upscale with a white quiet zone, both polarities (tiny or tightly cropped);
 * 4. natural size, inverted: skipped for huge images, where pass 2 already tried inversion and a
 *    full-size inverted pass on a noisy capture costs seconds.
 *
 * @throws {QrImageError} when the buffer does not match the dimensions, or the image is absurdly large.
 */
export function decodeQr(image: RgbaImage): string | null {
  validate(image);
  const side = Math.max(image.width, image.height);
  const passes: Array<() => string | null> = [() => attempt(image, 'dontInvert')];
  if (side > DOWNSCALE_ABOVE_SIDE) {
    const factor = Math.ceil(side / DOWNSCALE_TARGET_SIDE);
    passes.push(() => attempt(downscale(image, factor), 'attemptBoth'));
  } else {
    if (side <= UPSCALE_MAX_SIDE) passes.push(() => attempt(upscaleWithQuietZone(image), 'attemptBoth'));
    passes.push(() => attempt(invert(image), 'dontInvert'));
  }
  for (const pass of passes) {
    const text = pass();
    if (text !== null) return text;
  }
  return null;
}
