/**
 * The import preview's rows: what each found account is called, whether it is a duplicate (those
 * start unticked: "duplicates marked and skipped by default"), and the entry sent on commit.
 */

import { t } from '../i18n/index';
import type { ImportEntry } from '../messaging/protocol';
import type { ImportedAccount } from '../transfer/import/types';

export interface PreviewRow {
  /** Stable within one preview: source and position. */
  key: string;
  source: string;
  issuer: string;
  label: string;
  kind: ImportEntry['kind'];
  entry: ImportEntry;
  duplicate: boolean;
  selected: boolean;
}

/** The message form of an account: every field the background re-validates, nothing else. */
export function toEntry({ draft, sites }: ImportedAccount): ImportEntry {
  const entry: ImportEntry = {
    issuer: draft.issuer,
    label: draft.label,
    secret: draft.secret,
    kind: draft.kind,
    algorithm: draft.algorithm,
    digits: draft.digits,
    period: draft.period,
    counter: draft.counter,
  };
  if (draft.organisation) entry.organisation = draft.organisation;
  if (sites && sites.length > 0) entry.sites = sites.slice(0, 50);
  return entry;
}

export function previewRows(
  source: string,
  accounts: readonly ImportedAccount[],
  firstIndex = 0,
): PreviewRow[] {
  return accounts.map((account, i) => ({
    key: `${source}#${firstIndex + i}`,
    source,
    issuer: account.draft.issuer,
    label: account.draft.label,
    kind: account.draft.kind,
    entry: toEntry(account),
    duplicate: false,
    selected: true,
  }));
}

/** Applies the background's duplicate flags (same order as `rows`): duplicates start unticked. */
export function markDuplicates(rows: readonly PreviewRow[], duplicates: readonly boolean[]): PreviewRow[] {
  return rows.map((row, i) => {
    const duplicate = duplicates[i] === true;
    return { ...row, duplicate, selected: row.duplicate === duplicate ? row.selected : !duplicate };
  });
}

/** "Add 3 accounts" / "Add 1 account". */
export function addButtonText(count: number): string {
  return t(count === 1 ? 'importAddOne' : 'importAddOther', count);
}
