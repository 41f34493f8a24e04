/**
 * One linear scan of a large image that serves two purposes before any jsQR pass runs:
 *
 * 1. **Where codes are.** QR finder patterns (ISO/IEC 18004 §6.3.3: dark–light–dark–light–dark runs
 *    in the ratio 1:1:3:1:1 on every line through the centre) are found row by row, confirmed down
 *    the column, and grouped in threes that form the right angle of a symbol. Each group gives a
 *    small crop that jsQR reads at natural resolution: a 200 px code in a 3840×2160 screenshot costs
 *    one 300×300 decode instead of a 8 Mpx one. Both polarities are looked for (light-on-dark codes).
 * 2. **What jsQR would cost.** jsQR's locator keeps, per row, a list of open finder-like runs and
 *    compares each new one with all of them, so its time grows with (candidate runs per row)² —
 *    20 s for per-pixel noise at 3840×2160 (measured) against 0.2 s for a page-like image. Counting
 *    the runs jsQR would accept, per row and per column band, predicts that cost so a caller can skip
 *    a pass that would blow the budget (see `estimateJsqrCost`).
 *
 * The binarizer is jsQR 1.4's own (8×8 blocks, 5×5 block neighbourhood, MIN_DYNAMIC_RANGE 24), so
 * the counts match what jsQR sees.
 */
import type { GreyImage, Rect } from './pixels';

const BLOCK = 8;
/** jsQR's MIN_DYNAMIC_RANGE: a block spanning ≤ 24 grey levels is taken as flat. */
const MIN_DYNAMIC_RANGE = 24;
/** Column bands of the cost counts: fine enough to price a 1024 px tile within ~10 %. */
export const BAND_WIDTH = 128;
/** Below 1.5 px per module jsQR cannot sample a code at natural size anyway. */
const MIN_MODULE = 1.5;
/** Bounds memory and the grouping work on pathological input (a screen full of checkerboards). */
const MAX_RAW_CANDIDATES = 4096;
/** Finder patterns open for merging at a time: several codes side by side have 2 finders per row each. */
const MERGE_LOOKBACK = 64;
/** Finder patterns kept for grouping: a page rarely holds more than a few codes (3 finders each). */
const MAX_FINDERS = 36;
/** Version 1 has 14 modules between finder centres; version 40 has 170. */
const MIN_LEG_MODULES = 10;
const MAX_LEG_MODULES = 180;

/** jsQR's binarization of `grey`: 1 = dark. Partial edge blocks are clamped to the image. */
export function binarize(grey: GreyImage): Uint8Array {
  const { data, width, height } = grey;
  const columns = Math.ceil(width / BLOCK);
  const rows = Math.ceil(height / BLOCK);
  const blackPoints = new Float32Array(columns * rows);
  for (let by = 0; by < rows; by += 1) {
    for (let bx = 0; bx < columns; bx += 1) {
      let sum = 0;
      let min = 255;
      let max = 0;
      let count = 0;
      const yEnd = Math.min(height, (by + 1) * BLOCK);
      const xEnd = Math.min(width, (bx + 1) * BLOCK);
      for (let y = by * BLOCK; y < yEnd; y += 1) {
        for (let x = bx * BLOCK, i = y * width + x; x < xEnd; x += 1, i += 1) {
          const v = data[i] ?? 0;
          sum += v;
          if (v < min) min = v;
          if (v > max) max = v;
          count += 1;
        }
      }
      let average = sum / count;
      if (max - min <= MIN_DYNAMIC_RANGE) {
        average = min / 2;
        if (by > 0 && bx > 0) {
          const neighbours =
            ((blackPoints[(by - 1) * columns + bx] ?? 0) +
              2 * (blackPoints[by * columns + bx - 1] ?? 0) +
              (blackPoints[(by - 1) * columns + bx - 1] ?? 0)) /
            4;
          if (min < neighbours) average = neighbours;
        }
      }
      blackPoints[by * columns + bx] = average;
    }
  }
  const bits = new Uint8Array(width * height);
  for (let by = 0; by < rows; by += 1) {
    const top = Math.min(Math.max(by, 2), Math.max(2, rows - 3));
    for (let bx = 0; bx < columns; bx += 1) {
      const left = Math.min(Math.max(bx, 2), Math.max(2, columns - 3));
      let sum = 0;
      let n = 0;
      for (let dy = -2; dy <= 2; dy += 1) {
        const ry = top + dy;
        if (ry < 0 || ry >= rows) continue;
        for (let dx = -2; dx <= 2; dx += 1) {
          const rx = left + dx;
          if (rx < 0 || rx >= columns) continue;
          sum += blackPoints[ry * columns + rx] ?? 0;
          n += 1;
        }
      }
      const threshold = sum / n;
      const yEnd = Math.min(height, (by + 1) * BLOCK);
      const xEnd = Math.min(width, (bx + 1) * BLOCK);
      for (let y = by * BLOCK; y < yEnd; y += 1) {
        for (let x = bx * BLOCK, i = y * width + x; x < xEnd; x += 1, i += 1) {
          bits[i] = (data[i] ?? 0) <= threshold ? 1 : 0;
        }
      }
    }
  }
  return bits;
}

