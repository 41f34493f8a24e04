import { useCallback, useEffect, useState } from 'preact/hooks';
import { useClient } from '@/components/client-context';
import { Setup } from '@/components/Setup';
import { useTheme } from '@/components/theme';
import { Unlock } from '@/components/Unlock';
import { t } from '@/lib/i18n';
import type { VaultStatus } from '@/lib/messaging/protocol';
import { Accounts } from './views/Accounts';

type AppState = { state: 'loading' } | { state: 'error'; message: string } | VaultStatus;

/** The popup always renders a state (loading, first run, locked, unlocked or a specific error). */
export function App() {
  const client = useClient();
  const [status, setStatus] = useState<AppState>({ state: 'loading' });
  useTheme();
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const result = await client.send({ type: 'vault.status' });
    setStatus(result.ok ? result.value : { state: 'error', message: result.error.message });
  }, [client]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const domState = status.state === 'none' ? 'setup' : status.state;
  return (
    <main data-testid="app" data-state={domState}>
      {status.state === 'loading' && <p class="panel">{t('commonLoading')}</p>}
      {status.state === 'error' && (
        <div class="panel">
          <p class="form-error" role="alert" data-testid="form-error">
            {status.message}
          </p>
          <button type="button" onClick={refresh}>
            {t('commonTryAgain')}
          </button>
        </div>
      )}
      {status.state === 'none' && <Setup onDone={refresh} />}
      {status.state === 'locked' && (
        <Unlock
          retryAfterMs={status.retryAfterMs}
          onDone={(message) => {
            setNotice(message);
            void refresh();
          }}
        />
      )}
      {status.state === 'unlocked' && <Accounts onLocked={refresh} initialNotice={notice} />}
    </main>
  );
}
