import { useCallback, useEffect, useState } from 'preact/hooks';
import { useClient } from '@/components/client-context';
import { FormError } from '@/components/FormError';
import { requestSiteAccess, splitSites } from '@/components/site-access';
import { t } from '@/lib/i18n';
import type { AccountView } from '@/lib/messaging/protocol';
import { siteText } from '@/lib/ui/sites';

/**
 * Where each account's code may be filled, all accounts on one page (the popup edits one at a time
 * under Rename). The background checks and normalises each site exactly as for a capture
 * (lib/page/binding.ts) and refuses the whole edit with the reason when one is wrong.
 */
export function AccountSites({ onSaved }: { onSaved: (message: string) => void }) {
  const client = useClient();
  const [accounts, setAccounts] = useState<AccountView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await client.send({ type: 'accounts.list' });
    if (result.ok) setAccounts(result.value.accounts);
    else setError(result.error.message);
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('sitesTitle')}</h2>
      <p>{t('sitesHelp')}</p>
      <FormError message={error} />
      {accounts?.length === 0 && <p data-testid="sites-empty">{t('sitesEmpty')}</p>}
      {accounts && accounts.length > 0 && (
        <ul class="site-list">
          {accounts.map((account) => (
            <AccountSitesRow
              key={account.id}
              account={account}
              onSaved={(message) => {
                onSaved(message);
                void load();
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function AccountSitesRow({ account, onSaved }: { account: AccountView; onSaved: (message: string) => void }) {
  const client = useClient();
  const saved = account.sites.map(siteText).join(', ');
  const [sites, setSites] = useState(saved);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const title = [account.issuer, account.label].filter(Boolean).join(' – ') || t('sitesUnnamed');
  const inputId = `sites-${account.id}`;

  useEffect(() => setSites(saved), [saved]);

  async function save(event: Event) {
    event.preventDefault();
    setBusy(true);
    // First, while the click is still a user gesture: the browser's own permission prompt.
    const granted = await requestSiteAccess(sites);
    const result = await client.send({ type: 'accounts.setSites', id: account.id, sites: splitSites(sites) });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    onSaved(granted ? t('sitesSaved', title) : t('sitesSavedNoAccess', title));
  }

  return (
    <li data-testid="sites-row" data-account={title}>
      <form class="row" onSubmit={save}>
        <label for={inputId}>{title}</label>
        <input
          id={inputId}
          data-testid="sites-input"
          spellcheck={false}
          value={sites}
          onInput={(e) => setSites(e.currentTarget.value)}
        />
        <button type="submit" data-testid="sites-save" disabled={busy || sites === saved}>
          {t('sitesSave')}
        </button>
      </form>
      <FormError message={error} />
    </li>
  );
}
