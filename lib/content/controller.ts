/**
 * The content script's lifecycle (style.md §1.10): runs the capture scan and the fill step at
 * start and after DOM changes (Knockout and React render late and swap views without navigation,
 * microsoft-pages.md §3.1, §8), and answers the background's messages. Every observer, timer and
 * listener is tied to WXT's `ctx`, so an invalidated script (extension updated) leaves nothing.
 * The capture flow and the prompt are not in this script: they are loaded into the frame when the
 * page first shows a capture cue or needs the prompt (page-tools.ts, capture-step.ts).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { BackgroundToContent } from '../messaging/content-protocol';
import { createCaptureStep } from './capture-step';
import { createDeferredPrompt } from './deferred-prompt';
import { openRoots, type SearchRoot } from './dom';
import { createFillFlow } from './fill-flow';
import { type SendToBackground, sendToBackground } from './messaging';
import { type ContentMessageListener, contentRuntime } from './native-browser';
import { createToolsLoader, type LoadTools } from './tools-loader';

export const DEBOUNCE_MS = 250;
/** A page that never stops mutating (animations) is still scanned this often. */
export const MAX_WAIT_MS = 1_000;
const OBSERVED: MutationObserverInit = {
  subtree: true,
  childList: true,
  attributes: true,
  attributeFilter: ['src', 'style', 'hidden', 'class'],
};
const MESSAGE_TYPES = new Set<string>(['twostep.fillFocused', 'twostep.vaultUnlocked', 'twostep.scan']);

export interface ContentDeps {
  doc: Document;
  send: SendToBackground;
  /** The capture flow and the prompt (page-tools.ts); by default injected by the background. */
  loadTools: LoadTools;
}

export interface ContentHandle {
  /** Both steps now (serialised with any run in progress). */
  run(): Promise<void>;
  /** Handles one background message as the listener would; exposed for tests. */
  handle(message: BackgroundToContent): Promise<unknown>;
}

const isBackgroundMessage = (m: unknown): m is BackgroundToContent =>
  typeof m === 'object' &&
  m !== null &&
  'type' in m &&
  typeof m.type === 'string' &&
  MESSAGE_TYPES.has(m.type);

export function startContent(ctx: ContentScriptContext, deps: Partial<ContentDeps> = {}): ContentHandle {
  const doc = deps.doc ?? document;
  const send = deps.send ?? sendToBackground;
  const loadTools = deps.loadTools ?? createToolsLoader(send);
  const isValid = () => ctx.isValid;
  const prompt = createDeferredPrompt(doc, loadTools, isValid);
  const fill = createFillFlow({ doc, send, prompt, isValid });
  const capture = createCaptureStep({
    doc,
    send,
    prompt,
    isValid,
    loadTools,
    onAccountSaved: () => {
      fill.allowRetry();
      void guarded(() => fill.auto(roots()));
    },
  });
  const observer = new MutationObserver(() => schedule());
  const observed = new WeakSet<SearchRoot>();

  /** Open shadow roots appear late too: each new one is observed like the document. */
  function roots(): SearchRoot[] {
    const all = openRoots(doc);
    for (const root of all) {
      if (root === doc || observed.has(root)) continue;
      observed.add(root);
      observer.observe(root, OBSERVED);
    }
    return all;
  }

  async function guarded<T>(step: () => Promise<T>): Promise<T | undefined> {
    try {
      return await step();
    } catch (error) {
      if (ctx.isValid) console.debug('TwoStep: a page step failed', error);
      return undefined;
    }
  }

  let running: Promise<void> | null = null;
  let again = false;
  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        const all = roots();
        await guarded(() => capture.scan(all, false));
        if (ctx.isValid) await guarded(() => fill.auto(all));
      } while (again && ctx.isValid);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  let timer: number | undefined;
  let firstPending = 0;
  /** Debounced (250 ms) with a ceiling (1 s), through ctx so an invalidated script never runs. */
  function schedule(): void {
    if (!ctx.isValid) return;
    const now = Date.now();
    if (timer === undefined) firstPending = now;
    else clearTimeout(timer);
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, firstPending + MAX_WAIT_MS - now));
    timer = ctx.setTimeout(() => {
      timer = undefined;
      void run();
    }, wait);
  }

  async function handle(message: BackgroundToContent): Promise<unknown> {
    switch (message.type) {
      case 'twostep.fillFocused':
        return { filled: (await guarded(() => fill.focused(roots()))) ?? false };
      case 'twostep.vaultUnlocked':
        fill.allowRetry();
        await run();
        return {};
      case 'twostep.scan':
        return { found: (await guarded(() => capture.scan(roots(), true))) ?? 0 };
    }
  }

  // Both fake and real browsers: reply through sendResponse when given, else return the promise.
  const onMessage: ContentMessageListener = (message, _sender, sendResponse) => {
    if (!ctx.isValid || !isBackgroundMessage(message)) return undefined;
    // The message reaches every frame and the first reply wins: frames with nothing focused keep quiet.
    if (message.type === 'twostep.fillFocused' && !fill.handlesFocused()) return undefined;
    const reply = handle(message);
    if (typeof sendResponse !== 'function') return reply;
    void reply.then(sendResponse);
    return true;
  };
  const runtime = contentRuntime();
  runtime?.onMessage.addListener(onMessage);

  observer.observe(doc.documentElement, OBSERVED);
  ctx.onInvalidated(() => {
    observer.disconnect();
    runtime?.onMessage.removeListener(onMessage);
    prompt.hide();
  });
  void run();
  return { run, handle };
}
