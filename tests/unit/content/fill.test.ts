// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fillField, fillSegmented, mayOverwrite, submitNear } from '@/lib/content/fill';
import { page, useLayout } from './dom-setup';

beforeEach(() => useLayout());

const nativeValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
const getNative = (el: HTMLInputElement): string => String(nativeValue?.get?.call(el));

/**
 * A controlled input the way React builds one: `value` is overridden on the element to remember
 * the last value React saw, and on `input` React compares the real value with it. Only a value set
 * behind the tracker's back (the native setter) is seen as a change (microsoft-pages.md §8).
 */
function reactLikeInput(doc: Document): { el: HTMLInputElement; changes: string[] } {
  const el = doc.createElement('input');
  let tracked = '';
  Object.defineProperty(el, 'value', {
    configurable: true,
    get: () => getNative(el),
    set: (v: string) => {
      tracked = v;
      nativeValue?.set?.call(el, v);
    },
  });
  const changes: string[] = [];
  el.addEventListener('input', () => {
    if (getNative(el) === tracked) return;
    tracked = getNative(el);
    changes.push(tracked);
  });
  doc.body.append(el);
  return { el, changes };
}

describe('fillField', () => {
  it('uses the native setter, so a React-style tracked input sees the change', () => {
    const doc = page('https://login.live.com/', '');
    const { el, changes } = reactLikeInput(doc);
    expect(fillField(el, '123456')).toEqual({ filled: true, count: 1 });
    expect(changes).toEqual(['123456']);
    expect(el.value).toBe('123456');
    // The control: a plain assignment updates the tracker, and the framework sees nothing.
    el.value = '654321';
    el.dispatchEvent(new Event('input', { bubbles: true }));
    expect(changes).toEqual(['123456']);
  });

  it('focuses first, then fires bubbling input and change carrying the value', () => {
    const doc = page('https://example.com/', '<form><input id="otp"></form>');
    const el = doc.getElementById('otp') as HTMLInputElement;
    const log: string[] = [];
    el.addEventListener('focus', () => log.push('focus'));
    doc.body.addEventListener('input', (e) => log.push(`input:${(e.target as HTMLInputElement).value}`));
    doc.body.addEventListener('change', (e) => log.push(`change:${(e.target as HTMLInputElement).value}`));
    fillField(el, '246810');
    expect(log).toEqual(['focus', 'input:246810', 'change:246810']);
    expect(doc.activeElement).toBe(el);
  });

  it('never overwrites user text; replaces a value that is only digits', () => {
    const doc = page(
      'https://example.com/',
      '<input id="a" value="pat@example.com"><input id="b" value="12 3">',
    );
    const a = doc.getElementById('a') as HTMLInputElement;
    const b = doc.getElementById('b') as HTMLInputElement;
    expect(fillField(a, '123456')).toMatchObject({
      filled: false,
      reason: expect.stringMatching(/not a code/),
    });
    expect(a.value).toBe('pat@example.com');
    expect(fillField(b, '123456')).toMatchObject({ filled: true });
    expect(b.value).toBe('123456');
    expect(mayOverwrite('')).toBe(true);
    expect(mayOverwrite('hunter2')).toBe(false);
  });

  it('refuses read-only and disabled fields and codes longer than maxlength', () => {
    const doc = page(
      'https://example.com/',
      '<input id="r" readonly><input id="d" disabled><input id="m" maxlength="5">',
    );
    const get = (id: string) => doc.getElementById(id) as HTMLInputElement;
    expect(fillField(get('r'), '123456')).toMatchObject({ filled: false });
    expect(fillField(get('d'), '123456')).toMatchObject({ filled: false });
    expect(fillField(get('m'), '123456')).toMatchObject({ filled: false });
    expect(get('m').value).toBe('');
  });
});

function boxes(doc: Document, count: number, autoAdvance: boolean): HTMLInputElement[] {
  doc.body.innerHTML = `<div>${'<input type="tel" inputmode="numeric">'.repeat(count)}</div>`;
  const els = [...doc.querySelectorAll('input')];
  if (autoAdvance) {
    // Typical OTP widget: typing in a box moves focus to the next one.
    els.forEach((el, i) => {
      el.addEventListener('input', () => els[i + 1]?.focus());
    });
  }
  return els;
}

describe('fillSegmented', () => {
  it('types one digit per box with its own key and input events (6 auto-advancing boxes)', () => {
    const doc = page('https://login.live.com/', '');
    const els = boxes(doc, 6, true);
    const events: string[][] = els.map(() => []);
    els.forEach((el, i) => {
      for (const type of ['keydown', 'keypress', 'input', 'keyup', 'change']) {
        el.addEventListener(type, (e) => {
          const key = e instanceof KeyboardEvent ? e.key : el.value;
          events[i]?.push(`${type}:${key}`);
        });
      }
    });
    expect(fillSegmented(els, '905173')).toEqual({ filled: true, count: 6 });
    expect(els.map((el) => el.value).join('')).toBe('905173');
    expect(events[0]).toEqual(['keydown:9', 'keypress:9', 'input:9', 'keyup:9', 'change:9']);
    expect(events[5]).toEqual(['keydown:3', 'keypress:3', 'input:3', 'keyup:3', 'change:3']);
  });

  it('fills 5 React-style boxes (Steam-like), each seeing its own change', () => {
    const doc = page('https://example.com/', '');
    const tracked = Array.from({ length: 5 }, () => reactLikeInput(doc));
    const els = tracked.map((t) => t.el);
    expect(fillSegmented(els, '2B7QX')).toEqual({ filled: true, count: 5 });
    expect(tracked.map((t) => t.changes)).toEqual([['2'], ['B'], ['7'], ['Q'], ['X']]);
  });

  it('refuses when the code length differs from the number of boxes, touching nothing', () => {
    const doc = page('https://example.com/', '');
    const els = boxes(doc, 6, true);
    const typed = vi.fn();
    for (const el of els) el.addEventListener('keydown', typed);
    expect(fillSegmented(els, '12345')).toMatchObject({
      filled: false,
      reason: expect.stringMatching(/5 .* 6 boxes/),
    });
    expect(els.every((el) => el.value === '')).toBe(true);
    expect(typed).not.toHaveBeenCalled();
  });

  it('refuses when a box holds user text', () => {
    const doc = page('https://example.com/', '');
    const els = boxes(doc, 6, false);
    (els[2] as HTMLInputElement).value = 'x';
    expect(fillSegmented(els, '123456')).toMatchObject({ filled: false });
    expect(els[0]?.value).toBe('');
  });
});

describe('submitNear (only when the background says autoSubmit)', () => {
  it("clicks the form's visible submit button", () => {
    const doc = page(
      'https://example.com/',
      '<form><input id="otp"><button type="button">Back</button><button type="submit">Verify</button></form>',
    );
    const submit = doc.querySelector('button[type=submit]') as HTMLButtonElement;
    const clicked = vi.fn((e: Event) => e.preventDefault());
    submit.addEventListener('click', clicked);
    expect(submitNear(doc.getElementById('otp') as HTMLInputElement)).toBe(true);
    expect(clicked).toHaveBeenCalledOnce();
  });

  it('does nothing without a submit button', () => {
    const doc = page('https://example.com/', '<div><input id="otp"></div>');
    expect(submitNear(doc.getElementById('otp') as HTMLInputElement)).toBe(false);
  });
});
