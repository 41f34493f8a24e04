import { useEffect, useState } from 'preact/hooks';
import { useClient } from '@/components/client-context';
import { FormError } from '@/components/FormError';
import { t } from '@/lib/i18n';

/** Locked: the master password is typed here, in an extension page, never into a web page. */
export function Unlock({
  retryAfterMs,
  onDone,
}: {
  retryAfterMs: number;
  onDone: (notice: string | null) => void;
}) {
  const client = useClient();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState(Date.now() + retryAfterMs);
  const [now, setNow] = useState(Date.now());
  const waiting = Math.ceil((waitUntil - now) / 1000);

  useEffect(() => {
    if (waiting <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), 250);
    return () => clearTimeout(timer);
  }, [waiting, now]);

  async function submit(event: Event) {
    event.preventDefault();
    if (!password) return setError(t('unlockTypePassword'));
    setBusy(true);
    setError(null);
    performance.mark('twostep:unlock-submit'); // read by `npm run bench`
    const result = await client.send({ type: 'vault.unlock', password });
    setBusy(false);
    if (result.ok) {
      onDone(result.value.recoveredFromPrevious ? t('unlockRecovered') : null);
      return;
    }
    setError(result.error.message);
    setPassword('');
    if (result.error.retryAfterMs) {
      setWaitUntil(Date.now() + result.error.retryAfterMs);
      setNow(Date.now());
    }
  }

  return (
    <form class="panel" onSubmit={submit}>
      <h1>{t('unlockTitle')}</h1>
      <label>
        {t('commonMasterPassword')}
        <input
          type="password"
          autoComplete="current-password"
          data-testid="unlock-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          // biome-ignore lint/a11y/noAutofocus: the password is this view's only task; a popup should focus it
          autoFocus
        />
      </label>
      <FormError message={error} />
      <button type="submit" class="primary" data-testid="unlock-submit" disabled={busy || waiting > 0}>
        {busy ? t('unlockBusy') : waiting > 0 ? t('unlockWait', waiting) : t('unlockSubmit')}
      </button>
    </form>
  );
}
