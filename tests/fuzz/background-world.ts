/**
 * An in-memory background for the message fuzz target: the dependencies of
 * tests/unit/background/deps.ts, with storage that yields through microtasks instead of timers (a
 * hundred thousand messages would otherwise spend most of their time in `setTimeout(0)`), and a
 * seeded vault that every run starts from afresh (a run's lock, delete or restore never leaks into
 * the next, so a failing input replays alone).
 */
import { type BackgroundDeps, createBackgroundService } from '../../lib/background/service';
import { SESSION_KEYS } from '../../lib/storage/keys';
import type { StorageArea } from '../../lib/vault/types';

export const EXTENSION_ID = 'twostepfuzzextension';
export const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;
export const POPUP = { id: EXTENSION_ID, url: `${ORIGIN}popup.html` };
export const MASTER_PASSWORD = 'fuzz master password 1';
export const T0 = 1_700_000_000_000;

/** JSON round trip like extension storage; every call yields once so callers interleave. */
export class FastArea implements StorageArea {
  constructor(readonly data = new Map<string, string>()) {}

  async get(keys: string[]): Promise<Record<string, unknown>> {
    await null;
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const json = this.data.get(key);
      if (json !== undefined) out[key] = JSON.parse(json);
    }
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    await null;
    const encoded = Object.entries(items).map(([key, value]) => [key, JSON.stringify(value)] as const);
    for (const [key, json] of encoded) if (json !== undefined) this.data.set(key, json);
  }

  async remove(keys: string[]): Promise<void> {
    await null;
    for (const key of keys) this.data.delete(key);
  }

  clone(): FastArea {
    return new FastArea(new Map(this.data));
  }
}

/** The failures the fuzz deps produce on purpose: recognisable, so they are not mistaken for bugs. */
export const FUZZ_DEP_FAILURE = 'fuzz: not available in the fuzz world';

/** Record ids: unique for the whole process (a fresh service must not reuse a seeded record's id). */
let nextId = 0;

export function fuzzDeps(local: StorageArea, session: StorageArea): BackgroundDeps {
  return {
    local,
    session,
    now: () => T0,
    extensionId: EXTENSION_ID,
    extensionOrigin: ORIGIN,
    scheduleAutoLock: () => {},
    cancelAutoLock: () => {},
    scheduleClipboardClear: () => {},
    tab: { captureVisibleTab: async () => Promise.reject(new Error(FUZZ_DEP_FAILURE)) },
    scanTab: async () => 0,
    injectTools: async () => {},
    windowOfTab: async () => 1,
    // The clock source agrees with the local clock (the clock check is not a parser of page input).
    readClock: async () => ({ date: new Date(T0).toUTCString(), sentAt: T0, receivedAt: T0 }),
    askToUnlock: () => {},
    vaultOptions: {
      iterations: 1000,
      randomId: () => {
        nextId += 1;
        return `fuzz-${nextId}`;
      },
    },
  };
}

/** What the seeded vault holds; a response that shows any of these where it must not is a leak. */
export interface SeededWorld {
  local: FastArea;
  session: FastArea;
  /** Account secrets, app password, recovery code, master password, the data key. */
  secrets: string[];
  /** What no answer may ever show, whoever asks: the master password and the data key. */
  neverShown: string[];
  accountIds: string[];
  secretIds: string[];
}

export const SEEDED_URIS = [
  'otpauth://totp/Microsoft:pat%40outlook.example?secret=KRUGS4ZANFZSAYJAMZ2XU6RAONSWG4TFOQ&issuer=Microsoft',
  'otpauth://hotp/Bank:bob?secret=MZXW6YTBOI2DEMZUGU3DOOBZGAYTEMZU&issuer=Bank&counter=3&digits=8&algorithm=SHA256',
  'otpauth://totp/GitHub:alice?secret=ONSWG4TFOQYTEMZUGU3DOOBZGA&issuer=GitHub&period=60',
];
const SEEDED_SECRETS = [
  'KRUGS4ZANFZSAYJAMZ2XU6RAONSWG4TFOQ',
  'MZXW6YTBOI2DEMZUGU3DOOBZGAYTEMZU',
  'ONSWG4TFOQYTEMZUGU3DOOBZGA',
];
const APP_PASSWORD = 'qzxv wmrt kplb hnjd';
const RECOVERY_CODE = 'Q7KMW-2HX9P-TT4RD-8ZLCA-M3N6V';

let seeded: Promise<SeededWorld> | undefined;

/** Creates the vault once per process: three accounts, an app password and a recovery code. */
export function seededWorld(): Promise<SeededWorld> {
  seeded ??= seed();
  return seeded;
}

async function seed(): Promise<SeededWorld> {
  const local = new FastArea();
  const session = new FastArea();
  const service = createBackgroundService(fuzzDeps(local, session));
  const ask = async (message: unknown, sender: object = POPUP) => {
    const result = await service.handle(message, sender);
    if (!result.ok)
      throw new Error(`seeding the fuzz vault failed: ${result.error.code}: ${result.error.message}`);
    return result.value as Record<string, unknown>;
  };
  await ask({ type: 'vault.create', password: MASTER_PASSWORD });
  for (const uri of SEEDED_URIS) await ask({ type: 'accounts.addUri', uri });
  const frame = (url: string) => ({ id: EXTENSION_ID, url, tab: { id: 7 }, frameId: 0 });
  await ask(
    {
      type: 'capture.save',
      item: {
        kind: 'appPassword',
        password: APP_PASSWORD,
        provider: 'google',
        accountHint: 'pat@gmail.example',
      },
    },
    frame('https://myaccount.google.com/apppasswords'),
  );
  await ask(
    {
      type: 'capture.save',
      item: { kind: 'recoveryCode', code: RECOVERY_CODE, accountHint: 'pat@outlook.example' },
    },
    frame('https://account.live.com/proofs/Manage'),
  );
  const list = (await ask({ type: 'accounts.list' })) as { accounts: Array<{ id: string }> };
  const secrets = (await ask({ type: 'secrets.list' })) as { secrets: Array<{ id: string }> };
  const dataKey = session.data.get(SESSION_KEYS.dataKey);
  return {
    local,
    session,
    secrets: [
      ...SEEDED_SECRETS,
      APP_PASSWORD.replace(/ /g, ''),
      RECOVERY_CODE,
      MASTER_PASSWORD,
      ...(dataKey === undefined ? [] : [JSON.parse(dataKey) as string]),
    ],
    neverShown: [MASTER_PASSWORD, ...(dataKey === undefined ? [] : [JSON.parse(dataKey) as string])],
    accountIds: list.accounts.map((a) => a.id),
    secretIds: secrets.secrets.map((s) => s.id),
  };
}

/** A background started on a copy of the seeded storage. */
export function freshService(world: SeededWorld) {
  return createBackgroundService(fuzzDeps(world.local.clone(), world.session.clone()));
}
