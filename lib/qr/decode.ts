/**
 * QR decoding with jsQR over raw RGBA pixels, DOM-free so it runs in the background service worker
 * (`decodeQr`, synchronous) and in extension pages (`decodeQrAsync`, which yields between passes and
 * reports progress; `decodeAllQr*`, every distinct code of a picture).
 *
 * Passes, in order, each skipped when it cannot apply or when its predicted cost exceeds what is
 * left of a fixed work budget (issue 4: "never more than a few seconds on 3840×2160"):
 *
 * | pass            | what                                                     | for                                  |
 * |-----------------|----------------------------------------------------------|--------------------------------------|
 * | `natural`       | the whole image as is (microsoft-pages.md §3 step 6)     | the common screen-rendered code      |
 * | `located`       | crops around finder-pattern triples (finder-scan.ts)     | small codes in big or noisy captures |
 * | `downscaled`    | side > 1600: box-downscaled to ~1000 px, both polarities | huge codes in huge captures          |
 * | `upscaled`      | side ≤ 800: 2× with a white quiet zone, both polarities  | tiny or tightly cropped codes        |
 * | `inverted`      | the whole image inverted                                 | light-on-dark codes                  |
 * | `stretched`     | 1st–99th percentile contrast stretch, both polarities    | a uniformly faded image              |
 * | `local-contrast`| locally normalised image, located crops (+ whole image)  | a low-contrast code inside a page    |
 * | `levels`        | global thresholds between the greys most often adjacent  | a grey-on-grey code in a grey box    |
 * | `tiles`         | overlapping 1024 px tiles holding a finder pattern       | what the locator could not group     |
 *
 * `natural` goes first on images up to ~1920×1080 where jsQR will be fast, else after `located` (a
 * noisy 4K capture costs jsQR 20 s at natural size, but the locator finds the code in a 300 px crop).
 * Measured on a loaded 2-core machine (tests/unit/qr/decode.test.ts, tests/bench/qr-decode.ts):
 * a ~190 px code in a 3840×2160 page 0.1 s, in per-pixel noise 0.3 s; no code at all 0.8 s (page)
 * and 1.6 s (noise); all 3 codes of a 3840×2160 page 0.9 s.
 */
import jsQR, { type Options } from 'jsqr';
import { binarize, type CodeRegion, estimateJsqrCost, type ScanResult, scanForCodes } from './finder-scan';
import {
  clampRect,
  closeLevelThresholds,
  cropGrey,
  downscale,
  fillRect,
  type GreyImage,
  greyToRgba,
  invert,
  invertGrey,
  luminance,
  normaliseLocalContrast,
  type Rect,
  type RgbaImage,
  stretchContrast,
  thresholdGrey,
  upscaleGrey,
  upscaleWithQuietZone,
} from './pixels';

export type { RgbaImage } from './pixels';

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

export type DecodePass =
  | 'analyse'
  | 'natural'
  | 'located'
  | 'downscaled'
  | 'upscaled'
  | 'inverted'
  | 'stretched'
  | 'local-contrast'
  | 'levels'
  | 'tiles'
  | 'done';

export interface DecodeProgress {
  /** 0…1, monotonic; 1 when the call is about to return. */
  fraction: number;
  /** The pass that just ran (for a status line; not a stable API for logic). */
  pass: DecodePass;
}

export interface DecodeOptions {
  onProgress?: (progress: DecodeProgress) => void;
  /** Aborting rejects the promise with `signal.reason` at the next pass boundary. */
  signal?: AbortSignal;
}

/** Images up to this side get the upscale retry; 2× of it is ~10 MB of RGBA, still cheap. */
const UPSCALE_MAX_SIDE = 800;
/** Larger images get the downscale retry (a 1600 px side is a DPR-2 capture of an 800 px area). */
const DOWNSCALE_ABOVE_SIDE = 1600;
/** Target side after the downscale: codes of ≥ 4 px per module at 1920 px survive it (measured). */
const DOWNSCALE_TARGET_SIDE = 1000;
/** Bounds the work and memory one call can cost: 8K UHD is 33 Mpx. */
const MAX_PIXELS = 40_000_000;
/**
 * Tiles: a code up to TILE − STRIDE = 512 px wide lies wholly inside at least one tile; bigger codes
 * are the downscaled pass's. Only images with a side above TILE are tiled.
 */
