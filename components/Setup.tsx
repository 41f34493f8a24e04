import { useState } from 'preact/hooks';
import { useClient } from '@/components/client-context';
import { FormError } from '@/components/FormError';
import { t } from '@/lib/i18n';
import { MIN_PASSWORD_LENGTH, passwordStrength } from '@/lib/ui/password-strength';

/** First run: choose the master password (twice) and create the empty, encrypted vault. */
export function Setup({ onDone }: { onDone: () => void }) {
  const client = useClient();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hint = passwordStrength(password);

  async function submit(event: Event) {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) return setError(hint.message);
    if (password !== confirm) return setError(t('commonPasswordsDiffer'));
    setBusy(true);
    setError(null);
    const result = await client.send({ type: 'vault.create', password });
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.error.message);
  }

  return (
    <form class="panel" onSubmit={submit}>
      <h1>{t('commonWelcome')}</h1>
      <p>{t('setupIntro')}</p>
      <label>
        {t('commonMasterPassword')}
        <input
          type="password"
          autoComplete="new-password"
          data-testid="setup-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          // biome-ignore lint/a11y/noAutofocus: the password is this view's only task; a popup should focus it
          autoFocus
        />
      </label>
      <p class={`strength strength-${hint.strength}`} data-testid="setup-strength" aria-live="polite">
        {password ? hint.message : t('setupHint', MIN_PASSWORD_LENGTH)}
      </p>
      <label>
        {t('setupRepeat')}
        <input
          type="password"
          autoComplete="new-password"
          data-testid="setup-confirm"
          value={confirm}
          onInput={(e) => setConfirm(e.currentTarget.value)}
        />
      </label>
      <FormError message={error} />
      <button type="submit" class="primary" data-testid="setup-submit" disabled={busy}>
        {t(busy ? 'setupCreating' : 'setupCreate')}
      </button>
    </form>
  );
}