export interface FinderPattern {
  x: number;
  y: number;
  /** Pixels per module. */
  module: number;
  /** True for a light centre (light-on-dark code). */
  inverted: boolean;
  /** Rows that confirmed it: a real finder is confirmed by every row through its 3-module centre. */
  hits: number;
}

export interface CodeRegion {
  /** The code plus its quiet zone, clamped to the image. */
  rect: Rect;
  module: number;
  inverted: boolean;
}

export interface ScanResult {
  /** jsQR-acceptable finder/alignment runs per row and column band (row-major, `bands` per row). */
  runsPerRowBand: Uint16Array;
  bands: number;
  /** Every confirmed finder pattern, most confirmed first. */
  finders: FinderPattern[];
  regions: CodeRegion[];
}

/** The 5 runs look like a finder's 1:1:3:1:1, with zxing's tolerance (each run within half a module). */
function isFinderRatio(r0: number, r1: number, r2: number, r3: number, r4: number): boolean {
  const total = r0 + r1 + r2 + r3 + r4;
  if (total < 7 * MIN_MODULE) return false;
  const m = total / 7;
  const tolerance = m / 2;
  return (
    Math.abs(m - r0) < tolerance &&
    Math.abs(m - r1) < tolerance &&
    Math.abs(3 * m - r2) < 3 * tolerance &&
    Math.abs(m - r3) < tolerance &&
    Math.abs(m - r4) < tolerance
  );
}

/**
 * The runs through (x, y) along one axis, outward from the centre run (outer runs capped at
 * `maxRun`): the centre coordinate along that axis and the pattern's total length, or null when
 * the 1:1:3:1:1 shape is absent there (zxing's crossCheckVertical/Horizontal).
 */
function crossCheck(
  bits: Uint8Array,
  width: number,
  height: number,
  x: number,
  y: number,
  vertical: boolean,
  centre: number,
  maxRun: number,
): { at: number; total: number } | null {
  const limit = vertical ? height : width;
  const start = vertical ? y : x;
  const pixel = (p: number) => (vertical ? bits[p * width + x] : bits[y * width + p]);
  const runs = [0, 0, 0, 0, 0];
  // Centre run, both directions.
  let p = start;
  while (p >= 0 && pixel(p) === centre) {
    runs[2] = (runs[2] ?? 0) + 1;
    p -= 1;
  }
  for (const [index, colour] of [
    [1, 1 - centre],
    [0, centre],
  ] as const) {
    while (p >= 0 && pixel(p) === colour && (runs[index] ?? 0) <= maxRun) {
      runs[index] = (runs[index] ?? 0) + 1;
      p -= 1;
    }
    if (p < 0 && index === 1) return null;
  }
  let q = start + 1;
  while (q < limit && pixel(q) === centre) {
    runs[2] = (runs[2] ?? 0) + 1;
    q += 1;
  }
  const centreEnd = q;
  for (const [index, colour] of [
    [3, 1 - centre],
    [4, centre],
  ] as const) {
    while (q < limit && pixel(q) === colour && (runs[index] ?? 0) <= maxRun) {
      runs[index] = (runs[index] ?? 0) + 1;
      q += 1;
    }
    if (q >= limit && index === 3) return null;
  }
  const [r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0] = runs;
  if (!isFinderRatio(r0, r1, r2, r3, r4)) return null;
  return { at: centreEnd - r2 / 2, total: r0 + r1 + r2 + r3 + r4 };
}

