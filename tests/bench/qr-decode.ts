/**
 * QR decode timings on generated screenshots (bundled and run by qr-decode.mjs): the code the
 * background runs on a captured tab (`decodeQr`) and the import page on a dropped picture
 * (`decodeAllQr`), in Node's V8 — the engine of Chrome's service worker. Median of 3 runs each.
 */
import { decodeAllQr, decodeQr } from '../../lib/qr/decode';
import type { RgbaImage } from '../../lib/qr/pixels';
import { paste, pasteOnCard, render, uiPage } from '../unit/qr/synthetic-images';

const RUNS = 3;
const TEXT = 'otpauth://totp/Bench:someone@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Bench';

function medianMs(run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(RUNS / 2)] ?? Number.NaN);
}

function withSmallCode(width: number, height: number): RgbaImage {
  // 4 px per module: a ~190 px code, as a setup page shows it at DPR 1 (at DPR 2 it would be 8 px).
  return paste(
    uiPage(width, height),
    render(TEXT, { scale: 4 }),
    Math.round(width * 0.62),
    Math.round(height * 0.55),
  );
}

function expectText(found: string | null): void {
  if (found !== TEXT)
    throw new Error(
      `QR decode bench: expected the code to be read, got ${found === null ? 'none' : 'another text'}`,
    );
}

export function measureQrDecode(): Record<string, number> {
  const hd = withSmallCode(1920, 1080);
  const uhd = withSmallCode(3840, 2160);
  const empty = uiPage(3840, 2160, 9);
  const three = uiPage(3840, 2160, 5);
  [0, 1, 2].forEach((i) => {
    pasteOnCard(three, render(`${TEXT}&n=${i}`, { scale: 4 }), 700 + i * 1000, 1100, 255, 20);
  });
  expectText(decodeQr(hd));
  expectText(decodeQr(uhd));
  return {
    qr_decode_1920x1080_small_code_ms: medianMs(() => decodeQr(hd)),
    qr_decode_3840x2160_small_code_ms: medianMs(() => decodeQr(uhd)),
    qr_decode_3840x2160_no_code_ms: medianMs(() => decodeQr(empty)),
    qr_decode_all_3840x2160_3_codes_ms: medianMs(() => {
      if (decodeAllQr(three).length !== 3) throw new Error('QR decode bench: expected 3 codes');
    }),
  };
}
