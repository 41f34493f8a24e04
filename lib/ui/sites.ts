/** `host:login.live.com` → `login.live.com`, `domain:github.com` → `*.github.com`: how people write sites. */
export function siteText(binding: string): string {
  if (binding.startsWith('host:')) return binding.slice('host:'.length);
  if (binding.startsWith('domain:')) return `*.${binding.slice('domain:'.length)}`;
  return binding;
}

/**
 * The host-permission patterns the user is asked for when binding an account to sites: an exact
 * host, or a domain and its subdomains. Entries that are not host names are left to the background,
 * which rejects them with a specific message.
 */
export function originPatterns(sitesText: string): string[] {
  const patterns = new Set<string>();
  for (const raw of sitesText
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)) {
    let host = raw.replace(/^(host|domain):/, '');
    const wildcard = host.startsWith('*.') || raw.startsWith('domain:');
    host = host.replace(/^\*\./, '');
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) {
      try {
        host = new URL(host).hostname;
      } catch {
        continue;
      }
    }
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) continue;
    patterns.add(`https://${host}/*`);
    if (wildcard) patterns.add(`https://*.${host}/*`);
  }
  return [...patterns];
}
