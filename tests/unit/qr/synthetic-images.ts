/**
 * Synthetic test pictures for the QR decoder: codes rendered from `qrcode`'s module matrix, pasted
 * into deterministic page-like or noise backgrounds. Shared by the decode tests; the compat fixture
 * generator (scripts/make-compat-fixtures.mjs) draws its pages the same way, in plain JS.
 */
import QRCode, { type QRCodeErrorCorrectionLevel } from 'qrcode';
import type { RgbaImage } from '../../../lib/qr/index';

export interface RenderOptions {
  /** Pixels per module. */
  scale?: number;
  /** Quiet zone in modules (the standard asks for 4). */
  quiet?: number;
  invert?: boolean;
  level?: QRCodeErrorCorrectionLevel;
  /** Grey of dark modules (0 = black). */
  dark?: number;
  /** Grey of light modules and the quiet zone (255 = white). */
  light?: number;
  /** Quarter turns clockwise. */
  turns?: 0 | 1 | 2 | 3;
}

/** Draws `text` as a QR code: dark on light (or the reverse), RGBA. */
export function render(
  text: string,
  { scale = 4, quiet = 4, invert = false, level = 'M', dark = 0, light = 255, turns = 0 }: RenderOptions = {},
): RgbaImage {
  const modules = QRCode.create(text, { errorCorrectionLevel: level }).modules;
  const n = modules.size;
  const side = (n + 2 * quiet) * scale;
  const data = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y += 1) {
    for (let x = 0; x < side; x += 1) {
      let mx = Math.floor(x / scale) - quiet;
      let my = Math.floor(y / scale) - quiet;
      for (let t = 0; t < turns; t += 1) [mx, my] = [my, n - 1 - mx]; // rotate the sampling back
      const inside = mx >= 0 && my >= 0 && mx < n && my < n;
      const isDark = (inside && modules.get(my, mx) === 1) !== invert;
      const i = (y * side + x) * 4;
      data.fill(isDark ? dark : light, i, i + 3);
      data[i + 3] = 255;
    }
  }
  return { data, width: side, height: side };
}

/** Deterministic PRNG (mulberry32), so every synthetic picture is the same on every run. */
export function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fillRect(
  image: RgbaImage,
  left: number,
  top: number,
  width: number,
  height: number,
  grey: number,
) {
  for (let y = Math.max(0, top); y < Math.min(image.height, top + height); y += 1) {
    const row = y * image.width;
    for (let x = Math.max(0, left); x < Math.min(image.width, left + width); x += 1) {
      image.data.fill(grey, (row + x) * 4, (row + x) * 4 + 3);
      image.data[(row + x) * 4 + 3] = 255;
    }
  }
}

/** Per-pixel grey noise: the worst case for jsQR's locator (finder-like runs everywhere). */
export function noisePage(width: number, height: number, seed = 1): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  const random = prng(seed);
  for (let i = 0; i < width * height; i += 1) {
    data.fill(Math.floor(random() * 256), i * 4, i * 4 + 3);
    data[i * 4 + 3] = 255;
  }
  return { data, width, height };
}

/** A page-like screenshot: dark title bar, light sidebar, lines of dark "words" on white. */
export function uiPage(width: number, height: number, seed = 7): RgbaImage {
  const image = { data: new Uint8ClampedArray(width * height * 4).fill(255), width, height };
  const random = prng(seed);
  fillRect(image, 0, 0, width, Math.round(height * 0.08), 60);
  fillRect(image, 0, Math.round(height * 0.08), Math.round(width * 0.15), height, 230);
  const line = Math.max(10, Math.round(height / 70));
  for (let y = Math.round(height * 0.12); y < height - line; y += line * 2) {
    let x = Math.round(width * 0.18);
    while (x < width * 0.95) {
      const word = Math.floor(random() * line * 6) + line;
      fillRect(image, x, y, word, line, Math.floor(random() * 80));
      x += word + line;
    }
  }
  return image;
}

/** Copies `code` into `page` at (left, top), in place; returns the page. */
export function paste(page: RgbaImage, code: RgbaImage, left: number, top: number): RgbaImage {
  for (let y = 0; y < code.height; y += 1) {
    const from = y * code.width * 4;
    page.data.set(code.data.subarray(from, from + code.width * 4), ((top + y) * page.width + left) * 4);
  }
  return page;
}

/** `code` on a plain card of `grey` (margin px around it) pasted into `page` at (left, top). */
export function pasteOnCard(
  page: RgbaImage,
  code: RgbaImage,
  left: number,
  top: number,
  grey: number,
  margin = 60,
) {
  fillRect(page, left - margin, top - margin, code.width + 2 * margin, code.height + 2 * margin, grey);
  return paste(page, code, left, top);
}

/** The time `fn` takes, in ms, with its result. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}
