import { t } from '../i18n/index';
import type { VaultClient } from '../messaging/client';

/**
 * Copies a code or password and asks the background to clear the clipboard later; returns the line
 * the user sees. One place for the popup's list and its passwords view.
 */
export async function copyWithClearing(client: VaultClient, text: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    return t('copyRefused');
  }
  const result = await client.send({ type: 'clipboard.copied', text });
  const clearAt = result.ok ? result.value.clearAt : null;
  return clearAt ? t('copyClears', Math.round((clearAt - Date.now()) / 1000)) : t('copyDone');
}