/** Scans `bits` (from `binarize`) once: cost counts for every row, finder patterns, code regions. */
export function scanForCodes(bits: Uint8Array, width: number, height: number): ScanResult {
  const bands = Math.ceil(width / BAND_WIDTH);
  const runsPerRowBand = new Uint16Array(height * bands);
  const raw: FinderPattern[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    const bandRow = y * bands;
    // The last five run lengths, oldest first; r4 is the run that has just ended.
    let r0 = 0;
    let r1 = 0;
    let r2 = 0;
    let r3 = 0;
    let r4 = 0;
    let length = 0;
    let last = 0; // jsQR starts at x = -1, outside the image, which reads as light
    for (let x = -1; x <= width; x += 1) {
      const v = x < 0 || x >= width ? 0 : (bits[row + x] ?? 0);
      if (v === last) {
        length += 1;
        continue;
      }
      r0 = r1;
      r1 = r2;
      r2 = r3;
      r3 = r4;
      r4 = length;
      length = 1;
      last = v;
      // jsQR's own acceptance (locate(): validFinderPattern / validAlignmentPattern), for the cost.
      const a5 = (r0 + r1 + r2 + r3 + r4) / 7;
      const jsqrFinder =
        v === 0 &&
        Math.abs(r0 - a5) < a5 &&
        Math.abs(r1 - a5) < a5 &&
        Math.abs(r2 - 3 * a5) < 3 * a5 &&
        Math.abs(r3 - a5) < a5 &&
        Math.abs(r4 - a5) < a5;
      const a3 = (r2 + r3 + r4) / 3;
      const jsqrAlignment =
        v === 1 && Math.abs(r2 - a3) < a3 && Math.abs(r3 - a3) < a3 && Math.abs(r4 - a3) < a3;
      if (jsqrFinder || jsqrAlignment) {
        const cell = bandRow + Math.min(bands - 1, (Math.max(0, x) / BAND_WIDTH) | 0);
        const count = runsPerRowBand[cell] ?? 0;
        if (count < 0xffff) runsPerRowBand[cell] = count + 1;
      }
      // Our stricter test, both polarities: the run just ended (r4) has the colour of the centre.
      if (raw.length >= MAX_RAW_CANDIDATES || r0 === 0 || !isFinderRatio(r0, r1, r2, r3, r4)) continue;
      const centre = 1 - v; // colour of the run that just ended, which is the colour of r2
      const total = r0 + r1 + r2 + r3 + r4;
      const cx = Math.floor(x - r4 - r3 - r2 / 2);
      const vertical = crossCheck(bits, width, height, cx, y, true, centre, total);
      if (vertical === null || Math.abs(vertical.total - total) > total * 0.5) continue;
      const cy = Math.floor(vertical.at);
      const horizontal = crossCheck(bits, width, height, cx, cy, false, centre, total);
      if (horizontal === null || Math.abs(horizontal.total - total) > total * 0.5) continue;
      raw.push({
        x: horizontal.at,
        y: vertical.at,
        module: (vertical.total + horizontal.total) / 14,
        inverted: centre === 0,
        hits: 1,
      });
    }
  }
  const finders = mergeFinders(raw);
  return {
    runsPerRowBand,
    bands,
    finders,
    regions: groupIntoCodes(finders.slice(0, MAX_FINDERS), { bits, width, height }),
  };
}

/** The rows through one finder's centre all report (nearly) the same centre: merge them. */
function mergeFinders(raw: FinderPattern[]): FinderPattern[] {
  const merged: FinderPattern[] = [];
  for (const f of raw) {
    // Raw patterns arrive row by row, so a match is among the most recent (bounds the work).
    const same = merged
      .slice(-MERGE_LOOKBACK)
      .find(
        (m) =>
          m.inverted === f.inverted &&
          Math.abs(m.x - f.x) <= Math.max(2, m.module) &&
          Math.abs(m.y - f.y) <= Math.max(2, m.module) &&
          Math.abs(m.module - f.module) <= m.module * 0.5,
      );
    if (same === undefined) {
      merged.push({ ...f });
      continue;
    }
    const n = same.hits;
    same.x = (same.x * n + f.x) / (n + 1);
    same.y = (same.y * n + f.y) / (n + 1);
    same.module = (same.module * n + f.module) / (n + 1);
    same.hits = n + 1;
  }
  // One confirming row is what noise produces; a finder's centre is ≥ 3 modules ≥ 4 rows tall.
  return merged.filter((f) => f.hits >= 2).sort((a, b) => b.hits - a.hits);
}

