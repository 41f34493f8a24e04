import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { ClockStatus } from '@/lib/messaging/protocol';
import { clockWarning } from '@/lib/ui/clock';
import { useClient } from './client-context';

/**
 * Warns when this computer's clock is too far off for codes to be accepted (checked against a
 * sign-in server's time by the background), and offers to correct the codes by the difference.
 */
export function ClockWarning({ onCorrected }: { onCorrected: (message: string) => void }) {
  const client = useClient();
  const [status, setStatus] = useState<ClockStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void client.send({ type: 'clock.status' }).then((result) => {
      if (result.ok) setStatus(result.value);
    });
  }, [client]);

  const warning = status ? clockWarning(status) : null;
  if (!status || !warning || status.skewSeconds === null) return null;
  const skew = status.skewSeconds;

  async function correct() {
    const current = await client.send({ type: 'settings.get' });
    if (!current.ok) return setError(current.error.message);
    const result = await client.send({ type: 'settings.set', ...current.value, timeOffsetSeconds: skew });
    if (!result.ok) return setError(result.error.message);
    setStatus(null);
    onCorrected(t('clockCorrected'));
  }

  return (
    <div class="clock-warning" role="alert" data-testid="clock-warning">
      <p>{warning}</p>
      <button type="button" data-testid="clock-correct" onClick={correct}>
        {t('clockCorrect')}
      </button>
      {error && <p class="form-error">{error}</p>}
    </div>
  );
}
