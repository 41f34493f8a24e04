import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { AccountView } from '@/lib/messaging/protocol';
import { groupCode } from '@/lib/ui/format';
import { siteText } from '@/lib/ui/sites';
import { Countdown } from './Countdown';

export interface CodeRowActions {
  copy(account: AccountView): Promise<string>;
  rename(account: AccountView, issuer: string, label: string, sites: string): Promise<string | null>;
  remove(account: AccountView): Promise<string | null>;
  next(account: AccountView): Promise<string | null>;
}

type Mode = 'view' | 'rename' | 'delete';

/** One account: issuer, name, the current code, countdown, copy and the row's own actions. */
export function CodeRow({
  account,
  now,
  actions,
}: {
  account: AccountView;
  now: number;
  actions: CodeRowActions;
}) {
  const [mode, setMode] = useState<Mode>('view');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [issuer, setIssuer] = useState(account.issuer);
  const [label, setLabel] = useState(account.label);
  const [sites, setSites] = useState(account.sites.map(siteText).join(', '));
  const title = [account.issuer, account.organisation].filter(Boolean).join(' · ') || t('rowUnnamed');

  async function run(action: () => Promise<string | null>, done?: () => void) {
    setError(null);
    const failure = await action();
    if (failure) setError(failure);
    else done?.();
  }

  async function copy() {
    setError(null);
    setNotice(await actions.copy(account));
  }

  return (
    <li class="account-row" data-testid="account-row" data-account-id={account.id}>
      <div class="account-names">
        <span class="account-issuer" data-testid="account-issuer">
          {title}
        </span>
        <span class="account-label" data-testid="account-label">
          {account.label}
        </span>
      </div>
      <button
        type="button"
        class="code"
        onClick={copy}
        // The name starts with the code as shown (WCAG 2.5.3 label in name: speech users say what
        // they see), then what a click does.
        aria-label={t('rowCodeAria', groupCode(account.code), title, account.label)}
        title={t('rowClickToCopy')}
      >
        <span data-testid="code" data-code={account.code} hidden>
          {account.code}
        </span>
        <span aria-hidden="true">{groupCode(account.code)}</span>
      </button>
      <div class="account-tools">
        {account.validUntil !== null ? (
          <Countdown validUntil={account.validUntil} period={account.period} now={now} />
        ) : (
          <button type="button" data-testid="hotp-next" onClick={() => run(() => actions.next(account))}>
            {t('rowNextCode')}
          </button>
        )}
        <button
          type="button"
          class="icon"
          data-testid="copy-button"
          onClick={copy}
          aria-label={t('rowCopyAria', title, account.label)}
        >
          {t('commonCopy')}
        </button>
        <button
          type="button"
          class="icon"
          data-testid="rename-button"
          onClick={() => setMode('rename')}
          aria-label={t('rowRenameAria', title)}
        >
          {t('rowRename')}
        </button>
        <button
          type="button"
          class="icon danger"
          data-testid="delete-button"
          onClick={() => setMode('delete')}
          aria-label={t('rowDeleteAria', title)}
        >
          {t('commonDelete')}
        </button>
      </div>
      {notice && (
        <p class="row-notice" role="status" data-testid="notice">
          {notice}
        </p>
      )}
      {mode === 'rename' && (
        <form
          class="row-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => actions.rename(account, issuer, label, sites),
              () => setMode('view'),
            );
          }}
        >
          <label>
            {t('rowIssuer')}
            <input
              data-testid="rename-issuer"
              value={issuer}
              onInput={(e) => setIssuer(e.currentTarget.value)}
            />
          </label>
          <label>
            {t('rowAccount')}
            <input
              data-testid="rename-label"
              value={label}
              onInput={(e) => setLabel(e.currentTarget.value)}
            />
          </label>
          <label class="wide">
            {t('rowSites')}
            <input
              data-testid="rename-sites"
              value={sites}
              onInput={(e) => setSites(e.currentTarget.value)}
            />
          </label>
          <button type="submit" data-testid="rename-save">
            {t('commonSave')}
          </button>
          <button type="button" onClick={() => setMode('view')}>
            {t('commonCancel')}
          </button>
        </form>
      )}
      {mode === 'delete' && (
        <div class="row-form" role="alertdialog" aria-label={t('rowDeleteConfirmAria', title)}>
          <p>{t('rowDeleteConfirm', title)}</p>
          <button
            type="button"
            class="danger"
            data-testid="delete-confirm"
            onClick={() => run(() => actions.remove(account))}
          >
            {t('commonDelete')}
          </button>
          <button type="button" data-testid="delete-cancel" onClick={() => setMode('view')}>
            {t('commonCancel')}
          </button>
        </div>
      )}
      {error && (
        <p class="form-error" role="alert" data-testid="form-error">
          {error}
        </p>
      )}
    </li>
  );
}
