/**
 * The capture step as the always-loaded content script runs it: while the page shows none of the
 * capture cues (capture-cues.ts) nothing is loaded and nothing is sent; at the first pass that
 * could find something (or when the user asks for a scan) the page tools are loaded and their
 * capture flow (capture-flow.ts) runs this pass and every later one, as before the split.
 */

import { mayHoldCapture, pageText } from './capture-cues';
import type { CaptureEnv, CaptureFlow } from './capture-flow';
import type { DeferredPrompt } from './deferred-prompt';
import type { SearchRoot } from './dom';
import type { LoadTools } from './tools-loader';

export interface CaptureStepEnv extends CaptureEnv {
  prompt: DeferredPrompt;
  loadTools: LoadTools;
}

export interface CaptureStep {
  /** One pass (see capture-flow.ts `scan`); 0 while the page shows no cue. */
  scan(roots: readonly SearchRoot[], user: boolean): Promise<number>;
  /** Whether the capture tools are loaded (for tests and diagnostics). */
  readonly loaded: boolean;
}

export function createCaptureStep(env: CaptureStepEnv): CaptureStep {
  const { loadTools, ...flowEnv } = env;
  let flow: CaptureFlow | null = null;

  async function scan(roots: readonly SearchRoot[], user: boolean): Promise<number> {
    if (!flow) {
      if (!user && !mayHoldCapture(new URL(env.doc.location.href), roots, pageText(env.doc, roots))) return 0;
      const tools = await loadTools();
      if (!env.isValid()) return 0;
      env.prompt.attach(tools);
      flow ??= tools.createCaptureFlow(flowEnv);
    }
    return flow.scan(roots, user);
  }

  return {
    scan,
    get loaded() {
      return flow !== null;
    },
  };
}
