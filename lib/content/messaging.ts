/**
 * Content script → background requests (lib/messaging/content-protocol.ts). Never throws: every
 * failure is a result the caller can ignore. Types only from the protocol modules, so valibot stays
 * out of the content script (the background validates; style.md §1.10). The browser's own
 * runtime, not the polyfill (native-browser.ts).
 */
import type { ContentRequest, ContentRequestType, ContentResponseMap } from '../messaging/content-protocol';
import type { Result } from '../messaging/protocol';
import { contentRuntime } from './native-browser';

export type ContentRequestOf<T extends ContentRequestType> = Extract<ContentRequest, { type: T }>;
export type ContentResult<T extends ContentRequestType> = Result<ContentResponseMap[T]>;
export type SendToBackground = <T extends ContentRequestType>(
  request: ContentRequestOf<T>,
) => Promise<ContentResult<T>>;

/** A background that failed to load makes `sendMessage` hang forever (toolchain.md §8): bound it. */
export const TIMEOUT_MS = 10_000;

let invalidatedLogged = false;

const failure = (code: string, message: string): { ok: false; error: { code: string; message: string } } => ({
  ok: false,
  error: { code, message },
});

function isResult(reply: unknown): boolean {
  return typeof reply === 'object' && reply !== null && 'ok' in reply && typeof reply.ok === 'boolean';
}

/**
 * After the extension is updated or reloaded, scripts left in open tabs lose their connection:
 * Chromium throws "Extension context invalidated" and clears `runtime.id`. That is expected, so it
 * is logged once and quietly (refined-github's errors.ts, style.md §1.10).
 */
function contextGone(detail: string): { ok: false; error: { code: string; message: string } } {
  if (!invalidatedLogged) {
    invalidatedLogged = true;
    console.info('TwoStep was updated or reloaded; reload this page to use it here.');
  }
  return failure('invalidated', detail);
}

export async function sendToBackground<T extends ContentRequestType>(
  request: ContentRequestOf<T>,
): Promise<ContentResult<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const runtime = contentRuntime();
    if (!runtime?.id) return contextGone('the extension context is gone');
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS);
    });
    const reply: unknown = await Promise.race([runtime.sendMessage(request), timeout]);
    if (reply === 'timeout') return failure('timeout', 'TwoStep’s background did not answer in 10 s');
    if (!isResult(reply)) return failure('no-reply', 'TwoStep’s background gave no answer');
    return reply as ContentResult<T>;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (/context invalidated|extension context|dead object/i.test(detail)) return contextGone(detail);
    return failure('unreachable', `Cannot reach TwoStep’s background: ${detail}`);
  } finally {
    clearTimeout(timer);
  }
}
