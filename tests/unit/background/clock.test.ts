import { beforeEach, describe, expect, it } from 'vitest';
import { checkClock, clockLooksWrong, skewFrom } from '@/lib/background/clock';
import { createBackgroundService } from '@/lib/background/service';
import type { RequestOf, RequestType, ResponseMap } from '@/lib/messaging/protocol';
import { clockWarning, correctionText, describeSeconds } from '@/lib/ui/clock';
import { MemoryArea } from '../vault/memory-area';
import { newWorld, POPUP, type TestWorld, testDeps } from './deps';

// RFC 6238-style vector (peers.md §4.1): JBSWY3DPEHPK3PXP, SHA1, 6 digits, 30 s at 1257894000 → 528064.
const T0 = 1_257_894_000_000;
const URI = 'otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';

describe('skewFrom', () => {
  it('compares the Date header with the middle of the round trip, to the second', () => {
    const date = new Date(T0).toUTCString();
    expect(skewFrom({ date, sentAt: T0 - 300_000, receivedAt: T0 - 299_000 })).toBe(300);
    expect(skewFrom({ date, sentAt: T0 + 120_000, receivedAt: T0 + 120_200 })).toBe(-120);
    expect(skewFrom({ date, sentAt: T0, receivedAt: T0 + 400 })).toBe(0);
  });

  it('says nothing without a usable header (offline is not a wrong clock)', () => {
    expect(skewFrom({ date: null, sentAt: T0, receivedAt: T0 })).toBeNull();
    expect(skewFrom({ date: 'yesterday-ish', sentAt: T0, receivedAt: T0 })).toBeNull();
    expect(skewFrom({ date: new Date(T0).toUTCString(), sentAt: T0, receivedAt: T0 - 1 })).toBeNull();
  });

  it('stores a check only when it has an answer', async () => {
    const local = new MemoryArea();
    expect(await checkClock(local, () => Promise.reject(new Error('offline')), T0)).toBeNull();
    expect(local.dump()).toBe(new MemoryArea().dump());
    const check = await checkClock(
      local,
      async () => ({ date: new Date(T0 + 90_000).toUTCString(), sentAt: T0, receivedAt: T0 }),
      T0,
    );
    expect(check).toEqual({ checkedAt: T0, skewSeconds: 90 });
  });

  it('calls a clock wrong beyond 60 s once the correction in use is taken into account', () => {
    expect(clockLooksWrong(null, 0)).toBe(false);
    expect(clockLooksWrong({ checkedAt: T0, skewSeconds: 45 }, 0)).toBe(false);
    expect(clockLooksWrong({ checkedAt: T0, skewSeconds: 312 }, 0)).toBe(true);
    expect(clockLooksWrong({ checkedAt: T0, skewSeconds: 312 }, 310)).toBe(false);
  });
});

describe('the clock in the background', () => {
  let world: TestWorld;
  let service: ReturnType<typeof createBackgroundService>;
  async function ask<T extends RequestType>(request: RequestOf<T>): Promise<ResponseMap[T]> {
    const result = await service.handle(request, POPUP);
    if (!result.ok) throw new Error(`${request.type}: ${result.error.message}`);
    return result.value as ResponseMap[T];
  }

  beforeEach(async () => {
    world = newWorld(T0);
    service = createBackgroundService(testDeps(world));
    await ask({ type: 'vault.create', password: 'correct horse battery staple' });
    await ask({ type: 'accounts.addUri', uri: URI });
  });

  it('warns when this computer is 5 minutes slow, and the correction gives the server-time code', async () => {
    world.serverSkewSeconds = 300;
    const status = await ask({ type: 'clock.status' });
    expect(status).toMatchObject({ skewSeconds: 300, offsetSeconds: 0, wrong: true });
    // The local clock reads T0 − 300 s: uncorrected, the code is that of five minutes ago.
    world.clock = T0 - 300_000;
    expect((await ask({ type: 'accounts.list' })).accounts[0]?.code).not.toBe('528064');
    const settings = await ask({ type: 'settings.get' });
    await ask({ type: 'settings.set', ...settings, timeOffsetSeconds: 300 });
    const list = await ask({ type: 'accounts.list' });
    expect(list.accounts[0]?.code).toBe('528064');
    expect(list.now).toBe(T0); // the popup's countdown follows the corrected time too
    expect((await ask({ type: 'clock.status' })).wrong).toBe(false);
  });

  it('checks again only when asked or after 12 hours', async () => {
    world.serverSkewSeconds = 0;
    expect((await ask({ type: 'clock.status' })).skewSeconds).toBe(0);
    world.serverSkewSeconds = 400;
    expect((await ask({ type: 'clock.status' })).skewSeconds).toBe(0);
    expect((await ask({ type: 'clock.status', check: true })).skewSeconds).toBe(400);
    world.serverSkewSeconds = 10;
    world.clock += 13 * 60 * 60_000;
    expect((await ask({ type: 'clock.status' })).skewSeconds).toBe(10);
  });

  it('settings sent without a correction keep the one in use; a correction beyond a day is refused', async () => {
    const settings = await ask({ type: 'settings.get' });
    await ask({ type: 'settings.set', ...settings, timeOffsetSeconds: -42 });
    const { timeOffsetSeconds: _, ...older } = settings;
    expect((await ask({ type: 'settings.set', ...older })).timeOffsetSeconds).toBe(-42);
    const refused = await service.handle(
      { type: 'settings.set', ...older, timeOffsetSeconds: 90_000 },
      POPUP,
    );
    expect(refused.ok).toBe(false);
  });
});

