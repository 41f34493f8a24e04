// The harness itself: a fixture page loads under its real host name over HTTPS, and a host that
// is not a fixture is refused locally and logged (so nothing can leave the machine unnoticed).
const UNKNOWN = 'not-a-fixture.test';

export default {
  name: 'harness-smoke',
  browsers: ['chromium', 'firefox'],
  expectedRefusedHosts: [UNKNOWN],
  async run({ ext, server, assert }) {
    const page = await ext.openUrl('https://example.com/');
    assert.equal(await page.text('fixture-heading'), 'Example fixture page');
    assert.ok(
      server.requests.some((r) => r.host === 'example.com' && r.path === '/' && r.status === 200),
      'the fixture server served example.com',
    );

    // Chromium reaches the server and gets a 404; Firefox's CONNECT is refused (an error page).
    await ext.openUrl(`https://${UNKNOWN}/`).catch(() => {});
    const deadline = Date.now() + 5000;
    while (!server.refused.some((r) => r.host === UNKNOWN) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(
      server.refused.some((r) => r.host === UNKNOWN),
      `${UNKNOWN} was not refused by the local server: ${JSON.stringify(server.refused)}`,
    );
  },
};
