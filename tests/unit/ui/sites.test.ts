import { describe, expect, it } from 'vitest';
import { originPatterns, siteText } from '@/lib/ui/sites';

describe('sites in the popup', () => {
  it('shows stored bindings the way people write them', () => {
    expect(siteText('host:login.live.com')).toBe('login.live.com');
    expect(siteText('domain:github.com')).toBe('*.github.com');
  });

  it('asks for exactly the hosts typed, and a domain with its subdomains', () => {
    expect(originPatterns('github.com, *.example.org, https://login.acme.test/path')).toEqual([
      'https://github.com/*',
      'https://example.org/*',
      'https://*.example.org/*',
      'https://login.acme.test/*',
    ]);
    expect(originPatterns('host:login.live.com, domain:zoho.eu')).toEqual([
      'https://login.live.com/*',
      'https://zoho.eu/*',
      'https://*.zoho.eu/*',
    ]);
  });

  it('ignores what is not a host name (the background explains why)', () => {
    expect(originPatterns('not a host!, , localhost, http://')).toEqual([]);
  });
});
