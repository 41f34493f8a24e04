/**
 * What the content script reads from pages (lib/page): the key-text, recovery-code and app-password
 * recognisers, the app-password page matcher, the field classifier over arbitrary descriptors, and
 * site bindings (typed by the user, and matched against page URLs).
 */
import fc from 'fast-check';
import { normaliseSecret } from '../../../lib/otp/base32';
import { BindingError, defaultBindingsFor, isBoundTo, normaliseBinding } from '../../../lib/page/binding';
import type { FieldDescriptor, PageContext } from '../../../lib/page/descriptor';
import { AMBIGUOUS_TOKENS, EXCLUDED_AUTOCOMPLETE, STRONG_KEYWORDS } from '../../../lib/page/keywords';
import type { AppPasswordProvider } from '../../../lib/page/patterns';
import {
  appPasswordProviderFor,
  recogniseAppPassword,
  recogniseRecoveryCode,
  recogniseSecretText,
} from '../../../lib/page/recognise';
import { classifyPage } from '../../../lib/page/sites/index';
import { anyText, base32Secret, tokenText } from '../arbitraries';
import { check, type FuzzTarget, target } from '../contract';

/** Total functions: no exception is a documented answer. */
const never = () => false;

/** Keys grouped as sites print them: groups of 2–8, space, NBSP or dash, either case, padding. */
const groupedKey = fc
  .tuple(
    base32Secret,
    fc.integer({ min: 2, max: 8 }),
    fc.constantFrom(' ', '\u00a0', '-'),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([secret, size, separator, lower, pad]) => {
    const grouped = (secret.match(new RegExp(`.{1,${size}}`, 'g')) ?? []).join(separator);
    return `${lower ? grouped.toLowerCase() : grouped}${pad ? '==' : ''}`;
  });

const KEY_TOKENS = [
  'abcd',
  'ABCD',
  '2345',
  'wxyz',
  ' ',
  '\u00a0',
  '-',
  '=',
  'the',
  'Key',
  '0',
  '1',
  '\t',
  '\u2003',
];
const keyText = fc.oneof(
  { weight: 3, arbitrary: groupedKey },
  { weight: 2, arbitrary: anyText(220) },
  { weight: 2, arbitrary: tokenText(KEY_TOKENS, 40) },
  // Long runs, for the patterns' cost on pathological text.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a', 'a ', 'ab-', '2'), fc.integer({ min: 100, max: 5000 }))
      .map(([s, n]) => s.repeat(n)),
  },
);

const secretTextTarget = target<string>({
  name: 'page.recogniseSecretText',
  arbitrary: keyText,
  ciRuns: 3000,
  accept: never,
  run(text) {
    const key = recogniseSecretText(text);
    if (key === null) return 'null';
    check(/^[A-Z2-7]{16,128}$/.test(key), 'a recognised key that is not 16–128 canonical base32 characters');
    check(normaliseSecret(key) === key, 'a recognised key that normaliseSecret changes');
    return 'key';
  },
});

const code5 = fc.stringMatching(/^[A-Z0-9]{5}$/);
const recoveryCode = fc.array(code5, { minLength: 5, maxLength: 5 }).map((parts) => parts.join('-'));
const recoveryText = fc.oneof(
  { weight: 2, arbitrary: recoveryCode },
  {
    weight: 2,
    arbitrary: fc
      .tuple(anyText(40), fc.array(recoveryCode, { minLength: 1, maxLength: 3 }), anyText(40))
      .map(([before, codes, after]) => `${before}${codes.join(' ')}${after}`),
  },
  { weight: 2, arbitrary: anyText(300) },
  { weight: 1, arbitrary: tokenText(['ABCDE', '12345', '-', 'a', ' ', 'XXXXX'], 40) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 3000 }).map((n) => 'A1B2C-'.repeat(n)) },
);

