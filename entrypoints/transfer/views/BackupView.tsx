import { useEffect, useState } from 'preact/hooks';
import { useClient } from '@/components/client-context';
import { FormError } from '@/components/FormError';
import { t } from '@/lib/i18n';
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
    if (password.length < MIN_PASSWORD_LENGTH) return setError(t('backupTooShort', MIN_PASSWORD_LENGTH));
    if (password !== confirm) return setError(t('commonPasswordsDiffer'));
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
      summary: t(
        'backupSummary',
        t(accounts === 1 ? 'backupAccountsOne' : 'backupAccountsOther', accounts),
        t(secrets === 1 ? 'backupSecretsOne' : 'backupSecretsOther', secrets),
      ),
    });
  }

  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">{t('backupHeading')}</h2>
      <p>{t('backupIntro')}</p>
      <form class="row" onSubmit={save}>
        <label>
          {t('backupPassword')}
          <input
            type="password"
            autoComplete="new-password"
            data-testid="backup-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('backupAgain')}
          <input
            type="password"
            autoComplete="new-password"
            data-testid="backup-password-confirm"
            value={confirm}
            onInput={(e) => setConfirm(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary" data-testid="backup-export" disabled={busy}>
          {t(busy ? 'backupBusy' : 'backupCreate')}
        </button>
      </form>
      <FormError message={error} />
      {file && (
        <p role="status" data-testid="backup-ready">
          {t('backupReady', file.summary)}{' '}
          <a href={file.url} download={file.name} data-testid="backup-download">
            {t('commonSaveFile', file.name)}
          </a>
        </p>
      )}
    </section>
  );
}
