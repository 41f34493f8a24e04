import * as v from 'valibot';
import { DEFAULT_SETTINGS, type Settings } from '../messaging/protocol';
import { LOCAL_KEYS } from '../storage/keys';
import type { StorageArea } from '../vault/types';

const settingsSchema = v.object({
  autoLockMinutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 60)),
  clipboardClearSeconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(600)),
  autoSubmit: v.boolean(),
});

/** Stored settings, or the defaults for any that are missing or invalid (settings are not precious). */
export async function readSettings(local: StorageArea): Promise<Settings> {
  const stored = (await local.get([LOCAL_KEYS.settings]))[LOCAL_KEYS.settings];
  const merged = { ...DEFAULT_SETTINGS, ...(typeof stored === 'object' && stored ? stored : {}) };
  const parsed = v.safeParse(settingsSchema, merged);
  return parsed.success ? parsed.output : { ...DEFAULT_SETTINGS };
}

export async function writeSettings(local: StorageArea, settings: Settings): Promise<Settings> {
  const valid = v.parse(settingsSchema, settings);
  await local.set({ [LOCAL_KEYS.settings]: valid });
  return valid;
}
