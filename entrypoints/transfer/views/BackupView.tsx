import { useEffect, useState } from 'preact/hooks';
import { useClient } from '@/components/client-context';
import { FormError } from '@/components/FormError';
import { MIN_PASSWORD_LENGTH } from '@/lib/ui/password-strength';
import { downloadUrl } from '../download';

/**
 * An encrypted backup file of everything TwoStep keeps (accounts, app passwords, recovery codes),
 * under a password of its own so the file can be stored anywhere. Restore: choose the file above.
 */
export function BackupView({ onLocked }: { onLocked: () => void }) {
  const client = useClient();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<{ url: string; name: string; summary: string } | null>(null);

  useEffect(() => () => file && URL.revokeObjectURL(file.url), [file]);

  async function save(event: Event) {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH)
      return setError(`Choose a backup password of at least ${MIN_PASSWORD_LENGTH} characters.`);
    if (password !== confirm) return setError('The two passwords differ: type the same password twice.');
    setBusy(true);
    setError(null);
    const result = await client.send({ type: 'backup.export', password });
    setBusy(false);
    if (!result.ok) {
      if (result.error.code === 'locked') return onLocked();
      return setError(result.error.message);
    }
    const { text, filename, accounts, secrets } = result.value;
    setPassword('');
    setConfirm('');
    setFile({
      url: downloadUrl(text, 'application/json'),
      name: filename,
      summary: `${accounts} account${accounts === 1 ? '' : 's'} and ${secrets} app password${secrets === 1 ? '' : 's'} or recovery code${secrets === 1 ? '' : 's'}`,
    });
  }

  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">Back up</h2>
      <p>
        Saves an encrypted file with all your accounts, app passwords and recovery codes. Keep its password
        somewhere safe: without it the file cannot be opened. To restore, choose the file under “Add
        accounts”.
      </p>
      <form class="row" onSubmit={save}>
        <label>
          Backup password
          <input
            type="password"
            autoComplete="new-password"
            data-testid="backup-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <label>
          Type it again
          <input
            type="password"
            autoComplete="new-password"
            data-testid="backup-password-confirm"
            value={confirm}
            onInput={(e) => setConfirm(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary" data-testid="backup-export" disabled={busy}>
          {busy ? 'Encrypting…' : 'Create backup'}
        </button>
      </form>
      <FormError message={error} />
      {file && (
        <p role="status" data-testid="backup-ready">
          Backup of {file.summary} is ready:{' '}
          <a href={file.url} download={file.name} data-testid="backup-download">
            save {file.name}
          </a>
        </p>
      )}
    </section>
  );
}
