import { beforeEach, describe, expect, it } from 'vitest';
import { createBackgroundService } from '@/lib/background/service';
import type { CaptureItem } from '@/lib/messaging/content-protocol';
import { MemoryArea } from '../vault/memory-area';

const ID = 'twostepextensionid';
const ORIGIN = `chrome-extension://${ID}/`;
const POPUP = { id: ID, url: `${ORIGIN}popup.html` };
const frame = (url: string, frameId = 0) => ({ id: ID, url, tab: { id: 4, windowId: 1 }, frameId });
const SETUP = frame('https://account.live.com/proofs/Add?apt=3');
const PASSWORD = 'correct horse battery staple';
const SECRET_TEXT = 'wxyz\u00a02345\u00a0abcd\u00a0efgh'; // microsoft-pages.md §2.1: lowercase, NBSP groups
const SECRET = 'WXYZ2345ABCDEFGH';
const T0 = 1_700_000_000_000;

let local: MemoryArea;
let session: MemoryArea;
let unlockAsked: number;
let service: ReturnType<typeof createBackgroundService>;

function start() {
  service = createBackgroundService({
    local,
    session,
    now: () => T0,
    extensionId: ID,
    extensionOrigin: ORIGIN,
    scheduleAutoLock: () => {},
    cancelAutoLock: () => {},
    scheduleClipboardClear: () => {},
    tab: { captureVisibleTab: () => Promise.reject(new Error('no tab')) },
    scanTab: async () => 0,
    windowOfTab: async () => 1,
    injectTools: async () => {},
    askToUnlock: () => {
      unlockAsked += 1;
    },
    readClock: async () => ({ date: new Date(T0).toUTCString(), sentAt: T0, receivedAt: T0 }),
    vaultOptions: { iterations: 1000 },
  });
}

async function call(message: unknown, sender: object) {
  const result = await service.handle(message, sender);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as Record<string, unknown>;
}

const secretItem: CaptureItem = { kind: 'secretText', text: SECRET_TEXT, accountHint: 'pat@outlook.example' };

beforeEach(async () => {
  local = new MemoryArea();
  session = new MemoryArea();
  unlockAsked = 0;
  start();
  await call({ type: 'vault.create', password: PASSWORD }, POPUP);
});

describe('capture from the setup page', () => {
  it('offers the key text as a Microsoft account, saves it once, bound to the Microsoft hosts', async () => {
    const { offer } = await call({ type: 'capture.inspect', item: secretItem }, SETUP);
    expect(offer).toEqual({
      kind: 'account',
      issuer: 'Microsoft',
      label: 'pat@outlook.example',
      alreadySaved: false,
    });
    expect(await call({ type: 'capture.save', item: secretItem }, SETUP)).toEqual({
      status: 'saved',
      title: 'Microsoft – pat@outlook.example',
    });
    expect((await call({ type: 'capture.save', item: secretItem }, SETUP)).status).toBe('duplicate');
    const list = (await call({ type: 'accounts.list' }, POPUP)) as { accounts: Array<{ sites: string[] }> };
    expect(list.accounts).toHaveLength(1);
    expect(list.accounts[0]?.sites).toContain('host:login.live.com');
    expect(list.accounts[0]?.sites).not.toContain('domain:microsoft.com');
  });

  it('while locked, seals the capture in the inbox and saves it at unlock, exactly once', async () => {
    await call({ type: 'vault.lock' }, POPUP);
    expect(await call({ type: 'capture.save', item: secretItem }, SETUP)).toMatchObject({ status: 'queued' });
    expect(await call({ type: 'capture.save', item: secretItem }, SETUP)).toMatchObject({ status: 'queued' });
    expect(unlockAsked).toBe(2);
    // No storage area holds the secret in the clear while it waits.
    expect(local.dump() + session.dump()).not.toContain(SECRET);
    start(); // even across a background restart
    await call({ type: 'vault.unlock', password: PASSWORD }, POPUP);
    const list = (await call({ type: 'accounts.list' }, POPUP)) as { accounts: unknown[] };
    expect(list.accounts).toHaveLength(1);
    expect(local.peek('inbox.items')).toEqual([]);
  });

  it('takes the app-password provider from the frame URL, not from the message', async () => {
    const item: CaptureItem = {
      kind: 'appPassword',
      password: 'abcd efgh ijkl mnop',
      provider: 'google',
      accountHint: 'pat@gmail.example',
    };
    const google = frame('https://myaccount.google.com/apppasswords');
    expect((await call({ type: 'capture.save', item }, google)).status).toBe('saved');
    const elsewhere = await call({ type: 'capture.inspect', item }, frame('https://example.com/'));
    expect(elsewhere.offer).toMatchObject({ kind: 'nothing' });
    const { secrets } = (await call({ type: 'secrets.list' }, POPUP)) as {
      secrets: Array<{ id: string; title: string }>;
    };
    expect(secrets.map((s) => s.title)).toEqual(['Google app password for pat@gmail.example']);
    expect(JSON.stringify(secrets)).not.toContain('abcdefghijklmnop');
    const id = secrets[0]?.id ?? '';
    expect(await call({ type: 'secrets.reveal', id }, POPUP)).toEqual({ value: 'abcdefghijklmnop' });
    const csv = await call({ type: 'export.imapCsv', ids: [id], destination: 'pat@contoso.example' }, POPUP);
    expect(csv.csv).toBe(
      'EmailAddress,UserName,Password\r\npat@contoso.example,pat@gmail.example,abcdefghijklmnop\r\n',
    );
  });

  it('saves a recovery code only from a Microsoft page', async () => {
    const item: CaptureItem = { kind: 'recoveryCode', code: 'Q7KMW-2HX9P-TT4RD-8ZLCA-M3N6V' };
    expect((await call({ type: 'capture.save', item }, SETUP)).status).toBe('saved');
    await expect(
      call({ type: 'capture.save', item }, frame('https://login.live.com.evil.test/')),
    ).rejects.toThrow();
  });
});

