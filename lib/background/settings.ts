import * as v from 'valibot';
import { LANGUAGE_SETTINGS } from '../i18n/languages';
import { DEFAULT_SETTINGS, type Settings } from '../messaging/protocol';
import { LOCAL_KEYS } from '../storage/keys';
import type { StorageArea } from '../vault/types';
import { MAX_AUTO_SUBMIT_SITES, migrateStoredSettings } from './auto-submit';

const settingsSchema = v.object({
  autoLockMinutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 60)),
  clipboardClearSeconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(600)),
  autoSubmitEverywhere: v.boolean(),
  // Canonical binding entries only (the service normalises what the user typed before writing).
  autoSubmitSites: v.pipe(
    v.array(v.pipe(v.string(), v.regex(/^(host|domain):[a-z0-9.-]{1,253}$/))),
    v.maxLength(MAX_AUTO_SUBMIT_SITES),
  ),
  autoFill: v.boolean(),
  theme: v.picklist(['system', 'light', 'dark']),
  language: v.picklist(LANGUAGE_SETTINGS),
  timeOffsetSeconds: v.pipe(v.number(), v.integer(), v.minValue(-86_400), v.maxValue(86_400)),
});

/** Stored settings, or the defaults for any that are missing or invalid (settings are not precious). */
export async function readSettings(local: StorageArea): Promise<Settings> {
  const stored = (await local.get([LOCAL_KEYS.settings]))[LOCAL_KEYS.settings];
  const given =
    typeof stored === 'object' && stored ? migrateStoredSettings(stored as Record<string, unknown>) : {};
  const merged = { ...DEFAULT_SETTINGS, ...given };
  const parsed = v.safeParse(settingsSchema, merged);
  return parsed.success ? parsed.output : { ...DEFAULT_SETTINGS };
}

/** Writes the given settings over the stored ones (a field left out keeps its stored value). */
export async function writeSettings(local: StorageArea, settings: Partial<Settings>): Promise<Settings> {
  const given = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
  const valid = v.parse(settingsSchema, { ...(await readSettings(local)), ...given });
  await local.set({ [LOCAL_KEYS.settings]: valid });
  return valid;
}

/** This computer's time corrected by the user's clock correction: the time codes are computed for. */
export async function codeTime(local: StorageArea, now: number): Promise<number> {
  return now + (await readSettings(local)).timeOffsetSeconds * 1000;
}
