// The real toolbar popup (not popup.html in a tab) opens and renders a state: a blank popup is
// what a broken build, a CSP problem or a hung background looks like to the user.
export default {
  name: 'real-popup',
  browsers: ['chromium', 'firefox'],
  async run({ ext, assert }) {
    const popup = await ext.openRealPopup();
    assert.equal(await popup.waitForState('setup'), 'setup');
    await popup.waitFor('setup-password');
    assert.ok((await popup.text('app')).length > 0, 'the popup shows some text');
  },
};
