/**
 * The in-page prompt before its code is loaded (page-tools.ts). The fill step and the capture flow
 * talk to this stand-in as to the prompt itself: calls made before the tools arrive wait, in order,
 * and run once the real prompt exists; after that every call goes straight through. The real prompt
 * (prompt.ts: shadow root, trusted clicks only) is the only thing that ever touches the page.
 */
import type { PageTools } from './page-tools';
import type { Prompt } from './prompt';
import type { LoadTools } from './tools-loader';

export interface DeferredPrompt extends Prompt {
  /** Creates the real prompt from loaded tools (once) and runs the calls that were waiting. */
  attach(tools: PageTools): void;
}

type Call = (prompt: Prompt) => void;

export function createDeferredPrompt(
  doc: Document,
  loadTools: LoadTools,
  isValid: () => boolean,
): DeferredPrompt {
  let real: Prompt | null = null;
  let waiting: Call[] = [];
  /** What the last waiting call will show: `shown` and `kind` answer as if it were on screen. */
  let waitingKind: string | null = null;

  function attach(tools: PageTools): void {
    real ??= tools.createPrompt(doc);
    const calls = waiting;
    waiting = [];
    waitingKind = null;
    if (isValid()) for (const call of calls) call(real);
  }

  function run(kind: string, call: Call): void {
    if (real) {
      call(real);
      return;
    }
    const first = waiting.length === 0;
    waiting.push(call);
    waitingKind = kind;
    if (!first) return;
    loadTools().then(attach, (error: unknown) => {
      // Without the prompt nothing can be shown: drop what waited (the next pass may try again).
      waiting = [];
      waitingKind = null;
      if (isValid()) console.debug('TwoStep: the in-page prompt could not be loaded', error);
    });
  }

  return {
    attach,
    showOffer(offer, handlers) {
      run(offer.kind, (p) => p.showOffer(offer, handlers));
    },
    showChooser(choices, onChoose, onDismiss) {
      run('choose', (p) => p.showChooser(choices, onChoose, onDismiss));
    },
    showStatus(text) {
      run('status', (p) => p.showStatus(text));
    },
    hide() {
      if (real) real.hide();
      waiting = [];
      waitingKind = null;
    },
    get shown() {
      return real ? real.shown : waitingKind !== null;
    },
    get kind() {
      return real ? real.kind : waitingKind;
    },
  };
}
