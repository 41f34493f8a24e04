/**
 * Collecting the QR codes of one Google Authenticator export (peers.md §4.1). A large export is
 * split over N codes that share a `batch_id` and carry `batch_index` 0…N−1; the user scans them one
 * by one, in any order, often scanning the same one twice. This collector keeps what each code held,
 * drops repeated scans, and says which codes are still missing. Pure: no I/O, no clock.
 */
import type { ImportedAccount, MigrationBatch, SkippedEntry } from './types';

/** What one decoded migration payload contributes (the `ImportResult` of one QR code). */
export interface MigrationPart {
  accounts: ImportedAccount[];
  skipped: SkippedEntry[];
  /** Absent for an export that fits in one code. */
  batch?: MigrationBatch | undefined;
}

/** Progress of one export: which of its codes were read (0-based indexes, ascending). */
export interface BatchProgress {
  id: number;
  size: number;
  read: number[];
  missing: number[];
  complete: boolean;
}

/**
 * Far above any real export (Google Authenticator puts about ten accounts in each code); bounds the
 * memory and the length of the "still missing" list a forged code could ask for.
 */
export const MAX_BATCH_SIZE = 1000;

/** How many missing code numbers a progress message lists before summarising the rest. */
const MISSING_LISTED = 10;

/** A code contradicts the export it claims to belong to, or its batch fields are impossible. */
export class MigrationBatchError extends Error {
  override readonly name = 'MigrationBatchError';
}

/** Checks a payload's batch fields; `undefined` when the payload is a whole export by itself. */
export function checkBatch(batch: MigrationBatch | undefined): MigrationBatch | undefined {
  if (batch === undefined || batch.size <= 1) return undefined;
  if (!Number.isInteger(batch.size) || batch.size > MAX_BATCH_SIZE) {
    throw new MigrationBatchError(
      `expected an export of at most ${MAX_BATCH_SIZE} QR codes, got a code claiming ${batch.size}`,
    );
  }
  if (!Number.isInteger(batch.index) || batch.index < 0 || batch.index >= batch.size) {
    throw new MigrationBatchError(
      `expected the code's number to be 1–${batch.size}, got ${batch.index + 1} (batch index ${batch.index})`,
    );
  }
  return batch;
}

/** "2 of 3 codes read; still missing: 3" (code numbers are 1-based, as the app shows them). */
export function describeProgress(progress: BatchProgress): string {
  const read = `${progress.read.length} of ${progress.size} codes read`;
  if (progress.complete) return read;
  const listed = progress.missing.slice(0, MISSING_LISTED).map((index) => String(index + 1));
  const more = progress.missing.length - listed.length;
  return `${read}; still missing: ${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** Identifies a single-code payload so that scanning it twice adds its accounts once. */
function fingerprint(part: MigrationPart): string {
  return JSON.stringify([
    part.accounts.map(({ draft }) => [
      draft.kind,
      draft.secret,
      draft.algorithm,
      draft.digits,
      draft.period,
      draft.counter,
      draft.issuer,
      draft.label,
    ]),
    part.skipped.map((s) => [s.name, s.reason]),
  ]);
}

interface BatchParts {
  id: number;
  size: number;
  parts: Map<number, MigrationPart>;
}

export class MigrationBatchCollector {
  /** Multi-code exports by batch id, in the order their first code was read. */
  private readonly batches = new Map<number, BatchParts>();
  /** Single-code payloads by fingerprint, in the order read. */
  private readonly singles = new Map<string, MigrationPart>();
  /** The order parts were first read in, so `merged()` keeps the user's order of exports. */
  private readonly order: Array<{ batchId: number } | { single: string }> = [];

  /**
   * Adds one decoded payload. A repeated scan of a code already read returns `'duplicate'` and
   * changes nothing; codes of another batch id are kept apart as another export.
   *
   * @throws {MigrationBatchError} when the code's batch fields are impossible, or its batch size
   *   differs from the other codes of the same batch id.
   */
  add(part: MigrationPart): 'added' | 'duplicate' {
    const batch = checkBatch(part.batch);
    if (batch === undefined) {
      const key = fingerprint(part);
      if (this.singles.has(key)) return 'duplicate';
      this.singles.set(key, part);
      this.order.push({ single: key });
      return 'added';
    }
    let known = this.batches.get(batch.id);
    if (known === undefined) {
      known = { id: batch.id, size: batch.size, parts: new Map() };
      this.batches.set(batch.id, known);
      this.order.push({ batchId: batch.id });
    } else if (known.size !== batch.size) {
      throw new MigrationBatchError(
        `expected this export to have ${known.size} QR codes (as its first code said), got a code saying ${batch.size}`,
      );
    }
    if (known.parts.has(batch.index)) return 'duplicate';
    known.parts.set(batch.index, part);
    return 'added';
  }

  /** Number of distinct codes read so far. */
  get count(): number {
    let n = this.singles.size;
    for (const batch of this.batches.values()) n += batch.parts.size;
    return n;
  }

  /** Progress of each multi-code export, in the order first seen. */
  progress(): BatchProgress[] {
    return [...this.batches.values()].map(({ id, size, parts }) => {
      const read: number[] = [];
      const missing: number[] = [];
      for (let index = 0; index < size; index++) (parts.has(index) ? read : missing).push(index);
      return { id, size, read, missing, complete: missing.length === 0 };
    });
  }

  /** True once something was read and every multi-code export has all its codes. */
  get complete(): boolean {
    return this.count > 0 && this.progress().every((p) => p.complete);
  }

  /**
   * What to tell the user: the progress of each incomplete export ("2 of 3 codes read; still
   * missing: 3"), or of the whole when all are complete; '' before anything was read.
   */
  describe(): string {
    const progress = this.progress();
    const incomplete = progress.filter((p) => !p.complete);
    if (incomplete.length > 0) return incomplete.map(describeProgress).join(' · ');
    if (progress.length === 1 && this.singles.size === 0 && progress[0] !== undefined)
      return describeProgress(progress[0]);
    const n = this.count;
    return n === 0 ? '' : `${n} ${n === 1 ? 'code' : 'codes'} read`;
  }

  /** The first multi-code export that still misses codes, as the batch of its first code read. */
  firstIncomplete(): MigrationBatch | undefined {
    const p = this.progress().find((b) => !b.complete);
    const index = p?.read[0];
    return p === undefined || index === undefined ? undefined : { id: p.id, index, size: p.size };
  }

  /** All accounts and skipped entries read so far: exports in the order first seen, codes by index. */
  merged(): { accounts: ImportedAccount[]; skipped: SkippedEntry[] } {
    const accounts: ImportedAccount[] = [];
    const skipped: SkippedEntry[] = [];
    const take = (part: MigrationPart | undefined) => {
      if (part === undefined) return;
      accounts.push(...part.accounts);
      skipped.push(...part.skipped);
    };
    for (const entry of this.order) {
      if ('single' in entry) take(this.singles.get(entry.single));
      else {
        const batch = this.batches.get(entry.batchId);
        if (batch === undefined) continue;
        for (const index of [...batch.parts.keys()].sort((a, b) => a - b)) take(batch.parts.get(index));
      }
    }
    return { accounts, skipped };
  }
}
