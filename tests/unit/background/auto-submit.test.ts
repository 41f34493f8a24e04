import { describe, expect, it } from 'vitest';
import {
  autoSubmitsOn,
  MAX_AUTO_SUBMIT_SITES,
  migrateStoredSettings,
  normaliseAutoSubmitSites,
} from '@/lib/background/auto-submit';
import { BackgroundError } from '@/lib/background/errors';

function refusal(inputs: string[]): BackgroundError {
  try {
    normaliseAutoSubmitSites(inputs);
  } catch (error) {
    if (error instanceof BackgroundError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(inputs)}`);
}

describe('normaliseAutoSubmitSites', () => {
  it('writes sites the way account bindings are stored', () => {
    expect(
      normaliseAutoSubmitSites([
        'login.live.com',
        ' *.Live.com ',
        '',
        'https://github.com/',
        'domain:zoho.eu',
      ]),
    ).toEqual(['host:login.live.com', 'domain:live.com', 'host:github.com', 'domain:zoho.eu']);
  });

  it('refuses a page instead of a site, naming the site to write', () => {
    const error = refusal(['login.live.com', 'https://login.live.com/ppsecure/post.srf']);
    expect(error.code).toBe('bad-site');
    expect(error.message).toBe(
      "Auto-submit sites, line 2: 'https://login.live.com/ppsecure/post.srf' is a page, but auto-submit is chosen per site: write login.live.com.",
    );
    expect(refusal(['github.com/login']).message).toContain('has a path');
  });

  it('refuses a bare scheme, a non-site and a duplicate with the line it repeats', () => {
    expect(refusal(['https://']).message).toContain('has no host name');
    expect(refusal(['not a site']).code).toBe('bad-site');
    const duplicate = refusal(['login.live.com', 'LOGIN.live.com.']);
    expect(duplicate.code).toBe('duplicate-site');
    expect(duplicate.message).toContain('same site as line 1');
  });

  it('refuses more sites than the limit, and saves nothing half-understood', () => {
    const many = Array.from({ length: MAX_AUTO_SUBMIT_SITES + 1 }, (_, i) => `s${i}.example.com`);
    expect(refusal(many).code).toBe('too-many-sites');
  });
});

describe('autoSubmitsOn', () => {
  const none = { autoSubmitEverywhere: false, autoSubmitSites: [] as string[] };
  it('never by default', () => {
    expect(autoSubmitsOn(none, 'https://login.live.com/')).toBe(false);
  });
  it('on a listed host only, and a domain entry also covers its subdomains', () => {
    const hostOnly = { ...none, autoSubmitSites: ['host:login.live.com'] };
    expect(autoSubmitsOn(hostOnly, 'https://login.live.com/oauth20_authorize.srf')).toBe(true);
    expect(autoSubmitsOn(hostOnly, 'https://account.live.com/')).toBe(false);
    expect(autoSubmitsOn(hostOnly, 'https://login.live.com.evil.example/')).toBe(false);
    const domain = { ...none, autoSubmitSites: ['domain:live.com'] };
    expect(autoSubmitsOn(domain, 'https://account.live.com/proofs/Manage')).toBe(true);
    expect(autoSubmitsOn(domain, 'https://live.com.example.net/')).toBe(false);
  });
  it('everywhere still means https pages with a public name', () => {
    const everywhere = { autoSubmitEverywhere: true, autoSubmitSites: [] };
    expect(autoSubmitsOn(everywhere, 'https://github.com/sessions/two-factor')).toBe(true);
    expect(autoSubmitsOn(everywhere, 'http://github.com/')).toBe(false);
    expect(autoSubmitsOn(everywhere, 'https://192.168.1.1/')).toBe(false);
    expect(autoSubmitsOn(everywhere, 'not a url')).toBe(false);
  });
});

describe('migrateStoredSettings', () => {
  it('keeps the old global switch as "everywhere" and drops the old key', () => {
    expect(migrateStoredSettings({ autoSubmit: true, autoLockMinutes: 5 })).toEqual({
      autoLockMinutes: 5,
      autoSubmitEverywhere: true,
    });
    expect(migrateStoredSettings({ autoSubmit: false })).toEqual({ autoSubmitEverywhere: false });
  });
  it('lets newer fields win and leaves new settings alone', () => {
    expect(migrateStoredSettings({ autoSubmit: true, autoSubmitEverywhere: false })).toEqual({
      autoSubmitEverywhere: false,
    });
    const current = { autoSubmitEverywhere: false, autoSubmitSites: ['host:login.live.com'] };
    expect(migrateStoredSettings(current)).toBe(current);
  });
});
