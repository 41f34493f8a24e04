import { useState } from 'preact/hooks';
import { pageLanguage, t } from '@/lib/i18n';
import type { SecretView } from '@/lib/messaging/protocol';
import { copyWithClearing } from '@/lib/ui/copy';
import { useClient } from './client-context';

/** One app password or recovery code: masked until revealed, copy, delete with confirmation. */
export function SecretRow(props: {
  secret: SecretView;
  selectable: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onDeleted: () => void;
}) {
  const { secret } = props;
  const client = useClient();
  const [value, setValue] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function reveal(): Promise<string | null> {
    const result = await client.send({ type: 'secrets.reveal', id: secret.id });
    if (!result.ok) {
      setMessage(result.error.message);
      return null;
    }
    return result.value.value;
  }

  async function copy() {
    const text = value ?? (await reveal());
    if (text === null) return;
    setMessage(await copyWithClearing(client, text));
  }

  async function remove() {
    const result = await client.send({ type: 'secrets.delete', id: secret.id });
    if (result.ok) props.onDeleted();
    else setMessage(result.error.message);
  }

  const kind = t(secret.type === 'appPassword' ? 'secretAppPassword' : 'secretRecoveryCode');
  return (
    <li class="secret-row" data-testid="secret-row" data-secret-id={secret.id}>
      <div class="secret-head">
        {props.selectable && (
          <input
            type="checkbox"
            data-testid="secret-select"
            aria-label={t('secretIncludeAria', secret.title)}
            checked={props.selected}
            onChange={(e) => props.onSelect(e.currentTarget.checked)}
          />
        )}
        <span class="secret-kind" data-testid="secret-kind">
          {kind}
        </span>
        <span class="secret-title" data-testid="secret-title">
          {secret.title}
        </span>
      </div>
      {secret.supersededAt !== undefined && (
        <p class="superseded" data-testid="secret-superseded">
          {t('secretSuperseded', new Date(secret.supersededAt).toLocaleDateString(pageLanguage()))}
        </p>
      )}
      <code class="secret-value" data-testid="secret-value">
        {value ?? '•'.repeat(Math.min(secret.length, 29))}
      </code>
      <div class="account-tools">
        <button
          type="button"
          data-testid="secret-reveal"
          onClick={async () => setValue(value ? null : await reveal())}
        >
          {t(value ? 'secretHide' : 'secretReveal')}
        </button>
        <button type="button" data-testid="secret-copy" onClick={copy}>
          {t('commonCopy')}
        </button>
        {confirming ? (
          <>
            <button type="button" class="danger" data-testid="secret-delete-confirm" onClick={remove}>
              {t('secretDeleteForGood')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('commonCancel')}
            </button>
          </>
        ) : (
          <button
            type="button"
            class="danger"
            data-testid="secret-delete"
            onClick={() => setConfirming(true)}
          >
            {t('commonDelete')}
          </button>
        )}
      </div>
      {message && (
        <p class="row-notice" role="status" data-testid="notice">
          {message}
        </p>
      )}
    </li>
  );
}
