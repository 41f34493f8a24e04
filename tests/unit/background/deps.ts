/** Background dependencies for unit tests: in-memory storage, a settable clock, recorded alarms. */
import type { BackgroundDeps } from '@/lib/background/service';
import { MemoryArea } from '../vault/memory-area';

export const EXTENSION_ID = 'twostepextensionid';
export const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;
export const POPUP = { id: EXTENSION_ID, url: `${ORIGIN}popup.html` };
export const CONTENT_SCRIPT = {
  id: EXTENSION_ID,
  url: 'https://login.live.com/',
  tab: { id: 7 },
  frameId: 0,
};

export interface TestWorld {
  local: MemoryArea;
  session: MemoryArea;
  clock: number;
  alarms: { autoLock: number | null; clipboard: number | null };
  unlockAsked: number;
  serverSkewSeconds: number;
}

export function newWorld(clock: number): TestWorld {
  return {
    local: new MemoryArea(),
    session: new MemoryArea(),
    clock,
    alarms: { autoLock: null, clipboard: null },
    unlockAsked: 0,
    serverSkewSeconds: 0,
  };
}

export function testDeps(world: TestWorld): BackgroundDeps {
  return {
    local: world.local,
    session: world.session,
    now: () => world.clock,
    extensionId: EXTENSION_ID,
    extensionOrigin: ORIGIN,
    scheduleAutoLock: (at) => {
      world.alarms.autoLock = at;
    },
    cancelAutoLock: () => {
      world.alarms.autoLock = null;
    },
    scheduleClipboardClear: (at) => {
      world.alarms.clipboard = at;
    },
    tab: { captureVisibleTab: async () => Promise.reject(new Error('no tab in unit tests')) },
    scanTab: async () => 0,
    injectTools: async () => {},
    windowOfTab: async () => 1,
    askToUnlock: () => {
      world.unlockAsked += 1;
    },
    // The clock source answers with the test's clock plus `serverSkewSeconds` (a wrong local clock).
    readClock: async () => ({
      date: new Date(world.clock + world.serverSkewSeconds * 1000).toUTCString(),
      sentAt: world.clock,
      receivedAt: world.clock,
    }),
    vaultOptions: { iterations: 1000 },
  };
}
