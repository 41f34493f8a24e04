// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPrompt, offerText } from '@/lib/content/prompt';
import type { Offer } from '@/lib/messaging/content-protocol';
import { DIFFERENT_APP_LINK_TEXT, MICROSOFT_APP_ADVICE } from '@/lib/qr/payload';
import { page, trusted, useLayout } from './dom-setup';

beforeEach(() => {
  useLayout();
  for (const old of document.querySelectorAll('twostep-prompt')) old.remove();
});

const ACCOUNT: Offer = {
  kind: 'account',
  issuer: 'Microsoft',
  label: 'pat@outlook.example',
  alreadySaved: false,
};

function shadow(): ShadowRoot {
  const host = document.documentElement.querySelector(':scope > twostep-prompt');
  if (!host?.shadowRoot) throw new Error('no prompt host with an open shadow root');
  return host.shadowRoot;
}
const byTestId = <E extends HTMLElement = HTMLElement>(id: string): E => {
  const el = shadow().querySelector<E>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no ${id}`);
  return el;
};
/** The accessible name from aria-labelledby (inside the shadow root), aria-label or text. */
function accessibleName(el: Element): string {
  const ids = el.getAttribute('aria-labelledby')?.split(/\s+/) ?? [];
  const labelled = ids.map((id) => shadow().getElementById(id)?.textContent ?? '').join(' ');
  return (labelled || el.getAttribute('aria-label') || el.textContent || '').trim();
}

describe('in-page prompt', () => {
  it('shows an account offer in an open shadow root with accessible names', () => {
    page('https://account.live.com/proofs/Add', '');
    createPrompt().showOffer(ACCOUNT, { onSave: vi.fn(), onDismiss: vi.fn() });
    const box = byTestId('twostep-prompt');
    expect(box.getAttribute('role')).toBe('dialog');
    expect(box.dataset.kind).toBe('account');
    expect(accessibleName(box)).toBe('TwoStep');
    expect(byTestId('twostep-prompt-text').textContent).toBe(
      'Add Microsoft (pat@outlook.example) to TwoStep',
    );
    for (const b of shadow().querySelectorAll('button')) expect(accessibleName(b)).not.toBe('');
    expect(accessibleName(byTestId('twostep-save'))).toBe('Save to TwoStep');
  });

  it('ignores untrusted clicks: a page cannot press Save or Dismiss for the user', () => {
    page('https://account.live.com/proofs/Add', '');
    const onSave = vi.fn();
    const onDismiss = vi.fn();
    const prompt = createPrompt();
    prompt.showOffer(ACCOUNT, { onSave, onDismiss });
    byTestId('twostep-save').click();
    byTestId('twostep-save').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    byTestId('twostep-dismiss').click();
    expect(onSave).not.toHaveBeenCalled();
    expect(onDismiss).not.toHaveBeenCalled();
    expect(prompt.shown).toBe(true);
    byTestId('twostep-save').dispatchEvent(trusted(new MouseEvent('click', { bubbles: true })));
    expect(onSave).toHaveBeenCalledOnce();
  });

  it('hides on Escape and reports the dismissal', () => {
    page('https://account.live.com/proofs/Add', '');
    const onDismiss = vi.fn();
    const prompt = createPrompt();
    prompt.showOffer(ACCOUNT, { onSave: vi.fn(), onDismiss });
    byTestId('twostep-save').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(prompt.shown).toBe(false);
    expect(document.querySelector('twostep-prompt')).toBeNull();
    expect(onDismiss).toHaveBeenCalledOnce();
  });

  it('does not take focus from the page on show', () => {
    const doc = page('https://login.live.com/', '<input id="code">');
    const input = doc.getElementById('code') as HTMLInputElement;
    input.focus();
    createPrompt().showOffer(ACCOUNT, { onSave: vi.fn(), onDismiss: vi.fn() });
    expect(document.activeElement).toBe(input);
  });

  it('offers a chooser whose buttons carry the account ids', () => {
    page('https://login.live.com/', '');
    const onChoose = vi.fn();
    const prompt = createPrompt();
    prompt.showChooser(
      [
        { accountId: 'a1', title: 'Microsoft (pat@outlook.example)' },
        { accountId: 'a2', title: 'Microsoft (lee@outlook.example)' },
      ],
      onChoose,
    );
    expect(byTestId('twostep-prompt').dataset.kind).toBe('choose');
    const choices = [...shadow().querySelectorAll<HTMLButtonElement>('[data-testid=twostep-choice]')];
    expect(choices.map((c) => [c.dataset.accountId, c.textContent])).toEqual([
      ['a1', 'Microsoft (pat@outlook.example)'],
      ['a2', 'Microsoft (lee@outlook.example)'],
    ]);
    choices[1]?.click();
    expect(onChoose).not.toHaveBeenCalled();
    choices[1]?.dispatchEvent(trusted(new MouseEvent('click')));
    expect(onChoose).toHaveBeenCalledWith('a2');
    expect(prompt.shown).toBe(false);
  });

  it('shows a status line', () => {
    page('https://account.live.com/proofs/Add', '');
    createPrompt().showStatus('Saved to TwoStep');
    expect(byTestId('twostep-prompt').dataset.kind).toBe('status');
    expect(byTestId('twostep-status').textContent).toBe('Saved to TwoStep');
    expect(byTestId('twostep-status').getAttribute('role')).toBe('status');
  });

  it('advice offers have no Save button', () => {
    page('https://mysignins.microsoft.com/security-info', '');
    const link = 'I want to use a different authenticator app';
    const advice = MICROSOFT_APP_ADVICE['work-school'];
    createPrompt().showOffer(
      { kind: 'microsoft-app', advice, link },
      { onSave: vi.fn(), onDismiss: vi.fn() },
    );
    // In an English browser the catalog's sentence is the background's advice, word for word.
    expect(byTestId('twostep-prompt-text').textContent).toBe(advice);
    expect(shadow().querySelector('[data-testid=twostep-save]')).toBeNull();
  });
});

describe('offerText', () => {
  it('says the Microsoft-app and export advice from the catalog, as the background words it in English', () => {
    for (const variant of ['personal', 'work-school'] as const) {
      const link = DIFFERENT_APP_LINK_TEXT[variant];
      expect(offerText({ kind: 'microsoft-app', advice: 'fallback', link })).toBe(
        MICROSOFT_APP_ADVICE[variant],
      );
    }
    expect(offerText({ kind: 'migration', advice: 'fallback' })).toMatch(
      /^This QR code is a Google Authenticator export, which can hold many accounts: nothing was saved/,
    );
  });

  it.each<[Offer, string]>([
    [
      {
        kind: 'account',
        issuer: 'Microsoft',
        label: 'pat@contoso.example',
        organisation: 'Contoso',
        alreadySaved: false,
      },
      'Add Microsoft (Contoso: pat@contoso.example) to TwoStep',
    ],
    [
      { kind: 'recoveryCode', accountHint: 'pat@outlook.example', alreadySaved: false },
      'Save recovery code for pat@outlook.example to TwoStep',
    ],
    [
      { kind: 'appPassword', provider: 'google', accountHint: 'pat@gmail.example', alreadySaved: false },
      'Save Google app password for pat@gmail.example to TwoStep',
    ],
  ])('%o', (offer, text) => {
    expect(offerText(offer)).toBe(text);
  });

  it('has nothing to say for a "nothing" offer', () => {
    expect(offerText({ kind: 'nothing', reason: 'not a secret' })).toBeNull();
  });
});
