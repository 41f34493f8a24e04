import fc from 'fast-check';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { type DecodeProgress, decodeAllQr, decodeAllQrAsync, decodeQrAsync } from '../../../lib/qr/decode';
import { decodeQr, QrImageError, type RgbaImage } from '../../../lib/qr/index';
import { noisePage, paste, pasteOnCard, type RenderOptions, render, timed, uiPage } from './synthetic-images';

const CONSUMER = 'otpauth://totp/Microsoft:pat@outlook.example?secret=ABCDEFGHIJKLMNOP&issuer=Microsoft';
const WORK = 'otpauth://totp/Contoso%3Apat%40contoso.example?secret=abcdefghijklmnop&issuer=Microsoft';

/** A `width`×`height` canvas of per-pixel grey noise (or `fill`) with `code` pasted at (left, top). */
function embed(
  code: RgbaImage,
  width: number,
  height: number,
  left: number,
  top: number,
  fill?: number,
): RgbaImage {
  const page =
    fill === undefined
      ? noisePage(width, height)
      : { data: new Uint8ClampedArray(width * height * 4).fill(fill), width, height };
  if (fill !== undefined) for (let i = 3; i < page.data.length; i += 4) page.data[i] = 255;
  return paste(page, code, left, top);
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

/** Texts of the kind the extension scans: key URIs and Google export parts (made up, no real secrets). */
const SMALL = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=Example';
const BATCHES = [0, 1, 2].map(
  (i) =>
    `otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC${'QUJD'.repeat(i + 1)}`,
);
// Times are printed for reading, never asserted (`npm run bench` measures them); the decoder's work
// budget (lib/qr/decode.ts WORK_BUDGET) is what bounds them, counted in pixels, not milliseconds.

describe('decodeQr on screenshots with a small code', () => {
  it.each([
    ['1920×1080 page', () => uiPage(1920, 1080), 1150, 540],
    ['1920×1080 noise', () => noisePage(1920, 1080), 300, 700],
    ['3840×2160 page', () => uiPage(3840, 2160), 2600, 1500],
    ['3840×2160 noise', () => noisePage(3840, 2160), 3000, 200],
  ] as const)('reads a ~200 px code in a %s', (name, page, left, top) => {
    const image = paste(page(), render(SMALL, { scale: 4 }), left, top);
    const { value, ms } = timed(() => decodeQr(image));
    console.info(`decodeQr ${name}, 180 px code: ${ms.toFixed(0)} ms`);
    expect(value).toBe(SMALL);
  });

  it.each([
    ['3840×2160 page', () => uiPage(3840, 2160)],
    ['3840×2160 noise', () => noisePage(3840, 2160)],
    ['1920×1080 noise', () => noisePage(1920, 1080)],
  ] as const)('says "no code" on a %s without one, within the work budget', (name, page) => {
    const { value, ms } = timed(() => decodeQr(page()));
    console.info(`decodeQr ${name}, no code: ${ms.toFixed(0)} ms`);
    expect(value).toBeNull();
  });

  it('reads an inverted small code in a 3840×2160 noise capture (located, light-on-dark)', () => {
    const image = paste(noisePage(3840, 2160, 3), render(WORK, { scale: 4, invert: true }), 1700, 900);
    expect(decodeQr(image)).toBe(WORK);
  });

  it.each([1, 2, 3] as const)('reads a code turned by %i quarter turn(s) in a 1920×1080 page', (turns) => {
    const image = paste(uiPage(1920, 1080), render(SMALL, { scale: 4, turns }), 900, 400);
    expect(decodeQr(image)).toBe(SMALL);
  });

  it('reads a code with 2 px modules in a 1920×1080 page (the crop is enlarged)', () => {
    const image = paste(uiPage(1920, 1080), render(CONSUMER, { scale: 2 }), 1000, 600);
    expect(decodeQr(image)).toBe(CONSUMER);
  });
});

describe('decodeQr on low-contrast codes', () => {
  it('reads a uniformly faded picture (contrast stretch)', () => {
    const image = render(SMALL, { scale: 4, dark: 120, light: 140 });
    expect(jsQR(image.data, image.width, image.height)).toBeNull(); // jsQR alone takes it as flat
    expect(decodeQr(image)).toBe(SMALL);
  });

  it.each([
    ['1920×1080', 1920, 1080],
    ['3840×2160', 3840, 2160],
  ] as const)('reads a grey-on-grey card in a %s page (local contrast)', (_, width, height) => {
    const code = render(SMALL, { scale: 4, dark: 120, light: 140 });
    const image = pasteOnCard(uiPage(width, height), code, width / 2, height / 2, 140);
    expect(decodeQr(image)).toBe(SMALL);
  });

  it('reads a dark card whose code has 30 grey levels of contrast (jsQR takes the card as dark)', () => {
    const code = render(SMALL, { scale: 4, dark: 0, light: 30 });
    const image = pasteOnCard(uiPage(1920, 1080), code, 900, 500, 30);
    expect(jsQR(image.data, image.width, image.height)).toBeNull();
    expect(decodeQr(image)).toBe(SMALL);
  });

  it('reads a light-grey code box on a white page (global level threshold)', () => {
    const code = render(SMALL, { scale: 4, dark: 200, light: 220 });
    const image = pasteOnCard(uiPage(1920, 1080), code, 900, 500, 255);
    expect(decodeQr(image)).toBe(SMALL);
  });
});

describe('decodeAllQr', () => {
  it('returns the 3 parts of a multi-batch export shown side by side, left to right', () => {
    const page = uiPage(1920, 1080);
    BATCHES.forEach((text, i) => {
      pasteOnCard(page, render(text, { scale: 4 }), 250 + i * 550, 400, 255, 20);
    });
    const { value, ms } = timed(() => decodeAllQr(page));
    console.info(`decodeAllQr 1920×1080, 3 codes: ${ms.toFixed(0)} ms`);
    expect(value).toEqual(BATCHES);
  });

  it('returns both codes of a page holding a big and a small one', () => {
    const page = uiPage(1920, 1080);
    pasteOnCard(page, render(WORK, { scale: 8 }), 300, 300, 255, 10);
    pasteOnCard(page, render(SMALL, { scale: 3 }), 1300, 700, 255, 10);
    expect(decodeAllQr(page)).toEqual([WORK, SMALL]);
  });

  it('finds two codes that jsQR would see as one image (masking the first)', () => {
    const image = { data: new Uint8ClampedArray(600 * 300 * 4).fill(255), width: 600, height: 300 };
    paste(image, render(CONSUMER, { scale: 4 }), 10, 40);
    paste(image, render(SMALL, { scale: 4 }), 300, 40);
    expect(new Set(decodeAllQr(image))).toEqual(new Set([CONSUMER, SMALL]));
  });

  it('returns one entry for the same code shown twice, and none for a page without codes', () => {
    const page = uiPage(1920, 1080);
    paste(page, render(SMALL, { scale: 4 }), 300, 300);
    paste(page, render(SMALL, { scale: 4 }), 1300, 300);
    expect(decodeAllQr(page)).toEqual([SMALL]);
    expect(decodeAllQr(uiPage(1280, 800))).toEqual([]);
  });

  it('reads 3 codes in a 3840×2160 capture within the budget', () => {
    const page = uiPage(3840, 2160);
    BATCHES.forEach((text, i) => {
      pasteOnCard(page, render(text, { scale: 4 }), 600 + i * 1000, 1200, 255, 20);
    });
    const { value, ms } = timed(() => decodeAllQr(page));
    console.info(`decodeAllQr 3840×2160, 3 codes: ${ms.toFixed(0)} ms`);
    expect(value).toEqual(BATCHES);
  });
});

describe('decodeQrAsync / decodeAllQrAsync', () => {
  it('reads what decodeQr reads, reporting monotonic progress that ends at 1', async () => {
    const image = paste(uiPage(1920, 1080), render(SMALL, { scale: 4, invert: true }), 700, 300);
    const progress: DecodeProgress[] = [];
    expect(await decodeQrAsync(image, { onProgress: (p) => progress.push(p) })).toBe(SMALL);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    expect(progress[0]?.pass).toBe('analyse');
  });

  it('yields to the event loop between passes', async () => {
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 0);
    try {
      expect(await decodeAllQrAsync(uiPage(1920, 1080))).toEqual([]);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(2);
  });

  it('stops at the next pass boundary when aborted, with the signal reason', async () => {
    const controller = new AbortController();
    const reason = new Error('user left the page');
    const pending = decodeQrAsync(noisePage(1920, 1080), {
      signal: controller.signal,
      onProgress: () => controller.abort(reason),
    });
    await expect(pending).rejects.toBe(reason);
  });

  it('rejects at once with an AbortError when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(decodeAllQrAsync(render(SMALL), { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('rejects a malformed image like decodeQr', async () => {
    await expect(decodeQrAsync({ data: new Uint8ClampedArray(3), width: 1, height: 1 })).rejects.toThrow(
      QrImageError,
    );
  });
});

