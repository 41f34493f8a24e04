// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { findTextCaptures } from '@/lib/content/capture-text';
import { page, useLayout } from './dom-setup';

beforeEach(() => useLayout());

const captures = (url: string, html: string) => findTextCaptures(page(url, html), new URL(url));

// microsoft-pages.md §2.1: the key is in the server HTML, hidden until "I can't scan the bar code".
const CONSUMER_SETUP = `
  <form id="addTotp">
    <input type="hidden" id="ProofId" name="ProofId" value="0000000001">
    <h1>Set up an authenticator app</h1>
    <a href="#" id="iShowPlainLink">I can't scan the bar code</a>
    <div id="iActivationCode" hidden>
      <div>Account name: pat@outlook.example</div>
      <div>Secret key: <span class="dirltr bold">wxyz&nbsp;2345&nbsp;abcd&nbsp;efgh</span></div>
    </div>
    <label>Enter the code your app shows <input type="tel" maxlength="6" autocomplete="off"></label>
    <input type="submit" id="iNext" value="Next">
  </form>`;

describe('manual secret key', () => {
  it('reads the consumer key (NBSP-grouped, still hidden) and the account name on the setup page', () => {
    const items = captures('https://account.live.com/proofs/Add?apt=3', CONSUMER_SETUP);
    expect(items).toEqual([
      {
        kind: 'secretText',
        text: 'wxyz 2345 abcd efgh',
        issuerHint: 'Microsoft',
        accountHint: 'pat@outlook.example',
      },
    ]);
  });

  it('ignores the same hidden key on any other page', () => {
    expect(captures('https://example.com/proofs/Add', CONSUMER_SETUP)).toEqual([]);
  });

  // §2.2: mysignins' "Can't scan image?" panel, a <dl> with Copy buttons inside each <dd>.
  it('reads the mysignins <dl>: secret key and "Tenant: upn" account name', () => {
    const items = captures(
      'https://mysignins.microsoft.com/security-info',
      `<div role="dialog" aria-labelledby="t">
        <h2 id="t">Microsoft Authenticator</h2>
        <p>Scan the QR code</p>
        <button type="button">Can't scan image?</button>
        <dl>
          <dt>Account name</dt><dd>Contoso: pat@contoso.example <button>Copy</button></dd>
          <dt>Secret key</dt><dd>mnop qrst uvwx yz23 <button>Copy</button></dd>
        </dl>
        <button type="button">Back</button><button type="button">Next</button>
      </div>`,
    );
    expect(items).toEqual([
      {
        kind: 'secretText',
        text: 'mnop qrst uvwx yz23',
        issuerHint: 'Microsoft',
        accountHint: 'Contoso: pat@contoso.example',
      },
    ]);
  });

  it('finds a key split into spans next to a "setup key" label on another site', () => {
    const items = captures(
      'https://github.example/settings/two_factor',
      `<section><p>Unable to scan? Use this setup key:</p>
        <code><span>JBSW</span> <span>Y3DP</span> <span>EHPK</span> <span>3PXP</span></code></section>`,
    );
    expect(items).toEqual([{ kind: 'secretText', text: 'JBSW Y3DP EHPK 3PXP' }]);
  });

  it('needs a label: base32-looking text alone is not a key', () => {
    expect(captures('https://example.com/', '<p>Order</p><p>JBSW Y3DP EHPK 3PXP</p>')).toEqual([]);
  });
});

describe('recovery code (§2.7)', () => {
  const html = `<div id="RecoveryCode">
      <h1>Two-step verification is turned on</h1>
      <p>Your new recovery code: <b>Q7KMW-2HX9P-TT4RD-8ZLCA-M3N6V</b></p>
      <input type="button" id="iOptTfaEnabledRecoveryCodeNext" value="Next">
    </div>`;

  it('reads the code in #RecoveryCode on account.live.com', () => {
    expect(captures('https://account.live.com/proofs/EnableTfa', html)).toEqual([
      { kind: 'recoveryCode', code: 'Q7KMW-2HX9P-TT4RD-8ZLCA-M3N6V' },
    ]);
  });

  it('reads it from a dialog after "Generate a new code"', () => {
    const dialog = `<p>Signed in as pat@outlook.example</p>
      <div role="dialog"><h2>Recovery code</h2><p>Your new code is <span>AB12C-DE34F-GH56J-KL78M-NP90Q</span></p></div>`;
    expect(captures('https://account.live.com/proofs/Manage/additional', dialog)).toEqual([
      { kind: 'recoveryCode', code: 'AB12C-DE34F-GH56J-KL78M-NP90Q', accountHint: 'pat@outlook.example' },
    ]);
  });

  it('ignores the same shape elsewhere (Windows product keys look alike)', () => {
    expect(captures('https://shop.example/keys', html)).toEqual([]);
  });
});

describe('app passwords (§2.8, §7)', () => {
  const GOOGLE = `
    <header><div>Pat Smith</div><div>pat.smith@gmail.example</div></header>
    <h1>App passwords</h1>
    <label>App name <input value="Thunderbird"></label>
    <div role="dialog" aria-label="Generated app password">
      <h2>Generated app password</h2>
      <p>Your app password for your device</p>
      <div class="highlight"><span>abcd</span> <span>wxyz</span> <span>efgh</span> <span>mnop</span></div>
      <p>How to use it: enter this 16-character password in the app.</p>
      <button>Done</button>
    </div>`;

  it('captures a Google app password shown in the dialog, without display spaces', () => {
    expect(captures('https://myaccount.google.com/apppasswords', GOOGLE)).toEqual([
      {
        kind: 'appPassword',
        password: 'abcdwxyzefghmnop',
        provider: 'google',
        accountHint: 'pat.smith@gmail.example',
      },
    ]);
  });

  it('captures nothing off the provider page', () => {
    expect(captures('https://example.com/apppasswords', GOOGLE)).toEqual([]);
  });

  it('needs a dialog or "app password" text near the value', () => {
    const html = `<h1>App passwords</h1><div>${'<p>filler text</p>'.repeat(300)}</div>
      <section><div><div><div><div><div><span>qrst uvwx abcd efgh</span></div></div></div></div></div></section>`;
    expect(captures('https://myaccount.google.com/apppasswords', html)).toEqual([]);
  });

  // §7: Fastmail's format is unknown, so its recogniser is loose: control labels must not count.
  it('never takes button text for a password (Fastmail: "Generate password")', () => {
    const html = `<h1>App passwords</h1>
      <div role="dialog"><h2>New app password</h2><button type="button">Generate password</button>
        <p class="v-Password">3k8v2xq9hw4tpzbn</p><button type="button">Done</button></div>`;
    expect(captures('https://app.fastmail.com/settings/security/apppasswords', html)).toEqual([
      { kind: 'appPassword', password: '3k8v2xq9hw4tpzbn', provider: 'fastmail' },
    ]);
  });

  it('ignores an invisible value', () => {
    const html =
      '<div role="dialog"><p>Your app password</p><p style="display:none">abcd wxyz efgh mnop</p></div>';
    expect(captures('https://myaccount.google.com/apppasswords', html)).toEqual([]);
  });
});