const TILE = 1024;
const TILE_STRIDE = 512;
/**
 * Total predicted work per call, in the units of `estimateJsqrCost` (≈ one pixel of a clean page,
 * 20–50 ns depending on the machine and its load). 45 M bounds a call to ~1–2.5 s whatever the
 * picture, while every pass of a 1920×1080 page and the useful ones of a 3840×2160 page still run.
 */
const WORK_BUDGET = 45_000_000;
/** No single step may take more than half of it: one hopeless whole-image read on noise would. */
const MAX_STEP_COST = WORK_BUDGET / 2;
/** The scan + binarization cost about half a clean jsQR pass per pixel (measured). */
const ANALYSE_COST_PER_PIXEL = 0.5;
/** 1920×1080 and a little more (window chrome). */
const NATURAL_FIRST_MAX_PIXELS = 2_200_000;
/** An image whose predicted jsQR cost is ≤ 2× its pixels is "clean": the natural pass goes first. */
const CLEAN_COST_RATIO = 2;
/** Located crops tried per pass: a page rarely holds more codes; noise yields few false triples. */
const MAX_REGIONS = 12;
/** `decodeAllQr`: re-runs of one pass after masking a found code, and codes returned at most. */
const MAX_REPEATS_PER_PASS = 4;
const MAX_CODES = 16;
/** jsQR samples reliably from ~3 px per module; smaller crops are enlarged to that. */
const MIN_CROP_MODULE = 3;

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

interface Point {
  x: number;
  y: number;
}

interface Found {
  text: string;
  /** Where the code is, in the caller's image coordinates (for masking and ordering). */
  bounds: Rect;
}

/** Maps a point of a pass's image back to the caller's image. */
type ToSource = (point: Point) => Point;

function read(
  image: RgbaImage,
  inversionAttempts: Options['inversionAttempts'],
  toSource: ToSource,
): Found | null {
  let found: ReturnType<typeof jsQR>;
  try {
    found = jsQR(image.data, image.width, image.height, { inversionAttempts });
  } catch {
    // jsQR's Reed–Solomon and bit-stream code can throw on a damaged symbol ("Invalid numeric value
    // above 999", "Can't take log(0)") instead of returning null. For one pass that means "not read
    // here"; the next pass may still read it. Input shape errors are caught earlier by `validate`.
    return null;
  }
  if (found === null || found.data === '') return null;
  const { topLeftCorner, topRightCorner, bottomLeftCorner, bottomRightCorner } = found.location;
  const corners = [topLeftCorner, topRightCorner, bottomLeftCorner, bottomRightCorner].map(toSource);
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  const width = Math.max(...xs) - left;
  const height = Math.max(...ys) - top;
  // jsQR's corners are the symbol's outer edge; a 10 % margin also covers the finders' light ring.
  const margin = Math.max(width, height) * 0.1;
  return {
    text: found.data,
    bounds: {
      left: left - margin,
      top: top - margin,
      width: width + 2 * margin,
      height: height + 2 * margin,
    },
  };
}

const identity: ToSource = (p) => p;

function cropFactor(region: CodeRegion): number {
  return region.module >= MIN_CROP_MODULE ? 1 : Math.min(4, Math.ceil(MIN_CROP_MODULE / region.module));
}

/**
 * Reads the part of `grey` inside `region`: prepared as the pass asks (normalising or thresholding
 * the crop equals cropping the prepared image but for the crop's edge, and follows the masking of
 * "all" mode), light-on-dark flipped, small modules enlarged.
 */
function readRegion(
  grey: GreyImage,
  region: CodeRegion,
  prepare?: (crop: GreyImage) => GreyImage,
): Found | null {
  let crop = cropGrey(grey, region.rect);
  if (prepare !== undefined) crop = prepare(crop);
  if (region.inverted) crop = invertGrey(crop);
  const factor = cropFactor(region);
  if (factor > 1) crop = upscaleGrey(crop, factor);
  const { left, top } = region.rect;
  return read(greyToRgba(crop), 'dontInvert', (p) => ({ x: p.x / factor + left, y: p.y / factor + top }));
}

function inside(rect: Rect, area: Rect): boolean {
  return (
    rect.left >= area.left &&
    rect.top >= area.top &&
    rect.left + rect.width <= area.left + area.width &&
    rect.top + rect.height <= area.top + area.height
  );
}

function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.left < b.left + b.width &&
    b.left < a.left + a.width &&
    a.top < b.top + b.height &&
    b.top < a.top + a.height
  );
}

