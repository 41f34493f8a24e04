/**
 * The first-run page (opened once, on install): the seed's flow in six steps, with a link to each
 * Microsoft page. It needs nothing from the vault, so it talks to no one.
 */
const STEPS: ReadonlyArray<{ title: string; body: string; link?: { href: string; text: string } }> = [
  {
    title: 'Create your master password',
    body: 'Click the TwoStep button in the toolbar and choose a master password. It encrypts everything TwoStep keeps; it is typed only into TwoStep’s own windows, never into a web page.',
  },
  {
    title: 'Turn on two-step verification',
    body: 'On your Microsoft account’s security page, start two-step verification. Work or school accounts use “Security info” instead.',
    link: {
      href: 'https://account.live.com/proofs/EnableTfa',
      text: 'Turn on two-step verification (account.live.com)',
    },
  },
  {
    title: 'Choose “Set up a different Authenticator app”',
    body: 'Microsoft first offers its own phone app; its QR code cannot be used elsewhere, and TwoStep says so if you try. Choose the other authenticator app to get a standard QR code.',
    link: {
      href: 'https://mysignins.microsoft.com/security-info',
      text: 'Work or school: Security info (mysignins.microsoft.com)',
    },
  },
  {
    title: 'Let TwoStep capture the code',
    body: 'When the QR code (or the “can’t scan” key) appears, a small TwoStep box offers to add the account. Click Add; the 6-digit code is then filled into the page’s verify box.',
  },
  {
    title: 'Save the recovery code',
    body: 'Microsoft then shows a 25-character recovery code. Click “Save recovery code” in the TwoStep box: it is kept encrypted, and a newer code marks the old one as replaced.',
  },
  {
    title: 'Create and save the app password, then hand over the CSV',
    body: 'On the app password page, create one and click “Save app password”. In the popup’s Passwords view, export the IMAP migration CSV (EmailAddress, UserName, Password) for your Office 365 admin. Outlook.com no longer accepts passwords over IMAP (since September 2024); Google, Yahoo, Apple, Fastmail and Zoho app passwords still work for such migrations, and TwoStep saves them the same way.',
    link: {
      href: 'https://account.live.com/proofs/AppPassword',
      text: 'Create an app password (account.live.com)',
    },
  },
];

export function Welcome() {
  return (
    <main class="transfer" data-testid="app" data-state="welcome">
      <h1>Welcome to TwoStep</h1>
      <p>
        TwoStep does the phone’s part of two-step verification in your browser: it keeps your authenticator
        secrets encrypted, shows the codes, and fills them only on the sites they belong to. Here is the whole
        Microsoft setup, start to finish.
      </p>
      <ol class="steps" data-testid="welcome-steps">
        {STEPS.map((step) => (
          <li key={step.title}>
            <h2>{step.title}</h2>
            <p>{step.body}</p>
            {step.link && (
              <p>
                <a href={step.link.href} target="_blank" rel="noreferrer">
                  {step.link.text}
                </a>
              </p>
            )}
          </li>
        ))}
      </ol>
      <p>
        Moving from another authenticator? Open the popup, choose <strong>Add</strong>, then{' '}
        <strong>Import from a picture, a file or another app</strong>.
      </p>
    </main>
  );
}
