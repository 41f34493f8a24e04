import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { useClient } from '@/components/client-context';
import { FormError } from '@/components/FormError';
import { ScanPage } from '@/components/ScanPage';
import { t } from '@/lib/i18n';
import type { HashAlgorithm, OtpKind } from '@/lib/otp/types';

/** Algorithm names are the same in every language. */
const ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

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
    if (!uri.trim()) return setUriError(t('addPasteFirst'));
    const result = await client.send({ type: 'accounts.addUri', uri: uri.trim() });
    if (result.ok)
      onDone(t('commonAdded', result.value.issuer || result.value.label || t('commonTheAccount')));
    else setUriError(result.error.message);
  }

  async function addManual(event: Event) {
    event.preventDefault();
    const numbers = { digits: Number(digits), period: Number(period), counter: Number(counter) };
    const bad = Object.entries(numbers).find(([, n]) => !Number.isInteger(n));
    if (bad) return setManualError(t('addWholeNumber', bad[0]));
    const result = await client.send({
      type: 'accounts.addManual',
      issuer: issuer.trim(),
      label: label.trim(),
      secret,
      kind,
      algorithm,
      ...numbers,
    });
    if (result.ok)
      onDone(t('commonAdded', result.value.issuer || result.value.label || t('commonTheAccount')));
    else setManualError(result.error.message);
  }

  return (
    <div class="panel">
      <h1>{t('addTitle')}</h1>
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
        {t('addOpenImport')}
      </button>
      <form onSubmit={addUri}>
        <label>
          {t('addPasteLabel')}
          <textarea
            data-testid="add-uri"
            rows={3}
            value={uri}
            onInput={(e) => setUri(e.currentTarget.value)}
          />
        </label>
        <FormError message={uriError} />
        <button type="submit" class="primary" data-testid="add-uri-submit">
          {t('addFromLink')}
        </button>
      </form>
      <form onSubmit={addManual}>
        <h2>{t('addOrType')}</h2>
        <label>
          {t('addIssuer')}
          <input data-testid="add-issuer" value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} />
        </label>
        <label>
          {t('addAccountLabel')}
          <input data-testid="add-label" value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
        </label>
        <label>
          {t('addSecret')}
          <input
            data-testid="add-secret"
            value={secret}
            autoComplete="off"
            spellcheck={false}
            onInput={(e) => setSecret(e.currentTarget.value)}
          />
        </label>
        <details>
          <summary>{t('addAdvanced')}</summary>
          <label>
            {t('addType')}
            <select value={kind} onChange={(e) => setKind(e.currentTarget.value as OtpKind)}>
              <option value="totp">{t('addTotp')}</option>
              <option value="hotp">{t('addHotp')}</option>
              <option value="steam">{t('addSteam')}</option>
            </select>
          </label>
          <label>
            {t('addAlgorithm')}
            <select value={algorithm} onChange={(e) => setAlgorithm(e.currentTarget.value as HashAlgorithm)}>
              {ALGORITHMS.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
          <label>
            {t('addDigits')}
            <input
              type="number"
              min={1}
              max={10}
              value={digits}
              onInput={(e) => setDigits(e.currentTarget.value)}
            />
          </label>
          <label>
            {t('addPeriod')}
            <input type="number" min={1} value={period} onInput={(e) => setPeriod(e.currentTarget.value)} />
          </label>
          <label>
            {t('addCounter')}
            <input type="number" min={0} value={counter} onInput={(e) => setCounter(e.currentTarget.value)} />
          </label>
        </details>
        <FormError message={manualError} />
        <button type="submit" class="primary" data-testid="add-manual-submit">
          {t('addSubmit')}
        </button>
      </form>
      <button type="button" data-testid="add-cancel" onClick={() => onDone(null)}>
        {t('commonBack')}
      </button>
    </div>
  );
}
