import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToBase32, draftFromManualEntry } from '../../../../lib/otp/index';
import {
  checkBatch,
  describeProgress,
  MAX_BATCH_SIZE,
  MigrationBatchCollector,
  MigrationBatchError,
  type MigrationPart,
} from '../../../../lib/transfer/import/migration-batches';

/** One account whose secret is derived from `n`, so parts are told apart by content. */
function account(n: number) {
  const secret = bytesToBase32(Uint8Array.from({ length: 10 }, (_, i) => (n * 31 + i) & 0xff));
  return { draft: draftFromManualEntry({ issuer: 'Example', label: `user${n}`, secret }) };
}

function part(accounts: number[], batch?: { id: number; index: number; size: number }): MigrationPart {
  return { accounts: accounts.map(account), skipped: [], batch };
}

const labels = (p: { accounts: Array<{ draft: { label: string } }> }) => p.accounts.map((a) => a.draft.label);

describe('MigrationBatchCollector', () => {
  it('collects the codes of one export in any order and reports progress', () => {
    const collector = new MigrationBatchCollector();
    expect(collector.complete).toBe(false);
    expect(collector.describe()).toBe('');
    expect(collector.add(part([3, 4], { id: -7, index: 1, size: 3 }))).toBe('added');
    expect(collector.add(part([1, 2], { id: -7, index: 0, size: 3 }))).toBe('added');
    expect(collector.complete).toBe(false);
    expect(collector.describe()).toBe('2 of 3 codes read; still missing: 3');
    expect(collector.progress()).toEqual([{ id: -7, size: 3, read: [0, 1], missing: [2], complete: false }]);
    expect(collector.firstIncomplete()).toEqual({ id: -7, index: 0, size: 3 });

    expect(collector.add(part([5], { id: -7, index: 2, size: 3 }))).toBe('added');
    expect(collector.complete).toBe(true);
    expect(collector.firstIncomplete()).toBeUndefined();
    expect(collector.describe()).toBe('3 of 3 codes read');
    // Merged by code index, whatever the scan order.
    expect(labels(collector.merged())).toEqual(['user1', 'user2', 'user3', 'user4', 'user5']);
  });

  it('ignores repeated scans of the same code', () => {
    const collector = new MigrationBatchCollector();
    collector.add(part([1], { id: 9, index: 0, size: 2 }));
    expect(collector.add(part([1], { id: 9, index: 0, size: 2 }))).toBe('duplicate');
    expect(collector.count).toBe(1);
    expect(collector.describe()).toBe('1 of 2 codes read; still missing: 2');
    // A single-code export scanned twice is counted once too.
    expect(collector.add(part([7]))).toBe('added');
    expect(collector.add(part([7]))).toBe('duplicate');
    expect(collector.add(part([8]))).toBe('added');
    expect(collector.count).toBe(3);
    expect(labels(collector.merged())).toEqual(['user1', 'user7', 'user8']);
  });

  it('keeps codes of different batch ids apart', () => {
    const collector = new MigrationBatchCollector();
    collector.add(part([1], { id: 1, index: 0, size: 2 }));
    collector.add(part([2], { id: 2, index: 0, size: 2 }));
    collector.add(part([3], { id: 1, index: 1, size: 2 }));
    expect(collector.progress().map((p) => [p.id, p.complete])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(collector.complete).toBe(false);
    expect(collector.describe()).toBe('1 of 2 codes read; still missing: 2');
    expect(collector.firstIncomplete()).toEqual({ id: 2, index: 0, size: 2 });
    expect(labels(collector.merged())).toEqual(['user1', 'user3', 'user2']);
  });

  it('treats batch size 0 or 1 as a whole export', () => {
    const collector = new MigrationBatchCollector();
    collector.add(part([1], { id: 5, index: 0, size: 1 }));
    collector.add(part([2], { id: 5, index: 0, size: 0 }));
    expect(collector.progress()).toEqual([]);
    expect(collector.complete).toBe(true);
    expect(collector.describe()).toBe('2 codes read');
  });

  it('rejects a code that contradicts its export or has impossible batch fields', () => {
    const collector = new MigrationBatchCollector();
    collector.add(part([1], { id: 1, index: 0, size: 3 }));
    expect(() => collector.add(part([2], { id: 1, index: 1, size: 4 }))).toThrow(
      /expected this export to have 3 QR codes .* got a code saying 4/,
    );
    expect(() => checkBatch({ id: 1, index: 3, size: 3 })).toThrow(MigrationBatchError);
    expect(() => checkBatch({ id: 1, index: -1, size: 3 })).toThrow(/number to be 1–3, got 0/);
    expect(() => checkBatch({ id: 1, index: 0, size: MAX_BATCH_SIZE + 1 })).toThrow(/at most 1000 QR codes/);
  });

  it('shortens a long list of missing codes', () => {
    const missing = Array.from({ length: 15 }, (_, i) => i + 1);
    expect(describeProgress({ id: 1, size: 16, read: [0], missing, complete: false })).toBe(
      '1 of 16 codes read; still missing: 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 5 more',
    );
  });

  it('is complete exactly when every index of every batch was read (property)', () => {
    const scan = fc.record({ batch: fc.integer({ min: 0, max: 2 }), index: fc.nat({ max: 4 }) });
    fc.assert(
      fc.property(fc.array(scan, { maxLength: 30 }), (scans) => {
        const sizes = [3, 4, 5]; // per batch id
        const collector = new MigrationBatchCollector();
        const seen = new Set<string>();
        for (const { batch, index } of scans) {
          const size = sizes[batch] ?? 3;
          if (index >= size) continue;
          const outcome = collector.add(part([batch * 10 + index], { id: -batch - 1, index, size }));
          const key = `${batch}/${index}`;
          expect(outcome).toBe(seen.has(key) ? 'duplicate' : 'added');
          seen.add(key);
        }
        expect(collector.count).toBe(seen.size);
        expect(collector.merged().accounts).toHaveLength(seen.size);
        const batches = new Set([...seen].map((k) => Number(k.split('/')[0])));
        const complete = [...batches].every((b) =>
          Array.from({ length: sizes[b] ?? 3 }, (_, i) => seen.has(`${b}/${i}`)).every(Boolean),
        );
        expect(collector.complete).toBe(seen.size > 0 && complete);
      }),
      { numRuns: 300 },
    );
  });
});
