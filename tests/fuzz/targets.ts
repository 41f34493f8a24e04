/**
 * Every fuzz target (issue 5): one list, used by `npm run fuzz` (tests/fuzz/runner.ts, at least
 * 100,000 inputs per target) and by the Vitest suite (tests/unit/fuzz.test.ts, a few thousand).
 * Each target feeds one parser of outside input — key URIs, migration payloads, import files, page
 * text, messages, backups — and says which thrown errors are that parser's documented rejections;
 * anything else, a result that breaks the function's contract, or a hang is a failure.
 *
 * The list is built asynchronously: the seeds of the mutation targets (files of every format,
 * encrypted with each format's real algorithm) and the seeded vault of the message target need
 * WebCrypto. Both are built once per process.
 */

import { importData } from '../../lib/transfer/import/index';
import { backupTargets } from './areas/backup';
import { importTargets } from './areas/import';
import { messagingTargets } from './areas/messaging';
import { miscTargets } from './areas/misc';
import { otpTargets } from './areas/otp';
import { pageTargets } from './areas/page';
import { seededWorld } from './background-world';
import { BACKUP_CONTENTS, BACKUP_PASSWORD, writeBackup } from './backup-file';
import type { FuzzTarget } from './contract';
import { SAMPLE_PASSWORD, SAMPLE_SECRETS, samples } from './samples';

export type { FuzzTarget } from './contract';

export async function buildTargets(): Promise<FuzzTarget[]> {
  const [all, world, backup] = await Promise.all([
    samples(),
    seededWorld(),
    writeBackup(JSON.stringify(BACKUP_CONTENTS)),
  ]);
  return [
    ...otpTargets,
    ...importTargets(all),
    ...pageTargets,
    ...messagingTargets(world),
    ...backupTargets(backup),
    ...miscTargets,
  ];
}

/** Every secret the seeds hold: reports print «secret» instead (they are made up, but the rule holds). */
export async function knownSecrets(): Promise<string[]> {
  const world = await seededWorld();
  return [
    ...SAMPLE_SECRETS,
    SAMPLE_PASSWORD,
    BACKUP_PASSWORD,
    ...BACKUP_CONTENTS.accounts.map((a) => a.secret),
    ...BACKUP_CONTENTS.appPasswords.map((a) => a.password),
    ...BACKUP_CONTENTS.recoveryCodes.map((r) => r.code),
    ...world.secrets,
  ];
}

/**
 * The seeds must be valid, or the mutation targets only fuzz the first check of each parser:
 * every sample imports with its password to its number of accounts. Returns the problems.
 */
export async function checkSeeds(): Promise<string[]> {
  const problems: string[] = [];
  for (const sample of await samples()) {
    try {
      const result = await importData(sample.data, { password: sample.password, fileName: sample.fileName });
      const expected = sample.format === 'otpauth-list' && result.format === 'ente' ? 'ente' : sample.format;
      if (result.format !== expected || result.accounts.length !== sample.accounts) {
        problems.push(
          `${sample.name}: expected ${sample.accounts} ${sample.format} accounts, got ${result.accounts.length} ${result.format} (skipped: ${result.skipped.map((s) => s.reason).join('; ')})`,
        );
      }
    } catch (error) {
      problems.push(
        `${sample.name}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      );
    }
  }
  return problems;
}
