/**
 * Wiring only: the on-demand half of the page side (lib/content/page-tools.ts). Not in the manifest:
 * the background injects it into one frame when that frame's content script asks (`tools.load`).
 * It publishes the capture flow and the prompt in the isolated world and does nothing else.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createCaptureFlow } from '@/lib/content/capture-flow';
import { publishPageTools } from '@/lib/content/page-tools';
import { createPrompt } from '@/lib/content/prompt';

export default defineUnlistedScript(() => {
  publishPageTools({ createPrompt, createCaptureFlow });
});
