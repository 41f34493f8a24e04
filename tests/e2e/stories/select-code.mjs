// "Select the code": a screenshot whose QR code is too small for the automatic scan of the whole
// picture says so and offers to select the code; a mouse drag around it reads just that region,
// and the account joins the preview and the vault with the reference codes.
import { tinyCodeScreenshot } from '../lib/import-files.mjs';
import { createVault, expectTotpCodes, openPopup } from '../lib/steps.mjs';

const ACCOUNT = { issuer: 'Tiny', label: 'eve@tiny.example', secret: 'OVZWK4RAMFRGG3DFEBQWY2LDMUQGC3LE' };
const URI = `otpauth://totp/Tiny:eve%40tiny.example?secret=${ACCOUNT.secret}&issuer=Tiny`;

export default {
  name: 'select-code',
  browsers: ['chromium', 'firefox'],
  timeout: 90_000,
  async run({ ext, assert }) {
    const popup = await openPopup(ext);
    await createVault(popup);
    await popup.close();

    const page = await ext.openExtensionPage('transfer.html');
    await page.waitForState('unlocked');
    const { file, box } = tinyCodeScreenshot(URI);
    await page.drop('import-drop', [file]);
    assert.match(await page.text('import-problem', { timeout: 30_000 }), /No QR code was found/);
    assert.equal(await page.count('import-row'), 0);

    await page.click('import-select-region');
    await page.waitFor('region-picture');
    const margin = 12;
    const from = { x: (box.left - margin) / box.width, y: (box.top - margin) / box.height };
    const to = {
      x: (box.left + box.size + margin) / box.width,
      y: (box.top + box.size + margin) / box.height,
    };
    await page.mouseDrag('region-picture', from, to);
    await page.waitFor('region-box');
    await page.click('region-read');
    await page.waitForCount('import-row', 1, { timeout: 30_000 });
    assert.equal(await page.text('import-row-label'), ACCOUNT.label);
    assert.equal(await page.count('region-select'), 0, 'the selector closes once the code is read');

    await page.click('import-commit');
    assert.match(await page.text('import-status', { timeout: 15_000 }), /^Added 1 account\./);
    const list = await openPopup(ext);
    await expectTotpCodes(list, [ACCOUNT]);
  },
};
