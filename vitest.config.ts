import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    // English answers for the fake browser's i18n.getMessage (public/_locales/en).
    setupFiles: ['tests/unit/i18n/setup.ts'],
    mockReset: true,
    restoreMocks: true,
    testTimeout: 30_000,
  },
});
