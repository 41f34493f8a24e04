import { useState } from 'preact/hooks';
import { useClient } from '@/components/client-context';
import { FormError } from '@/components/FormError';
import { t } from '@/lib/i18n';
import { MIN_PASSWORD_LENGTH, passwordStrength } from '@/lib/ui/password-strength';

/** A new master password: the data key is re-wrapped, no record is re-encrypted or lost. */
export function ChangePassword({ onDone }: { onDone: (message: string) => void }) {
  const client = useClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const strength = next ? passwordStrength(next) : null;

  async function submit(event: Event) {
    event.preventDefault();
    if (!current) return setError(t('passwordTypeCurrent'));
    if (next.length < MIN_PASSWORD_LENGTH) return setError(t('passwordTooShort', MIN_PASSWORD_LENGTH));
    if (next !== confirm) return setError(t('passwordNewDiffer'));
    setBusy(true);
    setError(null);
    const result = await client.send({
      type: 'vault.changePassword',
      oldPassword: current,
      newPassword: next,
    });
    setBusy(false);
    setCurrent('');
    if (!result.ok) return setError(result.error.message);
    setNext('');
    setConfirm('');
    onDone(t('passwordChanged'));
  }

  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">{t('passwordTitle')}</h2>
      <form class="panel" onSubmit={submit}>
        <label>
          {t('passwordCurrent')}
          <input
            type="password"
            autoComplete="current-password"
            data-testid="password-current"
            value={current}
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('passwordNew')}
          <input
            type="password"
            autoComplete="new-password"
            data-testid="password-new"
            value={next}
            onInput={(e) => setNext(e.currentTarget.value)}
          />
        </label>
        {strength && (
          <p
            class={`strength strength-${strength.strength}`}
            data-testid="password-strength"
            aria-live="polite"
          >
            {strength.message}
          </p>
        )}
        <label>
          {t('passwordNewAgain')}
          <input
            type="password"
            autoComplete="new-password"
            data-testid="password-confirm"
            value={confirm}
            onInput={(e) => setConfirm(e.currentTarget.value)}
          />
        </label>
        <FormError message={error} />
        <button type="submit" class="primary" data-testid="password-change" disabled={busy}>
          {busy ? t('passwordChanging') : t('passwordChange')}
        </button>
      </form>
    </section>
  );
}
