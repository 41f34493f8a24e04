/**
 * The first-run page (opened once, on install): the seed's Microsoft flow in seven steps, each with
 * a picture and a link to the Microsoft page it happens on. It needs nothing from the vault, so it
 * talks to no one.
 *
 * The pictures in public/welcome/ are written by `npm run screenshots` (scripts/screenshots.mjs)
 * from the built extension on the test fixture pages, so they show TwoStep's real prompts; the
 * Microsoft side of each picture is the project's model of that page, which the text says.
 * Addresses come from microsoft-pages.md; where an address is not known, the text gives the menu
 * path instead of guessing a URL.
 */

type Link = { href: string; text: string };
type Step = {
  title: string;
  body: string;
  /** Extra paragraphs (the honest fine print of a step). */
  notes?: string[];
  links?: Link[];
  picture?: { src: string; alt: string };
};

const STEPS: ReadonlyArray<Step> = [
  {
    title: 'Create your master password',
    body: 'Click the TwoStep button in the toolbar and choose a master password. It encrypts everything TwoStep keeps; it is typed only into TwoStep’s own windows, never into a web page.',
    picture: {
      src: '/welcome/master-password.png',
      alt: 'The TwoStep popup on first use: a master password typed twice, a strength hint below it, and the Create vault button.',
    },
  },
  {
    title: 'Turn on two-step verification',
    body: 'Sign in to your Microsoft account’s two-step verification page and start the setup. Work or school accounts add an authenticator under “Security info” instead (Add sign-in method).',
    links: [
      {
        href: 'https://account.live.com/proofs/EnableTfa',
        text: 'Personal account: turn on two-step verification (account.live.com)',
      },
      {
        href: 'https://mysignins.microsoft.com/security-info',
        text: 'Work or school account: Security info (mysignins.microsoft.com)',
      },
    ],
  },
  {
    title: 'Choose “Set up a different Authenticator app”',
    body: 'Microsoft first offers its own phone app, Microsoft Authenticator. That QR code works only in Microsoft’s app, and TwoStep tells you so. Choose “Set up a different Authenticator app” (work or school: “I want to use a different authenticator app”) to get a standard code.',
    notes: [
      'Some organisations switch that choice off for work or school accounts; then only Microsoft’s own app can be used, and you need to ask your administrator.',
    ],
    picture: {
      src: '/welcome/different-app.png',
      alt: 'A model of Microsoft’s “Set up Microsoft Authenticator” page with its QR code and the link “Set up a different Authenticator app”; the TwoStep box explains that this code is for Microsoft’s own app.',
    },
  },
  {
    title: 'Let TwoStep capture the code',
    body: 'When the QR code appears (or the secret key, after “I can’t scan the bar code”), a small TwoStep box offers to add the account. Click “Save to TwoStep”: TwoStep fills the 6-digit code into the page’s code box. Check it and press Next yourself.',
    picture: {
      src: '/welcome/capture.png',
      alt: 'A model of Microsoft’s “Set up an authenticator app” page with a QR code; the TwoStep box offers to add Microsoft (pat@outlook.example) to TwoStep.',
    },
  },
  {
    title: 'Save the recovery code',
    body: 'Microsoft then shows a 25-character recovery code, your way back in if this computer is lost. Click “Save to TwoStep” in the TwoStep box: the code is kept encrypted with the account. Writing it down somewhere safe as well does no harm.',
    notes: [
      'A new code can be made later under “Generate a new code” on the security info page; it replaces the old one, and TwoStep marks the old one as replaced.',
    ],
    links: [
      {
        href: 'https://account.live.com/proofs/Manage/additional',
        text: 'Personal account: additional security options (account.live.com)',
      },
    ],
    picture: {
      src: '/welcome/recovery-code.png',
      alt: 'A model of Microsoft’s “Two-step verification is turned on” page showing a recovery code; the TwoStep box offers to save it.',
    },
  },
  {
    title: 'Create and save the app password',
    body: 'Mail programs that cannot ask for a code sign in with an app password instead. Create one on the app password page and click “Save to TwoStep” in the TwoStep box right away: it is shown only once.',
    notes: [
      'Be aware: since 16 September 2024 Outlook.com, Hotmail and Live mailboxes no longer accept any password over IMAP, so a Microsoft app password no longer lets a migration read an Outlook.com mailbox. App passwords of Google, Yahoo, Apple (iCloud Mail), Fastmail and Zoho still work for that, and TwoStep saves them the same way on their pages.',
      'Google: myaccount.google.com/apppasswords. Apple: account.apple.com → Sign-In and Security → App-Specific Passwords. Yahoo: Account security → Generate app password. Fastmail: Settings → Privacy & Security → app passwords. Zoho: Zoho Accounts → Security → App Passwords. (We know the menu paths for Yahoo, Fastmail and Zoho, not exact addresses.)',
      'Work or school accounts have app passwords only under the older per-user sign-in rules, and Exchange Online stopped accepting them over IMAP in October 2022.',
    ],
    links: [
      {
        href: 'https://account.live.com/proofs/AppPassword',
        text: 'Microsoft: create an app password (account.live.com)',
      },
      {
        href: 'https://myaccount.google.com/apppasswords',
        text: 'Google: app passwords (myaccount.google.com)',
      },
      { href: 'https://account.apple.com/', text: 'Apple: Apple Account (account.apple.com)' },
    ],
    picture: {
      src: '/welcome/app-password.png',
      alt: 'A model of Microsoft’s app password page showing a new 16-letter app password; the TwoStep box offers to save it.',
    },
  },
  {
    title: 'Hand the CSV to your administrator',
    body: 'Open the TwoStep popup, choose Passwords, tick the app passwords to hand over, choose “Export IMAP migration CSV…”, enter the Office 365 address the mail moves to, and download. The file has the columns Exchange Online’s IMAP migration expects: EmailAddress, UserName, Password.',
    notes: [
      'Make one file per mail provider (a migration batch reads from one IMAP server). The file holds live passwords: give it to the administrator safely and delete it after the migration. The administrator’s side is described on Microsoft Learn under “CSV files for IMAP migration batches” (we have no exact address for it).',
    ],
    picture: {
      src: '/welcome/imap-csv.png',
      alt: 'The TwoStep popup’s Passwords view with the downloaded IMAP migration CSV: the header EmailAddress,UserName,Password and one row for a Google app password.',
    },
  },
];

export function Welcome() {
  return (
    <main class="transfer welcome" data-testid="app" data-state="welcome">
      <h1>Welcome to TwoStep</h1>
      <p>
        TwoStep does the phone’s part of two-step verification in your browser: it keeps your authenticator
        secrets encrypted, shows the codes, and fills them only on the sites they belong to. Here is the whole
        Microsoft setup, start to finish.
      </p>
      <p class="muted">
        The pictures show TwoStep on the project’s test copies of these pages, with made-up accounts.
        Microsoft’s real pages look different and change from time to time; the steps stay the same.
      </p>
      <ol class="steps" data-testid="welcome-steps">
        {STEPS.map((step) => (
          <li key={step.title}>
            <h2>{step.title}</h2>
            <p>{step.body}</p>
            {step.notes?.map((note) => (
              <p key={note} class="note">
                {note}
              </p>
            ))}
            {step.links && (
              <ul class="links">
                {step.links.map((link) => (
                  <li key={link.href}>
                    <a href={link.href} target="_blank" rel="noreferrer">
                      {link.text}
                    </a>
                  </li>
                ))}
              </ul>
            )}
            {step.picture && (
              <figure>
                <img src={step.picture.src} alt={step.picture.alt} loading="lazy" />
              </figure>
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