const recoveryCodeTarget = target<string>({
  name: 'page.recogniseRecoveryCode',
  arbitrary: recoveryText,
  ciRuns: 3000,
  accept: never,
  run(text) {
    const code = recogniseRecoveryCode(text);
    if (code === null) return 'null';
    check(/^[A-Z0-9]{5}(?:-[A-Z0-9]{5}){4}$/.test(code), 'a recovery code of the wrong shape');
    check(/\d/.test(code) && /[A-Z]/.test(code), 'a recovery code without a letter and a digit');
    check(text.includes(code), 'a recovery code that is not in the text');
    return 'code';
  },
});

const PROVIDERS: readonly AppPasswordProvider[] = [
  'microsoft',
  'google',
  'yahoo',
  'apple',
  'fastmail',
  'zoho',
];
const appPasswordText = fc.oneof(
  fc.stringMatching(/^[a-z]{4}( ?[a-z]{4}){3}$/),
  fc.stringMatching(/^[a-z]{4}(-[a-z]{4}){3}$/),
  fc.stringMatching(/^[a-zA-Z0-9]{2,12}([ \u00a0-][a-zA-Z0-9]{2,12}){0,4}$/),
  anyText(80),
  tokenText(['abcd', ' ', '-', 'Thunderbird', '1234', '\u00a0'], 20),
);

const appPasswordTarget = target<{ text: string; provider: AppPasswordProvider }>({
  name: 'page.recogniseAppPassword',
  arbitrary: fc.record({ text: appPasswordText, provider: fc.constantFrom(...PROVIDERS) }),
  ciRuns: 3000,
  accept: never,
  run({ text, provider }) {
    const password = recogniseAppPassword(text, provider);
    if (password === null) return 'null';
    check(password.length > 0 && password.length <= 64, 'an app password of impossible length');
    check(/^[A-Za-z0-9-]+$/.test(password), 'an app password with spaces or other characters');
    if (provider === 'google' || provider === 'yahoo' || provider === 'microsoft') {
      check(/^[a-z]{16}$/.test(password), `a ${provider} app password that is not 16 lower-case letters`);
    }
    if (provider === 'apple')
      check(/^[a-z]{4}(?:-[a-z]{4}){3}$/.test(password), 'an Apple app password of the wrong shape');
    return 'password';
  },
});

const HOSTS = [
  'account.live.com',
  'login.live.com',
  'myaccount.google.com',
  'login.yahoo.com',
  'appleid.apple.com',
  'account.apple.com',
  'app.fastmail.com',
  'accounts.zoho.com',
  'accounts.zoho.eu',
  'login.microsoftonline.com',
  'github.com',
  'example.com',
];
const PATHS = [
  '/',
  '/proofs/AppPassword',
  '/apppasswords',
  '/u/1/apppasswords',
  '/account/security',
  '/settings/security',
  '/proofs/Add',
  '/login.srf',
  '',
];
const pageUrl = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('https://', 'http://', 'HTTPS://', 'ftp://'),
      fc.constantFrom(...HOSTS),
      fc.constantFrom(...PATHS),
      anyText(10),
    )
    .map(([scheme, host, path, rest]) => `${scheme}${host}${path}${rest}`),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  anyText(80),
);

const providerTarget = target<string>({
  name: 'page.appPasswordProviderFor',
  arbitrary: pageUrl,
  ciRuns: 2000,
  accept: never,
  run(text) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return 'not a URL';
    }
    const provider = appPasswordProviderFor(url);
    check(provider === null || PROVIDERS.includes(provider), `unknown provider ${String(provider)}`);
    if (url.protocol !== 'https:') check(provider === null, 'an app-password page that is not https');
    return provider ?? 'null';
  },
});

// --- the field classifier ---------------------------------------------------------------------------

