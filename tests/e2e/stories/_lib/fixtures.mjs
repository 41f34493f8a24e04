// The fixed test data the fixture pages under tests/fixtures/pages/ show, in one place for the
// stories. The pages carry their own copy (each page is self-contained); a change here must be
// made there too. Not a story: the runner loads only top-level stories/*.mjs files.

/** Consumer setup (account.live.com/proofs/Add?apt=3&qr=<variant>): one secret per QR rendering. */
export const SETUP_ACCOUNT = 'pat@outlook.example';
export const SETUP_SECRETS = {
  'img-data': 'K5QW4Y3UMFZGS3DP',
  'img-same-origin': 'N2XGC4TZMF3GK2LT',
  'img-cross-origin': 'JZ3WK5DTNBQXE2LO',
  'img-blob': 'NFWWOLLCNRXWEMRS',
  canvas: 'OVZWK4TTMVRXEZLU',
  svg: 'MNQW45TBONZXK2LX',
  css: 'GJ4XI6LDNZ3GC5TE',
  none: 'H5ZXG2LOMRXWO3TF', // the secret-only variant: no QR, key text with NBSP
};
/** The setup page's verify input (its id differs per variant, as the real one is unknown). */
export const SETUP_VERIFY_INPUT = '#addTotp input:not([type=hidden]):not([type=submit])';

export function setupUrl(variant, { keyText = true } = {}) {
  return `https://account.live.com/proofs/Add?mkt=en-US&apt=3&qr=${variant}${keyText ? '' : '&keytext=0'}`;
}

/** The EnableTfa wizard (account.live.com/proofs/EnableTfa): TOTP step drawn on a canvas. */
export const ENABLETFA = {
  url: 'https://account.live.com/proofs/EnableTfa',
  secret: 'L4ZTENBVGY3TQOJA',
  account: 'pat@outlook.example',
  verifyInput: '#iAddTotpCode',
  recoveryCode: 'KX7RM-4PQ2H-TT9WD-8ZNCB-M3F6V',
};

/** Work/school security info (mysignins.microsoft.com/security-info). */
export const MYSIGNINS = {
  url: 'https://mysignins.microsoft.com/security-info',
  secret: 'T7KQA2MZR5VWX3HD', // shown lowercase on the page and in the URI
  tenant: 'Contoso',
  upn: 'pat@contoso.example',
  verifyInput: '[role=dialog] input[type=text]',
};

/** The "Generate a new code" dialog on /proofs/Manage/additional. */
export const RECOVERY_DIALOG = {
  url: 'https://account.live.com/proofs/Manage/additional',
  code: 'R2D9Q-HX7MP-4KWTC-Z8NLB-V6J3F',
};

/** Sign-in pages: the accounts the stories add by URI, and each page's code input. */
export const SIGNIN_CONSUMER = {
  label: 'pat@outlook.example',
  secret: 'ZB7PMXQ4RK2LWN6H',
  uri: 'otpauth://totp/Microsoft:pat@outlook.example?secret=ZB7PMXQ4RK2LWN6H&issuer=Microsoft',
};
export const SIGNIN_WORK = {
  label: 'pat@contoso.example',
  secret: 'Q2CY7WTNMB4XKRHZ',
  uri: 'otpauth://totp/Contoso%3Apat%40contoso.example?secret=q2cy7wtnmb4xkrhz&issuer=Microsoft',
};
export const SIGNIN_PAGES = {
  oldUi: { path: '/login.srf', input: '#idTxtBx_SAOTCC_OTC' },
  oldUiSms: { path: '/ppsecure/post.srf', input: '#idTxtBx_SAOTCC_OTC' },
  newUi: {
    path: '/oauth20_authorize.srf',
    input: 'form[name=OneTimeCodeViewForm] input[type=text]',
    hiddenTwin: '#otc-confirmation-input',
  },
  emailSegmented: {
    path: '/ppsecure/secure.srf',
    inputs: [0, 1, 2, 3, 4, 5].map((i) => `#codeEntry-${i}`),
  },
  sentSingle: { path: '/GetOneTimeCode.srf', input: '#idTxtBx_OTC_Password' },
  workPicker: { path: '/common/login', input: '#idTxtBx_SAOTCC_OTC' },
};

/** App passwords: how to reach each, and what must be stored (display spaces dropped, Apple's hyphens kept). */
export const APP_PASSWORDS = [
  {
    provider: 'microsoft',
    name: /microsoft/i,
    url: 'https://account.live.com/proofs/AppPassword',
    steps: [{ click: '#iCreateAppPassword' }],
    shown: 'vbqkzmtrwhxnpdla',
    stored: 'vbqkzmtrwhxnpdla',
  },
  {
    provider: 'google',
    name: /google/i,
    url: 'https://myaccount.google.com/apppasswords',
    steps: [{ type: '#appName', text: 'Outlook migration' }, { click: '#createBtn' }],
    shown: 'hjkt wmpq zrxv bnsd',
    stored: 'hjktwmpqzrxvbnsd',
    userName: 'pat.smith@gmail.example',
  },
  {
    provider: 'yahoo',
    name: /yahoo/i,
    url: 'https://login.yahoo.com/account/security/app-passwords',
    steps: [{ click: '#btnGenerateAppPassword' }, { click: '#btnGeneratePassword' }],
    shown: 'qplmzvtrxwkdnbhy',
    stored: 'qplmzvtrxwkdnbhy',
  },
  {
    provider: 'apple',
    name: /apple|icloud/i,
    url: 'https://account.apple.com/account/manage/section/security',
    steps: [{ click: '#generate-asp' }, { click: '#aspCreate' }],
    shown: 'fkzq-rwmt-xbnv-hpld',
    stored: 'fkzq-rwmt-xbnv-hpld',
  },
  {
    provider: 'fastmail',
    name: /fastmail/i,
    url: 'https://app.fastmail.com/settings/security/apppasswords',
    steps: [{ click: '#newAppPassword' }, { click: '#generate' }],
    shown: '3k8v2xq9hw4tpzbn',
    stored: '3k8v2xq9hw4tpzbn',
  },
  {
    provider: 'zoho',
    name: /zoho/i,
    url: 'https://accounts.zoho.com/home#security/app_password',
    steps: [{ click: '#generate_app_pass' }, { click: '#app_pass_generate' }],
    shown: '7xpq 2mwn 9krt',
    stored: '7xpq2mwn9krt',
  },
];

