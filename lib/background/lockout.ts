/**
 * Growing delay after wrong master passwords. The KDF already costs ~0.5 s a guess; the delay makes
 * scripted guessing through the popup slower still and is kept in storage.local so a background
 * restart does not reset it.
 */
export interface FailureState {
  count: number;
  lastFailureAt: number;
}

const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 5 * 60_000;

/** 0 for the first three failures, then 1 s, 2 s, 4 s … capped at five minutes. */
export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);
}

export function retryAfterMs(state: FailureState | undefined, now: number): number {
  if (!state) return 0;
  return Math.max(0, state.lastFailureAt + delayAfter(state.count) - now);
}

export function recordFailure(state: FailureState | undefined, now: number): FailureState {
  return { count: (state?.count ?? 0) + 1, lastFailureAt: now };
}