describe('robustness', () => {
  it('returns a string or null for arbitrary pixels of any shape, never throwing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 48 }),
        fc.integer({ min: 1, max: 48 }),
        fc.integer(),
        (width, height, seed) => {
          const data = new Uint8ClampedArray(width * height * 4);
          let s = seed;
          for (let i = 0; i < data.length; i += 1) {
            s = (Math.imul(s, 1103515245) + 12345) | 0;
            data[i] = s >>> 24;
          }
          const found = decodeQr({ data, width, height });
          expect(found === null || typeof found === 'string').toBe(true);
          expect(Array.isArray(decodeAllQr({ data, width, height }))).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it.each([
    [1, 3000],
    [3000, 1],
    [1700, 3],
    [5, 2100],
  ])('handles a %i×%i strip (tiles and scans clamp to the image)', (width, height) => {
    const data = new Uint8ClampedArray(width * height * 4).fill(200);
    expect(decodeQr({ data, width, height })).toBeNull();
    expect(decodeAllQr({ data, width, height })).toEqual([]);
  });

  it('reads a code cut off by the image edges of a large capture (crop clamped, no quiet zone there)', () => {
    const code = render(SMALL, { scale: 4, quiet: 0 });
    const image = pasteOnCard(uiPage(1920, 1080), code, 1920 - code.width, 1080 - code.height, 255, 16);
    expect(decodeQr(image)).toBe(SMALL);
  });
});
