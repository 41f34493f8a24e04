import { domainToASCII } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BindingError,
  type BindingErrorCode,
  defaultBindingsFor,
  isBoundTo,
  MICROSOFT_HOSTS,
  normaliseBinding,
} from '../../../lib/page/binding';

const MS = MICROSOFT_HOSTS.map((host) => `host:${host}`);

describe('defaultBindingsFor', () => {
  it('binds a Microsoft issuer to the exact Microsoft hosts (microsoft-pages.md §1)', () => {
    expect(defaultBindingsFor({ issuer: 'Microsoft' })).toEqual(MS);
    // A page elsewhere cannot plant a "Microsoft" account on Microsoft's sign-in pages.
    expect(defaultBindingsFor({ issuer: ' microsoft ' }, new URL('https://example.com/'))).toEqual([
      'domain:example.com',
    ]);
    expect(MS).toContain('host:login.live.com');
    expect(MS).toContain('host:login.microsoftonline.com');
  });
  it('binds an account captured on a Microsoft domain to the Microsoft hosts, never to microsoft.com', () => {
    expect(
      defaultBindingsFor({ issuer: '' }, new URL('https://mysignins.microsoft.com/security-info')),
    ).toEqual(MS);
  });
  it('binds an account captured elsewhere to that registrable domain', () => {
    expect(defaultBindingsFor({ issuer: 'GitHub' }, new URL('https://github.com/settings/2fa'))).toEqual([
      'domain:github.com',
    ]);
    expect(defaultBindingsFor({ issuer: 'X' }, new URL('https://login.example.co.uk/a'))).toEqual([
      'domain:example.co.uk',
    ]);
    // Private PSL section: one GitHub Pages site is not all of github.io.
    expect(defaultBindingsFor({ issuer: 'X' }, new URL('https://pat.github.io/'))).toEqual([
      'domain:pat.github.io',
    ]);
  });
  it.each([
    ['no page', undefined],
    ['http page', new URL('http://example.com/')],
    ['IP address', new URL('https://192.0.2.1/')],
    ['localhost', new URL('https://localhost:8443/')],
    ['file', new URL('file:///tmp/x.html')],
  ])('binds nothing for %s', (_, url) => expect(defaultBindingsFor({ issuer: 'GitHub' }, url)).toEqual([]));
});

describe('isBoundTo: Microsoft host set', () => {
  it.each([
    'https://login.live.com/',
    'https://login.live.com/oauth20_authorize.srf?client_id=1',
    'https://account.live.com/proofs/EnableTfa',
    'https://login.microsoftonline.com/common/login',
    'https://login.microsoft.com/consumers/',
    'https://mysignins.microsoft.com/security-info',
    'https://account.microsoft.com/security',
    'https://LOGIN.LIVE.COM/',
    'https://login.live.com:443/',
  ])('matches %s', (url) => expect(isBoundTo(MS, url)).toBe(true));

  const lookalikes: [string, string][] = [
    ['suffix trick', 'https://login.live.com.evil.test/'],
    ['hyphen trick', 'https://login-live.com/'],
    ['domain as subdomain', 'https://live.com.evil.test/'],
    ['punycode homograph of live.com', 'https://xn--lve-6lad.com/'],
    ['Cyrillic і in lіve.com', 'https://login.l\u0456ve.com/'],
    ['Cyrillic о in lоgin-live.com', `https://${domainToASCII('l\u043egin-live.com')}/`],
    ['Cyrillic о in micrоsoft.com', `https://login.${domainToASCII('micr\u043esoft.com')}/`],
    ['userinfo trick', 'https://login.live.com@evil.test/'],
    ['host in the path', 'https://evil.test/login.live.com/'],
    ['host in the query', 'https://evil.test/?next=https://login.live.com/'],
    ['subdomain of an exact host', 'https://x.login.live.com/'],
    ['sibling host on a bound domain', 'https://outlook.live.com/'],
    ['bare microsoft.com', 'https://microsoft.com/'],
    ['other TLD', 'https://login.live.co/'],
    ['typo TLD', 'https://login.live.comm/'],
    ['joined labels', 'https://loginlive.com/'],
    ['trailing dot', 'https://login.live.com./'],
    ['plain http', 'http://login.live.com/'],
    ['websocket', 'wss://login.live.com/'],
    ['file URL', 'file:///login.live.com/'],
    ['government tenant host (not in the set)', 'https://login.microsoftonline.us/'],
    ['microsoftonline lookalike', 'https://login.microsoftonline.com.evil.test/'],
    ['not a URL', 'login.live.com'],
  ];
  it.each(lookalikes)('refuses %s: %s', (_, url) => expect(isBoundTo(MS, url)).toBe(false));
  it('has at least 12 lookalikes', () => expect(lookalikes.length).toBeGreaterThanOrEqual(12));
});

