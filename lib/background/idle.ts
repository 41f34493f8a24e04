/**
 * Auto-lock through the browser's idle API (`idle.onStateChanged`).
 *
 * The machine left alone for the auto-lock time, or its screen locked, locks the vault at once,
 * without waiting for the alarm (which a sleeping machine or a suspended background may deliver
 * late). The detection interval is the configured auto-lock time, so "idle" means the same thing
 * as the timer: no input for that long. Chromium reports "locked" where the platform tells it;
 * Firefox never reports "locked" (MDN), only "idle".
 */
import type { Settings } from '../messaging/protocol';

/** Chromium refuses intervals under 15 s; the setting's minimum (1 min) is above that anyway. */
const MIN_DETECTION_SECONDS = 15;

export type IdleState = 'active' | 'idle' | 'locked';

export function idleDetectionSeconds(settings: Pick<Settings, 'autoLockMinutes'>): number {
  return Math.max(MIN_DETECTION_SECONDS, Math.round(settings.autoLockMinutes * 60));
}

/** Whether a new idle state locks the vault: the machine idle for the auto-lock time, or locked. */
export function locksOn(state: string): boolean {
  return state === 'idle' || state === 'locked';
}