/**
 * Triples of finders that sit at three corners of a square (two equal legs at a right angle, legs
 * 10–180 modules), as every QR symbol's do whatever its rotation. Each becomes a crop around the
 * symbol and its quiet zone. Overlapping crops (the same code seen twice) are dropped.
 */
function groupIntoCodes(finders: FinderPattern[], image: Bits): CodeRegion[] {
  const { width, height } = image;
  const found: Array<CodeRegion & { score: number; cx: number; cy: number; side: number }> = [];
  for (let i = 0; i < finders.length; i += 1) {
    for (let j = i + 1; j < finders.length; j += 1) {
      for (let k = j + 1; k < finders.length; k += 1) {
        const trio = [finders[i], finders[j], finders[k]] as [FinderPattern, FinderPattern, FinderPattern];
        const region = asCode(trio, image);
        if (region !== null) found.push(region);
      }
    }
  }
  found.sort((a, b) => b.score - a.score);
  const kept: typeof found = [];
  for (const region of found) {
    const duplicate = kept.some(
      (k) =>
        Math.abs(k.cx - region.cx) < k.side / 2 &&
        Math.abs(k.cy - region.cy) < k.side / 2 &&
        k.inverted === region.inverted,
    );
    if (!duplicate) kept.push(region);
  }
  return kept.map(({ rect, module, inverted }) => ({
    rect: {
      left: Math.max(0, Math.floor(rect.left)),
      top: Math.max(0, Math.floor(rect.top)),
      width: Math.min(width, Math.ceil(rect.left + rect.width)) - Math.max(0, Math.floor(rect.left)),
      height: Math.min(height, Math.ceil(rect.top + rect.height)) - Math.max(0, Math.floor(rect.top)),
    },
    module,
    inverted,
  }));
}

interface Bits {
  bits: Uint8Array;
  width: number;
  height: number;
}

interface Point {
  x: number;
  y: number;
}

/**
 * The timing patterns (ISO/IEC 18004 §6.3.5): row and column 6 alternate dark and light between
 * the finders, starting dark at module 8. `corner` is the top-left finder's centre (module 3.5),
 * `along` and `across` the symbol's unit vectors scaled to one module. Noise that happens to hold
 * three finder-like blobs at a right angle fails this in ~all cases; a real code passes it at any
 * rotation. Returns the share of timing modules that read as expected.
 */
function timingMatch(
  image: Bits,
  corner: Point,
  along: Point,
  across: Point,
  size: number,
  inverted: boolean,
) {
  let matches = 0;
  let samples = 0;
  for (let k = 8; k <= size - 9; k += 1) {
    // Module (k, 6) centre, relative to the corner finder's centre at (3.5, 3.5), in module units.
    const x = Math.round(corner.x + along.x * (k - 3) + across.x * 3);
    const y = Math.round(corner.y + along.y * (k - 3) + across.y * 3);
    if (x < 0 || y < 0 || x >= image.width || y >= image.height) return 0;
    const dark = (image.bits[y * image.width + x] === 1) !== inverted;
    if (dark === (k % 2 === 0)) matches += 1;
    samples += 1;
  }
  return samples === 0 ? 0 : matches / samples;
}

/** Share of timing modules that must read right: jsQR copes with far worse, noise scores ~50 %. */
const MIN_TIMING_MATCH = 0.75;

