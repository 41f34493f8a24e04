/**
 * Words for the clock check (lib/background/clock.ts), for the popup's warning and settings. Pure,
 * so the sentences are unit tested.
 */
import type { ClockStatus } from '../messaging/protocol';

/** "5 min 12 s" / "40 s" / "2 h 3 min": how far off, for a sentence. */
export function describeSeconds(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const minutes = Math.floor((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h${minutes ? ` ${minutes} min` : ''}`;
}

/** "Your computer's clock is 5 min 12 s slow: …" or null when nothing needs saying. */
export function clockWarning(status: ClockStatus): string | null {
  if (!status.wrong || status.skewSeconds === null) return null;
  const off = status.skewSeconds - status.offsetSeconds;
  const direction = off > 0 ? 'slow' : 'fast';
  return `Your computer’s clock is ${describeSeconds(off)} ${direction}, so sites will reject these codes. Set the clock right, or let TwoStep correct the codes.`;
}

/** The settings line about the correction in use. */
export function correctionText(offsetSeconds: number): string {
  if (offsetSeconds === 0) return 'Codes use this computer’s clock.';
  const sign = offsetSeconds > 0 ? 'ahead of' : 'behind';
  return `Codes are computed ${describeSeconds(offsetSeconds)} ${sign} this computer’s clock (a correction you chose).`;
}
