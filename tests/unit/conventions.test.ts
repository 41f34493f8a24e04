/**
 * Rules of the codebase that a reviewer would otherwise have to remember (style.md §1.12).
 * The content script runs in every matching page: it must never reach the vault, the OTP code, the
 * background's logic or a heavy library, and it must stay small.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

const read = (relative: string): string => fs.readFileSync(path.join(ROOT, relative), 'utf8');

/** Every project file reachable from `entry` through static and dynamic imports. */
function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [path.join(ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    )) {
      const spec = match[1] ?? match[2] ?? '';
      if (/^import\s+type\b/.test(match[0]) || /^export\s+type\b/.test(match[0])) continue;
      if (spec.startsWith('.') || spec.startsWith('@/')) {
        const base = spec.startsWith('@/')
          ? path.join(ROOT, spec.slice(2))
          : path.resolve(path.dirname(file), spec);
        const resolved = ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((f) => fs.existsSync(f));
        if (resolved) queue.push(resolved);
      } else {
        packages.add(
          spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec),
        );
      }
    }
  }
  return { files, packages };
}

/**
 * Both scripts that run in web pages: the content script every matching page loads, and the page
 * tools it asks the background to inject when the page shows something to capture.
 */
describe.each([
  ['the content script', 'entrypoints/pages.content/index.ts'],
  ['the page tools', 'entrypoints/page-tools/index.ts'],
])('%s stays blind and small', (_, entry) => {
  const { files, packages } = reachable(entry);
  const relative = [...files].map((f) => path.relative(ROOT, f));

  it('never imports the vault, OTP, storage or background code', () => {
    // Allowed from lib/otp: the pure base32 normaliser the key-text recogniser uses, and its errors.
    const allowed = new Set(['lib/otp/base32.ts', 'lib/otp/errors.ts']);
    const forbidden = relative.filter(
      (f) => /^lib\/(vault|otp|storage|background|transfer)\//.test(f) && !allowed.has(f),
    );
    expect(forbidden).toEqual([]);
  });

  it('uses no heavy library (QR decoding, OTP, schemas and the suffix list live in the background)', () => {
    const heavy = [...packages].filter(
      (p) => ['jsqr', 'valibot', 'tldts', 'preact'].includes(p) || p.startsWith('@otplib'),
    );
    expect(heavy).toEqual([]);
  });

  it('uses the browser’s own runtime, not webextension-polyfill (lib/content/native-browser.ts)', () => {
    expect([...packages].filter((p) => p === 'webextension-polyfill' || p.includes('polyfill'))).toEqual([]);
    expect(relative.filter((f) => /\bimport\s[^;]*from\s+'wxt\/browser'/.test(read(f)))).toEqual([]);
  });
});

describe('the page tools load on demand (issue 3, issue 5)', () => {
  const always = new Set(
    [...reachable('entrypoints/pages.content/index.ts').files].map((f) => path.relative(ROOT, f)),
  );

  it('keeps the capture flow, QR pixels, key-text recognisers and the prompt out of the content script', () => {
    const onDemand = [
      'lib/content/capture-flow.ts',
      'lib/content/capture-text.ts',
      'lib/content/text-nodes.ts',
      'lib/content/qr-candidates.ts',
      'lib/content/qr-pixels.ts',
      'lib/content/prompt.ts',
      'lib/content/prompt-style.ts',
      'lib/content/prompt-text.ts',
    ];
    const tools = new Set(
      [...reachable('entrypoints/page-tools/index.ts').files].map((f) => path.relative(ROOT, f)),
    );
    expect(onDemand.filter((f) => !tools.has(f))).toEqual([]);
    expect(onDemand.filter((f) => always.has(f))).toEqual([]);
  });
});

describe('the popup never decrypts', () => {
  it('does not import the vault’s crypto or the OTP generator', () => {
    const { files } = reachable('entrypoints/popup/main.tsx');
    const relative = [...files].map((f) => path.relative(ROOT, f));
    expect(
      relative.filter((f) =>
        /^lib\/(vault\/(crypto|unlocked|vault|records)|otp\/generate|background)/.test(f),
      ),
    ).toEqual([]);
  });
});

describe('the import page parses files but never touches the vault', () => {
  it('does not import the vault or the background', () => {
    const { files } = reachable('entrypoints/transfer/main.tsx');
    const relative = [...files].map((f) => path.relative(ROOT, f));
    expect(relative).toContain('lib/transfer/import/index.ts');
    expect(
      relative.filter((f) => /^lib\/(vault\/(unlocked|vault|records|envelope)|background)/.test(f)),
    ).toEqual([]);
  });
});