const FIELD_WORDS = [
  ...STRONG_KEYWORDS,
  ...AMBIGUOUS_TOKENS,
  ...EXCLUDED_AUTOCOMPLETE,
  'one-time-code',
  'otc',
  'idTxtBx_SAOTCC_OTC',
  'codeEntry-1',
  'Enter code',
  'authenticator app',
  'we sent a code to your email',
  'SMS',
  'email',
  'password',
  'numeric',
  '[0-9]*',
  '',
];
const fieldText = fc.oneof(fc.constantFrom(...FIELD_WORDS), anyText(30), tokenText(FIELD_WORDS, 4));
const finite = fc.oneof(
  fc.integer({ min: -50, max: 2000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const descriptor = (key: number): fc.Arbitrary<FieldDescriptor> =>
  fc.record({
    key: fc.constant(key),
    tag: fc.constantFrom('input' as const, 'textarea' as const, 'select' as const),
    type: fc.oneof(
      fc.constantFrom('', 'text', 'tel', 'number', 'password', 'email', 'hidden', 'checkbox'),
      anyText(8),
    ),
    id: fieldText,
    name: fieldText,
    autocomplete: fieldText,
    inputMode: fc.oneof(fc.constantFrom('', 'numeric', 'email', 'text'), anyText(6)),
    placeholder: fieldText,
    ariaLabel: fieldText,
    labelText: fieldText,
    contextText: fieldText,
    maxLength: fc.oneof(fc.constantFrom(-1, 1, 6, 8, 20, 524288), fc.integer()),
    pattern: fc.oneof(fc.constantFrom('', '[0-9]*', '\\d{6}'), anyText(8)),
    readOnly: fc.boolean(),
    disabled: fc.boolean(),
    visible: fc.boolean(),
    rect: fc.record({
      x: finite,
      y: fc.oneof(fc.constantFrom(100, 120), finite),
      width: fc.oneof(fc.constantFrom(40, 44, 280), finite),
      height: fc.oneof(fc.constant(40), finite),
    }),
    formName: fieldText,
    formId: fieldText,
    groupKey: fc.constantFrom('form', 'boxes', 'other', ''),
    dataTestId: fieldText,
    value: fc.oneof(fc.constantFrom('', '1', '123456'), anyText(10)),
  });

const pageContext: fc.Arbitrary<PageContext> = fc.record({
  host: fc.oneof(fc.constantFrom(...HOSTS), fc.domain()),
  path: fc.oneof(fc.constantFrom(...PATHS), anyText(20)),
  text: fieldText,
});

const randomFields = fc
  .array(fc.integer({ min: 0, max: 20 }), { maxLength: 8 })
  .chain((keys) => fc.tuple(...keys.map((key) => descriptor(key))));

/** What a code field usually looks like, so the classifier's positive paths are fuzzed too. */
const codeLike = fc.record(
  {
    type: fc.constantFrom('text', 'tel', 'number', ''),
    autocomplete: fc.constantFrom('one-time-code', '', 'off'),
    name: fc.constantFrom('otc', 'totp', 'code', 'otp', 'pin', 'verificationCode', 'idTxtBx_SAOTCC_OTC'),
    inputMode: fc.constantFrom('numeric', ''),
    maxLength: fc.constantFrom(6, 8, 10, -1),
    labelText: fc.constantFrom('Enter code', 'Code', 'Authenticator app code', 'Code sent to your email', ''),
    contextText: fc.constantFrom(
      'Enter the code from your authenticator app',
      'We sent a code to your email',
      '',
    ),
  },
  { requiredKeys: [] },
);
const SHOWN = { tag: 'input' as const, visible: true, disabled: false, readOnly: false, value: '' };

const codeField = fc
  .tuple(descriptor(100), codeLike)
  .map(([d, like]) => ({ ...d, ...SHOWN, rect: { x: 20, y: 120, width: 280, height: 36 }, ...like }));

/** A row of one-character boxes, like Microsoft's `codeEntry-N` (microsoft-pages.md §2.6). */
const boxRow = fc
  .integer({ min: 3, max: 9 })
  .chain((n) => fc.tuple(codeLike, ...Array.from({ length: n }, (_, i) => descriptor(200 + i))))
  .map(([like, ...boxes]) =>
    boxes.map((d, i) => ({
      ...d,
      ...SHOWN,
      type: like.type ?? 'tel',
      maxLength: 1,
      groupKey: 'boxes',
      rect: { x: 20 + i * 48, y: 120, width: 40, height: 40 },
    })),
  );

const fields = fc.oneof(
  randomFields,
  fc.tuple(randomFields, codeField).map(([list, f]) => [...list, f]),
  fc.tuple(randomFields, boxRow).map(([list, row]) => [...list, ...row]),
);

const classifyTarget = target<{ fields: FieldDescriptor[]; page: PageContext }>({
  name: 'page.classifyPage',
  arbitrary: fc.record({ fields, page: pageContext }),
  ciRuns: 2000,
  accept: never,
  run({ fields: list, page }) {
    const answer = classifyPage(list, page);
    const keys = new Set(list.map((f) => f.key));
    check(typeof answer.reason === 'string', 'an answer without a reason');
    if (answer.kind === 'single') check(keys.has(answer.key), 'a single field that is not among the fields');
    else if (answer.kind === 'segmented') {
      check(
        answer.keys.length > 0 && answer.keys.every((k) => keys.has(k)),
        'boxes that are not among the fields',
      );
      check(new Set(answer.keys).size === answer.keys.length, 'the same box twice');
    } else check(answer.kind === 'none', `unknown answer kind ${String((answer as { kind: unknown }).kind)}`);
    return answer.kind;
  },
});

// --- site bindings ----------------------------------------------------------------------------------

const bindingText = fc.oneof(
  anyText(60),
  fc.domain(),
  fc.domain().map((d) => `*.${d}`),
  fc.domain().map((d) => `host:${d}`),
  fc.domain().map((d) => `domain:${d}`),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.webUrl().map((u) => u.replace('://', '://user:pw@')),
  fc.constantFrom(
    'localhost',
    'a.localhost',
    '127.0.0.1',
    '[::1]',
    'https://[::1]/',
    'github.io',
    'co.uk',
    'com',
    'lіve.com',
    'münchen.de',
    'LOGIN.LIVE.COM.',
    'https://login.live.com@evil.test/',
    'http://example.com',
    'domain://x',
    'host:',
    '*.',
    '*.*.example.com',
    'xn--lve-jhd.com',
    'example.com:8443',
  ),
  tokenText(
    ['.', '-', '*', 'example', 'com', 'xn--', ':', '/', '@', 'host:', 'domain:', 'https://', '%', '\u0130'],
    12,
  ),
);

const ENTRY = /^(host|domain):([a-z0-9.-]+)$/;

const bindingTarget = target<{ text: string; url: string; others: string[]; issuer: string }>({
  name: 'page.binding',
  arbitrary: fc.record({
    text: bindingText,
    url: fc.oneof(
      pageUrl,
      bindingText.map((t) => `https://${t}/`),
    ),
    others: fc.array(bindingText, { maxLength: 3 }),
    issuer: fc.oneof(fc.constantFrom('Microsoft', ' microsoft ', 'GitHub', ''), anyText(10)),
  }),
  ciRuns: 2000,
  accept: (error) => error instanceof BindingError,
  run({ text, url, others, issuer }) {
    // Matching never throws, whatever is stored and whatever the page's URL.
    check(typeof isBoundTo([text, ...others], url) === 'boolean', 'isBoundTo did not answer a boolean');
    let page: URL | undefined;
    try {
      page = new URL(url);
    } catch {
      page = undefined;
    }
    for (const entry of defaultBindingsFor({ issuer }, page)) {
      check(ENTRY.test(entry), 'a default binding that is not a canonical entry');
      check(normaliseBinding(entry) === entry, 'a default binding that normaliseBinding changes');
    }
    const entry = normaliseBinding(text);
    const match = ENTRY.exec(entry);
    check(match !== null, 'normaliseBinding gave a non-canonical entry');
    check(normaliseBinding(entry) === entry, 'normaliseBinding is not idempotent');
    const host = match[2] as string;
    check(isBoundTo([entry], `https://${host}/`), 'an entry does not match its own host');
    check(!isBoundTo([entry], `http://${host}/`), 'an entry matches a plain-http page');
    if (match[1] === 'domain' && host.length < 240)
      check(isBoundTo([entry], `https://a.${host}/`), 'a domain entry does not match a subdomain');
    return match[1] as string;
  },
});

export const pageTargets: FuzzTarget[] = [
  secretTextTarget,
  recoveryCodeTarget,
  appPasswordTarget,
  providerTarget,
  classifyTarget,
  bindingTarget,
];
