/**
 * Is this computer's clock right? TOTP codes are accepted only within about ±30 s of the server's
 * time (RFC 6238 §5.2, one step of delay), so a clock a minute off makes every code fail while
 * looking fine. The check reads the `Date` header of one HEAD request to a sign-in host TwoStep may
 * already contact (its host permission), never more often than every 12 hours, and the user may
 * apply the difference as a correction for the codes.
 */
import { LOCAL_KEYS } from '../storage/keys';
import type { StorageArea } from '../vault/types';

/** A host TwoStep has access to and the user signs in to anyway; HEAD carries no cookies (`omit`). */
export const CLOCK_SOURCE = 'https://login.live.com/';
/** Beyond this, codes start failing: one 30 s step plus the HTTP Date header's 1 s resolution. */
export const CLOCK_WARN_SECONDS = 60;
/** An automatic check at most this often. */
export const CLOCK_CHECK_EVERY_MS = 12 * 60 * 60_000;
/** The largest correction accepted: a day covers a wrong date or time zone set as local time. */
export const MAX_OFFSET_SECONDS = 24 * 60 * 60;

export interface ClockReading {
  /** The `Date` header, or null when the response had none. */
  date: string | null;
  /** Local clock (ms) when the request was sent and when the answer arrived. */
  sentAt: number;
  receivedAt: number;
}

export interface ClockCheck {
  checkedAt: number;
  /** Server time minus this computer's time, whole seconds; positive: this clock is behind. */
  skewSeconds: number;
}

/**
 * Server minus local time from one reading: the header is compared with the middle of the round
 * trip. Null when the header is missing or unparseable (nothing to say, not "the clock is fine").
 */
export function skewFrom(reading: ClockReading): number | null {
  if (reading.date === null) return null;
  const server = Date.parse(reading.date);
  if (Number.isNaN(server) || reading.receivedAt < reading.sentAt) return null;
  const middle = (reading.sentAt + reading.receivedAt) / 2;
  // The header has whole seconds, so the answer is good to about a second: plenty for a 30 s step.
  return Math.round((server - middle) / 1000) || 0; // never -0
}

/** Whether the codes, with the correction in use, would be off by more than they may be. */
export function clockLooksWrong(check: ClockCheck | null, offsetSeconds: number): boolean {
  return check !== null && Math.abs(check.skewSeconds - offsetSeconds) > CLOCK_WARN_SECONDS;
}

export async function readClockCheck(local: StorageArea): Promise<ClockCheck | null> {
  const stored = (await local.get([LOCAL_KEYS.clock]))[LOCAL_KEYS.clock] as Partial<ClockCheck> | undefined;
  return typeof stored?.checkedAt === 'number' && typeof stored.skewSeconds === 'number'
    ? { checkedAt: stored.checkedAt, skewSeconds: stored.skewSeconds }
    : null;
}

/**
 * Reads the server's time and stores the result; null (and nothing stored) when the source cannot
 * be reached or gives no usable date: offline is not a wrong clock.
 */
export async function checkClock(
  local: StorageArea,
  read: () => Promise<ClockReading>,
  now: number,
): Promise<ClockCheck | null> {
  let skew: number | null;
  try {
    skew = skewFrom(await read());
  } catch {
    return null;
  }
  if (skew === null) return null;
  const check = { checkedAt: now, skewSeconds: skew };
  await local.set({ [LOCAL_KEYS.clock]: check });
  return check;
}

/** The real reading: one HEAD request without cookies, given up after 5 s (offline is common). */
export async function readClockOverHttp(): Promise<ClockReading> {
  const sentAt = Date.now();
  const response = await fetch(CLOCK_SOURCE, {
    method: 'HEAD',
    cache: 'no-store',
    credentials: 'omit',
    signal: AbortSignal.timeout(5000),
  });
  return { date: response.headers.get('date'), sentAt, receivedAt: Date.now() };
}
