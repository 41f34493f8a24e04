import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrSvg } from '@/lib/ui/qr-svg';

/** Rasterises the SVG path's unit squares, `scale` pixels per module, black on white RGBA. */
function rasterise(size: number, path: string, scale = 4): Uint8ClampedArray {
  const side = size * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [, x, y] of path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < scale; dy += 1)
      for (let dx = 0; dx < scale; dx += 1) {
        const i = ((Number(y) * scale + dy) * side + Number(x) * scale + dx) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
  }
  return data;
}

describe('qrSvg', () => {
  it('draws a code a scanner reads back as the same key URI', () => {
    const uri = 'otpauth://totp/GitHub:octocat?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF&issuer=GitHub';
    const { size, path } = qrSvg(uri);
    const read = jsQR(rasterise(size, path), size * 4, size * 4);
    expect(read?.data).toBe(uri);
  });

  it('keeps a 4-module quiet zone on every side', () => {
    const { size, path } = qrSvg('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP');
    const coords = [...path.matchAll(/M(\d+) (\d+)/g)].flatMap(([, x, y]) => [Number(x), Number(y)]);
    expect(Math.min(...coords)).toBe(4);
    expect(Math.max(...coords)).toBe(size - 5);
  });
});
