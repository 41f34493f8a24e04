/**
 * Pixel operations the QR passes need: luminance, crops, whole-factor rescaling, inversion, contrast
 * stretch and masking. Pure functions over typed arrays, DOM-free (they run in the service worker).
 */

export interface RgbaImage {
  /** Row-major RGBA, 4 bytes per pixel, no row padding (as `ImageData` gives it). */
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** One 8-bit grey value per pixel, row-major. */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Grey value per pixel with the weights jsQR's binarizer uses (ITU-R BT.709), so a pass built from
 * these values thresholds the way jsQR would on the colour image.
 */
export function luminance(image: RgbaImage): GreyImage {
  const { data, width, height } = image;
  const out = new Uint8Array(width * height);
  // Fixed point (weights × 256: 54 + 183 + 19 = 256), ~3× faster than floats on 8 Mpx.
  for (let p = 0, i = 0; p < out.length; p += 1, i += 4) {
    out[p] = (54 * (data[i] ?? 0) + 183 * (data[i + 1] ?? 0) + 19 * (data[i + 2] ?? 0)) >> 8;
  }
  return { data: out, width, height };
}

/** Grey → RGBA (opaque), the only pixel format jsQR takes. */
export function greyToRgba(grey: GreyImage): RgbaImage {
  const out = new Uint8ClampedArray(grey.data.length * 4);
  for (let p = 0, i = 0; p < grey.data.length; p += 1, i += 4) {
    const v = grey.data[p] ?? 0;
    out[i] = v;
    out[i + 1] = v;
    out[i + 2] = v;
    out[i + 3] = 255;
  }
  return { data: out, width: grey.width, height: grey.height };
}

/** The part of `grey` inside `rect` (which the caller has clamped to the image). */
export function cropGrey(grey: GreyImage, rect: Rect): GreyImage {
  const out = new Uint8Array(rect.width * rect.height);
  for (let y = 0; y < rect.height; y += 1) {
    const from = (rect.top + y) * grey.width + rect.left;
    out.set(grey.data.subarray(from, from + rect.width), y * rect.width);
  }
  return { data: out, width: rect.width, height: rect.height };
}

/** Nearest-neighbour enlargement by a whole factor: modules stay sharp-edged squares. */
export function upscaleGrey(grey: GreyImage, factor: number): GreyImage {
  const width = grey.width * factor;
  const height = grey.height * factor;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    const from = Math.floor(y / factor) * grey.width;
    const row = y * width;
    for (let x = 0; x < width; x += 1) out[row + x] = grey.data[from + Math.floor(x / factor)] ?? 255;
  }
  return { data: out, width, height };
}

