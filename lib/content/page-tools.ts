/**
 * The on-demand half of the page side (issue 3: nothing heavy runs on pages without a finding;
 * issue 5: ≤ 12 KB gzip before a QR candidate). The content script every matching page loads
 * (entrypoints/pages.content) holds the fill step and the cheap capture cues; the capture flow
 * (QR candidates and their pixels, key-text recognisers) and the in-page prompt are a second file,
 * entrypoints/page-tools, that the background injects into the asking frame on request
 * (`tools.load`, lib/background/page-access.ts). Both run in the extension's isolated world, where
 * the page can neither see nor replace what is published here.
 */
import type { CaptureEnv, CaptureFlow } from './capture-flow';
import type { Prompt } from './prompt';

export interface PageTools {
  createPrompt(doc: Document): Prompt;
  createCaptureFlow(env: CaptureEnv): CaptureFlow;
}

/** A property of the isolated world's global object: page scripts live in another world. */
const GLOBAL_NAME = '__twostepPageTools';

type ToolsScope = { [GLOBAL_NAME]?: PageTools };

/** Called by the injected page-tools script. */
export function publishPageTools(tools: PageTools): void {
  (globalThis as ToolsScope)[GLOBAL_NAME] = tools;
}

/**
 * Forgets what an earlier injection published. Called before asking for a new one, so the tools
 * read afterwards are the ones this build just injected (after an extension update, Chromium may
 * keep the old isolated world, and its globals, for a page that stays open).
 */
export function forgetPageTools(): void {
  delete (globalThis as ToolsScope)[GLOBAL_NAME];
}

export function publishedPageTools(): PageTools | undefined {
  return (globalThis as ToolsScope)[GLOBAL_NAME];
}
