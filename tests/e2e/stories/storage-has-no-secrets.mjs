// After adding three accounts, no secret and not the master password may appear anywhere in
// storage.local/session/sync, in any encoding (see lib/leaks.mjs). Then the lock button: the
// unlocked data key, kept only in storage.session while unlocked, is gone from every area.
import { randomBytes } from 'node:crypto';
import { findLeaks } from '../lib/leaks.mjs';
import { addByUri, addManual, createVault, lock, openPopup, PASSWORD } from '../lib/steps.mjs';
import { base32Encode } from '../lib/totp-reference.mjs';

export default {
  name: 'storage-has-no-secrets',
  browsers: ['chromium', 'firefox'],
  async run({ ext, assert }) {
    // Fresh random secrets each run: nothing can match them by accident or from a cache.
    const [totpUri, manual, hotpUri] = [20, 20, 32].map((n) => base32Encode(randomBytes(n)));
    const typed = manual
      .toLowerCase()
      .match(/.{1,4}/g)
      .join(' ');

    const popup = await openPopup(ext);
    await createVault(popup);
    await addByUri(popup, `otpauth://totp/Example:alice@example.com?secret=${totpUri}&issuer=Example`);
    await addManual(popup, { issuer: 'Manual Co', label: 'dave', secret: typed });
    await addByUri(popup, `otpauth://hotp/Acme:bob?secret=${hotpUri}&issuer=Acme&counter=5`);
    assert.equal(await popup.count('account-row'), 3);

    const dump = await ext.dumpStorage();
    assert.ok(
      Object.keys(dump.local ?? {}).length > 0,
      'storage.local holds the vault (else this test proves nothing)',
    );
    const leaks = findLeaks(dump, {
      secrets: [
        { name: 'TOTP by URI', base32: totpUri },
        { name: 'TOTP typed', base32: manual, typed },
        { name: 'HOTP by URI', base32: hotpUri },
      ],
      passwords: [PASSWORD],
    });
    if (leaks.length > 0) assert.fail(`secrets found in storage: ${leaks.join('; ')}`);

    // lib/storage/keys.ts SESSION_KEYS.dataKey: present while unlocked (else the check below proves nothing).
    const key = dump.session?.['session.dataKey'];
    assert.ok(key, 'storage.session holds the data key while unlocked');
    assert.ok(
      !JSON.stringify(dump.local).includes(JSON.stringify(key)),
      'the data key is not in storage.local',
    );
    await lock(popup);
    const locked = await ext.dumpStorage();
    assert.equal(locked.session?.['session.dataKey'], undefined, 'the data key is dropped on lock');
    const needle = JSON.stringify(key);
    for (const area of ['local', 'session', 'sync'])
      assert.ok(
        !JSON.stringify(locked[area] ?? {}).includes(needle),
        `no copy of the data key in storage.${area}`,
      );
  },
};
