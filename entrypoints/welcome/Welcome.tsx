/**
 * The first-run page (opened once, on install): the seed's Microsoft flow in seven steps, each with
 * a picture and a link to the Microsoft page it happens on. It needs nothing from the vault: it asks
 * the background only for the language setting (main.tsx).
 *
 * The pictures in public/welcome/ are written by `npm run screenshots` (scripts/screenshots.mjs)
 * from the built extension on the test fixture pages, so they show TwoStep's real prompts; the
 * Microsoft side of each picture is the project's model of that page, which the text says.
 * Addresses come from microsoft-pages.md; where an address is not known, the text gives the menu
 * path instead of guessing a URL.
 */

import { t, tParts } from '@/lib/i18n';

type Link = { href: string; text: string };
type Step = {
  title: string;
  body: string;
  /** Extra paragraphs (the honest fine print of a step). */
  notes?: string[];
  links?: Link[];
  picture?: { src: string; alt: string };
};

/** The steps in the page's language: read at render time, after the language is loaded (main.tsx). */
function steps(): ReadonlyArray<Step> {
  return [
    {
      title: t('welcomeStep1Title'),
      body: t('welcomeStep1Body'),
      picture: { src: '/welcome/master-password.png', alt: t('welcomeStep1Alt') },
    },
    {
      title: t('welcomeStep2Title'),
      body: t('welcomeStep2Body'),
      links: [
        { href: 'https://account.live.com/proofs/EnableTfa', text: t('welcomeStep2Link1') },
        { href: 'https://mysignins.microsoft.com/security-info', text: t('welcomeStep2Link2') },
      ],
    },
    {
      title: t('welcomeStep3Title'),
      body: t('welcomeStep3Body'),
      notes: [t('welcomeStep3Note1')],
      picture: { src: '/welcome/different-app.png', alt: t('welcomeStep3Alt') },
    },
    {
      title: t('welcomeStep4Title'),
      body: t('welcomeStep4Body'),
      picture: { src: '/welcome/capture.png', alt: t('welcomeStep4Alt') },
    },
    {
      title: t('welcomeStep5Title'),
      body: t('welcomeStep5Body'),
      notes: [t('welcomeStep5Note1')],
      links: [{ href: 'https://account.live.com/proofs/Manage/additional', text: t('welcomeStep5Link1') }],
      picture: { src: '/welcome/recovery-code.png', alt: t('welcomeStep5Alt') },
    },
    {
      title: t('welcomeStep6Title'),
      body: t('welcomeStep6Body'),
      notes: [t('welcomeStep6Note1'), t('welcomeStep6Note2'), t('welcomeStep6Note3')],
      links: [
        { href: 'https://account.live.com/proofs/AppPassword', text: t('welcomeStep6Link1') },
        { href: 'https://myaccount.google.com/apppasswords', text: t('welcomeStep6Link2') },
        { href: 'https://account.apple.com/', text: t('welcomeStep6Link3') },
      ],
      picture: { src: '/welcome/app-password.png', alt: t('welcomeStep6Alt') },
    },
    {
      title: t('welcomeStep7Title'),
      body: t('welcomeStep7Body'),
      notes: [t('welcomeStep7Note1')],
      picture: { src: '/welcome/imap-csv.png', alt: t('welcomeStep7Alt') },
    },
  ];
}

export function Welcome() {
  return (
    <main class="transfer welcome" data-testid="app" data-state="welcome">
      <h1>{t('commonWelcome')}</h1>
      <p>{t('welcomeIntro')}</p>
      <p class="muted">{t('welcomeMuted')}</p>
      <ol class="steps" data-testid="welcome-steps">
        {steps().map((step) => (
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
        {tParts(
          'welcomeMoving',
          <strong>{t('accountsAdd')}</strong>,
          <strong>{t('welcomeImportButton')}</strong>,
        )}
      </p>
    </main>
  );
}
