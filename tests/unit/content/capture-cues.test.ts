// @vitest-environment happy-dom
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { mayHoldCapture, pageText } from '@/lib/content/capture-cues';
import { findTextCaptures } from '@/lib/content/capture-text';
import { openRoots } from '@/lib/content/dom';
import { page, useLayout } from './dom-setup';

beforeEach(() => useLayout());

function holds(url: string, html: string): boolean {
  const doc = page(url, html);
  const roots = openRoots(doc);
  return mayHoldCapture(new URL(url), roots, pageText(doc, roots));
}

describe('mayHoldCapture: when the content script loads the capture tools', () => {
  it.each([
    [
      'a Microsoft setup page, whatever it says',
      'https://account.live.com/proofs/Add?apt=3',
      '<p>Loading</p>',
    ],
    ['mysignins', 'https://mysignins.microsoft.com/security-info', '<p>Security info</p>'],
    ['text about an authenticator', 'https://example.com/settings', '<p>Use an authenticator app</p>'],
    ['two-factor set-up text', 'https://example.com/settings', '<h2>Enable two-factor authentication</h2>'],
    ['a key label', 'https://example.com/settings', '<dl><dt>Your key:</dt><dd>abcd</dd></dl>'],
    ['the recovery-code host', 'https://account.live.com/', '<p>Your account</p>'],
    ['an app-password page', 'https://myaccount.google.com/apppasswords', '<p>App passwords</p>'],
    ['the activation-code container', 'https://example.com/', '<div id="iActivationCode"></div>'],
  ])('yes on %s', (_, url, html) => expect(holds(url, html)).toBe(true));

  it.each([
    ['a sign-in code page', 'https://example.com/login', '<h1>Sign in</h1><label>Enter code <input></label>'],
    ['a photo gallery', 'https://photos.example/', '<img src="a.png" data-rect="0 0 200 200">'],
    ['Google outside app passwords', 'https://myaccount.google.com/personal-info', '<p>Name</p>'],
  ])('no on %s', (_, url, html) => expect(holds(url, html)).toBe(false));

  it('sees text in open shadow roots', () => {
    const doc = page('https://example.com/', '<div id="h"></div>');
    const shadow = (doc.getElementById('h') as HTMLElement).attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Scan this code with your authenticator</p>';
    const roots = openRoots(doc);
    expect(mayHoldCapture(new URL(doc.location.href), roots, pageText(doc, roots))).toBe(true);
  });

  // The split must not lose findings: whatever the text step would capture, the cues let it run.
  it('holds on every page where the text step finds something (property)', () => {
    const urls = [
      'https://account.live.com/proofs/Add?apt=3',
      'https://account.live.com/proofs/AppPassword',
      'https://account.live.com/',
      'https://mysignins.microsoft.com/security-info',
      'https://myaccount.google.com/apppasswords',
      'https://login.yahoo.com/account/security',
      'https://appleid.apple.com/account/manage',
      'https://app.fastmail.com/settings/security',
      'https://accounts.zoho.eu/home',
      'https://example.com/settings',
    ];
    const snippets = [
      '<span>wxyz 2345 abcd efgh</span>',
      '<div>mnop qrst uvwx yz23</div>',
      '<div id="iActivationCode"><span class="dirltr bold">wxyz&nbsp;2345&nbsp;abcd&nbsp;efgh</span></div>',
      '<p>Key: JBSWY3DPEHPK3PXP</p>',
      '<div id="RecoveryCode">ABCDE-FGHIJ-KLMNO-PQRST-UVWXY</div>',
      '<div role="dialog">abcd efgh ijkl mnop</div>',
      '<div role="dialog">abcd-efgh-ijkl-mnop</div>',
      '<p>App password</p><p>abcdefghijklmnop</p>',
      '<p>Account name: pat@example.com</p>',
      '<p>Hello world</p>',
      '<label>Code <input></label>',
      '<p>Secret</p>',
    ];
    let positives = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...urls),
        fc.array(fc.constantFrom(...snippets), { maxLength: 5 }),
        (url, parts) => {
          const html = parts.join('');
          const doc = page(url, html);
          const roots = openRoots(doc);
          const found = findTextCaptures(doc, new URL(url), roots, pageText(doc, roots));
          if (found.length === 0) return;
          positives += 1;
          expect(holds(url, html)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
    expect(positives).toBeGreaterThan(50); // the property was exercised, not vacuous
  });
});
