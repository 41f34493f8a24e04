import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ClockWarning } from '@/components/ClockWarning';
import { CodeRow, type CodeRowActions } from '@/components/CodeRow';
import { useClient } from '@/components/client-context';
import { FormError } from '@/components/FormError';
import { requestSiteAccess, splitSites } from '@/components/site-access';
import { t, tParts } from '@/lib/i18n';
import type { AccountList, AccountView } from '@/lib/messaging/protocol';
import { copyWithClearing } from '@/lib/ui/copy';
import { matchesSearch } from '@/lib/ui/search';
import { siteText } from '@/lib/ui/sites';
import { AddAccount } from './AddAccount';
import { Passwords } from './Passwords';
import { SettingsView } from './SettingsView';

type Screen = 'list' | 'add' | 'settings' | 'passwords';

/** The unlocked popup: accounts with live codes, search, and the add and settings screens. */
export function Accounts({
  onLocked,
  initialNotice,
}: {
  onLocked: () => void;
  initialNotice: string | null;
}) {
  const client = useClient();
  const [list, setList] = useState<AccountList | null>(null);
  const [screen, setScreen] = useState<Screen>('list');
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<string | null>(initialNotice);
  const [error, setError] = useState<string | null>(null);
  // Offset between the background's clock and this page's, so countdowns match the codes.
  const [skew, setSkew] = useState(0);
  const [now, setNow] = useState(Date.now());

  const load = useCallback(
    async (auto = false) => {
      const result = await client.send({ type: 'accounts.list', auto });
      if (result.ok) {
        setList(result.value);
        setSkew(result.value.now - Date.now());
        setError(null);
      } else if (result.error.code === 'locked') onLocked();
      else setError(result.error.message);
    },
    [client, onLocked],
  );

  useEffect(() => {
    void load();
  }, [load]);
  // `npm run bench` reads this mark: popup open (navigation start) → every code on screen.
  const listed = list !== null;
  useEffect(() => {
    if (listed) performance.mark('twostep:codes-visible');
  }, [listed]);

  // One clock for every row: tick each second; refetch when the earliest code expires.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + skew), 1000);
    return () => clearInterval(timer);
  }, [skew]);
  const nextChange = useMemo(() => {
    const times = (list?.accounts ?? []).map((a) => a.validUntil).filter((t): t is number => t !== null);
    return times.length ? Math.min(...times) : null;
  }, [list]);
  useEffect(() => {
    if (nextChange !== null && now >= nextChange) void load(true);
  }, [now, nextChange, load]);

  const actions: CodeRowActions = useMemo(
    () => ({
      copy: (account) => copyWithClearing(client, account.code),
      rename: async (account, issuer, label, sites) => {
        // First, while the click still counts as a user gesture: access to the new sites, so the
        // content script can fill there (the permission prompt is the browser's).
        const granted = await requestSiteAccess(sites);
        const result = await client.send({ type: 'accounts.rename', id: account.id, issuer, label });
        if (!result.ok) return result.error.message;
        const wanted = splitSites(sites);
        if (wanted.join() !== account.sites.map(siteText).join()) {
          const bound = await client.send({ type: 'accounts.setSites', id: account.id, sites: wanted });
          if (!bound.ok) return bound.error.message;
        }
        if (!granted) setNotice(t('accountsSavedNoAccess'));
        await load();
        return null;
      },
      remove: async (account) => {
        const result = await client.send({ type: 'accounts.delete', id: account.id });
        if (!result.ok) return result.error.message;
        setNotice(t('accountsDeleted', account.issuer || account.label || t('commonTheAccount')));
        await load();
        return null;
      },
      next: async (account) => {
        const result = await client.send({ type: 'accounts.hotpNext', id: account.id });
        if (!result.ok) return result.error.message;
        await load();
        return null;
      },
    }),
    [client, load],
  );

  async function lock() {
    await client.send({ type: 'vault.lock' });
    onLocked();
  }

  function back(message: string | null) {
    setScreen('list');
    setNotice(message);
    void load();
  }

  if (screen === 'add') return <AddAccount onDone={back} />;
  if (screen === 'settings') return <SettingsView onDone={back} />;
  if (screen === 'passwords') return <Passwords onDone={() => back(null)} />;

  const shown: AccountView[] = (list?.accounts ?? []).filter((a) =>
    matchesSearch([a.issuer, a.label, a.organisation], query),
  );

  return (
    <div class="accounts">
      <header class="toolbar">
        <input
          type="search"
          placeholder={t('accountsSearch')}
          aria-label={t('accountsSearchAria')}
          data-testid="search"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <button type="button" class="primary" data-testid="add-button" onClick={() => setScreen('add')}>
          {t('accountsAdd')}
        </button>
        <button type="button" data-testid="passwords-button" onClick={() => setScreen('passwords')}>
          {t('accountsPasswords')}
        </button>
        <button
          type="button"
          data-testid="settings-button"
          onClick={() => setScreen('settings')}
          aria-label={t('accountsSettings')}
          title={t('accountsSettings')}
        >
          ⚙
        </button>
        <button type="button" data-testid="lock-button" onClick={lock}>
          {t('accountsLock')}
        </button>
      </header>
      {notice && (
        <p class="notice" role="status" data-testid="notice">
          {notice}
        </p>
      )}
      <FormError message={error} />
      <ClockWarning
        onCorrected={(message) => {
          setNotice(message);
          void load();
        }}
      />
      {list && list.damaged.length > 0 && (
        <p class="form-error" role="alert" data-testid="damaged">
          {t('accountsDamaged', list.damaged.length, list.damaged.map((d) => d.reason).join('; '))}
        </p>
      )}
      {list && list.accounts.length === 0 && (
        <p class="empty" data-testid="empty-state">
          {tParts('accountsEmpty', <strong>{t('accountsAdd')}</strong>)}
        </p>
      )}
      {list && list.accounts.length > 0 && shown.length === 0 && (
        <p class="empty">{t('accountsNoMatch', query)}</p>
      )}
      <ul class="account-list" data-testid="account-list">
        {shown.map((account) => (
          <CodeRow key={account.id} account={account} now={now} actions={actions} />
        ))}
      </ul>
    </div>
  );
}