/** Top-to-bottom, then left-to-right for codes side by side (overlapping vertical extents). */
function readingOrder(a: Found, b: Found): number {
  const sameRow =
    a.bounds.top < b.bounds.top + b.bounds.height && b.bounds.top < a.bounds.top + a.bounds.height;
  return sameRow ? a.bounds.left - b.bounds.left : a.bounds.top - b.bounds.top;
}

/** The budget bookkeeping, the found codes and (in "all" mode) the masked working copy. */
class Decoding {
  readonly found: Found[] = [];
  spent = 0;
  done = 0;
  /** Bumped by every mask, so a pass can tell that an image derived earlier is stale. */
  version = 0;
  private masked = false;

  constructor(
    public image: RgbaImage,
    public grey: GreyImage,
    readonly mode: 'first' | 'all',
    readonly plannedWork: number,
  ) {}

  get finished(): boolean {
    return (this.mode === 'first' && this.found.length > 0) || this.found.length >= MAX_CODES;
  }

  affordable(cost: number): boolean {
    return cost <= MAX_STEP_COST && this.spent + cost <= WORK_BUDGET;
  }

  /** True when `rect` lies within a code already found (nothing new to read there). */
  covered(rect: Rect): boolean {
    return this.found.some((f) => inside(rect, f.bounds));
  }

  /**
   * Runs `attempt` if the budget allows. In "all" mode a hit is masked out and the same attempt runs
   * again (another code may sit in the same area), up to MAX_REPEATS_PER_PASS times.
   */
  try(cost: number, rough: number, attempt: () => Found | null): void {
    this.done += rough;
    for (let repeat = 0; repeat < MAX_REPEATS_PER_PASS && !this.finished; repeat += 1) {
      if (!this.affordable(cost)) return;
      this.spent += cost;
      const hit = attempt();
      if (hit === null) return;
      const known = this.found.find((f) => f.text === hit.text && overlaps(f.bounds, hit.bounds));
      if (known !== undefined) return; // the same code again: masking failed to hide it, stop here
      this.found.push(hit);
      if (this.mode === 'first') return;
      this.mask(hit.bounds);
    }
  }

  private mask(bounds: Rect): void {
    if (!this.masked) {
      // Copy once, so the caller's pixels are never changed.
      this.image = { ...this.image, data: this.image.data.slice() };
      this.grey = { ...this.grey, data: this.grey.data.slice() };
      this.masked = true;
    }
    this.version += 1;
    fillRect(this.image, bounds);
    const rect = clampRect(bounds, this.grey.width, this.grey.height);
    for (let y = rect.top; y < rect.top + rect.height; y += 1) {
      this.grey.data.fill(255, y * this.grey.width + rect.left, y * this.grey.width + rect.left + rect.width);
    }
  }

  progress(pass: DecodePass): DecodeProgress {
    return { fraction: Math.min(1, this.done / this.plannedWork), pass };
  }
}

/** Overlapping tiles covering the image, the last row and column flush with its edges. */
function tiles(width: number, height: number): Rect[] {
  const starts = (length: number) => {
    if (length <= TILE) return [0];
    const out: number[] = [];
    for (let s = 0; s + TILE < length; s += TILE_STRIDE) out.push(s);
    out.push(length - TILE);
    return out;
  };
  const out: Rect[] = [];
  for (const top of starts(height))
    for (const left of starts(width))
      out.push({ left, top, width: Math.min(TILE, width), height: Math.min(TILE, height) });
  return out;
}

/**
 * The decoding itself, as a generator that yields after every pass (or crop, or tile): the sync
 * entry points run it through, the async ones yield to the event loop in between.
 */
