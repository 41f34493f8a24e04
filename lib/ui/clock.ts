/**
 * Words for the clock check (lib/background/clock.ts), for the popup's warning and settings. Pure,
 * so the sentences are unit tested.
 */

import { t } from '../i18n/index';
import type { ClockStatus } from '../messaging/protocol';

/** "5 min 12 s" / "40 s" / "2 h 3 min": how far off, for a sentence. */
export function describeSeconds(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 60) return t('timeSeconds', s);
  if (s < 3600)
    return s % 60
      ? t('timeMinutesSeconds', Math.floor(s / 60), s % 60)
      : t('timeMinutes', Math.floor(s / 60));
  const minutes = Math.floor((s % 3600) / 60);
  const hours = Math.floor(s / 3600);
  return minutes ? t('timeHoursMinutes', hours, minutes) : t('timeHours', hours);
}

/** "Your computer's clock is 5 min 12 s slow: …" or null when nothing needs saying. */
export function clockWarning(status: ClockStatus): string | null {
  if (!status.wrong || status.skewSeconds === null) return null;
  const off = status.skewSeconds - status.offsetSeconds;
  return t(off > 0 ? 'clockSlow' : 'clockFast', describeSeconds(off));
}

/** The settings line about the correction in use. */
export function correctionText(offsetSeconds: number): string {
  if (offsetSeconds === 0) return t('clockCorrectionNone');
  return t(
    offsetSeconds > 0 ? 'clockCorrectionAhead' : 'clockCorrectionBehind',
    describeSeconds(offsetSeconds),
  );
}
