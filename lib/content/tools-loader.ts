/**
 * Loads the page tools (page-tools.ts) once per content-script instance: asks the background to
 * inject them into this frame (`tools.load`; the background picks the frame from `sender`, never
 * from the message), then reads what the injected script published in the isolated world.
 */
import type { SendToBackground } from './messaging';
import { forgetPageTools, type PageTools, publishedPageTools } from './page-tools';

/** A page whose frame refuses the injection is not asked again after this many tries. */
export const MAX_TOOL_LOADS = 3;

export class PageToolsUnavailableError extends Error {
  override readonly name: string = 'PageToolsUnavailableError';
}

export type LoadTools = () => Promise<PageTools>;

async function loadOnce(send: SendToBackground): Promise<PageTools> {
  forgetPageTools();
  const reply = await send({ type: 'tools.load' });
  if (!reply.ok) {
    throw new PageToolsUnavailableError(
      `Expected the background to inject TwoStep's page tools; it answered: ${reply.error.message}`,
    );
  }
  const tools = publishedPageTools();
  if (!tools) {
    throw new PageToolsUnavailableError(
      'Expected the injected page tools to publish themselves in this frame; found nothing',
    );
  }
  return tools;
}

/** Memoised: concurrent callers share one request; a failure may be retried by a later pass. */
export function createToolsLoader(send: SendToBackground): LoadTools {
  let loading: Promise<PageTools> | null = null;
  let attempts = 0;
  return () => {
    if (loading) return loading;
    if (attempts >= MAX_TOOL_LOADS) {
      return Promise.reject(
        new PageToolsUnavailableError(`Expected the page tools to load; ${attempts} tries failed`),
      );
    }
    attempts += 1;
    const attempt = loadOnce(send);
    loading = attempt;
    attempt.catch(() => {
      if (loading === attempt) loading = null;
    });
    return attempt;
  };
}
