/**
 * Wiring only: the page side of capture and fill lives in lib/content. It runs on the default hosts
 * (lib/page/hosts.ts), in every frame, and on other sites only where the user granted access.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from '@/lib/content/controller';
import { DEFAULT_MATCHES } from '@/lib/page/hosts';

export default defineContentScript({
  matches: [...DEFAULT_MATCHES],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    // Injected again on demand (shortcut, "Scan this page"), WXT invalidates the previous instance,
    // which tears down its observers and prompt (lib/content/controller.ts): always start.
    startContent(ctx);
  },
});
