import { useEffect, useState } from 'preact/hooks';
import { useClient } from '@/components/client-context';
import { FormError } from '@/components/FormError';
import { t, tParts } from '@/lib/i18n';
import type { AccountView } from '@/lib/messaging/protocol';
import { type QrSvg, qrSvg } from '@/lib/ui/qr-svg';
import { downloadUrl } from '../download';

/** How long a shown QR code stays on screen: long enough to scan, short enough not to linger. */
const QR_VISIBLE_MS = 60_000;

/**
 * Unencrypted ways out, each behind an explicit confirmation: a plain list of otpauth:// links for
 * another app, and one account's QR code for a phone.
 */
export function ExportView({ onLocked }: { onLocked: () => void }) {
  const client = useClient();
  const [understood, setUnderstood] = useState(false);
  const [file, setFile] = useState<{ url: string; name: string; count: number } | null>(null);
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [chosen, setChosen] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [qr, setQr] = useState<{ name: string; svg: QrSvg } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void client.send({ type: 'accounts.list' }).then((result) => {
      if (result.ok) {
        setAccounts(result.value.accounts);
        setChosen((current) => current || (result.value.accounts[0]?.id ?? ''));
      }
    });
  }, [client]);

  useEffect(() => {
    if (!qr) return;
    const timer = setTimeout(() => setQr(null), QR_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [qr]);

  useEffect(() => () => file && URL.revokeObjectURL(file.url), [file]);

  async function exportList() {
    setError(null);
    const result = await client.send({ type: 'export.otpauthList' });
    if (!result.ok) {
      if (result.error.code === 'locked') return onLocked();
      return setError(result.error.message);
    }
    const { text, filename, count } = result.value;
    setFile({ url: downloadUrl(text, 'text/plain'), name: filename, count });
    setUnderstood(false);
  }

  async function showQr() {
    setError(null);
    const account = accounts.find((a) => a.id === chosen);
    const result = await client.send({ type: 'accounts.exportUri', id: chosen });
    setConfirming(false);
    if (!result.ok) {
      if (result.error.code === 'locked') return onLocked();
      return setError(result.error.message);
    }
    const name = [account?.issuer, account?.label].filter(Boolean).join(' – ');
    setQr({ name, svg: qrSvg(result.value.uri) });
  }

  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">{t('exportHeading')}</h2>
      <p class="warning" data-testid="plain-export-warning">
        {tParts('exportWarning', <strong>{t('exportNotEncrypted')}</strong>)}
      </p>
      <label class="check">
        <input
          type="checkbox"
          data-testid="plain-export-confirm"
          checked={understood}
          onChange={(e) => setUnderstood(e.currentTarget.checked)}
        />
        {t('exportUnderstand')}
      </label>
      <div class="row">
        <button type="button" data-testid="plain-export" disabled={!understood} onClick={exportList}>
          {t('exportList')}
        </button>
      </div>
      {file && (
        <p role="status">
          {t(file.count === 1 ? 'exportLinksOne' : 'exportLinksOther', file.count)}{' '}
          <a href={file.url} download={file.name} data-testid="plain-download">
            {t('commonSaveFile', file.name)}
          </a>
        </p>
      )}

      {accounts.length > 0 && (
        <div class="row">
          <label>
            {t('exportQrLabel')}
            <select
              data-testid="qr-account"
              value={chosen}
              onChange={(e) => {
                setChosen(e.currentTarget.value);
                setQr(null);
              }}
            >
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {[a.issuer, a.label].filter(Boolean).join(' – ') || t('exportUnnamed')}
                </option>
              ))}
            </select>
          </label>
          {!confirming && (
            <button type="button" data-testid="qr-show" onClick={() => setConfirming(true)}>
              {t('exportQrShow')}
            </button>
          )}
        </div>
      )}
      {confirming && (
        <div class="row" role="alertdialog" aria-labelledby="qr-confirm-text">
          <p id="qr-confirm-text">{t('exportQrConfirm')}</p>
          <button type="button" class="primary" data-testid="qr-confirm" onClick={showQr}>
            {t('exportQrShowIt')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('commonCancel')}
          </button>
        </div>
      )}
      {qr && (
        <figure>
          <svg
            class="qr-code"
            data-testid="account-qr"
            viewBox={`0 0 ${qr.svg.size} ${qr.svg.size}`}
            role="img"
            aria-label={t('exportQrAria', qr.name)}
            shape-rendering="crispEdges"
          >
            <rect width={qr.svg.size} height={qr.svg.size} fill="#fff" />
            <path d={qr.svg.path} fill="#000" />
          </svg>
          <figcaption>
            {t('exportQrCaption', qr.name)}{' '}
            <button type="button" onClick={() => setQr(null)}>
              {t('exportQrHide')}
            </button>
          </figcaption>
        </figure>
      )}
      <FormError message={error} />
    </section>
  );
}
