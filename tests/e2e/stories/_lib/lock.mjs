// Shared steps for the auto-lock, clipboard and interrupted-write stories (not a story itself).
// Everything here waits on a state (storage, the background's answer), never a fixed sleep.
import { sleep } from './flows.mjs';

/** storage.session key of the unlocked data key (lib/storage/keys.ts SESSION_KEYS.dataKey). */
export const DATA_KEY = 'session.dataKey';

/**
 * Saves settings through the real settings page (options.html), as a user does, then waits until
 * `storage.local.settings` holds them. The form loads the stored values asynchronously; filling
 * before that would be overwritten, so it first waits for the field to have a value.
 */
export async function saveSettings(ext, { autoLockMinutes, clipboardClearSeconds }) {
  const page = await ext.openExtensionPage('options.html');
  try {
    await page.waitForState('unlocked');
    await waitUntil(async () => (await page.evaluate(fieldValue, 'autolock-minutes')) !== '', {
      what: 'the settings form to load its values',
      page,
    });
    if (autoLockMinutes !== undefined) await page.fill('autolock-minutes', autoLockMinutes);
    if (clipboardClearSeconds !== undefined) await page.fill('clipboard-seconds', clipboardClearSeconds);
    const savedAt = Date.now();
    await page.click('settings-save');
    await waitUntil(
      async () => {
        if (await page.isVisible('form-error').catch(() => false)) {
          throw new Error(`the settings page says ${JSON.stringify(await page.text('form-error'))}`);
        }
        const s = (await ext.dumpStorage()).local.settings ?? {};
        return (
          (autoLockMinutes === undefined || s.autoLockMinutes === autoLockMinutes) &&
          (clipboardClearSeconds === undefined || s.clipboardClearSeconds === clipboardClearSeconds)
        );
      },
      { what: 'the settings to be stored' },
    );
    return { savedAt };
  } finally {
    await page.close();
  }
}

// Runs in the page (serialised): the current value of a test id's field.
function fieldValue(testId) {
  return document.querySelector(`[data-testid="${testId}"]`)?.value ?? null;
}

/** An extension page that only sends messages and reads storage (never the popup: it polls). */
export async function messenger(ext) {
  const page = await ext.openExtensionPage('e2e-helper.html');
  const send = (message) =>
    page.evaluate(async (m) => {
      const api = globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;
      return api.runtime.sendMessage(m);
    }, message);
  return {
    page,
    send,
    /** The vault state the background reports (`vault.status` is passive: it postpones nothing). */
    async vaultState() {
      const reply = await send({ type: 'vault.status' });
      if (!reply?.ok) throw new Error(`vault.status failed: ${JSON.stringify(reply)}`);
      return reply.value.state;
    },
    /** A deliberate use of TwoStep (a list the user asked for), which postpones auto-lock. */
    async use() {
      const reply = await send({ type: 'accounts.list' });
      if (!reply?.ok) throw new Error(`accounts.list failed: ${JSON.stringify(reply)}`);
      return Date.now();
    },
  };
}

/** Whether storage.session still holds the unlocked data key (read without waking the background). */
export async function hasSessionKey(ext) {
  return DATA_KEY in ((await ext.dumpStorage()).session ?? {});
}

/**
 * Polls `check` until it returns a truthy value (returned), every `every` ms, up to `timeout`.
 * `onPoll` runs before each check (e.g. keeping the machine active).
 */
export async function waitUntil(check, { what, timeout = 10_000, every = 250, onPoll, page } = {}) {
  const end = Date.now() + timeout;
  let last = null;
  for (;;) {
    await onPoll?.();
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= end) {
      const where = page ? ` (${await page.url().catch(() => '?')})` : '';
      throw new Error(
        `timed out after ${timeout} ms waiting for ${what}${where}${last ? `: ${last.message}` : ''}`,
      );
    }
    await sleep(every);
  }
}
