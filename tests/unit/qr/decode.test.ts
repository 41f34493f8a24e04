import jsQR from 'jsqr';
import QRCode, { type QRCodeErrorCorrectionLevel } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeQr, QrImageError, type RgbaImage } from '../../../lib/qr/index';

const CONSUMER = 'otpauth://totp/Microsoft:pat@outlook.example?secret=ABCDEFGHIJKLMNOP&issuer=Microsoft';
const WORK = 'otpauth://totp/Contoso%3Apat%40contoso.example?secret=abcdefghijklmnop&issuer=Microsoft';

interface RenderOptions {
  /** Pixels per module. */
  scale?: number;
  /** Quiet zone in modules (the standard asks for 4). */
  quiet?: number;
  invert?: boolean;
  level?: QRCodeErrorCorrectionLevel;
}

/** Draws `text` as a QR code from `qrcode`'s module matrix: black on white, RGBA. */
function render(
  text: string,
  { scale = 4, quiet = 4, invert = false, level = 'M' }: RenderOptions = {},
): RgbaImage {
  const modules = QRCode.create(text, { errorCorrectionLevel: level }).modules;
  const side = (modules.size + 2 * quiet) * scale;
  const data = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y += 1) {
    for (let x = 0; x < side; x += 1) {
      const mx = Math.floor(x / scale) - quiet;
      const my = Math.floor(y / scale) - quiet;
      const inside = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size;
      const dark = (inside && modules.get(my, mx) === 1) !== invert;
      data.fill(dark ? 0 : 255, (y * side + x) * 4, (y * side + x) * 4 + 3);
      data[(y * side + x) * 4 + 3] = 255;
    }
  }
  return { data, width: side, height: side };
}

/** Deterministic PRNG (mulberry32), so the noisy image is the same on every run. */
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A `width`×`height` canvas of per-pixel grey noise (or `fill`) with `code` pasted at (left, top). */
function embed(
  code: RgbaImage,
  width: number,
  height: number,
  left: number,
  top: number,
  fill?: number,
): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  const random = prng(1);
  for (let i = 0; i < width * height; i += 1) {
    data.fill(fill ?? Math.floor(random() * 256), i * 4, i * 4 + 3);
    data[i * 4 + 3] = 255;
  }
  for (let y = 0; y < code.height; y += 1) {
    const from = y * code.width * 4;
    data.set(code.data.subarray(from, from + code.width * 4), ((top + y) * width + left) * 4);
  }
  return { data, width, height };
}

const readsDirectly = (image: RgbaImage) =>
  jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;

describe('decodeQr', () => {
  it.each([
    ['consumer URI, 4 px/module', CONSUMER, {}],
    ['work/school URI, 6 px/module', WORK, { scale: 6 }],
    ['high error correction, 3 px/module', CONSUMER, { scale: 3, level: 'H' }],
    ['no quiet zone, 5 px/module', WORK, { scale: 5, quiet: 0 }],
  ] as [string, string, RenderOptions][])('reads a clean code: %s', (_, text, options) => {
    expect(decodeQr(render(text, options))).toBe(text);
  });

  it.each([
    ['version 1, 1 px/module, 4-module quiet zone', 'hello', { scale: 1, quiet: 4 }],
    [
      'version 3, 1 px/module, 1-module quiet zone',
      'otpauth://totp/ACME:pat?secret=JBSWY3DPEHPK3PXP',
      { scale: 1, quiet: 1, level: 'L' },
    ],
  ] as [string, string, RenderOptions][])(
    'reads a tiny code through the 2× upscale retry: %s',
    (_, text, options) => {
      const image = render(text, options);
      expect(readsDirectly(image)).toBeNull(); // proves the retry is what reads it
      expect(decodeQr(image)).toBe(text);
    },
  );

  it('reads an inverted code (light modules on dark) in the retry pass', () => {
    const image = render(CONSUMER, { invert: true });
    expect(jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })).toBeNull();
    expect(decodeQr(image)).toBe(CONSUMER);
  });

  it('reads an inverted code of medium size (no rescaling; natural-size inverted pass)', () => {
    const image = render(CONSUMER, { scale: 22, invert: true });
    expect(image.width).toBeGreaterThan(800);
    expect(decodeQr(image)).toBe(CONSUMER);
  });

  it('reads an inverted code in a huge image (downscale pass)', () => {
    const code = render(WORK, { scale: 8, invert: true });
    const image = embed(code, 2400, 1800, 900, 500, 0);
    expect(decodeQr(image)).toBe(WORK);
  });

  it('reads a code embedded in a noisy 1920×1080 capture', () => {
    const image = embed(render(CONSUMER, { scale: 4 }), 1920, 1080, 1200, 500);
    const started = performance.now();
    const text = decodeQr(image);
    const elapsed = performance.now() - started;
    expect(text).toBe(CONSUMER);
    console.info(`decodeQr 1920×1080 noisy: ${elapsed.toFixed(0)} ms`);
  });

  it('reads a code from a subarray that is not 4-byte aligned', () => {
    const image = render('hello', { scale: 1, quiet: 4 });
    const backing = new Uint8ClampedArray(image.data.length + 1);
    backing.set(image.data, 1);
    expect(decodeQr({ ...image, data: backing.subarray(1) })).toBe('hello');
  });

  it.each([
    ['blank white', 400, 300, 255],
    ['blank black', 64, 64, 0],
    ['blank huge', 1920, 1080, 255],
    ['one pixel', 1, 1, 255],
  ])('returns null for %s', (_, width, height, value) => {
    const data = new Uint8ClampedArray(width * height * 4).fill(value);
    expect(decodeQr({ data, width, height })).toBeNull();
  });

  it('returns null for noise without a code', () => {
    expect(
      decodeQr(embed({ data: new Uint8ClampedArray(0), width: 0, height: 0 }, 300, 300, 0, 0)),
    ).toBeNull();
  });

  it.each([
    ['buffer too short', { data: new Uint8ClampedArray(10), width: 2, height: 2 }, 'QR_INVALID_IMAGE'],
    ['buffer too long', { data: new Uint8ClampedArray(20), width: 2, height: 2 }, 'QR_INVALID_IMAGE'],
    ['zero width', { data: new Uint8ClampedArray(0), width: 0, height: 5 }, 'QR_INVALID_IMAGE'],
    ['fractional height', { data: new Uint8ClampedArray(8), width: 1, height: 1.5 }, 'QR_INVALID_IMAGE'],
    [
      'absurdly large',
      { data: new Uint8ClampedArray(4), width: 10_000, height: 10_000 },
      'QR_IMAGE_TOO_LARGE',
    ],
  ] as [string, RgbaImage, string][])('rejects a malformed image: %s', (_, image, code) => {
    expect(() => decodeQr(image)).toThrow(QrImageError);
    try {
      decodeQr(image);
    } catch (error) {
      expect((error as QrImageError).code).toBe(code);
    }
  });
});