describe('codes for pages', () => {
  beforeEach(async () => {
    await call({ type: 'capture.save', item: secretItem }, SETUP);
  });

  it('with automatic filling off, answers only a fill the user asked for', async () => {
    await call({ type: 'settings.set', autoFill: false }, POPUP);
    const page = frame('https://login.live.com/login.srf');
    expect(await call({ type: 'code.request', trigger: 'auto' }, page)).toEqual({ status: 'none' });
    expect((await call({ type: 'code.request', trigger: 'user' }, page)).status).toBe('code');
    await call({ type: 'settings.set', autoFill: true }, POPUP);
    expect((await call({ type: 'code.request', trigger: 'auto' }, page)).status).toBe('code');
  });

  it('auto-submits only on the listed sites, decided by the asking frame (never the message)', async () => {
    const signin = frame('https://login.live.com/ppsecure/post.srf');
    const setup = frame('https://account.live.com/proofs/Add');
    await call({ type: 'settings.set', autoSubmitSites: ['login.live.com'] }, POPUP);
    expect(await call({ type: 'code.request', trigger: 'auto' }, signin)).toMatchObject({ autoSubmit: true });
    expect(await call({ type: 'code.request', trigger: 'auto' }, setup)).toMatchObject({ autoSubmit: false });
    // A bad line refuses the whole save and keeps what was saved before.
    const refused = await service.handle({ type: 'settings.set', autoSubmitSites: ['live.com/x'] }, POPUP);
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-site' } });
    expect(await call({ type: 'settings.get' }, POPUP)).toMatchObject({
      autoSubmitSites: ['host:login.live.com'],
    });
    await call({ type: 'settings.set', autoSubmitEverywhere: true }, POPUP);
    expect(await call({ type: 'code.request', trigger: 'auto' }, setup)).toMatchObject({ autoSubmit: true });
  });

  it('reads the old global auto-submit switch as "everywhere"', async () => {
    await local.set({ settings: { autoSubmit: true, autoLockMinutes: 5 } });
    expect(await call({ type: 'settings.get' }, POPUP)).toMatchObject({
      autoSubmitEverywhere: true,
      autoSubmitSites: [],
      autoLockMinutes: 5,
    });
  });

  it('gives one code to a bound frame and nothing to lookalikes', async () => {
    const reply = await call(
      { type: 'code.request', trigger: 'auto' },
      frame('https://login.live.com/ppsecure/post.srf'),
    );
    expect(reply).toMatchObject({
      status: 'code',
      title: 'Microsoft – pat@outlook.example',
      autoSubmit: false,
    });
    expect(reply.code).toMatch(/^\d{6}$/);
    expect(JSON.stringify(reply)).not.toContain(SECRET);
    for (const url of [
      'https://login.live.com.evil.test/',
      'https://login-live.com/',
      'https://xn--lgin-live-02h.com/',
      'https://live.com.example/',
      'https://outlook.live.com/',
    ]) {
      expect(await call({ type: 'code.request', trigger: 'auto' }, frame(url))).toEqual({ status: 'none' });
    }
  });

  it('offers a choice when several accounts are bound, and re-checks the choice against the frame', async () => {
    const other: CaptureItem = {
      kind: 'secretText',
      text: 'mnop qrst uvwx yz23',
      accountHint: 'Contoso: pat@contoso.example',
    };
    await call({ type: 'capture.save', item: other }, frame('https://mysignins.microsoft.com/security-info'));
    const reply = (await call(
      { type: 'code.request', trigger: 'auto' },
      frame('https://login.microsoftonline.com/'),
    )) as {
      status: string;
      choices: Array<{ accountId: string; title: string }>;
    };
    expect(reply.status).toBe('choose');
    expect(reply.choices.map((c) => c.title).sort()).toEqual([
      'Microsoft – pat@contoso.example',
      'Microsoft – pat@outlook.example',
    ]);
    const chosen = reply.choices[0]?.accountId ?? '';
    expect(
      (await call({ type: 'code.choose', accountId: chosen }, frame('https://login.live.com/'))).status,
    ).toBe('code');
    expect(await call({ type: 'code.choose', accountId: chosen }, frame('https://evil.example/'))).toEqual({
      status: 'none',
    });
  });

  it('says locked when locked, and a user-set binding lets another site get the code', async () => {
    const list = (await call({ type: 'accounts.list' }, POPUP)) as { accounts: Array<{ id: string }> };
    const id = list.accounts[0]?.id ?? '';
    await call({ type: 'accounts.setSites', id, sites: ['https://github.com/login', 'example.org'] }, POPUP);
    expect(
      (await call({ type: 'code.request', trigger: 'auto' }, frame('https://github.com/sessions/two-factor')))
        .status,
    ).toBe('code');
    expect(
      (await call({ type: 'code.request', trigger: 'auto' }, frame('https://www.example.org/'))).status,
    ).toBe('code');
    expect(
      (await call({ type: 'code.request', trigger: 'auto' }, frame('https://gist.github.com/'))).status,
    ).toBe('none');
    await expect(call({ type: 'accounts.setSites', id, sites: ['not a host!'] }, POPUP)).rejects.toThrow(
      /binding|host|site/i,
    );
    await call({ type: 'vault.lock' }, POPUP);
    expect(await call({ type: 'code.request', trigger: 'auto' }, frame('https://login.live.com/'))).toEqual({
      status: 'locked',
    });
  });
});
