import { beforeEach, describe, expect, it } from 'vitest';
import { createBackgroundService } from '@/lib/background/service';
import type { AccountList, AccountView, RequestOf, RequestType, ResponseMap } from '@/lib/messaging/protocol';
import { SESSION_KEYS } from '@/lib/storage/keys';
import { MemoryArea } from '../vault/memory-area';
import { CONTENT_SCRIPT, newWorld, POPUP, type TestWorld, testDeps } from './deps';

const PASSWORD = 'correct horse battery staple';
// peers.md §6 / RFC 6238-style vector: JBSWY3DPEHPK3PXP, SHA1, 6 digits, 30 s at t = 1257894000 → 528064.
const URI = 'otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';
const T0 = 1_257_894_000_000;

let world: TestWorld;
const deps = () => testDeps(world);

let service: ReturnType<typeof createBackgroundService>;

async function ask<T extends RequestType>(
  request: RequestOf<T>,
  sender: object = POPUP,
): Promise<ResponseMap[T]> {
  const result = await service.handle(request, sender);
  if (!result.ok) throw new Error(`${request.type} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as ResponseMap[T];
}

async function askError(request: unknown, sender: object = POPUP) {
  const result = await service.handle(request, sender);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

beforeEach(async () => {
  world = newWorld(T0);
  service = createBackgroundService(deps());
});

async function createWithAccount(): Promise<AccountView> {
  await ask({ type: 'vault.create', password: PASSWORD });
  return ask({ type: 'accounts.addUri', uri: URI });
}

describe('protocol gate', () => {
  it('refuses content scripts and other extensions: they never get the account list', async () => {
    await createWithAccount();
    // A content script may speak only the page protocol (lib/messaging/content-protocol.ts).
    expect((await askError({ type: 'accounts.list' }, CONTENT_SCRIPT)).code).toBe('bad-request');
    expect((await askError({ type: 'secrets.list' }, CONTENT_SCRIPT)).code).toBe('bad-request');
    expect((await askError({ type: 'accounts.list' }, { ...POPUP, id: 'other' })).code).toBe('forbidden');
    expect((await askError({ type: 'vault.unlock', password: PASSWORD }, CONTENT_SCRIPT)).code).toBe(
      'bad-request',
    );
    const httpPage = { ...CONTENT_SCRIPT, url: 'http://login.live.com/' };
    expect((await askError({ type: 'code.request', trigger: 'auto' }, httpPage)).code).toBe('forbidden');
  });

  it.each([
    ['unknown type', { type: 'accounts.export' }],
    ['extra field', { type: 'vault.lock', password: 'x' }],
    ['wrong field type', { type: 'vault.unlock', password: 42 }],
    ['not an object', 'vault.status'],
    ['null', null],
    ['oversized uri', { type: 'accounts.addUri', uri: 'x'.repeat(5000) }],
  ])('answers %s with bad-request', async (_, message) => {
    expect((await askError(message)).code).toBe('bad-request');
  });
});

describe('vault lifecycle', () => {
  it('goes from no vault to unlocked, shows codes, locks and unlocks', async () => {
    expect(await ask({ type: 'vault.status' })).toEqual({ state: 'none', retryAfterMs: 0 });
    const added = await createWithAccount();
    expect(added.code).toBe('528064');
    expect(added.validUntil).toBe(1_257_894_030_000);

    const list = await ask({ type: 'accounts.list' });
    expect(list.accounts.map((a) => [a.issuer, a.label, a.code])).toEqual([
      ['Example', 'alice@google.com', '528064'],
    ]);
    // The popup gets codes, never the secret.
    expect(JSON.stringify(list)).not.toContain('JBSWY3DPEHPK3PXP');

    await ask({ type: 'vault.lock' });
    expect((await ask({ type: 'vault.status' })).state).toBe('locked');
    expect((await askError({ type: 'accounts.list' })).code).toBe('locked');
    expect(world.session.peek(SESSION_KEYS.dataKey)).toBeUndefined();

    await ask({ type: 'vault.unlock', password: PASSWORD });
    expect((await ask({ type: 'accounts.list' })).accounts).toHaveLength(1);
  });

  it('a wrong password changes nothing and grows a delay after three failures', async () => {
    await createWithAccount();
    await ask({ type: 'vault.lock' });
    const before = world.local.peek('vault');
    for (let i = 0; i < 3; i++) {
      expect((await askError({ type: 'vault.unlock', password: 'wrong password' })).code).toBe(
        'wrong-password',
      );
    }
    expect(world.local.peek('vault')).toEqual(before);
    const blocked = await askError({ type: 'vault.unlock', password: PASSWORD });
    expect(blocked.code).toBe('too-many-attempts');
    expect(blocked.retryAfterMs).toBe(1000);
    world.clock += 1000;
    await ask({ type: 'vault.unlock', password: PASSWORD });
    expect((await ask({ type: 'vault.status' })).state).toBe('unlocked');
  });

  it('survives a background restart (key in session storage) but not a browser restart', async () => {
    await createWithAccount();
    service = createBackgroundService(deps()); // a new worker: memory is gone, storage.session is not
    expect((await ask({ type: 'vault.status' })).state).toBe('unlocked');
    expect((await ask({ type: 'accounts.list' })).accounts[0]?.code).toBe('528064');

    world.session = new MemoryArea(); // the browser closed: storage.session is empty
    service = createBackgroundService(deps());
    expect((await ask({ type: 'vault.status' })).state).toBe('locked');
  });
});

describe('auto-lock', () => {
  it('locks 15 minutes after the last use, and use postpones it', async () => {
    await createWithAccount();
    expect(world.alarms.autoLock).toBe(T0 + 15 * 60_000);
    world.clock += 10 * 60_000;
    await ask({
      type: 'accounts.rename',
      id: (await ask({ type: 'accounts.list' })).accounts[0]?.id ?? '',
      issuer: 'Ex',
      label: 'a',
    });
    world.clock = T0 + 15 * 60_000; // the first deadline passes, but the user was active at +10 min
    await service.onAutoLockAlarm();
    expect((await ask({ type: 'vault.status' })).state).toBe('unlocked');
    world.clock = T0 + 25 * 60_000;
    await service.onAutoLockAlarm();
    expect((await ask({ type: 'vault.status' })).state).toBe('locked');
    expect(world.session.peek(SESSION_KEYS.dataKey)).toBeUndefined();
  });

  it('automatic refreshes do not keep the vault open', async () => {
    await createWithAccount();
    world.clock += 14 * 60_000;
    await ask({ type: 'accounts.list', auto: true });
    world.clock += 60_000;
    await service.onAutoLockAlarm();
    expect((await ask({ type: 'vault.status' })).state).toBe('locked');
  });

  it('a worker that slept past the deadline wakes up locked', async () => {
    await createWithAccount();
    world.clock += 16 * 60_000;
    service = createBackgroundService(deps());
    expect((await ask({ type: 'vault.status' })).state).toBe('locked');
    expect(world.session.peek(SESSION_KEYS.dataKey)).toBeUndefined();
  });

  it('follows the configured time', async () => {
    await createWithAccount();
    await ask({
      type: 'settings.set',
      autoLockMinutes: 1,
      clipboardClearSeconds: 0,
      autoSubmitEverywhere: false,
    });
    expect(world.alarms.autoLock).toBe(T0 + 60_000);
    expect(
      (
        await askError({
          type: 'settings.set',
          autoLockMinutes: 0,
          clipboardClearSeconds: 0,
          autoSubmitEverywhere: false,
        })
      ).code,
    ).toBe('bad-request');
  });
});

describe('accounts', () => {
  it('adds by typed fields, refuses duplicates, renames and deletes', async () => {
    await ask({ type: 'vault.create', password: PASSWORD });
    const typed = await ask({
      type: 'accounts.addManual',
      issuer: 'Example',
      label: 'alice',
      secret: 'jbsw y3dp-ehpk 3pxp',
    });
    expect(typed.code).toBe('528064');
    const duplicate = await askError({ type: 'accounts.addUri', uri: URI });
    expect(duplicate.code).toBe('duplicate');
    expect(duplicate.message).toContain('Example – alice');

    const renamed = await ask({
      type: 'accounts.rename',
      id: typed.id,
      issuer: ' GitHub ',
      label: 'octocat',
    });
    expect([renamed.issuer, renamed.label]).toEqual(['GitHub', 'octocat']);
    await ask({ type: 'accounts.delete', id: typed.id });
    expect((await ask({ type: 'accounts.list' })).accounts).toEqual([]);
    expect((await askError({ type: 'accounts.delete', id: typed.id })).code).toBe('not-found');
  });

  it('gives a specific error for a bad URI and keeps what is stored', async () => {
    await createWithAccount();
    const error = await askError({
      type: 'accounts.addUri',
      uri: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=12',
    });
    expect(error.code).toBe('OTP_UNSUPPORTED_PARAMETER');
    expect(error.message).toMatch(/digits/);
    expect((await ask({ type: 'accounts.list' })).accounts).toHaveLength(1);
  });

  it('persists the HOTP counter (RFC 4226 vector: counters 0, 1, 2)', async () => {
    await ask({ type: 'vault.create', password: PASSWORD });
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const hotp = await ask({
      type: 'accounts.addUri',
      uri: `otpauth://hotp/Acme:bob?secret=${secret}&counter=0`,
    });
    expect([hotp.code, hotp.validUntil]).toEqual(['755224', null]);
    expect((await ask({ type: 'accounts.hotpNext', id: hotp.id })).code).toBe('287082');
    await ask({ type: 'vault.lock' });
    await ask({ type: 'vault.unlock', password: PASSWORD });
    const list: AccountList = await ask({ type: 'accounts.list' });
    expect([list.accounts[0]?.code, list.accounts[0]?.counter]).toEqual(['287082', 1]);
    expect((await ask({ type: 'accounts.hotpNext', id: hotp.id })).code).toBe('359152');
  });

  it('refuses "next code" on a time-based account', async () => {
    const totp = await createWithAccount();
    expect((await askError({ type: 'accounts.hotpNext', id: totp.id })).code).toBe('not-found');
  });
});

describe('clipboard clearing', () => {
  it('schedules clearing after the chosen time, or not at all', async () => {
    await createWithAccount();
    expect(await ask({ type: 'clipboard.copied' })).toEqual({ clearAt: T0 + 30_000 });
    expect(world.alarms.clipboard).toBe(T0 + 30_000);
    await ask({
      type: 'settings.set',
      autoLockMinutes: 15,
      clipboardClearSeconds: 0,
      autoSubmitEverywhere: false,
    });
    expect(await ask({ type: 'clipboard.copied' })).toEqual({ clearAt: null });
  });
});
