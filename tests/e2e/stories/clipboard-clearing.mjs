// A copied code is cleared from the REAL system clipboard after the chosen time, in the build as
// shipped (no clipboardRead permission). The test reads the clipboard through the driver
// (Chromium: the web clipboard-read permission granted to the helper page; Firefox: its own
// clipboard service, privileged) — never through the extension.
//  1. 1 s, the smallest allowed value (0 = never): the clipboard goes from a text the test put
//     there, through the code, to empty. Empty can only come from the clearing: a failed copy
//     leaves the earlier text, a missing clear leaves the code.
//  2. 10 s: right after the copy the clipboard holds exactly the code; it is empty afterwards, and
//     not before the 10 s (a lower bound only: a busy machine makes alarms late, never early).
//  3. The known limit: without clipboardRead TwoStep cannot see the clipboard, so a text the user
//     copied after the code is cleared too (SECURITY.md). clipboard-keeps-user-copy.mjs shows the
//     behaviour with the optional permission granted.
import { addByUri, createVault, openPopup } from '../lib/steps.mjs';
import { copyCode, waitForClearingDone, waitForClipboard } from './_lib/clipboard.mjs';
import { saveSettings } from './_lib/lock.mjs';

const ACCOUNT = { issuer: 'Example', label: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' };
const URI = `otpauth://totp/Example:alice@example.com?secret=${ACCOUNT.secret}&issuer=Example`;

export default {
  name: 'clipboard-clearing',
  browsers: ['chromium', 'firefox'],
  timeout: 150_000,
  async run({ ext, assert }) {
    const popup = await openPopup(ext);
    await createVault(popup);
    await addByUri(popup, URI);

    // 1. The smallest allowed time.
    await saveSettings(ext, { clipboardClearSeconds: 1 });
    await ext.writeClipboard('something from before');
    assert.equal(await ext.readClipboard(), 'something from before', 'the test can read the clipboard');
    await copyCode(ext, popup, ACCOUNT, 1, assert, { waitForHash: false });
    await waitForClipboard(ext, '', { what: 'the 1 s clearing to empty the clipboard' });
    await waitForClearingDone(ext);

    // 2. The code is there, then gone after 10 s.
    await saveSettings(ext, { clipboardClearSeconds: 10 });
    const { copiedAt, code } = await copyCode(ext, popup, ACCOUNT, 10, assert);
    assert.equal(await ext.readClipboard(), code, 'the clipboard holds the copied code');
    const clearedAt = await waitForClipboard(ext, '', { what: 'the 10 s clearing' });
    assert.ok(clearedAt >= copiedAt + 9_000, `cleared ${clearedAt - copiedAt} ms after the copy: too early`);
    await waitForClearingDone(ext);

    // 3. Without clipboardRead, whatever is there when the time is up is cleared.
    await copyCode(ext, popup, ACCOUNT, 10, assert);
    await ext.writeClipboard('my own note');
    await waitForClearingDone(ext);
    assert.equal(
      await ext.readClipboard(),
      '',
      'without clipboardRead the clearing cannot tell, and empties the clipboard (documented limit)',
    );
  },
};
