/**
 * Turns what a content script could give us about a QR candidate into RGBA pixels for jsQR.
 * Runs in the background: Chromium's service worker has `createImageBitmap` and `OffscreenCanvas`
 * (no DOM), Firefox's background page has both too. The QR decoder therefore never loads in a page.
 */
import type { QrImage } from '../messaging/content-protocol';
import type { RgbaImage } from '../qr';

/** Decoding more than this many pixels buys nothing for a screen-rendered code and costs seconds. */
const MAX_SIDE = 4096;

export interface TabCapture {
  /** `tabs.captureVisibleTab` for the sender's window, as a PNG data URL. */
  captureVisibleTab(windowId: number | undefined): Promise<string>;
}

export class QrImageUnavailableError extends Error {
  readonly code = 'qr-image-unavailable';
  constructor(detail: string, options?: ErrorOptions) {
    super(`TwoStep could not read the QR image: ${detail}`, options);
    this.name = 'QrImageUnavailableError';
  }
}

async function bitmapFrom(url: string): Promise<ImageBitmap> {
  const response = await fetch(url, { credentials: 'include' });
  if (!response.ok) throw new QrImageUnavailableError(`the image answered HTTP ${response.status}`);
  return createImageBitmap(await response.blob());
}

function pixels(
  bitmap: ImageBitmap,
  crop = { x: 0, y: 0, width: bitmap.width, height: bitmap.height },
): RgbaImage {
  const width = Math.max(1, Math.min(MAX_SIDE, Math.round(crop.width)));
  const height = Math.max(1, Math.min(MAX_SIDE, Math.round(crop.height)));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new QrImageUnavailableError('no 2D canvas in the background');
  // Transparent pixels become white: a QR drawn on a transparent PNG has its quiet zone there.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, crop.x, crop.y, crop.width, crop.height, 0, 0, width, height);
  const { data } = context.getImageData(0, 0, width, height);
  return { data, width, height };
}

/** The page's rectangle is in CSS pixels; the capture is in device pixels. */
async function fromScreen(
  area: { rect: { x: number; y: number; width: number; height: number }; devicePixelRatio: number },
  windowId: number | undefined,
  tab: TabCapture,
): Promise<RgbaImage> {
  const shot = await bitmapFrom(await tab.captureVisibleTab(windowId));
  const { rect, devicePixelRatio: dpr } = area;
  return pixels(shot, {
    x: rect.x * dpr,
    y: rect.y * dpr,
    width: rect.width * dpr,
    height: rect.height * dpr,
  });
}

export async function loadQrImage(
  image: QrImage,
  windowId: number | undefined,
  tab: TabCapture,
): Promise<RgbaImage> {
  try {
    if (image.source === 'dataUrl') return pixels(await bitmapFrom(image.dataUrl));
    if (image.source === 'url') {
      const url = new URL(image.url);
      if (url.protocol !== 'https:') throw new QrImageUnavailableError('only https images are fetched');
      try {
        return pixels(await bitmapFrom(url.href));
      } catch (error) {
        // No access to the image's host (CORS): read the same pixels off the screen instead.
        if (!image.fallback) throw error;
        return await fromScreen(image.fallback, windowId, tab);
      }
    }
    return await fromScreen(image, windowId, tab);
  } catch (error) {
    if (error instanceof QrImageUnavailableError) throw error;
    throw new QrImageUnavailableError(error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
}
