import { useCallback, useEffect, useState } from 'preact/hooks';
import { useClient } from '@/components/client-context';
import { FormError } from '@/components/FormError';
import { SecretRow } from '@/components/SecretRow';
import { t } from '@/lib/i18n';
import type { SecretView } from '@/lib/messaging/protocol';

/**
 * Captured app passwords and recovery codes: masked, revealed on request, copied, deleted, and the
 * Exchange Online IMAP migration CSV (microsoft-pages.md §7.1) for the admin.
 */
export function Passwords({ onDone }: { onDone: () => void }) {
  const client = useClient();
  const [secrets, setSecrets] = useState<SecretView[] | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [exporting, setExporting] = useState(false);
  const [destination, setDestination] = useState('');
  const [csv, setCsv] = useState<{ csv: string; filename: string; rows: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await client.send({ type: 'secrets.list' });
    if (result.ok) setSecrets(result.value.secrets);
    else setError(result.error.message);
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);

  function toggle(id: string, on: boolean) {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  }

  async function exportCsv(event: Event) {
    event.preventDefault();
    setError(null);
    const result = await client.send({ type: 'export.imapCsv', ids: [...chosen], destination });
    if (!result.ok) return setError(result.error.message);
    setCsv(result.value);
    // A download, never the clipboard (microsoft-pages.md §7.1 export hygiene).
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([result.value.csv], { type: 'text/csv' }));
    link.download = result.value.filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  const appPasswords = (secrets ?? []).filter((s) => s.type === 'appPassword');
  return (
    <div class="panel">
      <h1>{t('passwordsTitle')}</h1>
      {secrets && secrets.length === 0 && (
        <p class="empty" data-testid="secrets-empty">
          {t('passwordsEmpty')}
        </p>
      )}
      <ul class="secret-list">
        {(secrets ?? []).map((secret) => (
          <SecretRow
            key={secret.id}
            secret={secret}
            selectable={secret.type === 'appPassword'}
            selected={chosen.has(secret.id)}
            onSelect={(on) => toggle(secret.id, on)}
            onDeleted={load}
          />
        ))}
      </ul>
      <FormError message={error} />
      {appPasswords.length > 0 && !exporting && (
        <button type="button" data-testid="export-csv" onClick={() => setExporting(true)}>
          {t('passwordsExport')}
        </button>
      )}
      {exporting && (
        <form onSubmit={exportCsv}>
          <p>{t('passwordsExportHelp')}</p>
          <label>
            {t('passwordsDestination')}
            <input
              type="email"
              data-testid="export-destination"
              value={destination}
              onInput={(e) => setDestination(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="primary" data-testid="export-submit" disabled={chosen.size === 0}>
            {t('passwordsDownload', chosen.size)}
          </button>
        </form>
      )}
      {csv && (
        <figure>
          <figcaption>{t('passwordsRows', csv.filename, csv.rows)}</figcaption>
          <pre class="csv-preview" data-testid="export-preview">
            {csv.csv}
          </pre>
        </figure>
      )}
      <button type="button" data-testid="passwords-back" onClick={onDone}>
        {t('commonBack')}
      </button>
    </div>
  );
}
