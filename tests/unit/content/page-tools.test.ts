// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createCaptureFlow } from '@/lib/content/capture-flow';
import { createDeferredPrompt } from '@/lib/content/deferred-prompt';
import type { SendToBackground } from '@/lib/content/messaging';
import {
  forgetPageTools,
  type PageTools,
  publishedPageTools,
  publishPageTools,
} from '@/lib/content/page-tools';
import { createPrompt, type Prompt } from '@/lib/content/prompt';
import { createToolsLoader, MAX_TOOL_LOADS, PageToolsUnavailableError } from '@/lib/content/tools-loader';

const TOOLS: PageTools = { createPrompt, createCaptureFlow };

/** A background that injects (publishes) the tools on `tools.load`, or answers with an error. */
function injectingBackground(inject: () => boolean = () => true) {
  const send = vi.fn(async (request: { type: string }) => {
    if (request.type !== 'tools.load') throw new Error(`unexpected ${request.type}`);
    if (!inject()) return { ok: false, error: { code: 'forbidden', message: 'no access to this frame' } };
    publishPageTools(TOOLS);
    return { ok: true, value: { loaded: true } };
  });
  return send as unknown as SendToBackground & typeof send;
}

const host = () => document.querySelector('twostep-prompt');
const promptText = () =>
  host()?.shadowRoot?.querySelector('[data-testid=twostep-prompt-text]')?.textContent ?? null;
const statusText = () => host()?.shadowRoot?.querySelector('[data-testid=twostep-status]')?.textContent;

beforeEach(() => {
  forgetPageTools();
  for (const old of document.querySelectorAll('twostep-prompt')) old.remove();
});

describe('createToolsLoader', () => {
  it('asks the background once and returns what the injected script published', async () => {
    const send = injectingBackground();
    const load = createToolsLoader(send);
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toBe(TOOLS);
    expect(b).toBe(TOOLS);
    expect(await load()).toBe(TOOLS);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({ type: 'tools.load' });
  });

  it('never takes tools an earlier injection left in the isolated world', async () => {
    const stale: PageTools = { createPrompt: () => createPrompt(document), createCaptureFlow };
    publishPageTools(stale);
    const send = vi.fn(async () => ({ ok: true, value: { loaded: true } })); // injected nothing
    const load = createToolsLoader(send as unknown as SendToBackground);
    await expect(load()).rejects.toThrow(/publish themselves in this frame; found nothing/);
    expect(publishedPageTools()).toBeUndefined();
  });

  it('reports a refused injection as a typed error, and retries on a later call', async () => {
    let allowed = false;
    const send = injectingBackground(() => allowed);
    const load = createToolsLoader(send);
    const refused = await load().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PageToolsUnavailableError);
    expect((refused as Error).message).toMatch(/inject .*page tools; it answered: no access to this frame/);
    allowed = true;
    expect(await load()).toBe(TOOLS);
  });

  it(`stops asking after ${MAX_TOOL_LOADS} refusals`, async () => {
    const send = injectingBackground(() => false);
    const load = createToolsLoader(send);
    for (let i = 0; i < MAX_TOOL_LOADS + 2; i += 1)
      await expect(load()).rejects.toThrow(PageToolsUnavailableError);
    expect(send).toHaveBeenCalledTimes(MAX_TOOL_LOADS);
  });
});

describe('createDeferredPrompt', () => {
  const offer = { kind: 'account', issuer: 'Example', label: 'pat', alreadySaved: false } as const;
  const handlers = { onSave: () => {}, onDismiss: () => {} };

  it('runs calls made before the tools arrive in order, then goes straight through', async () => {
    const load = createToolsLoader(injectingBackground());
    const prompt = createDeferredPrompt(document, load, () => true);
    prompt.showOffer(offer, handlers);
    prompt.showStatus('Saved to TwoStep');
    // Waiting: answers as if the last call were on screen, so an offer does not replace a chooser.
    expect(prompt.shown).toBe(true);
    expect(prompt.kind).toBe('status');
    expect(host()).toBeNull();
    await vi.waitFor(() => expect(statusText()).toBe('Saved to TwoStep'));
    prompt.showOffer(offer, handlers); // loaded: synchronous
    expect(promptText()).toBe('Add Example (pat) to TwoStep');
    expect(prompt.kind).toBe('account');
    prompt.hide();
    expect(prompt.shown).toBe(false);
    expect(host()).toBeNull();
  });

  it('drops waiting calls on hide() and when the script was invalidated meanwhile', async () => {
    let valid = true;
    const load = createToolsLoader(injectingBackground());
    const prompt = createDeferredPrompt(document, load, () => valid);
    prompt.showStatus('one');
    prompt.hide();
    expect(prompt.shown).toBe(false);
    await load();
    await Promise.resolve();
    expect(host()).toBeNull();
    const later = createDeferredPrompt(document, createToolsLoader(injectingBackground()), () => valid);
    later.showStatus('two');
    valid = false;
    await vi.waitFor(() => expect(later.kind).toBeNull());
    expect(host()).toBeNull();
  });

  it('attach() from an already loaded step creates one prompt and flushes what waited', async () => {
    let resolve: (tools: PageTools) => void = () => {};
    const load = vi.fn(() => new Promise<PageTools>((r) => (resolve = r)));
    const created: Prompt[] = [];
    const tools: PageTools = {
      createPrompt: (doc) => {
        const p = createPrompt(doc);
        created.push(p);
        return p;
      },
      createCaptureFlow,
    };
    const prompt = createDeferredPrompt(document, load, () => true);
    prompt.showStatus('waiting');
    prompt.attach(tools);
    expect(statusText()).toBe('waiting');
    resolve(tools);
    await Promise.resolve();
    prompt.attach(tools);
    expect(created).toHaveLength(1);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a failed load shows nothing and leaves nothing waiting', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    const prompt = createDeferredPrompt(
      document,
      createToolsLoader(injectingBackground(() => false)),
      () => true,
    );
    prompt.showOffer(offer, handlers);
    await vi.waitFor(() => expect(prompt.shown).toBe(false));
    expect(host()).toBeNull();
    expect(debug).toHaveBeenCalledOnce();
  });
});
