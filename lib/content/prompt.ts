/**
 * The in-page prompt (tests/e2e/README.md "The in-page prompt's test ids"): one `<twostep-prompt>`
 * host on `document.documentElement` with an open shadow root, fixed top-right. It shows names
 * only (an Offer never carries a secret), never takes focus from the page's inputs, is reachable
 * with Tab, and Escape dismisses it.
 */
import type { Offer } from '../messaging/content-protocol';
import { PROMPT_TAG } from './dom';
import { message } from './native-browser';
import { HOST_STYLE, PROMPT_CSS } from './prompt-style';
import { offerText } from './prompt-text';

export { offerText } from './prompt-text';

export interface OfferHandlers {
  onSave: () => void;
  onDismiss: () => void;
}
export interface Choice {
  accountId: string;
  title: string;
}
export interface Prompt {
  showOffer(offer: Offer, handlers: OfferHandlers): void;
  showChooser(
    choices: readonly Choice[],
    onChoose: (accountId: string) => void,
    onDismiss?: () => void,
  ): void;
  showStatus(text: string): void;
  hide(): void;
  /** Whether a prompt is on screen (status included). */
  readonly shown: boolean;
  /** What is on screen: an offer's kind, 'choose', 'status', or null. */
  readonly kind: string | null;
}

/** A status stays long enough to read, then gets out of the way. */
const STATUS_MS = 20_000;

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: Record<string, string>,
  text = '',
) {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(props)) node.setAttribute(name, value);
  node.textContent = text;
  return node;
}

/**
 * A button that acts only on a real user's click. The shadow root is open (tests pierce it), so
 * page script can reach these buttons and call `click()` or `dispatchEvent`; such events have
 * `isTrusted === false`. Without this check a page could save a secret it planted into the vault,
 * or pick an account and get that account's code typed into its own field.
 */
function button(doc: Document, testId: string, label: string, act: () => void, primary = false) {
  const b = el(
    doc,
    'button',
    { type: 'button', 'data-testid': testId, class: primary ? 'primary' : '' },
    label,
  );
  b.addEventListener('click', (event) => {
    if (!event.isTrusted) return;
    act();
  });
  return b;
}

export function createPrompt(doc: Document = document): Prompt {
  const host = doc.createElement(PROMPT_TAG);
  for (const [name, value] of HOST_STYLE) host.style.setProperty(name, value, 'important');
  const shadow = host.attachShadow({ mode: 'open' });
  let onEscape: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shownKind: string | null = null;

  function hide(): void {
    clearTimeout(timer);
    shownKind = null;
    onEscape = undefined;
    host.remove();
  }

  /** Replaces the prompt's content; never focuses it (the user may be typing in the page). */
  function render(kind: string, text: string, controls: HTMLElement[], status = ''): HTMLElement {
    clearTimeout(timer);
    shownKind = kind;
    const box = el(doc, 'div', {
      class: 'box',
      role: 'dialog',
      'aria-labelledby': 'twostep-title',
      'aria-describedby': 'twostep-text',
      'data-testid': 'twostep-prompt',
      'data-kind': kind,
    });
    box.append(
      el(doc, 'p', { class: 'title', id: 'twostep-title' }, 'TwoStep'),
      el(doc, 'p', { class: 'text', id: 'twostep-text', 'data-testid': 'twostep-prompt-text' }, text),
      ...controls,
      el(doc, 'p', { class: 'status', role: 'status', 'data-testid': 'twostep-status' }, status),
    );
    // Escape is not gated on isTrusted: dismissing only removes our own UI, which a page can do anyway.
    box.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') onEscape?.();
    });
    const style = el(doc, 'style', {}, PROMPT_CSS);
    shadow.replaceChildren(style, box);
    if (!host.isConnected) doc.documentElement.append(host);
    return box;
  }

  const dismissWith = (after?: () => void) => () => {
    hide();
    after?.();
  };

  return {
    showOffer(offer, { onSave, onDismiss }) {
      const text = offerText(offer);
      if (text === null) return;
      const dismiss = dismissWith(onDismiss);
      const canSave = 'alreadySaved' in offer && !offer.alreadySaved;
      const buttons = el(doc, 'div', { class: 'buttons' });
      const save = button(
        doc,
        'twostep-save',
        message('promptSave'),
        () => {
          for (const b of buttons.querySelectorAll('button')) b.disabled = true;
          onSave();
        },
        true,
      );
      buttons.append(
        ...(canSave ? [save] : []),
        button(doc, 'twostep-dismiss', message(canSave ? 'promptNotNow' : 'promptClose'), dismiss),
      );
      render(offer.kind, text, [buttons]);
      onEscape = dismiss;
    },
    showChooser(choices, onChoose, onDismiss) {
      const list = el(doc, 'div', {
        class: 'choices',
        role: 'group',
        'aria-label': message('promptAccounts'),
      });
      for (const choice of choices) {
        const b = button(doc, 'twostep-choice', choice.title, () => {
          hide();
          onChoose(choice.accountId);
        });
        b.dataset.accountId = choice.accountId;
        list.append(b);
      }
      const dismiss = dismissWith(onDismiss);
      const buttons = el(doc, 'div', { class: 'buttons' });
      buttons.append(button(doc, 'twostep-dismiss', message('commonCancel'), dismiss));
      render('choose', message('promptChoose'), [list, buttons]);
      onEscape = dismiss;
    },
    showStatus(text) {
      const buttons = el(doc, 'div', { class: 'buttons' });
      buttons.append(button(doc, 'twostep-dismiss', message('promptClose'), hide));
      render('status', '', [buttons], text);
      onEscape = hide;
      timer = setTimeout(hide, STATUS_MS);
    },
    hide,
    get shown() {
      return host.isConnected;
    },
    get kind() {
      return host.isConnected ? shownKind : null;
    },
  };
}
