/**
 * Moving accounts in and out (issue 4), on the background's side: files are parsed in the extension
 * page; here entries are re-validated, checked for duplicates and stored in one write, and backups
 * are sealed and opened next to the vault that holds the secrets.
 */
import type { ImportEntry, ResponseMap } from '../messaging/protocol';
import { draftFromManualEntry, formatOtpauthUri, OtpError } from '../otp';
import type { AccountDraft } from '../otp/types';
import { defaultBindingsFor } from '../page/binding';
import { backupContentsFromRecords, openBackup, planRestore, sealBackup } from '../transfer/backup';
import { formatOtpauthList } from '../transfer/export/otpauth-list';
import type { NewRecord, OtpAccountRecord, VaultRecord } from '../vault/types';
import { findDuplicate } from './capture';
import { BackgroundError, NotAnAccountError } from './errors';
import type { VaultSession } from './session';

type AccountCandidate = Extract<NewRecord, { type: 'account' }>;

/** Bindings for an imported account: its issuer's defaults plus the sites the source file named. */
function sitesFor(draft: AccountDraft, named: readonly string[] | undefined): string[] {
  const sites = new Set(defaultBindingsFor(draft));
  for (const text of named ?? []) {
    let url: URL;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    } catch {
      continue; // a source's odd URI is a hint, not a reason to refuse the account
    }
    for (const site of defaultBindingsFor(draft, url)) sites.add(site);
  }
  return [...sites];
}

/** The page validated these already; the background trusts nothing it did not check itself. */
function toCandidates(entries: readonly ImportEntry[]): AccountCandidate[] {
  return entries.map((entry, index) => {
    try {
      const draft = draftFromManualEntry(entry, { typed: false });
      return { type: 'account', ...draft, sites: sitesFor(draft, entry.sites) };
    } catch (error) {
      if (!(error instanceof OtpError)) throw error;
      throw new BackgroundError('bad-entry', `Account ${index + 1} of the import: ${error.message}`, {
        cause: error,
      });
    }
  });
}

/** Marks each candidate that is in the vault already or repeats an earlier candidate of the batch. */
function duplicateFlags(
  existing: readonly VaultRecord[],
  candidates: readonly AccountCandidate[],
): boolean[] {
  const seen: VaultRecord[] = [...existing];
  return candidates.map((candidate, index) => {
    if (findDuplicate(seen, candidate) !== undefined) return true;
    seen.push({ ...candidate, id: `import-${index}`, createdAt: 0, updatedAt: 0 });
    return false;
  });
}

function stamp(prefix: string, now: number): string {
  return `${prefix}-${new Date(now).toISOString().slice(0, 10)}`;
}

export function createTransferHandlers(session: VaultSession, now: () => number) {
  async function records(): Promise<VaultRecord[]> {
    return (await session.records()).records;
  }

  return {
    'import.check': async ({
      accounts,
    }: {
      accounts: ImportEntry[];
    }): Promise<ResponseMap['import.check']> => {
      await session.requireUnlocked();
      return { duplicates: duplicateFlags(await records(), toCandidates(accounts)) };
    },

    'import.commit': async ({
      accounts,
    }: {
      accounts: ImportEntry[];
    }): Promise<ResponseMap['import.commit']> => {
      const vault = await session.requireUnlocked();
      const candidates = toCandidates(accounts);
      const flags = duplicateFlags(await records(), candidates);
      const fresh = candidates.filter((_, index) => !flags[index]);
      // One write for the whole import: it lands completely or not at all.
      const added = fresh.length > 0 ? await vault.addMany(fresh) : [];
      for (const record of added) session.remember(record);
      return { added: added.length, duplicates: candidates.length - fresh.length };
    },

    'backup.export': async ({ password }: { password: string }): Promise<ResponseMap['backup.export']> => {
      await session.requireUnlocked();
      const contents = backupContentsFromRecords(await records());
      const text = await sealBackup(contents, password);
      return {
        text,
        filename: `${stamp('twostep-backup', now())}.json`,
        accounts: contents.accounts.length,
        secrets: contents.appPasswords.length + contents.recoveryCodes.length,
      };
    },

    'backup.restore': async ({
      text,
      password,
    }: {
      text: string;
      password: string;
    }): Promise<ResponseMap['backup.restore']> => {
      const vault = await session.requireUnlocked();
      const contents = await openBackup(text, password);
      const plan = planRestore(await records(), contents);
      const added = plan.add.length > 0 ? await vault.addMany(plan.add) : [];
      for (const record of added) session.remember(record);
      // RFC 4226 §7.2: an HOTP counter only moves forward, so a backup's higher counter wins.
      for (const { id, counter } of plan.counterUpdates)
        session.remember(await vault.update(id, { counter }));
      for (const { id, supersededAt } of plan.supersede)
        session.remember(await vault.update(id, { supersededAt }));
      return { added: added.length, duplicates: plan.duplicates, countersRaised: plan.counterUpdates.length };
    },

    'export.otpauthList': async (): Promise<ResponseMap['export.otpauthList']> => {
      await session.requireUnlocked();
      const accounts = (await records()).filter((r): r is OtpAccountRecord => r.type === 'account');
      return {
        text: formatOtpauthList(accounts),
        filename: `${stamp('twostep-otpauth-links', now())}.txt`,
        count: accounts.length,
      };
    },

    'accounts.exportUri': async ({ id }: { id: string }): Promise<ResponseMap['accounts.exportUri']> => {
      await session.requireUnlocked();
      const account = (await records()).find(
        (r): r is OtpAccountRecord => r.id === id && r.type === 'account',
      );
      if (account === undefined) throw new NotAnAccountError(id);
      return { uri: formatOtpauthUri(account) };
    },
  };
}
