/**
 * A QR candidate's pixels → a `QrImage` for the background to decode (microsoft-pages.md §3).
 * Whatever the page lets us read goes as a PNG data URL; a cross-origin image goes as its URL (the
 * background fetches it with its own rights); a tainted canvas or unreadable drawing goes as the
 * element's rectangle for a visible-tab capture (§3.4). Needs a real canvas: exercised by the e2e
 * stories in Chromium and Firefox, not by happy-dom.
 */
import type { QrImage } from '../messaging/content-protocol';
import { isReadableUrl } from './dom';
import type { QrCandidate } from './qr-candidates';

/** content-protocol.ts bounds a data URL at 8 MB. */
const MAX_DATA_URL = 8_000_000;
/** Small sources are scaled up so each QR module spans several pixels (§3.3 decodes at 2× too). */
const MIN_SHORT_SIDE = 256;
const LOAD_TIMEOUT_MS = 5_000;

/**
 * Draws `source` on white (transparent pixels read as black to a decoder) and returns a PNG data
 * URL. Throws a SecurityError when the source taints the canvas.
 */
function rasterise(source: CanvasImageSource, width: number, height: number, smooth: boolean): string {
  const scale = Math.max(1, MIN_SHORT_SIDE / Math.max(1, Math.min(width, height)));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2D canvas');
  g.imageSmoothingEnabled = smooth;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(source, 0, 0, canvas.width, canvas.height);
  const url = canvas.toDataURL('image/png');
  if (url.length > MAX_DATA_URL) throw new Error('image too large');
  return url;
}

/** Whether a canvas is still empty: its pixels equal those of a fresh canvas of the same size. */
function isBlank(canvas: HTMLCanvasElement): boolean {
  const fresh = document.createElement('canvas');
  fresh.width = canvas.width;
  fresh.height = canvas.height;
  return canvas.toDataURL() === fresh.toDataURL(); // throws SecurityError when tainted
}

/** Resolves once `img` has pixels (or rejects after a timeout / an error). */
function loaded(img: HTMLImageElement): Promise<HTMLImageElement> {
  if (img.complete && img.naturalWidth > 0) return Promise.resolve(img);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('image did not load')), LOAD_TIMEOUT_MS);
    const settle = (ok: boolean) => {
      clearTimeout(timer);
      if (ok) resolve(img);
      else reject(new Error('image failed to load'));
    };
    img.addEventListener('load', () => settle(true), { once: true });
    img.addEventListener('error', () => settle(false), { once: true });
  });
}

function loadUrl(url: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = url;
  return loaded(img);
}

/** Raster images keep hard module edges when scaled (no smoothing). */
const drawImage = (img: HTMLImageElement): string =>
  rasterise(img, img.naturalWidth, img.naturalHeight, false);

/**
 * §3.4 fallback: the element's rectangle for a visible-tab capture. Top frame only (a subframe's
 * rectangle is not in tab coordinates), and only when fully in view: the page is never scrolled.
 */
function tabShot(el: Element): QrImage | null {
  if (window.top !== window) return null;
  const r = el.getBoundingClientRect();
  if (r.left < 0 || r.top < 0 || r.right > window.innerWidth || r.bottom > window.innerHeight) return null;
  const rect = { x: r.x, y: r.y, width: r.width, height: r.height };
  return { source: 'tab', rect, devicePixelRatio: Math.min(8, Math.max(0.25, window.devicePixelRatio || 1)) };
}

/** The background fetches https images only (lib/background/qr-image.ts). */
const httpsUrl = (url: string): boolean => /^https:\/\//i.test(url);

/** Copies computed colours onto a clone, so page CSS that styles the drawing survives serialising. */
function svgDataUrl(svg: SVGSVGElement, width: number, height: number): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.hasAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const shapes = svg.querySelectorAll('path, rect, polygon, circle, use');
  const copies = clone.querySelectorAll<SVGElement>('path, rect, polygon, circle, use');
  if (shapes.length <= 4000) {
    shapes.forEach((shape, i) => {
      const copy = copies[i];
      if (!copy) return;
      const style = getComputedStyle(shape);
      if (!shape.hasAttribute('fill')) copy.style.fill = style.fill;
      if (!shape.hasAttribute('stroke')) copy.style.stroke = style.stroke;
    });
  }
  clone.style.color = getComputedStyle(svg).color;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(clone))}`;
}

async function fromUrl(url: string, el: Element, existing?: HTMLImageElement): Promise<QrImage | null> {
  if (isReadableUrl(url, location.origin)) {
    try {
      return { source: 'dataUrl', dataUrl: drawImage(await (existing ? loaded(existing) : loadUrl(url))) };
    } catch {
      return tabShot(el);
    }
  }
  // Cross-origin: the loaded image may still be readable (CORS); else it taints the canvas.
  try {
    if (existing) return { source: 'dataUrl', dataUrl: drawImage(await loaded(existing)) };
  } catch {
    // SecurityError (tainted) or not loaded: fall through.
  }
  if (!httpsUrl(url)) return tabShot(el);
  // The background may lack access to the image's host: give it the rectangle to capture instead.
  const shot = tabShot(el);
  return shot?.source === 'tab'
    ? { source: 'url', url, fallback: { rect: shot.rect, devicePixelRatio: shot.devicePixelRatio } }
    : { source: 'url', url };
}

/** The candidate's pixels in the best form available, or null (nothing readable right now). */
export async function qrImageOf(c: QrCandidate): Promise<QrImage | null> {
  switch (c.kind) {
    case 'img':
      return fromUrl(c.url, c.el, c.el);
    case 'background':
      return fromUrl(c.url, c.el);
    case 'canvas':
      try {
        // Not drawn yet (pages draw after inserting): null, so a later pass tries again.
        if (isBlank(c.el)) return null;
        return { source: 'dataUrl', dataUrl: rasterise(c.el, c.el.width, c.el.height, false) };
      } catch {
        return tabShot(c.el); // tainted by a cross-origin drawing
      }
    case 'svg': {
      const r = c.el.getBoundingClientRect();
      try {
        const img = await loadUrl(svgDataUrl(c.el, r.width, r.height));
        return { source: 'dataUrl', dataUrl: rasterise(img, r.width, r.height, true) };
      } catch {
        return tabShot(c.el); // external references or foreignObject may refuse to draw
      }
    }
  }
}
