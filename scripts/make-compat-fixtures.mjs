#!/usr/bin/env node
// Writes the repository's own compatibility fixtures: tests/fixtures/compat/manifest.json (the
// corpus manifest format, see ../shared/corpus/README.md "manifest.json") and the files it names.
//
// Every value here is made up for TwoStep (accounts, secrets, passwords); nothing comes from the
// third-party corpus. Files are built from the formats' documentation (peers.md §4) with node:crypto
// as an implementation independent of lib/transfer/import (which uses WebCrypto and @noble/hashes),
// so a round trip through the importers checks both against the format, not against each other.
// Deterministic: "random" salts, IVs and keys are hashes of fixed labels, so re-running gives
// byte-identical files (the generated files are committed; `npm run compat` regenerates them only
// when the manifest is missing).
//
// Usage: node scripts/make-compat-fixtures.mjs [output folder]
import { execFileSync } from 'node:child_process';
import { createCipheriv, createHash, createHmac, pbkdf2Sync, scryptSync } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.resolve(process.argv[2] ?? path.join(ROOT, 'tests/fixtures/compat'));
const PASSWORD = 'correct horse battery staple';
const WRONG_PASSWORD = 'not the password';

// ---------------------------------------------------------------------------------------------
// Bytes, encodings

/** `n` deterministic bytes for `label` (SHA-256 in counter mode): stands in for randomness. */
function det(label, n) {
  const out = Buffer.alloc(n);
  for (let i = 0, filled = 0; filled < n; i += 1) {
    const block = createHash('sha256').update(`twostep-fixture:${label}:${i}`).digest();
    filled += block.copy(out, filled, 0, Math.min(32, n - filled));
  }
  return out;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** RFC 4648 §6 base32, upper case, without padding. */
function base32(bytes) {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text) {
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/=+$/, '')) {
    value = (value << 5) | B32.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

const padBase32 = (text) => text + '='.repeat((8 - (text.length % 8)) % 8);
const uuid = (label) => {
  const h = det(`uuid ${label}`, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** AES-256-GCM: ciphertext and 16-byte tag. */
function gcm(key, iv, plaintext) {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

// ---------------------------------------------------------------------------------------------
// The accounts (made up). `expected` is the corpus README's account shape.

const ACCOUNTS = {
  mail: {
    type: 'totp',
    issuer: 'Fixture Mail',
    account: 'ada@example.org',
    bytes: 20,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  },
  bank: {
    type: 'totp',
    issuer: 'Fixture Bank',
    account: 'grace',
    bytes: 32,
    algorithm: 'SHA256',
    digits: 8,
    period: 60,
  },
  vpn: {
    type: 'hotp',
    issuer: 'Fixture VPN',
    account: 'linus@example.net',
    bytes: 20,
    algorithm: 'SHA1',
    digits: 6,
    counter: 7,
  },
  steam: {
    type: 'steam',
    issuer: 'Steam',
    account: 'gabe',
    bytes: 20,
    algorithm: 'SHA1',
    digits: 5,
    period: 30,
  },
  cloud: {
    type: 'totp',
    issuer: 'Fixture Cloud',
    account: 'ken@example.com',
    bytes: 64,
    algorithm: 'SHA512',
    digits: 6,
    period: 30,
  },
  cafe: {
    type: 'totp',
    issuer: 'Café Zürich',
    account: 'jürgen+2fa@exämple.de',
    bytes: 10,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  },
  forum: {
    type: 'totp',
    issuer: 'Fixture Forum',
    account: 'margaret',
    bytes: 16,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  },
};
for (const [name, a] of Object.entries(ACCOUNTS)) a.secret = base32(det(`secret ${name}`, a.bytes));

function expected(a, overrides = {}) {
  const { type, issuer, account, secret, algorithm, digits } = { ...a, ...overrides };
  const moving =
    type === 'hotp' ? { counter: overrides.counter ?? a.counter } : { period: overrides.period ?? a.period };
  return { type, issuer, account, secret, algorithm, digits, ...moving };
}

/** Key URI (Key Uri Format): label `issuer:account`, then every parameter explicitly. */
function otpauth(a, extra = '') {
  const label = `${encodeURIComponent(a.issuer)}:${encodeURIComponent(a.account)}`;
  const moving = a.type === 'hotp' ? `counter=${a.counter}` : `period=${a.period}`;
  return (
    `otpauth://${a.type}/${label}?secret=${a.secret}&issuer=${encodeURIComponent(a.issuer)}` +
    `&algorithm=${a.algorithm}&digits=${a.digits}&${moving}${extra}`
  );
}

// ---------------------------------------------------------------------------------------------
// OTP (RFC 4226 §5.3, RFC 6238 §4), written here to check the RFC tables and lib/otp independently

function hotp(secret, counter, algorithm, digits) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm.toLowerCase(), secret).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const truncated = mac.readUInt32BE(offset) & 0x7fffffff;
  return { truncated, code: String(truncated % 10 ** digits).padStart(digits, '0') };
}

const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';
function steamCode(secret, time) {
  let { truncated: n } = hotp(secret, Math.floor(time / 30), 'SHA1', 6);
  let out = '';
  for (let i = 0; i < 5; i += 1) {
    out += STEAM_ALPHABET[n % 26];
    n = Math.floor(n / 26);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Google Authenticator migration payload (peers.md §4.1): protobuf, written by hand

function varint(value) {
  let v = BigInt.asUintN(64, BigInt(value)); // negative int32 → 10-byte two's complement varint
  const out = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return Buffer.from(out);
}
const field = (number, wire, payload) =>
  wire === 0
    ? Buffer.concat([varint((number << 3) | 0), varint(payload)])
    : Buffer.concat([varint((number << 3) | 2), varint(payload.length), payload]);

const GA_ALGORITHM = { SHA1: 1, SHA256: 2, SHA512: 3 };
const GA_DIGITS = { 6: 1, 8: 2 };

function migrationPayload(accounts, { batchSize = 1, batchIndex = 0, batchId = 0 } = {}) {
  const entries = accounts.map((a) =>
    field(
      1,
      2,
      Buffer.concat([
        field(1, 2, fromBase32(a.secret)),
        field(2, 2, Buffer.from(`${a.issuer}:${a.account}`)),
        field(3, 2, Buffer.from(a.issuer)),
        field(4, 0, GA_ALGORITHM[a.algorithm]),
        field(5, 0, GA_DIGITS[a.digits]),
        field(6, 0, a.type === 'hotp' ? 1 : 2),
        ...(a.type === 'hotp' ? [field(7, 0, a.counter)] : []),
      ]),
    ),
  );
  return Buffer.concat([
    ...entries,
    field(2, 0, 1),
    field(3, 0, batchSize),
    field(4, 0, batchIndex),
    field(5, 0, batchId),
  ]);
}
const migrationUri = (payload, raw = false) =>
  `otpauth-migration://offline?data=${raw ? payload.toString('base64') : encodeURIComponent(payload.toString('base64'))}`;
/** Google exports carry no period: a migrated account always has 30 s (peers.md §4.1). */
const asMigrated = (a) => expected(a, a.type === 'hotp' ? {} : { period: 30 });

// ---------------------------------------------------------------------------------------------
// Pictures: QR codes from qrcode's module matrix, page-like screenshots, PNG via pngjs

function prng(seed) {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function blank(width, height, grey = 255) {
  const data = Buffer.alloc(width * height * 4, grey);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { data, width, height };
}

function rect(image, left, top, width, height, grey) {
  for (let y = Math.max(0, top); y < Math.min(image.height, top + height); y += 1) {
    for (let x = Math.max(0, left); x < Math.min(image.width, left + width); x += 1) {
      const i = (y * image.width + x) * 4;
      image.data[i] = grey;
      image.data[i + 1] = grey;
      image.data[i + 2] = grey;
    }
  }
}

/** `text` as a QR code; `invert` draws light modules on a dark ground (quiet zone included). */
function code(text, { scale = 4, quiet = 4, dark = 0, light = 255, invert = false } = {}) {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const side = (modules.size + 2 * quiet) * scale;
  const [ink, ground] = invert ? [light, dark] : [dark, light];
  const image = blank(side, side, ground);
  for (let my = 0; my < modules.size; my += 1)
    for (let mx = 0; mx < modules.size; mx += 1)
      if (modules.get(my, mx) === 1)
        rect(image, (mx + quiet) * scale, (my + quiet) * scale, scale, scale, ink);
  return image;
}

/** A 1920×1080-style page: title bar, sidebar, lines of grey "words" (compresses well as PNG). */
function page(width, height, seed) {
  const image = blank(width, height);
  const random = prng(seed);
  rect(image, 0, 0, width, Math.round(height * 0.07), 48);
  rect(image, 0, Math.round(height * 0.07), Math.round(width * 0.16), height, 236);
  const line = 14;
  for (let y = 120; y < height - line; y += line * 2) {
    let x = Math.round(width * 0.2);
    while (x < width * 0.94) {
      const word = Math.floor(random() * 70) + 14;
      rect(image, x, y, word, line, Math.floor(random() * 90));
      x += word + 10;
    }
  }
  return image;
}

function paste(target, image, left, top, margin = 0) {
  rect(target, left - margin, top - margin, image.width + 2 * margin, image.height + 2 * margin, 255);
  for (let y = 0; y < image.height; y += 1)
    image.data.copy(
      target.data,
      ((top + y) * target.width + left) * 4,
      y * image.width * 4,
      (y + 1) * image.width * 4,
    );
  return target;
}

function png(image) {
  const out = new PNG({ width: image.width, height: image.height, colorType: 2 });
  out.data = image.data;
  return PNG.sync.write(out, { colorType: 2, deflateLevel: 9 });
}

// ---------------------------------------------------------------------------------------------
// Backup formats (peers.md §4)

function aegisContent(accounts) {
  return {
    version: 3,
    entries: accounts.map((a, i) => ({
      type: a.type,
      uuid: uuid(`aegis ${i}`),
      name: a.account,
      issuer: a.issuer,
      note: '',
      favorite: false,
      icon: null,
      info: {
        secret: a.secret,
        algo: a.algorithm,
        digits: a.digits,
        ...(a.type === 'hotp' ? { counter: a.counter } : { period: a.period }),
      },
      groups: [],
    })),
    groups: [],
  };
}

/** Aegis vault (docs/vault.md): scrypt password slot wraps a master key; the db is AES-256-GCM. */
function aegisEncrypted(content, password) {
  const masterKey = det('aegis master key', 32);
  const salt = det('aegis salt', 32);
  const params = { N: 2 ** 12, r: 8, p: 1 };
  const slotKey = scryptSync(Buffer.from(password.normalize('NFC')), salt, 32, {
    ...params,
    maxmem: 64 * 1024 * 1024,
  });
  const slotNonce = det('aegis slot nonce', 12);
  const wrapped = gcm(slotKey, slotNonce, masterKey);
  const dbNonce = det('aegis db nonce', 12);
  const db = gcm(masterKey, dbNonce, Buffer.from(JSON.stringify(content)));
  return {
    version: 1,
    header: {
      slots: [
        {
          type: 1,
          uuid: uuid('aegis slot'),
          key: wrapped.ciphertext.toString('hex'),
          key_params: { nonce: slotNonce.toString('hex'), tag: wrapped.tag.toString('hex') },
          n: params.N,
          r: params.r,
          p: params.p,
          salt: salt.toString('hex'),
          repaired: true,
        },
      ],
      params: { nonce: dbNonce.toString('hex'), tag: db.tag.toString('hex') },
    },
    db: db.ciphertext.toString('base64'),
  };
}

const TWOFAS_TYPE = { totp: 'TOTP', hotp: 'HOTP', steam: 'STEAM' };
function twoFasServices(accounts) {
  return accounts.map((a, i) => ({
    name: a.issuer,
    secret: a.secret,
    updatedAt: 1_700_000_000_000 + i,
    otp: {
      label: `${a.issuer}:${a.account}`,
      account: a.account,
      issuer: a.issuer,
      digits: a.digits,
      period: a.period ?? 30,
      algorithm: a.algorithm,
      tokenType: TWOFAS_TYPE[a.type],
      ...(a.type === 'hotp' ? { counter: a.counter } : {}),
      source: 'Manual',
    },
    order: { position: i },
    icon: {
      selected: 'Label',
      label: { text: a.issuer.slice(0, 2).toUpperCase(), backgroundColor: 'Orange' },
    },
  }));
}
const twoFasEnvelope = (extra) => ({
  services: [],
  groups: [],
  updatedAt: 1_700_000_100_000,
  schemaVersion: 4,
  appVersionCode: 5000000,
  appVersionName: '5.0.0',
  appOrigin: 'android',
  ...extra,
});

/** 2FAS: base64(ciphertext‖tag):base64(salt):base64(iv), PBKDF2-HMAC-SHA256 10 000, AES-256-GCM. */
function twoFasEncrypted(services, password) {
  const salt = det('2fas salt', 256);
  const key = pbkdf2Sync(password, salt, 10_000, 32, 'sha256');
  const seal = (label, text) => {
    const iv = det(`2fas iv ${label}`, 12);
    const { ciphertext, tag } = gcm(key, iv, Buffer.from(text));
    return [
      Buffer.concat([ciphertext, tag]).toString('base64'),
      salt.toString('base64'),
      iv.toString('base64'),
    ].join(':');
  };
  return twoFasEnvelope({
    services: [],
    servicesEncrypted: seal('services', JSON.stringify(services)),
    reference: seal('reference', 'TwoStep fixture reference text, sealed to check the password first.'),
  });
}

const ANDOTP_TYPE = { totp: 'TOTP', hotp: 'HOTP', steam: 'STEAM' };
function andOtpEntries(accounts) {
  return accounts.map((a, i) => ({
    secret: padBase32(a.secret),
    issuer: a.issuer,
    label: a.account,
    digits: a.digits,
    type: ANDOTP_TYPE[a.type],
    algorithm: a.algorithm,
    thumbnail: 'Default',
    last_used: 1_700_000_000_000 + i,
    used_frequency: 0,
    ...(a.type === 'hotp' ? { counter: a.counter } : { period: a.period }),
    tags: [],
  }));
}

/** andOTP current format: iterations (uint32 BE) ‖ salt 12 ‖ nonce 12 ‖ AES-256-GCM ciphertext ‖ tag. */
function andOtpEncrypted(entries, password) {
  const iterations = 140_000;
  const salt = det('andotp salt', 12);
  const nonce = det('andotp nonce', 12);
  const key = pbkdf2Sync(password, salt, iterations, 32, 'sha1');
  const { ciphertext, tag } = gcm(key, nonce, Buffer.from(JSON.stringify(entries)));
  const head = Buffer.alloc(4);
  head.writeUInt32BE(iterations);
  return Buffer.concat([head, salt, nonce, ciphertext, tag]);
}

/** Bitwarden items: an otpauth URI, a steam:// value, a bare secret, plus items without a code. */
function bitwardenExport() {
  const { mail, bank, steam, forum } = ACCOUNTS;
  const login = (name, username, totp, uri) => ({
    id: uuid(`bitwarden ${name}`),
    organizationId: null,
    folderId: uuid('bitwarden folder'),
    type: 1,
    reprompt: 0,
    name,
    notes: null,
    favorite: false,
    login: { uris: uri ? [{ match: null, uri }] : [], username, password: 'fixture-password', totp },
    collectionIds: null,
  });
  return {
    encrypted: false,
    folders: [{ id: uuid('bitwarden folder'), name: 'Fixtures' }],
    items: [
      login('Mail', mail.account, otpauth(mail), 'https://mail.example.org/login'),
      login('Bank', bank.account, otpauth(bank), 'https://bank.example'),
      login(steam.issuer, steam.account, `steam://${steam.secret}`, 'https://store.steampowered.com'),
      login(forum.issuer, forum.account, forum.secret, 'https://forum.example'),
      login('No code here', 'someone', null, 'https://example.com'),
      {
        id: uuid('bitwarden note'),
        organizationId: null,
        folderId: null,
        type: 2,
        reprompt: 0,
        name: 'A secure note',
        notes: 'otpauth is mentioned here but this is not a login',
        favorite: false,
        secureNote: { type: 0 },
        collectionIds: null,
      },
    ],
  };
}
const bitwardenExpected = () => {
  const { mail, bank, steam, forum } = ACCOUNTS;
  return [expected(mail), expected(bank), expected(steam), expected(forum)];
};

/** Bitwarden password-protected export: PBKDF2-SHA256 → HKDF-Expand enc/mac → AES-256-CBC + HMAC. */
function bitwardenEncrypted(plain, password) {
  const salt = det('bitwarden salt', 16).toString('base64');
  const iterations = 600_000;
  const master = pbkdf2Sync(password, Buffer.from(salt), iterations, 32, 'sha256');
  // HKDF-Expand (RFC 5869 §2.3) for one 32-byte block: T(1) = HMAC(PRK, info ‖ 0x01)
  const expand = (info) =>
    createHmac('sha256', master)
      .update(Buffer.concat([Buffer.from(info), Buffer.from([1])]))
      .digest();
  const encKey = expand('enc');
  const macKey = expand('mac');
  const encString = (label, text) => {
    const iv = det(`bitwarden iv ${label}`, 16);
    const cipher = createCipheriv('aes-256-cbc', encKey, iv);
    const ciphertext = Buffer.concat([cipher.update(Buffer.from(text)), cipher.final()]);
    const mac = createHmac('sha256', macKey)
      .update(Buffer.concat([iv, ciphertext]))
      .digest();
    return `2.${iv.toString('base64')}|${ciphertext.toString('base64')}|${mac.toString('base64')}`;
  };
  return {
    encrypted: true,
    passwordProtected: true,
    salt,
    kdfType: 0,
    kdfIterations: iterations,
    kdfMemory: null,
    kdfParallelism: null,
    encKeyValidation_DO_NOT_EDIT: encString('validation', uuid('bitwarden validation')),
    data: encString('data', JSON.stringify(plain)),
  };
}

function csvField(value) {
  const text = value ?? '';
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
/** Bitwarden CSV as exported today (with the `reprompt` column; peers.md §4.6 lists the older one). */
function bitwardenCsv(plain) {
  const header =
    'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';
  const rows = plain.items.map((item) =>
    [
      item.folderId ? 'Fixtures' : '',
      item.favorite ? '1' : '',
      item.type === 1 ? 'login' : 'note',
      item.name,
      item.notes,
      '',
      String(item.reprompt),
      item.login?.uris?.[0]?.uri ?? '',
      item.login?.username ?? '',
      item.login?.password ?? '',
      item.login?.totp ?? '',
    ]
      .map(csvField)
      .join(','),
  );
  return `${[header, ...rows].join('\n')}\n`;
}

/** FreeOTP+ export (peers.md §4.7): secrets as signed Java bytes; HOTP counter stored one lower. */
function freeOtpPlus(accounts) {
  return {
    tokenOrder: accounts.map((a) => `${a.issuer}:${a.account}`),
    tokens: accounts.map((a) => ({
      algo: a.algorithm,
      counter: a.type === 'hotp' ? a.counter - 1 : 0,
      digits: a.digits,
      issuerExt: a.issuer,
      issuerInt: a.issuer,
      label: a.account,
      period: a.period ?? 30,
      secret: [...fromBase32(a.secret)].map((b) => (b > 127 ? b - 256 : b)),
      type: a.type.toUpperCase(),
    })),
  };
}

/** Raivo OTP plain export (peers.md §4.8): numbers as strings, `timer` is the period. */
function raivo(accounts) {
  return accounts.map((a) => ({
    kind: a.type.toUpperCase(),
    issuer: a.issuer,
    account: a.account,
    secret: a.secret,
    algorithm: a.algorithm,
    digits: String(a.digits),
    timer: String(a.period ?? 30),
    counter: String(a.counter ?? 0),
    iconType: '',
    iconValue: '',
  }));
}

/** Proton Authenticator export: entries holding a key URI each. */
function proton(accounts) {
  return {
    version: 1,
    entries: accounts.map((a, i) => ({
      id: uuid(`proton ${i}`),
      content: { uri: otpauth(a), entry_type: 'Totp', name: a.account },
      note: null,
    })),
  };
}

/** Authenticator (authenticator.cc) JSON export, plain entries (peers.md §4.5). */
function authenticatorExtension(accounts) {
  return Object.fromEntries(
    accounts.map((a, i) => {
      const hash = det(`authext ${i}`, 16).toString('hex');
      return [
        hash,
        {
          account: a.account,
          issuer: a.issuer,
          secret: a.secret,
          type: a.type,
          encrypted: false,
          index: i,
          counter: a.counter ?? 0,
          ...(a.type === 'hotp' ? {} : { period: a.period }),
          digits: a.digits,
          algorithm: a.algorithm,
          pinned: false,
          hash,
          dataType: 'OTPStorage',
        },
      ];
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The cases

const cases = [];
const files = new Map();
const SOURCE = 'TwoStep scripts/make-compat-fixtures.mjs (made-up values)';
const addFile = (name, content) => {
  files.set(name, typeof content === 'string' ? Buffer.from(content) : content);
  return name;
};
const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

// RFC tables, typed from the RFCs; each is recomputed below and the script stops on a mismatch.
const RFC6238_SEEDS = {
  SHA1: '12345678901234567890',
  SHA256: '12345678901234567890123456789012',
  SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
};
const RFC6238 = {
  SHA1: ['94287082', '07081804', '14050471', '89005924', '69279037', '65353130'],
  SHA256: ['46119246', '68084774', '67062674', '91819424', '90698825', '77737706'],
  SHA512: ['90693936', '25091201', '99943326', '93441116', '38618901', '47863826'],
};
const RFC6238_TIMES = [59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000];
const RFC4226 = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
];

for (const algorithm of ['SHA1', 'SHA256', 'SHA512']) {
  const seed = Buffer.from(RFC6238_SEEDS[algorithm]);
  const codes = RFC6238_TIMES.map((time, i) => {
    const code = hotp(seed, Math.floor(time / 30), algorithm, 8).code;
    if (code !== RFC6238[algorithm][i]) throw new Error(`RFC 6238 ${algorithm} t=${time}: computed ${code}`);
    return { secret: base32(seed), algorithm, digits: 8, period: 30, time, code };
  });
  cases.push({
    id: `otp-rfc6238-${algorithm.toLowerCase()}`,
    kind: 'otp-vector',
    expect: { codes },
    source: 'RFC 6238 Appendix B',
  });
}
{
  const seed = Buffer.from(RFC6238_SEEDS.SHA1);
  const codes = RFC4226.map((want, counter) => {
    const { code } = hotp(seed, counter, 'SHA1', 6);
    if (code !== want) throw new Error(`RFC 4226 counter ${counter}: computed ${code}`);
    return { secret: base32(seed), algorithm: 'SHA1', digits: 6, counter, code };
  });
  cases.push({
    id: 'otp-rfc4226-hotp',
    kind: 'otp-vector',
    expect: { codes },
    source: 'RFC 4226 Appendix D',
  });
}
{
  const times = [0, 59, 1_700_000_000, 4_102_444_800];
  const codes = [];
  for (const name of ['bank', 'cloud', 'cafe']) {
    const a = ACCOUNTS[name];
    for (const time of times) {
      const { code } = hotp(fromBase32(a.secret), Math.floor(time / a.period), a.algorithm, a.digits);
      codes.push({
        secret: a.secret,
        algorithm: a.algorithm,
        digits: a.digits,
        period: a.period,
        time,
        code,
      });
    }
  }
  const vpn = ACCOUNTS.vpn;
  for (const counter of [0, 7, 2 ** 32 + 1]) {
    const { code } = hotp(fromBase32(vpn.secret), counter, vpn.algorithm, vpn.digits);
    codes.push({ secret: vpn.secret, algorithm: vpn.algorithm, digits: vpn.digits, counter, code });
  }
  for (const time of times) {
    codes.push({
      type: 'steam',
      secret: ACCOUNTS.steam.secret,
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
      time,
      code: steamCode(fromBase32(ACCOUNTS.steam.secret), time),
    });
  }
  cases.push({
    id: 'otp-fixture-accounts',
    kind: 'otp-vector',
    expect: { codes },
    source: SOURCE,
    note: 'codes computed by this script with node:crypto HMAC (RFC 4226 truncation; Steam: 5 symbols of 23456789BCDFGHJKMNPQRTVWXY)',
  });
}

// QR images
const qr = (id, file, image, text, accounts, extra = {}) =>
  cases.push({
    id,
    kind: 'qr-image',
    file: addFile(`qr/${file}`, png(image)),
    format: 'qr',
    expect: { text, ...(accounts ? { accounts } : {}) },
    source: SOURCE,
    ...extra,
  });
const { mail, bank, vpn, steam, cloud, cafe, forum } = ACCOUNTS;
qr('qr-otpauth-totp', 'otpauth-totp.png', code(otpauth(mail)), otpauth(mail), [expected(mail)]);
qr('qr-otpauth-hotp', 'otpauth-hotp.png', code(otpauth(vpn)), otpauth(vpn), [expected(vpn)]);
qr('qr-otpauth-steam', 'otpauth-steam.png', code(otpauth(steam)), otpauth(steam), [expected(steam)]);
qr('qr-otpauth-utf8', 'otpauth-utf8.png', code(otpauth(cafe), { scale: 3 }), otpauth(cafe), [expected(cafe)]);
const single = migrationUri(migrationPayload([mail, vpn, cloud]));
qr(
  'qr-migration-single',
  'migration-single.png',
  code(single, { scale: 3 }),
  single,
  [mail, vpn, cloud].map(asMigrated),
);
const batchId = -123456789;
const batches = [
  migrationUri(migrationPayload([mail, cloud], { batchSize: 2, batchIndex: 0, batchId })),
  migrationUri(migrationPayload([vpn, cafe], { batchSize: 2, batchIndex: 1, batchId })),
];
qr(
  'qr-migration-batch-1-of-2',
  'migration-batch-1-of-2.png',
  code(batches[0], { scale: 3 }),
  batches[0],
  [mail, cloud].map(asMigrated),
);
qr(
  'qr-migration-batch-2-of-2',
  'migration-batch-2-of-2.png',
  code(batches[1], { scale: 3 }),
  batches[1],
  [vpn, cafe].map(asMigrated),
);
qr('qr-inverted', 'inverted.png', code(otpauth(bank), { invert: true }), otpauth(bank), [expected(bank)], {
  note: 'light modules on a dark quiet zone',
});
qr(
  'qr-low-contrast',
  'low-contrast.png',
  code(otpauth(forum), { dark: 118, light: 138 }),
  otpauth(forum),
  [expected(forum)],
  {
    note: '20 grey levels between modules: jsQR alone reads such blocks as flat',
  },
);
{
  const screenshot = paste(page(1920, 1080, 11), code(otpauth(bank), { scale: 3 }), 1240, 610, 12);
  qr(
    'qr-page-1920x1080-small-code',
    'page-1920x1080-small-code.png',
    screenshot,
    otpauth(bank),
    [expected(bank)],
    {
      note: 'a 3 px/module code (~160 px) in a page-like 1920×1080 screenshot',
    },
  );
}
{
  const screenshot = page(1920, 1080, 12);
  paste(screenshot, code(batches[0], { scale: 3 }), 500, 400, 12);
  paste(screenshot, code(batches[1], { scale: 3 }), 1100, 400, 12);
  qr('qr-page-1920x1080-two-batches', 'page-1920x1080-two-batches.png', screenshot, batches[0], undefined, {
    expect: { text: batches[0], texts: batches },
    note: 'both parts of one export on one page; expect.texts (an extension of the corpus format): every code must be found by decodeAllQr; expect.text passes when decodeQr or decodeAllQr returns it',
  });
}
qr(
  'qr-negative-not-otp',
  'not-otp.png',
  code('https://example.org/welcome?from=qr'),
  'https://example.org/welcome?from=qr',
  undefined,
  {
    expect: { text: 'https://example.org/welcome?from=qr', error: true },
  },
);
cases.push({
  id: 'qr-negative-text-named-jpeg',
  kind: 'qr-image',
  file: addFile('qr/not-an-image.jpeg', 'This is a text file with a picture extension.\n'),
  format: 'qr',
  expect: { error: true },
  source: SOURCE,
});

// Plain texts
const importText = (id, format, text, accounts, extra = {}) =>
  cases.push({ id, kind: 'import-text', text, format, expect: { accounts }, source: SOURCE, ...extra });
importText(
  'text-otpauth-list',
  'otpauth-list',
  `${[mail, bank, vpn, steam, cafe].map((a) => otpauth(a)).join('\n')}\n`,
  [mail, bank, vpn, steam, cafe].map((a) => expected(a)),
);
importText(
  'text-ente-code-display',
  'ente',
  `${[mail, cloud]
    .map((a, i) =>
      otpauth(
        a,
        `&codeDisplay=${encodeURIComponent(JSON.stringify({ pinned: i === 0, trashed: false, tags: [] }))}`,
      ),
    )
    .join('\n')}\n`,
  [mail, cloud].map((a) => expected(a)),
);
{
  // Raw base64 (no percent-encoding) holding both '+' and '/' (peers.md §4.1: never turn '+' into a
  // space). The batch id only changes the payload's tail; the first id that gives both is kept.
  const accounts = [forum, { ...bank, period: 30 }];
  let batch = 1;
  const encode = () => migrationPayload(accounts, { batchId: batch }).toString('base64');
  while (!(encode().includes('+') && encode().includes('/')))
    if (++batch > 10_000) throw new Error('no + and /');
  importText(
    'text-migration-raw-plus-slash',
    'google-migration',
    migrationUri(migrationPayload(accounts, { batchId: batch }), true),
    accounts.map(asMigrated),
  );
}
importText('text-migration-batch-2-of-2', 'google-migration', batches[1], [vpn, cafe].map(asMigrated));
cases.push({
  id: 'text-migration-undecodable',
  kind: 'import-text',
  text: 'otpauth-migration://offline?data=%2F%2F8AAAAA',
  format: 'google-migration',
  expect: { error: true },
  source: SOURCE,
  note: 'a field of wire type 7, which protobuf does not define',
});

// Backup files
const importFile = (id, format, file, content, accounts, password) =>
  cases.push({
    id,
    kind: 'import-file',
    file: addFile(`backups/${file}`, content),
    format,
    ...(password !== undefined ? { password } : {}),
    expect: accounts === 'error' ? { error: true } : { accounts },
    source: SOURCE,
  });
const errorCase = (id, format, file, password, note) =>
  cases.push({
    id,
    kind: 'import-file',
    file: `backups/${file}`,
    format,
    ...(password !== undefined ? { password } : {}),
    expect: { error: true },
    source: SOURCE,
    note,
  });

const allFive = [mail, bank, vpn, steam, cafe];
importFile(
  'aegis-plain',
  'aegis',
  'aegis-plain.json',
  json({ version: 1, header: { slots: null, params: null }, db: aegisContent(allFive) }),
  allFive.map((a) => expected(a)),
);
importFile(
  'aegis-encrypted',
  'aegis',
  'aegis-encrypted.json',
  json(aegisEncrypted(aegisContent(allFive), PASSWORD)),
  allFive.map((a) => expected(a)),
  PASSWORD,
);
errorCase(
  'aegis-encrypted-wrong-password',
  'aegis',
  'aegis-encrypted.json',
  WRONG_PASSWORD,
  'wrong password',
);
errorCase(
  'aegis-encrypted-no-password',
  'aegis',
  'aegis-encrypted.json',
  undefined,
  'encrypted, no password given',
);
{
  const vault = aegisEncrypted(aegisContent(allFive), PASSWORD);
  importFile(
    'aegis-encrypted-truncated-db',
    'aegis',
    'aegis-truncated-db.json',
    json({ ...vault, db: vault.db.slice(0, 64) }),
    'error',
    PASSWORD,
  );
}

const twoFasAccounts = [mail, bank, vpn, steam];
importFile(
  '2fas-v4-plain',
  '2fas',
  '2fas-v4-plain.2fas',
  json(twoFasEnvelope({ services: twoFasServices(twoFasAccounts) })),
  twoFasAccounts.map((a) => expected(a)),
);
importFile(
  '2fas-v4-encrypted',
  '2fas',
  '2fas-v4-encrypted.2fas',
  json(twoFasEncrypted(twoFasServices(twoFasAccounts), PASSWORD)),
  twoFasAccounts.map((a) => expected(a)),
  PASSWORD,
);
errorCase(
  '2fas-v4-encrypted-wrong-password',
  '2fas',
  '2fas-v4-encrypted.2fas',
  WRONG_PASSWORD,
  'wrong password',
);

const andOtpAccounts = [mail, cloud, vpn, steam];
importFile(
  'andotp-plain',
  'andotp',
  'andotp-plain.json',
  json(andOtpEntries(andOtpAccounts)),
  andOtpAccounts.map((a) => expected(a)),
);
importFile(
  'andotp-encrypted',
  'andotp',
  'andotp-encrypted.bin',
  andOtpEncrypted(andOtpEntries(andOtpAccounts), PASSWORD),
  andOtpAccounts.map((a) => expected(a)),
  PASSWORD,
);
errorCase(
  'andotp-encrypted-wrong-password',
  'andotp',
  'andotp-encrypted.bin',
  WRONG_PASSWORD,
  'wrong password',
);

const bitwardenPlain = bitwardenExport();
importFile('bitwarden-json', 'bitwarden', 'bitwarden.json', json(bitwardenPlain), bitwardenExpected());
importFile(
  'bitwarden-csv',
  'bitwarden-csv',
  'bitwarden.csv',
  bitwardenCsv(bitwardenPlain),
  bitwardenExpected(),
);
importFile(
  'bitwarden-encrypted-pbkdf2',
  'bitwarden',
  'bitwarden-encrypted-pbkdf2.json',
  json(bitwardenEncrypted(bitwardenPlain, PASSWORD)),
  bitwardenExpected(),
  PASSWORD,
);
errorCase(
  'bitwarden-encrypted-pbkdf2-wrong-password',
  'bitwarden',
  'bitwarden-encrypted-pbkdf2.json',
  WRONG_PASSWORD,
  'wrong password',
);

const freeOtpAccounts = [mail, bank, vpn];
cases.push({
  id: 'freeotp-plus',
  kind: 'import-file',
  file: addFile('backups/freeotp-plus.json', json(freeOtpPlus(freeOtpAccounts))),
  format: 'freeotp-plus',
  // The file stores the HOTP counter one lower than the URI's (peers.md §4.7): 6 for counter 7.
  expect: {
    accounts: freeOtpAccounts.map((a) => expected(a, a.type === 'hotp' ? { counter: a.counter - 1 } : {})),
  },
  source: SOURCE,
  note: 'HOTP counter expected as stored (6), as Aegis and Stratum import it and the corpus expects; RFC 4226 servers look ahead, so at worst the first code needs one "next code"',
});
const raivoAccounts = [mail, cloud, vpn];
importFile(
  'raivo-plain',
  'raivo',
  'raivo.json',
  json(raivo(raivoAccounts)),
  raivoAccounts.map((a) => expected(a)),
);
const protonAccounts = [mail, bank, cafe];
importFile(
  'proton',
  'proton',
  'proton.json',
  json(proton(protonAccounts)),
  protonAccounts.map((a) => expected(a)),
);
const authExtAccounts = [mail, bank, vpn, steam];
importFile(
  'authenticator-extension-json',
  'authenticator-extension',
  'authenticator-extension.json',
  json(authenticatorExtension(authExtAccounts)),
  authExtAccounts.map((a) => expected(a)),
);

// ---------------------------------------------------------------------------------------------

rmSync(OUT, { recursive: true, force: true });
for (const [name, content] of files) {
  mkdirSync(path.dirname(path.join(OUT, name)), { recursive: true });
  writeFileSync(path.join(OUT, name), content);
}
const manifest = {
  schema: 1,
  _source: 'Generated by scripts/make-compat-fixtures.mjs; do not edit by hand (re-run the script).',
  cases,
};
writeFileSync(path.join(OUT, 'manifest.json'), json(manifest));
// The JSON files live in the repository, whose lint (`biome check .`) wants them in its format;
// only whitespace changes, which no importer depends on (the encrypted parts are inside strings).
const biome = path.join(ROOT, 'node_modules/.bin/biome');
if (existsSync(biome)) execFileSync(biome, ['format', '--write', OUT], { cwd: ROOT, stdio: 'ignore' });
const bytes = [...files.values()].reduce((sum, b) => sum + b.length, 0);
console.log(
  `${cases.length} cases, ${files.size} files (${(bytes / 1024).toFixed(0)} KB) in ${path.relative(ROOT, OUT) || OUT}`,
);
