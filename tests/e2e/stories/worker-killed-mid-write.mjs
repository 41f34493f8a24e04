// The background is killed in the middle of a write: an import of many accounts committed from the
// real import page (transfer.html), one storage write for the whole batch (lib/background/transfer.ts
// → UnlockedVault.addMany). Chromium: CDP ServiceWorker.stopAllWorkers at once (ext.killBackground;
// the worker gets no chance to finish). Firefox: the event page terminated with Firefox's own
// extension.terminateBackground, pending listeners or not (the nearest equivalent: Firefox has no
// driver command to kill an extension process, and its event page is not a separate process).
//
// Then: every account saved before is intact with RFC 6238 codes; the interrupted import is wholly
// there or wholly absent (never some of it, never a damaged record, never a vault.damaged copy);
// the vault still opens with the password after a lock; the page says the import was not
// confirmed. The kill must land before the background answered: if the import finished first, the
// attempt is repeated with a new batch (the story fails if it never manages to interrupt one).
import {
  addByUri,
  createVault,
  expectTotpCodes,
  lock,
  openPopup,
  readAccounts,
  unlock,
} from '../lib/steps.mjs';
import { base32Encode } from '../lib/totp-reference.mjs';
import { messenger, waitUntil } from './_lib/lock.mjs';

const BEFORE = [
  { issuer: 'Example', label: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' },
  { issuer: 'GitHub', label: 'octocat', secret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF' },
  { issuer: 'Contoso', label: 'carol@contoso.example', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
];
const BATCH = 300;
const ATTEMPTS = 5;
const uriOf = (a) =>
  `otpauth://totp/${encodeURIComponent(a.issuer)}:${encodeURIComponent(a.label)}?secret=${a.secret}&issuer=${encodeURIComponent(a.issuer)}`;

/** A batch of distinct accounts; secrets derived from the attempt and index (no duplicates). */
function batch(attempt) {
  return Array.from({ length: BATCH }, (_, i) => {
    const bytes = Buffer.alloc(20);
    bytes.writeUInt32BE(attempt + 1, 0);
    bytes.writeUInt32BE(i + 1, 4);
    bytes.write('twostep-kill', 8);
    return { issuer: `Batch${attempt}`, label: `user${i}@example.com`, secret: base32Encode(bytes) };
  });
}

export default {
  name: 'worker-killed-mid-write',
  browsers: ['chromium', 'firefox'],
  timeout: 240_000,
  async run({ ext, assert }) {
    const popup = await openPopup(ext);
    await createVault(popup);
    for (const a of BEFORE) await addByUri(popup, uriOf(a));
    await expectTotpCodes(popup, BEFORE);
    await popup.close();

    let interrupted = null;
    const landedBatches = []; // batches whose import finished before the kill: all there
    for (let attempt = 0; attempt < ATTEMPTS && !interrupted; attempt++) {
      const accounts = batch(attempt);
      const page = await ext.openExtensionPage('transfer.html');
      await page.waitForState('unlocked');
      await page.fill('import-text', accounts.map(uriOf).join('\n'));
      await page.click('import-text-read');
      await page.waitForCount('import-row', BATCH, { timeout: 30_000 });
      await page.click('import-commit');
      await ext.killBackground();
      // What did the page get? Either the import's own answer (it finished first) or an error.
      const outcome = await waitUntil(
        async () => {
          if (await page.isVisible('form-error')) return { error: await page.text('form-error') };
          const status = (await page.texts('import-status'))[0] ?? '';
          return /^Added \d+/.test(status) ? { status } : null;
        },
        { what: 'the import page to report the outcome', timeout: 30_000, page },
      );
      if (outcome.status) {
        landedBatches.push(accounts);
        await page.close();
        continue;
      }
      interrupted = { accounts, message: outcome.error, page };
    }
    assert.ok(
      interrupted,
      `none of ${ATTEMPTS} imports of ${BATCH} was interrupted: the kill always came late`,
    );

    // The user is told the import was not confirmed, and what to do.
    assert.match(interrupted.message, /may not have been saved: check, then try again/);
    await interrupted.page.close();

    // The vault: still unlocked (storage.session), every earlier account there with its codes.
    const bus = await messenger(ext);
    const list = await bus.send({ type: 'accounts.list' });
    assert.ok(list.ok, `the vault answers after the kill: ${JSON.stringify(list.error)}`);
    assert.deepEqual(list.value.damaged, [], 'no record fails authentication');
    const local = (await ext.dumpStorage()).local;
    assert.equal(local['vault.damaged'], undefined, 'no unreadable vault version was set aside');
    const labels = new Set(list.value.accounts.map((a) => `${a.issuer}/${a.label}`));
    for (const a of BEFORE) assert.ok(labels.has(`${a.issuer}/${a.label}`), `${a.label} kept`);
    for (const b of landedBatches)
      assert.ok(
        b.every((a) => labels.has(`${a.issuer}/${a.label}`)),
        'a finished import is there',
      );
    const present = interrupted.accounts.filter((a) => labels.has(`${a.issuer}/${a.label}`)).length;
    assert.ok(
      present === 0 || present === BATCH,
      `the interrupted import is partly there: ${present} of ${BATCH} accounts`,
    );
    const expectedCount = BEFORE.length + BATCH * landedBatches.length + present;
    assert.equal(list.value.accounts.length, expectedCount);

    // The stored vault opens with the password (not only through the session key), same contents.
    const again = await openPopup(ext);
    await lock(again);
    await unlock(again);
    await waitUntil(async () => (await again.count('account-row')) === expectedCount, {
      what: `${expectedCount} rows after unlocking`,
      timeout: 30_000,
    });
    const codes = [...BEFORE];
    if (present) codes.push(interrupted.accounts[0], interrupted.accounts[BATCH - 1]);
    await expectTotpCodes(again, codes, { timeout: 10_000 });
    assert.equal((await readAccounts(again)).length, expectedCount);
  },
};