/** Nearest-neighbour 2× upscale inside a white border: jsQR's locator needs a few pixels per module and a quiet zone. */
export function upscaleWithQuietZone(image: RgbaImage): RgbaImage {
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
export function downscale(image: RgbaImage, factor: number): RgbaImage {
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
export function invert(image: RgbaImage): RgbaImage {
  const out = new Uint8ClampedArray(image.data.length);
  for (let i = 0; i < out.length; i += 4) {
    out[i] = 255 - (image.data[i] ?? 0);
    out[i + 1] = 255 - (image.data[i + 1] ?? 0);
    out[i + 2] = 255 - (image.data[i + 2] ?? 0);
    out[i + 3] = 255;
  }
  return { data: out, width: image.width, height: image.height };
}

export function invertGrey(grey: GreyImage): GreyImage {
  const out = new Uint8Array(grey.data.length);
  for (let p = 0; p < out.length; p += 1) out[p] = 255 - (grey.data[p] ?? 0);
  return { data: out, width: grey.width, height: grey.height };
}

/** The grey values below which `low` and above which `high` of the pixels lie (histogram percentiles). */
export function percentiles(grey: GreyImage, low: number, high: number): { dark: number; light: number } {
  const histogram = new Uint32Array(256);
  for (const v of grey.data) histogram[v] = (histogram[v] ?? 0) + 1;
  const total = grey.data.length;
  let seen = 0;
  let dark = 0;
  while (dark < 255 && seen + (histogram[dark] ?? 0) <= total * low) seen += histogram[dark++] ?? 0;
  seen = 0;
  let light = 255;
  while (light > 0 && seen + (histogram[light] ?? 0) <= total * (1 - high)) seen += histogram[light--] ?? 0;
  return { dark, light };
}

/**
 * Contrast stretch: maps the 1st–99th percentile range onto 0–255. jsQR's binarizer treats an 8×8
 * block whose values span ≤ 24 grey levels as flat (MIN_DYNAMIC_RANGE), so a code printed in two
 * close greys is invisible to it until its range is widened. Returns `null` when the image already
 * spans most of the range (nothing to gain) or is flat (nothing to stretch).
 */
export function stretchContrast(grey: GreyImage): GreyImage | null {
  const { dark, light } = percentiles(grey, 0.01, 0.99);
  const range = light - dark;
  if (range >= 160 || range < 4) return null;
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v += 1)
    lut[v] = Math.max(0, Math.min(255, Math.round(((v - dark) * 255) / range)));
  const out = new Uint8Array(grey.data.length);
  for (let p = 0; p < out.length; p += 1) out[p] = lut[grey.data[p] ?? 0] ?? 0;
  return { data: out, width: grey.width, height: grey.height };
}

/** Paints `rect` white in place (a found code, so the next pass can see the codes next to it). */
export function fillRect(image: RgbaImage, rect: Rect, value = 255): void {
  const left = Math.max(0, Math.floor(rect.left));
  const top = Math.max(0, Math.floor(rect.top));
  const right = Math.min(image.width, Math.ceil(rect.left + rect.width));
  const bottom = Math.min(image.height, Math.ceil(rect.top + rect.height));
  for (let y = top; y < bottom; y += 1) {
    const row = y * image.width * 4;
    image.data.fill(value, row + left * 4, row + right * 4);
  }
}

/** Clamps `rect` to a `width`×`height` image, in whole pixels. */
export function clampRect(rect: Rect, width: number, height: number): Rect {
  const left = Math.max(0, Math.floor(rect.left));
  const top = Math.max(0, Math.floor(rect.top));
  const right = Math.min(width, Math.ceil(rect.left + rect.width));
  const bottom = Math.min(height, Math.ceil(rect.top + rect.height));
  return { left, top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}

const BLOCK = 8;
/** Neighbourhood of 5×5 blocks (40 px), as jsQR's threshold uses: local enough to skip nearby text. */
const RADIUS_BLOCKS = 2;

/**
 * Local contrast normalisation: each pixel is rescaled between the darkest and lightest values of
 * the 5×5 blocks of 8 px around it, so a code in two close greys (a faded print, a grey-on-grey
 * card) reaches full contrast even inside a page that has black text elsewhere, where a global
 * stretch changes nothing. Neighbourhoods spanning fewer than `minRange` levels are treated as flat
 * and become white (amplifying them would turn compression noise into fake modules).
 * Known limit: a code whose quiet zone is darker than the page right around it by more than the
 * code's own contrast (a 200/220 code in a 220 box on a 255 page) keeps a grey quiet zone, which
 * jsQR then reads as dark.
 */
export function normaliseLocalContrast(grey: GreyImage, minRange = 10): GreyImage {
  const { data, width, height } = grey;
  const columns = Math.ceil(width / BLOCK);
  const rows = Math.ceil(height / BLOCK);
  const blockMin = new Uint8Array(columns * rows).fill(255);
  const blockMax = new Uint8Array(columns * rows);
  for (let y = 0; y < height; y += 1) {
    const by = (y / BLOCK) | 0;
    for (let x = 0, i = y * width; x < width; x += 1, i += 1) {
      const b = by * columns + ((x / BLOCK) | 0);
      const v = data[i] ?? 0;
      if (v < (blockMin[b] ?? 255)) blockMin[b] = v;
      if (v > (blockMax[b] ?? 0)) blockMax[b] = v;
    }
  }
  const low = new Uint8Array(columns * rows);
  const high = new Uint8Array(columns * rows);
  for (let by = 0; by < rows; by += 1) {
    for (let bx = 0; bx < columns; bx += 1) {
      let lo = 255;
      let hi = 0;
      for (let ny = Math.max(0, by - RADIUS_BLOCKS); ny <= Math.min(rows - 1, by + RADIUS_BLOCKS); ny += 1) {
        for (
          let nx = Math.max(0, bx - RADIUS_BLOCKS);
          nx <= Math.min(columns - 1, bx + RADIUS_BLOCKS);
          nx += 1
        ) {
          lo = Math.min(lo, blockMin[ny * columns + nx] ?? 255);
          hi = Math.max(hi, blockMax[ny * columns + nx] ?? 0);
        }
      }
      low[by * columns + bx] = lo;
      high[by * columns + bx] = hi;
    }
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    const by = (y / BLOCK) | 0;
    for (let x = 0, i = y * width; x < width; x += 1, i += 1) {
      const b = by * columns + ((x / BLOCK) | 0);
      const lo = low[b] ?? 0;
      const range = (high[b] ?? 255) - lo;
      out[i] = range < minRange ? 255 : (((data[i] ?? 0) - lo) * 255) / range;
    }
  }
  return { data: out, width, height };
}

/** Level pairs further apart than this are left to jsQR's own local threshold. */
const CLOSE_LEVELS = 64;
/** Below this, two levels are one grey with compression noise. */
const DISTINCT_LEVELS = 6;
const MAX_LEVEL_THRESHOLDS = 3;
/** A 21-module code has ~200 horizontal module edges; fewer transitions cannot be a code. */
const MIN_TRANSITIONS = 150;

/**
 * Global thresholds for codes drawn in two close greys: halfway between the two levels that most
 * often sit side by side (6–64 levels apart) in neighbouring pixels. A code alternates its two
 * greys on every module edge, so its pair dominates this count, while text and photos spread their
 * soft edges over many level pairs. One global threshold between the pair makes such a code clean
 * black-on-white even when it sits in a grey box on a white page, where both contrast passes leave
 * a grey quiet zone that jsQR reads as dark.
 */
export function closeLevelThresholds(grey: GreyImage): number[] {
  const { data, width, height } = grey;
  // Level pairs in bins of 4 levels; per pair the count and the sums of both levels (for the means).
  const count = new Uint32Array(64 * 64);
  const lowSum = new Float64Array(64 * 64);
  const highSum = new Float64Array(64 * 64);
  for (let y = 0; y < height; y += 1) {
    let previous = data[y * width] ?? 0;
    for (let x = 1, i = y * width + 1; x < width; x += 1, i += 1) {
      const v = data[i] ?? 0;
      const low = Math.min(v, previous);
      const high = Math.max(v, previous);
      previous = v;
      const gap = high - low;
      if (gap < DISTINCT_LEVELS || gap > CLOSE_LEVELS) continue;
      const bin = (low >> 2) * 64 + (high >> 2);
      count[bin] = (count[bin] ?? 0) + 1;
      lowSum[bin] = (lowSum[bin] ?? 0) + low;
      highSum[bin] = (highSum[bin] ?? 0) + high;
    }
  }
  const pairs: Array<{ threshold: number; count: number }> = [];
  count.forEach((n, bin) => {
    if (n >= MIN_TRANSITIONS)
      pairs.push({ threshold: Math.floor(((lowSum[bin] ?? 0) + (highSum[bin] ?? 0)) / (2 * n)), count: n });
  });
  const thresholds: number[] = [];
  for (const pair of pairs.sort((p, q) => q.count - p.count)) {
    // Neighbouring bins of one pair give nearly the same threshold: keep the first.
    if (thresholds.every((t) => Math.abs(t - pair.threshold) > 4)) thresholds.push(pair.threshold);
    if (thresholds.length === MAX_LEVEL_THRESHOLDS) break;
  }
  return thresholds;
}

/** Black (0) at or below `threshold`, white (255) above it. */
export function thresholdGrey(grey: GreyImage, threshold: number): GreyImage {
  const out = new Uint8Array(grey.data.length);
  for (let p = 0; p < out.length; p += 1) out[p] = (grey.data[p] ?? 0) <= threshold ? 0 : 255;
  return { data: out, width: grey.width, height: grey.height };
}

/**
 * Composites `image` over white, as `loadImagePixels` does by filling its canvas white before
 * drawing: a code saved as a transparent PNG is dark modules on nothing, which raw RGBA (0,0,0,0)
 * would turn into black on black. Returns the image itself when it is fully opaque.
 */
export function compositeOnWhite(image: RgbaImage): RgbaImage {
  const { data } = image;
  let opaque = true;
  for (let i = 3; i < data.length; i += 4) {
    if (data[i] !== 255) {
      opaque = false;
      break;
    }
  }
  if (opaque) return image;
  const out = new Uint8ClampedArray(data.length);
  for (let i = 0; i < data.length; i += 4) {
    const alpha = (data[i + 3] ?? 255) / 255;
    out[i] = (data[i] ?? 0) * alpha + 255 * (1 - alpha);
    out[i + 1] = (data[i + 1] ?? 0) * alpha + 255 * (1 - alpha);
    out[i + 2] = (data[i + 2] ?? 0) * alpha + 255 * (1 - alpha);
    out[i + 3] = 255;
  }
  return { data: out, width: image.width, height: image.height };
}

/**
 * The part of `image` inside `rect`, clamped to the image: what the user selected on a screenshot
 * ("select the code" when the whole picture gave nothing). Empty selections give a 1×1 white image.
 */
export function cropRgba(image: RgbaImage, rect: Rect): RgbaImage {
  const left = Math.max(0, Math.min(image.width - 1, Math.floor(rect.left)));
  const top = Math.max(0, Math.min(image.height - 1, Math.floor(rect.top)));
  const width = Math.max(1, Math.min(image.width - left, Math.ceil(rect.width)));
  const height = Math.max(1, Math.min(image.height - top, Math.ceil(rect.height)));
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    const from = ((top + y) * image.width + left) * 4;
    out.set(image.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { data: out, width, height };
}
