// "Select the code": a screenshot whose QR code is too small for the automatic scan of the whole
// picture says so and offers to select the code; a mouse drag around it reads just that region,
// and the account joins the preview and the vault with the reference codes.
import { tinyCodeScreenshot } from '../lib/import-files.mjs';
import { createVault, expectTotpCodes, openPopup } from '../lib/steps.mjs';

const ACCOUNT = { issuer: 'Tiny', label: 'eve@tiny.example', secret: 'OVZWK4RAMFRGG3DFEBQWY2LDMUQGC3LE' };
const URI = `otpauth://totp/Tiny:eve%40tiny.example?secret=${ACCOUNT.secret}&issuer=Tiny`;

/** Waits until the region picture's image is decoded and shown at its aspect ratio. */
async function waitForPicture(page, box, timeout = 10_000) {
  const want = box.height / box.width;
  let seen = null;
  for (const end = Date.now() + timeout; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    seen = await page.evaluate(() => {
      const img = document.querySelector('[data-testid="region-picture"] img');
      const r = document.querySelector('[data-testid="region-picture"]')?.getBoundingClientRect();
      return img && r ? { complete: img.complete, natural: img.naturalWidth, w: r.width, h: r.height } : null;
    });
    if (seen?.complete && seen.natural > 0 && seen.w > 0 && Math.abs(seen.h / seen.w - want) < 0.05) return;
  }
  throw new Error(`the region picture was not laid out in ${timeout} ms: ${JSON.stringify(seen)}`);
}

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
    // The drag is aimed from the element's box, measured once: with the picture still loading
    // (its <img> 0 px high), the whole drag lands on one line, the region is too thin to read and
    // region-read stays disabled (seen once in Firefox: "click [data-testid=region-read] timed out:
    // 1 match(es) (disabled)"). So wait until the picture is decoded and laid out.
    await waitForPicture(page, box);
    const margin = 12;
    const from = { x: (box.left - margin) / box.width, y: (box.top - margin) / box.height };
    const to = {
      x: (box.left + box.size + margin) / box.width,
      y: (box.top + box.size + margin) / box.height,
    };
    await page.mouseDrag('region-picture', from, to);
    await page.waitFor('region-box');
    // The box drawn is the one dragged (a drag aimed at a picture still loading is not).
    const drawn = await page.evaluate(() => {
      const r = document.querySelector('[data-testid="region-box"]').getBoundingClientRect();
      const p = document.querySelector('[data-testid="region-picture"]').getBoundingClientRect();
      return { width: r.width / p.width, height: r.height / p.height };
    });
    const wanted = { width: to.x - from.x, height: to.y - from.y };
    assert.ok(
      Math.abs(drawn.width - wanted.width) < wanted.width * 0.2 &&
        Math.abs(drawn.height - wanted.height) < wanted.height * 0.2,
      `the box drawn (${JSON.stringify(drawn)} of the picture) is not the one dragged (${JSON.stringify(wanted)})`,
    );
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
