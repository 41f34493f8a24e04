import { beforeEach, describe, expect, it } from 'vitest';
import { createBackgroundService } from '@/lib/background/service';
import type { ImportEntry, RequestOf, RequestType, ResponseMap } from '@/lib/messaging/protocol';
import { parseOtpauthUri } from '@/lib/otp';
import { CONTENT_SCRIPT, newWorld, POPUP, type TestWorld, testDeps } from './deps';

const PASSWORD = 'correct horse battery staple';
const BACKUP_PASSWORD = 'backup password 42';
const T0 = 1_257_894_000_000;
const GITHUB: ImportEntry = {
  issuer: 'GitHub',
  label: 'octocat',
  secret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF',
  kind: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};
const BANK: ImportEntry = {
  ...GITHUB,
  issuer: 'Bank',
  label: 'card',
  secret: 'JBSWY3DP',
  kind: 'hotp',
  counter: 7,
};

let world: TestWorld;
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
  service = createBackgroundService(testDeps(world));
  await ask({ type: 'vault.create', password: PASSWORD });
});

describe('import.check and import.commit', () => {
  it('marks entries already stored and repeats within the batch; commit adds only new ones, in one write', async () => {
    await ask({
      type: 'accounts.addUri',
      uri: 'otpauth://totp/GitHub:octocat?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF',
    });
    const check = await ask({ type: 'import.check', accounts: [GITHUB, BANK, BANK] });
    expect(check.duplicates).toEqual([true, false, true]);

    const writes: number[] = [];
    const set = world.local.set.bind(world.local);
    world.local.set = async (items) => {
      writes.push(Object.keys(items).length);
      return set(items);
    };
    expect(await ask({ type: 'import.commit', accounts: [GITHUB, BANK, BANK] })).toEqual({
      added: 1,
      duplicates: 2,
    });
    expect(writes).toHaveLength(1);
    const { accounts } = await ask({ type: 'accounts.list' });
    expect(accounts.map((a) => [a.issuer, a.kind, a.counter ?? null])).toEqual([
      ['Bank', 'hotp', 7],
      ['GitHub', 'totp', null],
    ]);
  });

  it('binds imported accounts to the sites their source named, and Microsoft ones to Microsoft hosts', async () => {
    const microsoft = {
      ...GITHUB,
      issuer: 'Microsoft',
      label: 'pat@outlook.example',
      secret: 'ZB7PMXQ4RK2LWN6H',
    };
    await ask({
      type: 'import.commit',
      accounts: [
        { ...GITHUB, sites: ['https://github.com/login', 'not a url at all', 'android://app'] },
        microsoft,
      ],
    });
    const { accounts } = await ask({ type: 'accounts.list' });
    expect(accounts.find((a) => a.issuer === 'GitHub')?.sites).toEqual(['domain:github.com']);
    expect(accounts.find((a) => a.issuer === 'Microsoft')?.sites).toContain('host:login.live.com');
  });

  it('re-validates every entry itself: one bad entry refuses the whole import with its position', async () => {
    const error = await askError({ type: 'import.commit', accounts: [GITHUB, { ...BANK, secret: '0189' }] });
    expect(error.code).toBe('bad-entry');
    expect(error.message).toMatch(/^Account 2 of the import: /);
    expect((await ask({ type: 'accounts.list' })).accounts).toEqual([]);
  });

  it('refuses malformed or oversized batches before any handler runs', async () => {
    expect((await askError({ type: 'import.commit', accounts: [] })).code).toBe('bad-request');
    expect((await askError({ type: 'import.commit', accounts: [{ ...GITHUB, extra: 1 }] })).code).toBe(
      'bad-request',
    );
    const many = Array.from({ length: 5001 }, () => GITHUB);
    expect((await askError({ type: 'import.check', accounts: many })).code).toBe('bad-request');
  });

  it('is closed to content scripts and needs the vault unlocked', async () => {
    for (const type of ['import.commit', 'backup.export', 'export.otpauthList'] as const) {
      const message =
        type === 'import.commit'
          ? { type, accounts: [GITHUB] }
          : type === 'backup.export'
            ? { type, password: 'x' }
            : { type };
      expect((await askError(message, CONTENT_SCRIPT)).code).toBe('bad-request');
    }
    await ask({ type: 'vault.lock' });
    expect((await askError({ type: 'import.commit', accounts: [GITHUB] })).code).toBe('locked');
    expect((await askError({ type: 'export.otpauthList' })).code).toBe('locked');
  });
});

