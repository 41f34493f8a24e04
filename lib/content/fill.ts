/**
 * Puts a code into the page (microsoft-pages.md §8 "React inputs", peers.md §2 2FAS/KeePassXC).
 * Values go through the *native* value setter, then bubbling events, so React's value tracker and
 * Vue's v-model see a change. Nothing here submits unless `submitNear` is called (§8: no
 * auto-submit by default).
 */
import { CODE_LIKE_VALUE } from '../page/keywords';
import { isVisible } from './dom';
import { message } from './native-browser';

export type FillElement = HTMLInputElement | HTMLTextAreaElement;
export type FillOutcome = { filled: true; count: number } | { filled: false; reason: string };

/**
 * A field may be overwritten only when it is empty or holds a (partial) code: user-typed text is
 * never replaced (peers.md §2 Authenticator: "fills only an empty field or one holding digits").
 */
export function mayOverwrite(value: string): boolean {
  return CODE_LIKE_VALUE.test(value);
}

/**
 * The prototype's setter: React overrides `value` on the element itself to track what it last saw,
 * so `el.value = x` would update its tracker and the following `input` event would look like no
 * change. (A content script's isolated world never sees that override; tests and page-world use do.)
 */
function setNativeValue(el: FillElement, value: string): void {
  // The walk starts at the prototype, so an own-property override on the element is skipped.
  for (let proto = Object.getPrototypeOf(el); proto; proto = Object.getPrototypeOf(proto)) {
    const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
    if (setter) {
      setter.call(el, value);
      return;
    }
  }
  el.value = value;
}

function inputEvent(data: string): Event {
  const init = { bubbles: true, cancelable: false, composed: true };
  return typeof InputEvent === 'function'
    ? new InputEvent('input', { ...init, data, inputType: 'insertText' })
    : new Event('input', init);
}

function key(type: string, ch: string): KeyboardEvent {
  const code = /\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`;
  return new KeyboardEvent(type, { key: ch, code, bubbles: true, cancelable: true, composed: true });
}

function refusal(el: FillElement): string | undefined {
  if (el.disabled || el.readOnly) return message(el.disabled ? 'fillDisabled' : 'fillReadOnly');
  if (!el.isConnected) return message('fillGone');
  if (!mayOverwrite(el.value)) return message('fillNotACode');
  return undefined;
}

/** One field: focus, native setter, bubbling `input` and `change`. */
export function fillField(el: FillElement, code: string): FillOutcome {
  const refused = refusal(el);
  if (refused) return { filled: false, reason: refused };
  if (el.maxLength > 0 && code.length > el.maxLength) {
    return {
      filled: false,
      reason: message('fillTooLong', code.length, el.maxLength),
    };
  }
  el.focus();
  setNativeValue(el, code);
  el.dispatchEvent(inputEvent(code));
  el.dispatchEvent(new Event('change', { bubbles: true }));
  return { filled: true, count: 1 };
}

/**
 * One character per box, each typed as keydown/keypress/input/keyup/change after focusing that
 * box (2FAS's key sequence, peers.md §2). Focusing each box ourselves makes auto-advancing boxes
 * harmless: wherever the page moved focus, the next character goes to the next box. Refuses when
 * the code length differs from the number of boxes (KeePassXC).
 */
export function fillSegmented(els: readonly FillElement[], code: string): FillOutcome {
  if (els.length === 0 || code.length !== els.length) {
    return { filled: false, reason: message('fillBoxes', code.length, els.length) };
  }
  for (const el of els) {
    const refused = refusal(el);
    if (refused) return { filled: false, reason: refused };
  }
  els.forEach((el, i) => {
    const ch = code.charAt(i);
    el.focus();
    el.dispatchEvent(key('keydown', ch));
    el.dispatchEvent(key('keypress', ch));
    setNativeValue(el, ch);
    el.dispatchEvent(inputEvent(ch));
    el.dispatchEvent(key('keyup', ch));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
  return { filled: true, count: els.length };
}

const SUBMIT = 'button[type=submit], input[type=submit], button:not([type]), [data-testid=primaryButton]';

/**
 * Only when the background says `autoSubmit` (an explicit per-site choice, §8): clicks the visible,
 * enabled submit button of the field's form (or of its dialog, for React pages without a form).
 */
export function submitNear(el: FillElement): boolean {
  const scope = el.form ?? el.closest('[role=dialog], dialog');
  const button = [...(scope?.querySelectorAll<HTMLElement>(SUBMIT) ?? [])].find(
    (b) => isVisible(b) && !b.hasAttribute('disabled') && b.getAttribute('aria-disabled') !== 'true',
  );
  if (!button) return false;
  button.click();
  return true;
}
