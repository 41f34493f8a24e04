import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';

/**
 * The background runs as an MV3 service worker in Chromium: no `window`, no `Buffer`, no `process`.
 * A module that touches one of them at load leaves the worker without listeners and makes every
 * `runtime.sendMessage` hang (toolchain.md §4). So `lib/otp` is bundled as the extension would be
 * and evaluated in a bare V8 context that has only what a worker has.
 */
describe('lib/otp in a service-worker-like global', () => {
  it('loads and computes codes without window, Buffer or process', async () => {
    const entry = fileURLToPath(new URL('../../../lib/otp/index.ts', import.meta.url));
    const output = await build({
      configFile: false,
      logLevel: 'silent',
      build: { write: false, minify: false, lib: { entry, formats: ['iife'], name: 'otp' } },
    });
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) =>
      'output' in o ? o.output : [],
    );
    const code = chunks.find((c) => c.type === 'chunk')?.code ?? '';
    expect(code).not.toBe('');

    const worker = { crypto: globalThis.crypto, TextEncoder, TextDecoder, console };
    const result = runInNewContext(
      `${code}
      ;[typeof window, typeof Buffer, typeof process,
        otp.generateCode({ kind: 'totp', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algorithm: 'SHA1',
                           digits: 8, period: 30, counter: 0 }, 59000),
        otp.generateCode({ kind: 'steam', secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK', algorithm: 'SHA1',
                           digits: 5, period: 30, counter: 0 }, 1511200518000),
        otp.parseOtpauthUri('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP').issuer]`,
      worker,
    );
    expect(result).toEqual(['undefined', 'undefined', 'undefined', '94287082', 'FR8RV', 'A']);
  }, 30_000);
});
