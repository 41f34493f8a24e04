/** What the in-page prompt says (names only: an Offer never carries a secret). */
import type { AppPasswordProviderName, Offer } from '../messaging/content-protocol';

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
      return offer.alreadySaved ? `${name} is already in TwoStep` : `Add ${name} to TwoStep`;
    }
    case 'microsoft-app':
    case 'migration':
      return offer.advice;
    case 'recoveryCode':
      return offer.alreadySaved
        ? `This recovery code for ${offer.accountHint || 'this account'} is already in TwoStep`
        : `Save recovery code for ${offer.accountHint || 'this account'} to TwoStep`;
    case 'appPassword': {
      const what = `${PROVIDERS[offer.provider]} app password for ${offer.accountHint || 'this account'}`;
      return offer.alreadySaved ? `This ${what} is already in TwoStep` : `Save ${what} to TwoStep`;
    }
    case 'nothing':
      return null;
  }
}

/** The outcome of `capture.save`, as `twostep-status` shows it (tests/e2e/README.md). */
export const SAVE_STATUS = {
  saved: 'Saved to TwoStep',
  duplicate: 'Already in TwoStep',
  queued: 'Unlock TwoStep (toolbar button) to finish saving — nothing is lost',
} as const;