describe('isBoundTo: domain bindings', () => {
  const github = ['domain:github.com'];
  it.each(['https://github.com/login', 'https://gist.github.com/', 'https://a.b.github.com/'])(
    'matches %s',
    (url) => expect(isBoundTo(github, url)).toBe(true),
  );
  it.each([
    'https://github.com.evil.test/',
    'https://evilgithub.com/',
    'https://github.co/',
    'https://xn--gthub-n4a.com/',
    'http://github.com/',
    'https://127.0.0.1/',
    'https://[::1]/',
    'https://localhost/',
    'https://github.localhost/',
  ])('refuses %s', (url) => expect(isBoundTo(github, url)).toBe(false));

  it('ignores damaged or over-broad stored entries instead of matching everything', () => {
    for (const entry of [
      'domain:com',
      'domain:co.uk',
      'domain:github.io',
      'host:',
      'domain:',
      'GitHub.com',
      'domain:*.github.com',
      'host:LOGIN.LIVE.COM',
      'domain:github.com.',
    ]) {
      expect(isBoundTo([entry], 'https://login.live.com/'), entry).toBe(false);
      expect(isBoundTo([entry], 'https://github.com/'), entry).toBe(false);
    }
  });
  it('binds nothing with no entries', () => expect(isBoundTo([], 'https://github.com/')).toBe(false));
});

describe('normaliseBinding', () => {
  it.each([
    ['example.com', 'domain:example.com'],
    ['  Example.COM  ', 'domain:example.com'],
    ['*.example.com', 'domain:example.com'],
    ['*.login.example.com', 'domain:login.example.com'],
    ['login.example.com', 'host:login.example.com'],
    ['example.com.', 'domain:example.com'],
    ['https://login.example.com/path?q=1#x', 'host:login.example.com'],
    ['https://example.com:8443/', 'host:example.com'],
    ['HTTPS://Login.Live.com/', 'host:login.live.com'],
    ['host:login.live.com', 'host:login.live.com'],
    ['domain:live.com', 'domain:live.com'],
    ['DOMAIN:Example.co.uk', 'domain:example.co.uk'],
    ['bücher.example', 'domain:xn--bcher-kva.example'],
    ['pat.github.io', 'domain:pat.github.io'],
  ])('%j → %j', (input, expected) => expect(normaliseBinding(input)).toBe(expected));

  it('round-trips its own output', () => {
    for (const entry of ['domain:example.com', 'host:login.live.com', 'domain:login.example.com']) {
      expect(normaliseBinding(entry)).toBe(entry);
    }
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['http://example.com/', 'not-https'],
    ['ftp://example.com/', 'not-https'],
    ['file:///etc/hosts', 'not-https'],
    ['https://login.live.com@evil.test/', 'has-credentials'],
    ['login.*.example.com', 'bad-wildcard'],
    ['*example.com', 'bad-wildcard'],
    ['host:*.example.com', 'bad-wildcard'],
    ['example.com/path', 'invalid-host'],
    ['exa mple.com', 'invalid-host'],
    ['example.com:8443', 'invalid-host'],
    ['site:example.com', 'invalid-host'],
    ['javascript:alert(1)', 'invalid-host'],
    ['host:', 'invalid-host'],
    ['https://', 'invalid-host'],
    ['192.0.2.1', 'ip-address'],
    ['https://[2001:db8::1]/', 'ip-address'],
    ['localhost', 'local-host'],
    ['app.localhost', 'local-host'],
    ['com', 'public-suffix'],
    ['*.co.uk', 'public-suffix'],
    ['github.io', 'public-suffix'],
  ] as [string, BindingErrorCode][])('%j → BindingError %s', (input, code) => {
    let caught: unknown;
    try {
      normaliseBinding(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BindingError);
    expect((caught as BindingError).code).toBe(code);
    expect((caught as BindingError).message.length).toBeGreaterThan(20);
  });
});

describe('never throws', () => {
  it('isBoundTo on arbitrary strings and entries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { maxLength: 4 }),
        fc.oneof(fc.string(), fc.webUrl()),
        (bindings, url) => {
          expect(typeof isBoundTo(bindings, url)).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('normaliseBinding throws only BindingError, and its output is accepted by isBoundTo', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.domain(), fc.webUrl()), (input) => {
        let entry: string;
        try {
          entry = normaliseBinding(input);
        } catch (error) {
          expect(error).toBeInstanceOf(BindingError);
          return;
        }
        const host = entry.slice(entry.indexOf(':') + 1);
        expect(isBoundTo([entry], `https://${host}/`)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
