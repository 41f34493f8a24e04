import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { useClient } from '@/components/client-context';
import { SettingsForm } from '@/components/SettingsForm';
import { Setup } from '@/components/Setup';
import { useTheme } from '@/components/theme';
import { Unlock } from '@/components/Unlock';
import { t } from '@/lib/i18n';
import type { VaultStatus } from '@/lib/messaging/protocol';
import { AccountSites } from './views/AccountSites';
import { ChangePassword } from './views/ChangePassword';

type AppState = { state: 'loading' } | { state: 'error'; message: string } | VaultStatus;

/** The full settings page: everything the popup's form has, the master password, and the ways out. */
export function App() {
  const client = useClient();
  const [status, setStatus] = useState<AppState>({ state: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);
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
      <h1>{t('optionsTitle')}</h1>
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
          {notice && (
            <p class="notice" role="status" data-testid="notice">
              {notice}
            </p>
          )}
          <section aria-labelledby="general-heading">
            <h2 id="general-heading">{t('optionsGeneral')}</h2>
            <SettingsForm onDone={setNotice} backLabel={null} />
          </section>
          <AccountSites onSaved={setNotice} />
          <ChangePassword onDone={setNotice} />
          <section aria-labelledby="more-heading">
            <h2 id="more-heading">{t('optionsMoreTitle')}</h2>
            <p>{t('optionsMoreText')}</p>
            <div class="row">
              <a class="button" href={browser.runtime.getURL('/transfer.html')} data-testid="open-transfer">
                {t('optionsOpenTransfer')}
              </a>
            </div>
          </section>
        </>
      )}
    </main>
  );
}