function* decoding(image: RgbaImage, mode: 'first' | 'all'): Generator<DecodeProgress, Found[], void> {
  validate(image);
  const { width, height } = image;
  const pixels = width * height;
  const side = Math.max(width, height);
  const large = side > DOWNSCALE_ABOVE_SIDE;
  const small = side <= UPSCALE_MAX_SIDE;
  const tiled = side > TILE ? tiles(width, height) : [];
  const analyseCost = pixels * ANALYSE_COST_PER_PIXEL;
  // Rough plan for the progress fraction: every pass at about its clean-image cost.
  const planned =
    analyseCost * 2 +
    pixels * (large ? 1.5 : small ? 8 : 4) +
    tiled.reduce((sum, tile) => sum + tile.width * tile.height, 0);
  const run = new Decoding(image, luminance(image), mode, planned);
  const scan: ScanResult = scanForCodes(binarize(run.grey), width, height);
  run.spent += analyseCost;
  run.done += analyseCost;
  yield run.progress('analyse');

  const naturalCost = estimateJsqrCost(scan, width);
  // Up to a 1920×1080 page jsQR's whole-image read is cheap and is what callers know; on bigger or
  // busy captures the located crops are far cheaper and come first.
  const naturalFirst = naturalCost <= pixels * CLEAN_COST_RATIO && pixels <= NATURAL_FIRST_MAX_PIXELS;
  const natural = function* (): Generator<DecodeProgress, void, void> {
    run.try(naturalCost, pixels, () => read(run.image, 'dontInvert', identity));
    yield run.progress('natural');
  };
  const located = function* (
    found: ScanResult,
    pass: 'located' | 'local-contrast' | 'levels',
    prepare?: (crop: GreyImage) => GreyImage,
  ) {
    for (const region of found.regions.slice(0, MAX_REGIONS)) {
      if (run.finished) return;
      if (run.covered(region.rect)) continue;
      const cost = estimateJsqrCost(found, width, region.rect) * cropFactor(region) ** 2;
      run.try(cost, 0, () => readRegion(run.grey, region, prepare));
      yield run.progress(pass);
    }
  };

  if (naturalFirst) yield* natural();
  if (run.finished) return run.found;
  yield* located(scan, 'located');
  if (run.finished) return run.found;
  if (!naturalFirst) yield* natural();
  if (run.finished) return run.found;

  if (large) {
    const factor = Math.ceil(side / DOWNSCALE_TARGET_SIDE);
    let scaled = downscale(run.image, factor);
    let scaledVersion = run.version;
    const scaledScan = scanForCodes(binarize(luminance(scaled)), scaled.width, scaled.height);
    const cost = 2 * estimateJsqrCost(scaledScan, scaled.width) + scaled.width * scaled.height;
    const toSource: ToSource = (p) => ({ x: p.x * factor, y: p.y * factor });
    run.try(cost, pixels, () => {
      if (scaledVersion !== run.version) {
        scaled = downscale(run.image, factor);
        scaledVersion = run.version;
      }
      return read(scaled, 'attemptBoth', toSource);
    });
    yield run.progress('downscaled');
    if (run.finished) return run.found;
  }

  if (small) {
    const pad = Math.max(8, Math.ceil(side * 2 * 0.125));
    const toSource: ToSource = (p) => ({ x: (p.x - pad) / 2, y: (p.y - pad) / 2 });
    // 2× each side, both polarities, and the pad: about 10× the natural pass on a busy image.
    run.try(naturalCost * 10, pixels * 8, () =>
      read(upscaleWithQuietZone(run.image), 'attemptBoth', toSource),
    );
    yield run.progress('upscaled');
    if (run.finished) return run.found;
  }

  if (!large) {
    run.try(naturalCost, pixels, () => read(invert(run.image), 'dontInvert', identity));
    yield run.progress('inverted');
    if (run.finished) return run.found;
    if (stretchContrast(run.grey) !== null) {
      run.try(naturalCost * 2, pixels, () => {
        const stretched = stretchContrast(run.grey);
        return stretched === null ? null : read(greyToRgba(stretched), 'attemptBoth', identity);
      });
      yield run.progress('stretched');
      if (run.finished) return run.found;
    }
  }

  if (run.affordable(analyseCost * 2)) {
    // Always worth a look: jsQR also fails where a flat dark box inherits the page's black point
    // (its binarizer propagates it through flat blocks), not only where blocks span ≤ 24 levels.
    const normalised = normaliseLocalContrast(run.grey);
    run.spent += analyseCost * 2;
    run.done += analyseCost;
    const contrastScan = scanForCodes(binarize(normalised), width, height);
    yield* located(contrastScan, 'local-contrast', normaliseLocalContrast);
    if (run.finished) return run.found;
    if (small) {
      const cost = 2 * estimateJsqrCost(contrastScan, width);
      run.try(cost, 0, () => read(greyToRgba(normaliseLocalContrast(run.grey)), 'attemptBoth', identity));
    }
    yield run.progress('local-contrast');
    if (run.finished) return run.found;
  }

  for (const threshold of closeLevelThresholds(run.grey)) {
    if (run.finished || !run.affordable(analyseCost)) break;
    run.spent += analyseCost;
    const levels = thresholdGrey(run.grey, threshold);
    const levelScan = scanForCodes(binarize(levels), width, height);
    yield* located(levelScan, 'levels', (crop) => thresholdGrey(crop, threshold));
    if (run.finished) return run.found;
    if (small) {
      const cost = 2 * estimateJsqrCost(levelScan, width);
      run.try(cost, 0, () => read(greyToRgba(thresholdGrey(run.grey, threshold)), 'attemptBoth', identity));
    }
    yield run.progress('levels');
  }
  if (run.finished) return run.found;

  // Only tiles holding a finder pattern outside the codes already found: a code jsQR can read at
  // natural size has finders our scan confirms (same binarizer, stricter ratio), so a tile without
  // any would cost ~50 ms for nothing. Most finders first.
  const findersIn = (tile: Rect) =>
    scan.finders.filter(
      (f) =>
        f.x >= tile.left &&
        f.y >= tile.top &&
        f.x < tile.left + tile.width &&
        f.y < tile.top + tile.height &&
        !run.covered({ left: f.x, top: f.y, width: 0, height: 0 }),
    ).length;
  const ordered = tiled
    .map((tile, index) => ({ tile, index, finders: findersIn(tile) }))
    .sort((a, b) => b.finders - a.finders || a.index - b.index);
  for (const { tile, finders } of ordered) {
    const area = tile.width * tile.height;
    if (run.finished || finders === 0 || findersIn(tile) === 0) {
      run.done += area;
      continue;
    }
    run.try(estimateJsqrCost(scan, width, tile), area, () =>
      read(greyToRgba(cropGrey(run.grey, tile)), 'dontInvert', (p) => ({
        x: p.x + tile.left,
        y: p.y + tile.top,
      })),
    );
    yield run.progress('tiles');
  }
  return run.found;
}

