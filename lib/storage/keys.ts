/**
 * Every storage key TwoStep uses, in one place. Nothing here is secret except what lib/vault
 * encrypts; the unlocked data key lives only in `storage.session` (memory, cleared when the
 * browser closes) and in the background's memory.
 */
export const LOCAL_KEYS = {
  /** Encrypted vault envelope and the one before it (lib/vault owns their format). */
  vault: 'vault',
  vaultPrevious: 'vault.previous',
  /** Unreadable vault versions set aside by a recovery: kept, never deleted (lib/vault/snapshot.ts). */
  vaultDamaged: 'vault.damaged',
  settings: 'settings',
  unlockFailures: 'unlock.failures',
  /** The last clock check: { checkedAt, skewSeconds } (lib/background/clock.ts). */
  clock: 'clock',
} as const;

export const SESSION_KEYS = {
  /** Raw data key, base64, so an MV3 service-worker restart does not lock the user out. */
  dataKey: 'session.dataKey',
  /** Epoch ms of the last use of TwoStep: auto-lock counts from here. */
  lastActivity: 'session.lastActivity',
  /** SHA-256 (hex) of the text TwoStep last copied, until the clipboard is cleared. */
  clipboardCopied: 'session.clipboardCopied',
} as const;
