/** What the in-page prompt says (names only: an Offer never carries a secret). */
import type { AppPasswordProviderName, Offer } from '../messaging/content-protocol';
import { message } from './native-browser';

const PROVIDERS: Record<AppPasswordProviderName, string> = {
  microsoft: 'Microsoft',
  google: 'Google',
  yahoo: 'Yahoo',
  apple: 'Apple',
  fastmail: 'Fastmail',
  zoho: 'Zoho',
};
/** What the prompt says about an offer; null for 'nothing' (never shown). */
export function offerText(offer: Offer): string | null {
  switch (offer.kind) {
    case 'account': {
      const who = offer.organisation ? `${offer.organisation}: ${offer.label}` : offer.label;
      const name = who ? `${offer.issuer} (${who})` : offer.issuer;
      return message(offer.alreadySaved ? 'promptAccountSaved' : 'promptAccountAdd', name);
    }
    // The English advice stays the fallback: a browser without the message (never in a complete
    // build, but the catalog test is what keeps it complete) still says something useful.
    case 'microsoft-app':
      return message('promptMicrosoftApp', offer.link) || offer.advice;
    case 'migration':
      return message('promptMigration') || offer.advice;
    case 'recoveryCode':
      return message(
        offer.alreadySaved ? 'promptRecoverySaved' : 'promptRecoveryAdd',
        offer.accountHint || message('promptThisAccount'),
      );
    case 'appPassword':
      return message(
        offer.alreadySaved ? 'promptAppPasswordSaved' : 'promptAppPasswordAdd',
        PROVIDERS[offer.provider],
        offer.accountHint || message('promptThisAccount'),
      );
    case 'nothing':
      return null;
  }
}

/** The outcome of `capture.save`, as `twostep-status` shows it (tests/e2e/README.md). */
export function saveStatus(status: 'saved' | 'duplicate' | 'queued'): string {
  return message(
    status === 'saved' ? 'promptSaved' : status === 'duplicate' ? 'promptDuplicate' : 'promptQueued',
  );
}
