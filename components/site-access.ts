import { browser } from 'wxt/browser';
import { originPatterns } from '@/lib/ui/sites';

/**
 * Asks the browser for host access to the sites an account is bound to; true when granted (or when
 * nothing needs asking). Call it first in a click handler: the browser shows its own permission
 * prompt only while the click still counts as a user gesture.
 */
export async function requestSiteAccess(sitesText: string): Promise<boolean> {
  const origins = originPatterns(sitesText);
  if (origins.length === 0) return true;
  try {
    return await browser.permissions.request({ origins });
  } catch {
    return false;
  }
}

/** The sites as the user typed them (comma-separated) → the list the background validates. */
export function splitSites(sitesText: string): string[] {
  return sitesText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
