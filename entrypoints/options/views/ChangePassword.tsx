import { useState } from 'preact/hooks';
import { useClient } from '@/components/client-context';
import { FormError } from '@/components/FormError';
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
    if (!current) return setError('Type your current master password.');
    if (next.length < MIN_PASSWORD_LENGTH)
      return setError(`Choose a new password of at least ${MIN_PASSWORD_LENGTH} characters.`);
    if (next !== confirm) return setError('The two new passwords differ: type the same password twice.');
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
    onDone('Master password changed. Use the new one from now on.');
  }

  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">Master password</h2>
      <form class="panel" onSubmit={submit}>
        <label>
          Current master password
          <input
            type="password"
            autoComplete="current-password"
            data-testid="password-current"
            value={current}
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
        </label>
        <label>
          New master password
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
          New master password again
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
          {busy ? 'Changing…' : 'Change master password'}
        </button>
      </form>
    </section>
  );
}