describe('backup.export and backup.restore', () => {
  it('round-trips accounts (with HOTP counters) into a fresh vault; restoring again adds nothing', async () => {
    await ask({ type: 'import.commit', accounts: [GITHUB, BANK] });
    const backup = await ask({ type: 'backup.export', password: BACKUP_PASSWORD });
    expect(backup).toMatchObject({ accounts: 2, secrets: 0, filename: 'twostep-backup-2009-11-10.json' });
    expect(backup.text).not.toContain(GITHUB.secret);

    world = newWorld(T0);
    service = createBackgroundService(testDeps(world));
    await ask({ type: 'vault.create', password: 'another master password' });
    expect(await ask({ type: 'backup.restore', text: backup.text, password: BACKUP_PASSWORD })).toEqual({
      added: 2,
      duplicates: 0,
      countersRaised: 0,
    });
    const restored = await ask({ type: 'accounts.list' });
    expect(restored.accounts.map((a) => [a.issuer, a.label, a.code])).toEqual([
      ['Bank', 'card', expect.stringMatching(/^\d{6}$/)],
      ['GitHub', 'octocat', expect.stringMatching(/^\d{6}$/)],
    ]);
    expect(await ask({ type: 'backup.restore', text: backup.text, password: BACKUP_PASSWORD })).toEqual({
      added: 0,
      duplicates: 2,
      countersRaised: 0,
    });
  });

  it('moves a stored HOTP counter forward to the backup’s, never back', async () => {
    await ask({ type: 'import.commit', accounts: [{ ...BANK, counter: 9 }] });
    const backup = await ask({ type: 'backup.export', password: BACKUP_PASSWORD });
    world = newWorld(T0);
    service = createBackgroundService(testDeps(world));
    await ask({ type: 'vault.create', password: PASSWORD });
    await ask({ type: 'import.commit', accounts: [BANK] }); // counter 7
    expect(
      (await ask({ type: 'backup.restore', text: backup.text, password: BACKUP_PASSWORD })).countersRaised,
    ).toBe(1);
    expect((await ask({ type: 'accounts.list' })).accounts[0]?.counter).toBe(9);
  });

  it('says when the backup password is wrong, and keeps the vault as it was', async () => {
    await ask({ type: 'import.commit', accounts: [GITHUB] });
    const backup = await ask({ type: 'backup.export', password: BACKUP_PASSWORD });
    const error = await askError({ type: 'backup.restore', text: backup.text, password: 'nope nope' });
    expect(error.code).toBe('BACKUP_WRONG_PASSWORD');
    expect((await askError({ type: 'backup.restore', text: '{"not":"a backup"}', password: 'x' })).code).toBe(
      'BACKUP_DAMAGED',
    );
    expect((await ask({ type: 'accounts.list' })).accounts).toHaveLength(1);
  });
});

describe('plain exports', () => {
  it('lists every account as an otpauth link another app can read back', async () => {
    await ask({ type: 'import.commit', accounts: [GITHUB, BANK] });
    const { text, count, filename } = await ask({ type: 'export.otpauthList' });
    expect(count).toBe(2);
    expect(filename).toBe('twostep-otpauth-links-2009-11-10.txt');
    const parsed = text.trim().split('\n').map(parseOtpauthUri);
    expect(parsed.map((d) => [d.issuer, d.kind, d.secret, d.counter])).toEqual([
      ['GitHub', 'totp', GITHUB.secret, 0],
      ['Bank', 'hotp', BANK.secret, 7],
    ]);
  });

  it('gives one account’s key URI for its QR code, and a clear error for an unknown id', async () => {
    await ask({ type: 'import.commit', accounts: [GITHUB] });
    const [account] = (await ask({ type: 'accounts.list' })).accounts;
    const { uri } = await ask({ type: 'accounts.exportUri', id: account?.id ?? '' });
    expect(parseOtpauthUri(uri)).toMatchObject({ issuer: 'GitHub', label: 'octocat', secret: GITHUB.secret });
    expect((await askError({ type: 'accounts.exportUri', id: 'missing' })).code).toBe('not-found');
  });
});

describe('faults during an import or a restore', () => {
  it('a storage quota error refuses the whole import with a clear message and keeps what was stored', async () => {
    await ask({ type: 'import.commit', accounts: [GITHUB] });
    const before = world.local.dump();
    world.local.failNextSet(new Error('QUOTA_BYTES quota exceeded'));
    const error = await askError({
      type: 'import.commit',
      accounts: [BANK, { ...GITHUB, label: 'mona', secret: 'JBSWY3DPEHPK3PXP' }],
    });
    expect(error.message).toMatch(/nothing was changed/);
    expect(world.local.dump()).toBe(before);
    expect((await ask({ type: 'accounts.list' })).accounts.map((a) => a.label)).toEqual(['octocat']);
    // The same import succeeds once storage works again: nothing half-written is in the way.
    expect(await ask({ type: 'import.commit', accounts: [BANK] })).toEqual({ added: 1, duplicates: 0 });
  });

  it('a quota error during a restore keeps the vault as it was', async () => {
    await ask({ type: 'import.commit', accounts: [GITHUB, BANK] });
    const backup = await ask({ type: 'backup.export', password: BACKUP_PASSWORD });
    world = newWorld(T0);
    service = createBackgroundService(testDeps(world));
    await ask({ type: 'vault.create', password: PASSWORD });
    await ask({
      type: 'import.commit',
      accounts: [{ ...GITHUB, label: 'kept', secret: 'MFRGGZDFMZTWQ2LK' }],
    });
    const before = world.local.dump();
    world.local.failNextSet(new Error('QUOTA_BYTES quota exceeded'));
    expect(
      (await askError({ type: 'backup.restore', text: backup.text, password: BACKUP_PASSWORD })).message,
    ).toMatch(/nothing was changed/);
    expect(world.local.dump()).toBe(before);
    expect((await ask({ type: 'accounts.list' })).accounts.map((a) => a.label)).toEqual(['kept']);
  });

  it('two pages importing at once both land (writes are serialised, none is lost)', async () => {
    const many = (prefix: string) =>
      Array.from({ length: 5 }, (_, i) => ({
        ...GITHUB,
        label: `${prefix}${i}`,
        secret: `${'A'.repeat(15)}${'BCDEFGHIJKLMNOP'[i + (prefix === 'a' ? 0 : 5)]}`,
      }));
    const [a, b] = await Promise.all([
      ask({ type: 'import.commit', accounts: many('a') }),
      ask({ type: 'import.commit', accounts: many('b') }),
    ]);
    expect(a.added + b.added).toBe(10);
    expect((await ask({ type: 'accounts.list' })).accounts).toHaveLength(10);
  });
});
