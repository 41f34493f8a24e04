import { t } from '@/lib/i18n';
import { secondsLeft } from '@/lib/ui/format';

/**
 * Seconds until the code changes: a number (readable without colour) and a shrinking bar.
 * The last five seconds are also marked in text style, not only by colour.
 */
export function Countdown({ validUntil, period, now }: { validUntil: number; period: number; now: number }) {
  const left = secondsLeft(validUntil, now);
  const fraction = Math.min(1, left / period);
  return (
    <span class={left <= 5 ? 'countdown ending' : 'countdown'} title={t('countdownTitle', left)}>
      <span class="countdown-bar" aria-hidden="true" style={{ width: `${Math.round(fraction * 100)}%` }} />
      <span class="countdown-text" role="timer" data-testid="countdown" aria-label={t('countdownAria', left)}>
        {left}
      </span>
    </span>
  );
}