function runSync(image: RgbaImage, mode: 'first' | 'all'): Found[] {
  const steps = decoding(image, mode);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Lets the page paint and handle input between passes (a 4K decode takes a second or two). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function runAsync(image: RgbaImage, mode: 'first' | 'all', options: DecodeOptions): Promise<Found[]> {
  const { onProgress, signal } = options;
  const abortIfAsked = () => {
    if (signal?.aborted) throw signal.reason ?? new DOMException('QR decoding was aborted', 'AbortError');
  };
  abortIfAsked();
  const steps = decoding(image, mode);
  for (;;) {
    const step = steps.next();
    if (step.done) {
      onProgress?.({ fraction: 1, pass: 'done' });
      return step.value;
    }
    onProgress?.(step.value);
    await nextTask();
    abortIfAsked();
  }
}

/**
 * Decodes the QR code in `image`, or returns `null` when none is readable. Synchronous and bounded
 * (see the module comment): the background calls it on captures of up to 3840×2160.
 * When the picture holds several codes, the one found first (by the pass order above) is returned.
 *
 * @throws {QrImageError} when the buffer does not match the dimensions, or the image is absurdly large.
 */
export function decodeQr(image: RgbaImage): string | null {
  return runSync(image, 'first')[0]?.text ?? null;
}

/** `decodeQr` for extension pages: yields between passes, reports progress, can be aborted. */
export async function decodeQrAsync(image: RgbaImage, options: DecodeOptions = {}): Promise<string | null> {
  return (await runAsync(image, 'first', options))[0]?.text ?? null;
}

/**
 * Every distinct code in `image` (the 3 QR codes of a multi-batch Google export, a page with two
 * codes), in reading order; empty when none is readable. Runs every pass within the same budget,
 * masking each code it finds so the next read sees the others.
 *
 * @throws {QrImageError} as `decodeQr`.
 */
export function decodeAllQr(image: RgbaImage): string[] {
  return distinctTexts(runSync(image, 'all'));
}

/** `decodeAllQr` for extension pages: yields between passes, reports progress, can be aborted. */
export async function decodeAllQrAsync(image: RgbaImage, options: DecodeOptions = {}): Promise<string[]> {
  return distinctTexts(await runAsync(image, 'all', options));
}

function distinctTexts(found: Found[]): string[] {
  const texts = [...found].sort(readingOrder).map((f) => f.text);
  return texts.filter((text, index) => texts.indexOf(text) === index);
}