describe('clock words', () => {
  it('says how far off and which way', () => {
    expect(describeSeconds(40)).toBe('40 s');
    expect(describeSeconds(-312)).toBe('5 min 12 s');
    expect(describeSeconds(7380)).toBe('2 h 3 min');
    expect(clockWarning({ skewSeconds: 312, checkedAt: T0, offsetSeconds: 0, wrong: true })).toMatch(
      /^Your computer’s clock is 5 min 12 s slow, so sites will reject these codes\./,
    );
    expect(clockWarning({ skewSeconds: -120, checkedAt: T0, offsetSeconds: 0, wrong: true })).toMatch(
      /2 min fast/,
    );
    expect(clockWarning({ skewSeconds: 5, checkedAt: T0, offsetSeconds: 0, wrong: false })).toBeNull();
    expect(correctionText(0)).toBe('Codes use this computer’s clock.');
    expect(correctionText(300)).toMatch(/5 min ahead of this computer’s clock/);
  });
});

describe('settings and the master password', () => {
  let world: TestWorld;
  let service: ReturnType<typeof createBackgroundService>;
  async function ask<T extends RequestType>(request: RequestOf<T>): Promise<ResponseMap[T]> {
    const result = await service.handle(request, POPUP);
    if (!result.ok) throw new Error(`${request.type}: ${result.error.code}: ${result.error.message}`);
    return result.value as ResponseMap[T];
  }

  beforeEach(async () => {
    world = newWorld(T0);
    service = createBackgroundService(testDeps(world));
    await ask({ type: 'vault.create', password: 'correct horse battery staple' });
  });

  it('keeps every field not sent, and refuses a theme it does not know', async () => {
    expect(await ask({ type: 'settings.set', theme: 'dark' })).toMatchObject({
      theme: 'dark',
      autoLockMinutes: 15,
      autoFill: true,
    });
    expect((await ask({ type: 'settings.set', autoLockMinutes: 5 })).theme).toBe('dark');
    expect((await service.handle({ type: 'settings.set', theme: 'sepia' }, POPUP)).ok).toBe(false);
  });

  it('changes the master password: the old one no longer unlocks, the accounts stay', async () => {
    await ask({ type: 'accounts.addUri', uri: URI });
    const wrong = await service.handle(
      { type: 'vault.changePassword', oldPassword: 'not it at all', newPassword: 'a brand new password' },
      POPUP,
    );
    expect(wrong.ok === false && wrong.error.code).toBe('wrong-password');
    await ask({
      type: 'vault.changePassword',
      oldPassword: 'correct horse battery staple',
      newPassword: 'a brand new password',
    });
    await ask({ type: 'vault.lock' });
    const old = await service.handle(
      { type: 'vault.unlock', password: 'correct horse battery staple' },
      POPUP,
    );
    expect(old.ok).toBe(false);
    await ask({ type: 'vault.unlock', password: 'a brand new password' });
    expect((await ask({ type: 'accounts.list' })).accounts).toHaveLength(1);
  });
});
