/** Public API of TwoStep's own backup (docs/backup-format.md). Everything else here is a detail. */

export {
  type BackupAccount,
  type BackupAppPassword,
  type BackupContents,
  type BackupRecoveryCode,
  backupContentsFromRecords,
} from './contents';
export { BackupError, type BackupErrorCode } from './errors';
export {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  looksLikeTwoStepBackup,
  MAX_BACKUP_ITERATIONS,
  MIN_BACKUP_ITERATIONS,
} from './format';
export { planRestore, type RestorePlan } from './restore';
export { openBackup, type SealOptions, sealBackup } from './seal';
