import { describe, expect, it } from 'vitest';
import {
  copiedHash,
  dueCopy,
  finishCopy,
  forgetCopied,
  rememberCopied,
  sha256Hex,
  shouldClear,
} from '@/lib/background/clipboard-check';
import { createBackgroundService } from '@/lib/background/service';
import { SESSION_KEYS } from '@/lib/storage/keys';
import { MemoryArea } from '../vault/memory-area';
import { newWorld, POPUP, testDeps } from './deps';

describe('clearing only what TwoStep copied', () => {
  it('keeps a hash of the copied text in the session area, never the text', async () => {
    const session = new MemoryArea();
    await rememberCopied(session, '123456', 5_000);
    const stored = await session.get([SESSION_KEYS.clipboardCopied]);
    expect(JSON.stringify(stored)).not.toContain('123456');
    expect(await copiedHash(session)).toBe(await sha256Hex('123456'));
    await forgetCopied(session);
    expect(await copiedHash(session)).toBeNull();
    expect(SESSION_KEYS.clipboardCopied in (await session.get([SESSION_KEYS.clipboardCopied]))).toBe(false);
  });

  it('clears once when due, whether the timer or the alarm comes first, and never early', async () => {
    const session = new MemoryArea();
    expect(await dueCopy(session, 10_000)).toBeNull(); // nothing copied
    await rememberCopied(session, '123456', 10_000);
    expect(await dueCopy(session, 8_000)).toBeNull(); // not yet: a timer from an earlier copy
    const due = await dueCopy(session, 10_000);
    expect(due).toEqual({ hash: await sha256Hex('123456'), clearAt: 10_000 });
    if (!due) return;
    await finishCopy(session, due);
    expect(await dueCopy(session, 10_001)).toBeNull(); // the second of timer and alarm does nothing
  });

  it('keeps a newer copy made while an older clearing was running', async () => {
    const session = new MemoryArea();
    await rememberCopied(session, '111111', 10_000);
    const older = await dueCopy(session, 10_000);
    await rememberCopied(session, '222222', 40_000);
    if (older) await finishCopy(session, older);
    expect(await copiedHash(session)).toBe(await sha256Hex('222222'));
    expect(await dueCopy(session, 40_000)).toMatchObject({ clearAt: 40_000 });
  });

  it('clears unconditionally when the page did not say what it copied', async () => {
    const session = new MemoryArea();
    await rememberCopied(session, null, 10_000);
    expect(await dueCopy(session, 10_000)).toEqual({ hash: null, clearAt: 10_000 });
  });

  it('ignores a malformed stored value', async () => {
    const session = new MemoryArea();
    await session.set({ [SESSION_KEYS.clipboardCopied]: 'abc' });
    expect(await dueCopy(session, 10_000)).toBeNull();
    await session.set({ [SESSION_KEYS.clipboardCopied]: { hash: 42, clearAt: 1 } });
    expect(await dueCopy(session, 10_000)).toBeNull();
  });

  it('clears when the clipboard still holds the copied code', async () => {
    expect(await shouldClear('123456', await sha256Hex('123456'))).toBe(true);
  });

  it('leaves a clipboard the user has changed since', async () => {
    expect(await shouldClear('my own text', await sha256Hex('123456'))).toBe(false);
    expect(await shouldClear('1234567', await sha256Hex('123456'))).toBe(false);
    expect(await shouldClear('', await sha256Hex('123456'))).toBe(false);
  });

  it('clears whatever is there when the clipboard cannot be read or nothing is known', async () => {
    expect(await shouldClear(null, await sha256Hex('123456'))).toBe(true);
    expect(await shouldClear('my own text', null)).toBe(true);
  });
});

describe('clipboard.copied', () => {
  it('remembers the hash of the copied text with the clearing time; without the text, forgets any earlier hash', async () => {
    const world = newWorld(1_000_000);
    const service = createBackgroundService(testDeps(world));
    const reply = await service.handle({ type: 'clipboard.copied', text: '287082' }, POPUP);
    expect(reply).toEqual({ ok: true, value: { clearAt: 1_000_000 + 30_000 } });
    expect(await copiedHash(world.session)).toBe(await sha256Hex('287082'));
    // An older page that does not send the text: nothing is known, so clearing stays unconditional.
    await service.handle({ type: 'clipboard.copied' }, POPUP);
    expect(await copiedHash(world.session)).toBeNull();
    expect(await dueCopy(world.session, 1_000_000 + 30_000)).toEqual({ hash: null, clearAt: 1_030_000 });
  });

  it('forgets an earlier copy when clearing is turned off, so its alarm clears nothing', async () => {
    const world = newWorld(1_000_000);
    const service = createBackgroundService(testDeps(world));
    await service.handle({ type: 'clipboard.copied', text: '287082' }, POPUP);
    await service.handle({ type: 'settings.set', clipboardClearSeconds: 0 }, POPUP);
    expect(await service.handle({ type: 'clipboard.copied', text: '111111' }, POPUP)).toEqual({
      ok: true,
      value: { clearAt: null },
    });
    expect(await dueCopy(world.session, 2_000_000)).toBeNull();
  });
});