/**
 * Other sites: an account per site, added by URI and bound with the rename form's `rename-sites`.
 * `fields` is one path (single input) or a list of paths (segmented boxes, one character each).
 */
export const GENERIC_SITES = [
  {
    name: 'GitHub',
    label: 'octocat',
    secret: 'GH4TQ2XW7ZLMNPRS',
    sites: 'github.com',
    url: 'https://github.com/sessions/two-factor/app',
    fields: '#app_totp',
  },
  {
    name: 'AWS',
    label: 'pat@aws',
    secret: 'AW5JQ3XKZ2MPLR7T',
    sites: 'signin.aws.amazon.com',
    url: 'https://signin.aws.amazon.com/signin',
    fields: '#mfaCode',
  },
  {
    name: 'Amazon',
    label: 'pat@amazon',
    secret: '5UYTTJBDBYZQA5CMRPW2RUIGFHVO45WWTUZFARCBVTYGHN55U2OA', // 52 characters, like Amazon's
    sites: 'www.amazon.com',
    url: 'https://www.amazon.com/ap/mfa',
    fields: '#auth-mfa-otpcode',
  },
  {
    name: 'Okta',
    label: 'pat@acme',
    secret: 'OKTAZ7XQ4MPRLW2K',
    sites: 'acme.okta.com',
    url: 'https://acme.okta.com/signin/verify',
    fields: 'input[name="credentials.passcode"]',
  },
  {
    name: 'PayPal',
    label: 'pat@paypal',
    secret: 'PYPLQ7XM4ZRKW2TB',
    sites: 'www.paypal.com',
    url: 'https://www.paypal.com/authflow/twofactor',
    fields: [0, 1, 2, 3, 4, 5].map((i) => `#ci-otpCode-${i}`),
    joined: '#otpCode', // the page's own hidden copy, built from the boxes' input events
  },
  {
    name: 'Steam',
    label: 'gaben',
    secret: 'STMQ7XM4ZRKW2TBLPNVAHJ3DKEGQ5W6Y',
    steam: true, // issuer Steam → Steam Guard codes (5 characters)
    sites: 'store.steampowered.com',
    url: 'https://store.steampowered.com/login',
    fields: [1, 2, 3, 4, 5].map((i) => `.boxes input:nth-child(${i})`),
  },
  {
    name: 'ReactOTP',
    label: 'pat@react',
    secret: 'RCTQ7XM4ZRKW2TBL',
    sites: 'react-otp.test',
    url: 'https://react-otp.test/verify',
    fields: '#otp-input',
    stateEcho: '#state-echo',
  },
  {
    name: 'Dropbox',
    label: 'pat@dropbox',
    secret: 'DBXQ7XM4ZRKW2TBL',
    sites: 'www.dropbox.com',
    url: 'https://www.dropbox.com/login',
    fields: 'input[name=code]',
  },
  {
    name: 'Slack',
    label: 'pat@acme-slack',
    secret: 'SLKQ7XM4ZRKW2TBL',
    sites: 'acme.slack.com',
    url: 'https://acme.slack.com/signin/2fa',
    fields: '#auth_code',
  },
  {
    name: 'ShadowOTP',
    label: 'pat@shadow',
    secret: 'SHDQ7XM4ZRKW2TBL',
    sites: 'shadow-otp.test',
    url: 'https://shadow-otp.test/verify',
    fields: ['mfa-code-input', 'input'],
    single: true, // a path, not a list of boxes
  },
  {
    name: 'IframeOTP',
    label: 'pat@iframe',
    secret: 'IFRQ7XM4ZRKW2TBL',
    sites: 'iframe-otp.test',
    url: 'https://iframe-otp.test/',
    fields: ['iframe#mfa-frame', '#otp'],
    single: true,
  },
];

/** Pages on bound sites whose fields must stay empty. */
export const GENERIC_NEGATIVES = [
  {
    what: 'GitHub recovery-code entry',
    url: 'https://github.com/sessions/two-factor/recovery',
    fields: ['#recovery_code'],
  },
  {
    what: 'GitHub login form with password',
    url: 'https://github.com/login',
    fields: ['#login_field', '#password'],
  },
  {
    what: 'Okta password step (same name credentials.passcode)',
    url: 'https://acme.okta.com/signin/password',
    fields: ['input[name="credentials.passcode"]'],
  },
  {
    what: 'shop checkout: zip, coupon, captcha',
    url: 'https://shop.test/checkout',
    fields: ['#postal_code', '#coupon_code', '#captcha_code'],
  },
];
export const SHOP_ACCOUNT = {
  name: 'Shop',
  label: 'pat@shop',
  secret: 'SHPQ7XM4ZRKW2TBL',
  sites: 'shop.test',
};

export const LOOKALIKES = ['login.live.com.evil.test', 'login-live.com', 'xn--lgin-live-02h.com'];
export const LOOKALIKE_WORK = 'xn--micrsoft-qbh.com';
