// The background is stopped (MV3 worker killed / MV2 event page suspended) while the vault is
// unlocked: the popup must come back unlocked, with both accounts and correct codes.
import { addByUri, addManual, createVault, expectTotpCodes, openPopup } from '../lib/steps.mjs';

const URI_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const TYPED_SECRET = 'jbsw y3dp ehpk 3pxp'; // lower case with spaces, as users copy it
const EXPECTED = [
  { issuer: 'Contoso', label: 'carol@contoso.example', secret: URI_SECRET },
  { issuer: 'Manual Co', label: 'dave', secret: TYPED_SECRET },
];

export default {
  name: 'background-restart',
  browsers: ['chromium', 'firefox'],
  async run({ ext, assert }) {
    const popup = await openPopup(ext);
    await createVault(popup);
    await addByUri(
      popup,
      `otpauth://totp/Contoso:carol%40contoso.example?secret=${URI_SECRET}&issuer=Contoso`,
    );
    await addManual(popup, { issuer: 'Manual Co', label: 'dave', secret: TYPED_SECRET });
    await expectTotpCodes(popup, EXPECTED);
    // A real popup closes when it loses focus; an open one polling codes keeps the background awake.
    await popup.close();

    const restart = await ext.restartBackground();
    assert.ok(restart.stopped);

    const again = await openPopup(ext);
    assert.equal(await again.state(), 'unlocked', 'no password is asked after a background restart');
    await ext.assertBackgroundFresh();
    const rows = await expectTotpCodes(again, EXPECTED);
    assert.equal(rows.length, 2);
  },
};