function asCode(
  trio: [FinderPattern, FinderPattern, FinderPattern],
  image: Bits,
): (CodeRegion & { score: number; cx: number; cy: number; side: number }) | null {
  const [a, b, c] = trio;
  if (a.inverted !== b.inverted || b.inverted !== c.inverted) return null;
  const modules = trio.map((f) => f.module);
  const module = (a.module + b.module + c.module) / 3;
  if (Math.max(...modules) > Math.min(...modules) * 1.5) return null;
  const d = (p: FinderPattern, q: FinderPattern) => Math.hypot(p.x - q.x, p.y - q.y);
  // The corner finder is the one opposite the longest side.
  const sides: Array<[number, FinderPattern, FinderPattern, FinderPattern]> = [
    [d(b, c), a, b, c],
    [d(a, c), b, a, c],
    [d(a, b), c, a, b],
  ];
  sides.sort((p, q) => q[0] - p[0]);
  const [, corner, p, q] = sides[0] as [number, FinderPattern, FinderPattern, FinderPattern];
  const leg1 = d(corner, p);
  const leg2 = d(corner, q);
  if (Math.min(leg1, leg2) < Math.max(leg1, leg2) * 0.8) return null;
  const cos = ((p.x - corner.x) * (q.x - corner.x) + (p.y - corner.y) * (q.y - corner.y)) / (leg1 * leg2);
  if (Math.abs(cos) > 0.2) return null;
  const legModules = (leg1 + leg2) / 2 / module;
  if (legModules < MIN_LEG_MODULES || legModules > MAX_LEG_MODULES) return null;
  // Symbol sizes are 17 + 4·version modules, and finder centres sit 7 modules apart less than that.
  const size = 4 * Math.max(1, Math.round((legModules + 7 - 17) / 4)) + 17;
  const unit = (to: FinderPattern, leg: number): Point => ({
    x: ((to.x - corner.x) / leg) * (leg / (size - 7)),
    y: ((to.y - corner.y) / leg) * (leg / (size - 7)),
  });
  const toP = unit(p, leg1);
  const toQ = unit(q, leg2);
  const timing = Math.min(
    timingMatch(image, corner, toP, toQ, size, a.inverted),
    timingMatch(image, corner, toQ, toP, size, a.inverted),
  );
  if (timing < MIN_TIMING_MATCH) return null;
  const fourth = { x: p.x + q.x - corner.x, y: p.y + q.y - corner.y };
  const xs = [corner.x, p.x, q.x, fourth.x];
  const ys = [corner.y, p.y, q.y, fourth.y];
  // Finder centres are 3.5 modules inside the symbol; add the 4-module quiet zone and some slack.
  const margin = 9 * module;
  const left = Math.min(...xs) - margin;
  const top = Math.min(...ys) - margin;
  const right = Math.max(...xs) + margin;
  const bottom = Math.max(...ys) + margin;
  return {
    rect: { left, top, width: right - left, height: bottom - top },
    module,
    inverted: a.inverted,
    score: timing * 100 + a.hits + b.hits + c.hits - Math.abs(leg1 - leg2) / module,
    cx: (left + right) / 2,
    cy: (top + bottom) / 2,
    side: Math.max(right - left, bottom - top),
  };
}

/**
 * Predicted jsQR work for `rect`, in "pixel equivalents" (1 ≈ one pixel of a clean page, ~40 ns):
 * the pixels, plus per finder-like run a fixed cost (jsQR scores each one) and a cost per open run
 * it is compared with (the quadratic term). Fitted on noise images thresholded at different levels
 * (80 k–410 k runs in 1600×900: 0.25–1.9 s) and checked on 1920×1080 (2.3 s) and 3840×2160 (20 s)
 * noise, within ~30 %.
 */
export function estimateJsqrCost(scan: ScanResult, width: number, rect?: Rect): number {
  const area = rect ?? { left: 0, top: 0, width, height: scan.runsPerRowBand.length / scan.bands };
  const first = Math.floor(area.left / BAND_WIDTH);
  const last = Math.min(scan.bands - 1, Math.floor((area.left + area.width - 1) / BAND_WIDTH));
  let linear = 0;
  let quadratic = 0;
  for (let y = area.top; y < area.top + area.height; y += 1) {
    let runs = 0;
    for (let band = first; band <= last; band += 1) runs += scan.runsPerRowBand[y * scan.bands + band] ?? 0;
    linear += runs;
    quadratic += runs * runs;
  }
  return area.width * area.height + RUN_WEIGHT * linear + OPEN_RUN_WEIGHT * quadratic;
}

/** ~1.8 µs per finder-like run (see above), in units of ~40 ns. */
const RUN_WEIGHT = 45;
/** ~6 ns per comparison of a run with an open one. */
const OPEN_RUN_WEIGHT = 0.15;
