import { describe, expect, it } from 'vitest';
import { decodeAllQr } from '@/lib/qr/decode';
import { cropRgba } from '@/lib/qr/pixels';
import { noisePage, paste, render } from './synthetic-images';

const URI = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';

describe('cropRgba (the region a user selects on a screenshot)', () => {
  it('copies exactly the selected pixels and clamps a selection that runs off the picture', () => {
    const image = render('x', { scale: 1 });
    const crop = cropRgba(image, { left: 2, top: 3, width: 4, height: 2 });
    expect([crop.width, crop.height]).toEqual([4, 2]);
    expect(Array.from(crop.data.subarray(0, 4))).toEqual(
      Array.from(image.data.subarray((3 * image.width + 2) * 4, (3 * image.width + 2) * 4 + 4)),
    );
    const edge = cropRgba(image, { left: image.width - 2, top: -5, width: 50, height: 3.5 });
    expect([edge.width, edge.height]).toEqual([2, 4]);
    expect(cropRgba(image, { left: 0, top: 0, width: 0, height: 0 })).toMatchObject({ width: 1, height: 1 });
  });

  it('reads a code that is too small to find in the whole screenshot once its region is selected', () => {
    const code = render(URI, { scale: 1, quiet: 2 });
    const page = paste(noisePage(1920, 1080), code, 1400, 700);
    expect(decodeAllQr(page)).toEqual([]);
    const region = cropRgba(page, { left: 1390, top: 690, width: code.width + 20, height: code.height + 20 });
    expect(decodeAllQr(region)).toEqual([URI]);
  });
});
