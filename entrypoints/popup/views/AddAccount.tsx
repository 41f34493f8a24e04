import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { useClient } from '@/components/client-context';
import { FormError } from '@/components/FormError';
import { ScanPage } from '@/components/ScanPage';
import type { HashAlgorithm, OtpKind } from '@/lib/otp/types';

/** Add an account by pasting an otpauth:// URI, or by typing issuer, name and secret key. */
export function AddAccount({ onDone }: { onDone: (message: string | null) => void }) {
  const client = useClient();
  const [uri, setUri] = useState('');
  const [issuer, setIssuer] = useState('');
  const [label, setLabel] = useState('');
  const [secret, setSecret] = useState('');
  const [kind, setKind] = useState<OtpKind>('totp');
  const [algorithm, setAlgorithm] = useState<HashAlgorithm>('SHA1');
  const [digits, setDigits] = useState('6');
  const [period, setPeriod] = useState('30');
  const [counter, setCounter] = useState('0');
  const [uriError, setUriError] = useState<string | null>(null);
  const [manualError, setManualError] = useState<string | null>(null);

  async function addUri(event: Event) {
    event.preventDefault();
    if (!uri.trim()) return setUriError('Paste an otpauth:// link first.');
    const result = await client.send({ type: 'accounts.addUri', uri: uri.trim() });
    if (result.ok) onDone(`Added ${result.value.issuer || result.value.label || 'the account'}.`);
    else setUriError(result.error.message);
  }

  async function addManual(event: Event) {
    event.preventDefault();
    const numbers = { digits: Number(digits), period: Number(period), counter: Number(counter) };
    const bad = Object.entries(numbers).find(([, n]) => !Number.isInteger(n));
    if (bad) return setManualError(`${bad[0]} must be a whole number.`);
    const result = await client.send({
      type: 'accounts.addManual',
      issuer: issuer.trim(),
      label: label.trim(),
      secret,
      kind,
      algorithm,
      ...numbers,
    });
    if (result.ok) onDone(`Added ${result.value.issuer || result.value.label || 'the account'}.`);
    else setManualError(result.error.message);
  }

  return (
    <div class="panel">
      <h1>Add an account</h1>
      <ScanPage onAdded={onDone} />
      <button
        type="button"
        data-testid="open-import"
        onClick={() => {
          // A full page: file pickers close a Firefox popup, and previews need room.
          void browser.tabs.create({ url: browser.runtime.getURL('/transfer.html') });
          window.close();
        }}
      >
        Import from a picture, a file or another app; back up…
      </button>
      <form onSubmit={addUri}>
        <label>
          Paste a setup link (otpauth://…)
          <textarea
            data-testid="add-uri"
            rows={3}
            value={uri}
            onInput={(e) => setUri(e.currentTarget.value)}
          />
        </label>
        <FormError message={uriError} />
        <button type="submit" class="primary" data-testid="add-uri-submit">
          Add from link
        </button>
      </form>
      <form onSubmit={addManual}>
        <h2>Or type the key</h2>
        <label>
          Issuer (e.g. Microsoft)
          <input data-testid="add-issuer" value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} />
        </label>
        <label>
          Account (e.g. someone@outlook.com)
          <input data-testid="add-label" value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
        </label>
        <label>
          Secret key (spaces and dashes are fine)
          <input
            data-testid="add-secret"
            value={secret}
            autoComplete="off"
            spellcheck={false}
            onInput={(e) => setSecret(e.currentTarget.value)}
          />
        </label>
        <details>
          <summary>Advanced: type, algorithm, digits, period</summary>
          <label>
            Type
            <select value={kind} onChange={(e) => setKind(e.currentTarget.value as OtpKind)}>
              <option value="totp">Time-based (TOTP)</option>
              <option value="hotp">Counter-based (HOTP)</option>
              <option value="steam">Steam Guard</option>
            </select>
          </label>
          <label>
            Algorithm
            <select value={algorithm} onChange={(e) => setAlgorithm(e.currentTarget.value as HashAlgorithm)}>
              <option>SHA1</option>
              <option>SHA256</option>
              <option>SHA512</option>
            </select>
          </label>
          <label>
            Digits
            <input
              type="number"
              min={1}
              max={10}
              value={digits}
              onInput={(e) => setDigits(e.currentTarget.value)}
            />
          </label>
          <label>
            Period (seconds)
            <input type="number" min={1} value={period} onInput={(e) => setPeriod(e.currentTarget.value)} />
          </label>
          <label>
            Counter (HOTP)
            <input type="number" min={0} value={counter} onInput={(e) => setCounter(e.currentTarget.value)} />
          </label>
        </details>
        <FormError message={manualError} />
        <button type="submit" class="primary" data-testid="add-manual-submit">
          Add account
        </button>
      </form>
      <button type="button" data-testid="add-cancel" onClick={() => onDone(null)}>
        Back
      </button>
    </div>
  );
}
