// With the optional clipboardRead permission granted (the test's copy of the build lists it as
// granted, as after the user allowed it), clearing reads the clipboard first and clears only its
// own code (lib/background/clipboard-check.ts; Chromium: paste in the offscreen document,
// Firefox: readText in the background page):
//  1. the copied code is still cleared after the chosen time;
//  2. a text the user copied in the meantime is left on the clipboard.
import { addByUri, createVault, openPopup } from '../lib/steps.mjs';
import { copyCode, waitForClearingDone, waitForClipboard } from './_lib/clipboard.mjs';
import { saveSettings } from './_lib/lock.mjs';

const ACCOUNT = { issuer: 'Example', label: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' };
const URI = `otpauth://totp/Example:alice@example.com?secret=${ACCOUNT.secret}&issuer=Example`;

export default {
  name: 'clipboard-keeps-user-copy',
  browsers: ['chromium', 'firefox'],
  launchOptions: { grantPermissions: ['clipboardRead'] },
  timeout: 120_000,
  async run({ ext, assert }) {
    const popup = await openPopup(ext);
    await createVault(popup);
    await addByUri(popup, URI);
    await saveSettings(ext, { clipboardClearSeconds: 5 });

    // 1. Still ours when the time is up: cleared.
    const { code } = await copyCode(ext, popup, ACCOUNT, 5, assert);
    assert.equal(await ext.readClipboard(), code);
    await waitForClipboard(ext, '', { what: 'the clearing of TwoStep’s own code' });
    await waitForClearingDone(ext);

    // 2. The user copied something else since: kept.
    const second = await copyCode(ext, popup, ACCOUNT, 5, assert);
    assert.equal(await ext.readClipboard(), second.code, 'the code was copied again');
    await ext.writeClipboard('my own note');
    await waitForClearingDone(ext);
    assert.equal(await ext.readClipboard(), 'my own note', 'the user’s own clipboard is left alone');
  },
};
