/**
 * An account's key URI as a QR code for a phone app to scan, drawn as one SVG path (no canvas, no
 * innerHTML). Generated with the `qrcode` library; error correction M is what authenticator setup
 * pages use, and a 4-module quiet zone follows ISO/IEC 18004.
 */
import { create } from 'qrcode';

export interface QrSvg {
  /** Side of the square view box in modules, quiet zone included. */
  size: number;
  /** One `M x y h1 v1 h-1 z` square per dark module. */
  path: string;
}

const QUIET_ZONE = 4;

export function qrSvg(text: string): QrSvg {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let y = 0; y < modules.size; y += 1) {
    for (let x = 0; x < modules.size; x += 1) {
      if (modules.data[y * modules.size + x]) parts.push(`M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`);
    }
  }
  return { size: modules.size + QUIET_ZONE * 2, path: parts.join('') };
}
