import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import type { ScanResult } from '@/lib/messaging/protocol';
import { useClient } from './client-context';

/**
 * "Scan this page": looks for a setup QR code or key text on the page the user is on. Access to that
 * site is asked for only now (toolbar click gives activeTab; other sites get the browser's prompt).
 */
export function ScanPage({ onAdded }: { onAdded: (message: string) => void }) {
  const client = useClient();
  const [status, setStatus] = useState<string | null>(null);
  const [found, setFound] = useState<ScanResult['screenshot']>(null);

  async function scan() {
    setFound(null);
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return setStatus(t('scanNoPage'));
    if (tab.url?.startsWith('https://')) {
      const origins = [`${new URL(tab.url).origin}/*`];
      // Ask only when not granted yet: a site TwoStep already reads needs no prompt.
      const granted =
        (await browser.permissions.contains({ origins }).catch(() => false)) ||
        (await browser.permissions.request({ origins }).catch(() => false));
      if (!granted) return setStatus(t('scanNeedsAccess'));
    }
    setStatus(t('scanScanning'));
    const result = await client.send({ type: 'page.scan', tabId: tab.id });
    if (!result.ok) return setStatus(result.error.message);
    const { inPage, screenshot } = result.value;
    if (inPage > 0) return setStatus(t('scanFoundInPage', inPage));
    setFound(screenshot);
    setStatus(
      screenshot?.kind === 'account'
        ? null
        : screenshot?.kind === 'advice'
          ? screenshot.advice
          : (screenshot?.reason ?? null),
    );
  }

  async function add(uri: string) {
    const result = await client.send({ type: 'accounts.addUri', uri });
    if (result.ok) onAdded(t('commonAdded', result.value.issuer || result.value.label));
    else setStatus(result.error.message);
  }

  return (
    <div class="scan">
      <button type="button" data-testid="scan-page" onClick={scan}>
        {t('scanButton')}
      </button>
      {status && (
        <p role="status" data-testid="scan-result">
          {status}
        </p>
      )}
      {found?.kind === 'nothing' && found.selectable && (
        <button
          type="button"
          data-testid="scan-select"
          onClick={() => {
            void browser.tabs.create({ url: browser.runtime.getURL('/transfer.html#capture') });
            window.close();
          }}
        >
          {t('scanSelect')}
        </button>
      )}
      {found?.kind === 'account' && (
        <p data-testid="scan-result">
          {t('scanFound', [found.issuer, found.label].filter(Boolean).join(' – '))}{' '}
          <button type="button" class="primary" data-testid="scan-add" onClick={() => add(found.uri)}>
            {t('scanAdd')}
          </button>
        </p>
      )}
    </div>
  );
}
