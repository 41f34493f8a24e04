#!/usr/bin/env node
// Draws TwoStep's icon (two white steps on a blue rounded square) at every size the stores and the
// browsers ask for, into public/icon/<size>.png (WXT puts them in the manifest). Deterministic:
// shapes are defined on a 128-unit grid and rendered with 4×4 supersampling for smooth edges.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [16, 32, 48, 96, 128];
const BLUE = [11, 92, 173]; // --accent in components/base.css
const WHITE = [255, 255, 255];

/** Rounded square 0–128 with radius 26. */
function inBadge(x, y) {
  const r = 26;
  const cx = Math.min(Math.max(x, r), 128 - r);
  const cy = Math.min(Math.max(y, r), 128 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Two steps, lower left and higher right: the "two-step" of two-step verification. */
function inSteps(x, y) {
  const lower = x >= 26 && x < 64 && y >= 70 && y < 102;
  const upper = x >= 64 && x < 102 && y >= 30 && y < 102;
  return lower || upper;
}

function draw(size) {
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let badge = 0;
      let steps = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = ((px + (sx + 0.5) / samples) * 128) / size;
          const y = ((py + (sy + 0.5) / samples) * 128) / size;
          if (inBadge(x, y)) {
            badge += 1;
            if (inSteps(x, y)) steps += 1;
          }
        }
      }
      const n = samples * samples;
      const i = (py * size + px) * 4;
      const white = badge === 0 ? 0 : steps / badge;
      for (let c = 0; c < 3; c += 1) png.data[i + c] = Math.round(BLUE[c] * (1 - white) + WHITE[c] * white);
      png.data[i + 3] = Math.round((badge / n) * 255);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

for (const size of SIZES) {
  const file = path.join(ROOT, 'public/icon', `${size}.png`);
  fs.writeFileSync(file, draw(size));
  console.log(`${path.relative(ROOT, file)} ${fs.statSync(file).size} bytes`);
}
