import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// No TwoStep code builds markup from strings: page text and imported names reach the DOM only as
// text nodes. This also backs the one web-ext lint warning we ship with (Preact's
// dangerouslySetInnerHTML path; tests/packaging/web-ext-lint.mjs).
const ROOT = path.resolve(import.meta.dirname, '../..');
const DIRS = ['components', 'entrypoints', 'lib'];
const FORBIDDEN = [
  /dangerouslySetInnerHTML/,
  /\.(inner|outer)HTML\s*[+]?=(?!=)/,
  /insertAdjacentHTML\s*\(/,
  /document\.write\s*\(/,
  /\bnew Function\s*\(/,
  /\beval\s*\(/,
];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

describe('no HTML from strings', () => {
  const files = DIRS.flatMap((d) => sources(path.join(ROOT, d)));
  it('scans the sources', () => {
    expect(files.length).toBeGreaterThan(50);
  });
  it.each(FORBIDDEN.map((p) => [String(p), p] as const))('nothing matches %s', (_, pattern) => {
    const hits = files.flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${path.relative(ROOT, file)}:${i + 1}` }))
        // Comments may name the APIs (to say why they are not used).
        .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line) && pattern.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(hits).toEqual([]);
  });
});
