import { useCallback, useEffect, useState } from 'preact/hooks';
import { useClient } from '@/components/client-context';
import { Setup } from '@/components/Setup';
import { useTheme } from '@/components/theme';
import { Unlock } from '@/components/Unlock';
import { t } from '@/lib/i18n';
import type { VaultStatus } from '@/lib/messaging/protocol';
import { BackupView } from './views/BackupView';
import { ExportView } from './views/ExportView';
import { ImportView } from './views/ImportView';

type AppState = { state: 'loading' } | { state: 'error'; message: string } | VaultStatus;

/** The full-page "Import and backup" view: it needs room for files, previews and warnings. */
export function App() {
  const client = useClient();
  const [status, setStatus] = useState<AppState>({ state: 'loading' });
  useTheme();

  const refresh = useCallback(async () => {
    const result = await client.send({ type: 'vault.status' });
    setStatus(result.ok ? result.value : { state: 'error', message: result.error.message });
  }, [client]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const domState = status.state === 'none' ? 'setup' : status.state;
  return (
    <main data-testid="app" data-state={domState} class="transfer">
      <h1>{t('transferTitle')}</h1>
      {status.state === 'loading' && <p>{t('commonLoading')}</p>}
      {status.state === 'error' && (
        <p class="form-error" role="alert" data-testid="form-error">
          {status.message}
        </p>
      )}
      {status.state === 'none' && <Setup onDone={refresh} />}
      {status.state === 'locked' && (
        <Unlock retryAfterMs={status.retryAfterMs} onDone={() => void refresh()} />
      )}
      {status.state === 'unlocked' && (
        <>
          <ImportView onLocked={refresh} />
          <BackupView onLocked={refresh} />
          <ExportView onLocked={refresh} />
        </>
      )}
    </main>
  );
}
