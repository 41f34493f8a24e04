/**
 * Small valid files of every format TwoStep imports, written here from the formats' documentation
 * (peers.md §4) and their real algorithms, to seed the mutation targets. Nothing comes from the
 * external corpus. Encrypted samples use the smallest key-derivation cost each format accepts, so a
 * hundred thousand mutated imports stay feasible; every salt, IV and key is fixed, so a seed replays
 * the same inputs in every process.
 */
import { argon2id } from '@noble/hashes/argon2.js';
import { expand } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { md5 } from '@noble/hashes/legacy.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToBase32 } from '../../lib/otp/index';
import type { ImportFormat } from '../../lib/transfer/import/types';
import { concat, encodePayload, type MigrationEntry, migrationUri, toBase64 } from './protobuf';

export interface Sample {
  name: string;
  format: ImportFormat;
  /** What `importData` gets: the file's text, or its bytes for binary formats. */
  data: string | Uint8Array;
  /** The parsed JSON, for structural mutation (absent for text and binary formats). */
  json?: unknown;
  password?: string;
  fileName?: string;
  /** Accounts the unmutated sample imports (the runner checks this before fuzzing). */
  accounts: number;
}

export const SAMPLE_PASSWORD = 'fuzz sample password';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Deterministic filler bytes (a linear congruential sequence): fixed salts, IVs and keys. */
export function fixedBytes(length: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

/**
 * The seeds' secrets: made up, and chosen so no mutation dictionary contains them, so that finding
 * one in an error message or a skip reason means the parser echoed it.
 */
const SECRET_BYTES = [fixedBytes(20, 101), fixedBytes(32, 202), fixedBytes(10, 303), fixedBytes(64, 404)];
export const SAMPLE_SECRETS: readonly string[] = SECRET_BYTES.map(bytesToBase32);
const [S1, S2, S3, S4] = SAMPLE_SECRETS as [string, string, string, string];
const spaced = (secret: string) => (secret.match(/.{1,4}/g) ?? []).join(' ').toLowerCase();

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const subtle = () => globalThis.crypto.subtle;

async function aesGcm(
  key: Uint8Array<ArrayBuffer>,
  iv: Uint8Array<ArrayBuffer>,
  plain: Uint8Array<ArrayBuffer>,
) {
  const k = await subtle().importKey('raw', key, 'AES-GCM', false, ['encrypt']);
  return new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv }, k, plain));
}

async function aesCbc(
  key: Uint8Array<ArrayBuffer>,
  iv: Uint8Array<ArrayBuffer>,
  plain: Uint8Array<ArrayBuffer>,
) {
  const k = await subtle().importKey('raw', key, 'AES-CBC', false, ['encrypt']);
  return new Uint8Array(await subtle().encrypt({ name: 'AES-CBC', iv }, k, plain));
}

async function pbkdf2(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  hash: string,
  bytes: number,
) {
  const base = await subtle().importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(
    await subtle().deriveBits({ name: 'PBKDF2', hash, salt, iterations }, base, bytes * 8),
  );
}

// --- plain JSON formats -------------------------------------------------------------------------

function aegisContent() {
  return {
    version: 3,
    entries: [
      {
        type: 'totp',
        uuid: '0b6b4d3e-1c1a-4c3e-9a57-1f1e7c1d0001',
        name: 'alice@example.com',
        issuer: 'GitHub',
        note: '',
        favorite: false,
        icon: null,
        info: { secret: S1, algo: 'SHA1', digits: 6, period: 30 },
      },
      {
        type: 'hotp',
        uuid: '0b6b4d3e-1c1a-4c3e-9a57-1f1e7c1d0002',
        name: 'bob',
        issuer: 'Bank',
        info: { secret: S2, algo: 'SHA256', digits: 8, counter: 5 },
      },
      {
        type: 'steam',
        uuid: '0b6b4d3e-1c1a-4c3e-9a57-1f1e7c1d0003',
        name: 'gamer',
        issuer: 'Steam',
        info: { secret: S3, algo: 'SHA1', digits: 5, period: 30 },
      },
      {
        type: 'motp',
        uuid: '0b6b4d3e-1c1a-4c3e-9a57-1f1e7c1d0004',
        name: 'legacy',
        issuer: 'Old',
        info: { secret: S4, algo: 'MD5', digits: 6, period: 10, pin: '1234' },
      },
    ],
    groups: [],
  };
}

function twoFasServices() {
  return [
    {
      name: 'GitHub',
      secret: S1,
      updatedAt: 1_700_000_000_000,
      otp: {
        label: 'GitHub:alice',
        account: 'alice',
        issuer: 'GitHub',
        digits: 6,
        period: 30,
        algorithm: 'SHA1',
        tokenType: 'TOTP',
        source: 'Manual',
      },
      order: { position: 0 },
    },
    {
      name: 'Bank',
      secret: S2,
      otp: { label: 'Bank:bob', digits: 8, algorithm: 'SHA512', tokenType: 'HOTP', counter: 3 },
      order: { position: 1 },
    },
    {
      name: 'Steam',
      secret: S3,
      otp: { account: 'gamer', tokenType: 'STEAM', digits: 5 },
      order: { position: 2 },
    },
  ];
}

function andOtpEntries() {
  return [
    {
      secret: `${S1}====`,
      issuer: 'GitHub',
      label: 'alice',
      digits: 6,
      type: 'TOTP',
      algorithm: 'SHA1',
      thumbnail: 'Default',
      last_used: 0,
      used_frequency: 0,
      period: 30,
      tags: [],
    },
    {
      secret: S2,
      issuer: 'Bank',
      label: 'bob',
      digits: 8,
      type: 'HOTP',
      algorithm: 'SHA256',
      counter: 7,
      tags: [],
    },
    { secret: S3, issuer: 'Steam', label: 'gamer', digits: 5, type: 'STEAM', algorithm: 'SHA1', period: 30 },
    {
      secret: S4,
      label: 'Deno - Deno:Mason',
      digits: 6,
      type: 'MOTP',
      algorithm: 'MD5',
      period: 10,
      pin: '1234',
    },
  ];
}

function bitwardenPlain() {
  return {
    encrypted: false,
    folders: [],
    items: [
      {
        id: 'a1',
        organizationId: null,
        folderId: null,
        type: 1,
        reprompt: 0,
        name: 'GitHub',
        notes: null,
        favorite: false,
        login: {
          uris: [
            { match: null, uri: 'https://github.com/login' },
            { match: null, uri: 'androidapp://com.github' },
          ],
          username: 'alice',
          password: 'not-a-secret-of-ours',
          totp: `otpauth://totp/GitHub:alice?secret=${S1}&issuer=GitHub`,
        },
        collectionIds: null,
      },
      { id: 'a2', type: 1, name: 'Bank', login: { uris: null, username: 'bob', totp: spaced(S2) } },
      { id: 'a3', type: 1, name: 'Steam', login: { username: 'gamer', totp: `steam://${S3}` } },
      { id: 'a4', type: 1, name: 'No code', login: { username: 'carol', password: 'x', totp: null } },
      { id: 'a5', type: 2, name: 'A note', secureNote: { type: 0 } },
    ],
  };
}

function freeOtpPlus() {
  const signed = (bytes: Uint8Array) => [...bytes].map((b) => (b > 127 ? b - 256 : b));
  return {
    tokenOrder: ['GitHub:alice', 'Bank:bob', 'Steam:gamer'],
    tokens: [
      {
        algo: 'SHA1',
        counter: 0,
        digits: 6,
        issuerExt: 'GitHub',
        issuerInt: 'GitHub',
        label: 'alice',
        period: 30,
        secret: signed(SECRET_BYTES[0] as Uint8Array),
        type: 'TOTP',
      },
      {
        algo: 'SHA256',
        counter: -1,
        digits: 8,
        issuerExt: 'Bank',
        label: 'bob',
        period: 30,
        secret: signed(SECRET_BYTES[1] as Uint8Array),
        type: 'HOTP',
      },
      {
        algo: 'SHA1',
        counter: 0,
        digits: 5,
        issuerExt: 'Steam',
        label: 'gamer',
        period: 30,
        secret: signed(SECRET_BYTES[2] as Uint8Array),
        type: 'TOTP',
      },
    ],
  };
}

function raivo() {
  return [
    {
      kind: 'TOTP',
      issuer: 'GitHub',
      account: 'alice',
      secret: S1,
      algorithm: 'SHA1',
      digits: '6',
      timer: '30',
      counter: '0',
      iconType: '',
      iconValue: '',
    },
    {
      kind: 'HOTP',
      issuer: 'Bank',
      account: 'bob',
      secret: S2,
      algorithm: 'SHA512',
      digits: '8',
      timer: '30',
      counter: '12',
      iconType: 'raivo_repository',
      iconValue: 'x.png',
    },
  ];
}

function proton() {
  return {
    version: 1,
    entries: [
      {
        id: 'e1',
        content: {
          uri: `otpauth://totp/GitHub:alice?secret=${S1}&issuer=GitHub&algorithm=SHA1&digits=6&period=30`,
          entry_type: 'Totp',
          name: 'GitHub',
        },
        note: null,
      },
      { id: 'e2', content: { uri: `steam://${S3}`, entry_type: 'Steam', name: 'gamer' }, note: 'steam' },
    ],
  };
}

function authenticatorPlain() {
  return {
    e1: {
      account: 'alice',
      issuer: 'GitHub',
      secret: S1,
      type: 'totp',
      counter: 0,
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
      hash: 'e1',
      index: 0,
      encrypted: false,
    },
    e2: {
      account: 'bob',
      issuer: 'Bank',
      secret: S2,
      type: 'hotp',
      counter: 4,
      digits: 8,
      algorithm: 'SHA256',
      hash: 'e2',
      index: 1,
    },
    e3: { account: 'wow', issuer: 'Battle.net', secret: `blz-${S3}`, type: 'totp', index: 2 },
    e4: {
      account: 'raw',
      issuer: 'Hex',
      secret: hex(SECRET_BYTES[3] as Uint8Array).slice(0, 40),
      type: 'totp',
      index: 3,
    },
    UserSettings: { theme: 'dark' },
  };
}

function otpauthList(): string {
  return [
    '# exported by a fuzz seed',
    `otpauth://totp/GitHub:alice%40example.com?secret=${S1}&issuer=GitHub`,
    `otpauth://hotp/Bank:bob?secret=${S2}&issuer=Bank&counter=9&algorithm=SHA256&digits=8`,
    `steam://${S3}`,
    `otpauth://totp/Ente:carol?secret=${S4}&issuer=Ente&codeDisplay=%7B%22pinned%22%3Afalse%7D`,
    '',
  ].join('\n');
}

function bitwardenCsv(): string {
  return [
    'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp',
    `,,login,GitHub,,,0,"https://github.com/login,https://github.com",alice,pw,otpauth://totp/GitHub:alice?secret=${S1}&issuer=GitHub`,
    `,,login,Bank,"a note, with a comma",,0,bank.example,bob,pw,${spaced(S2)}`,
    ',,login,Plain,,,0,,carol,pw,',
    '',
  ].join('\r\n');
}

const MIGRATION_ENTRIES: MigrationEntry[] = [
  {
    secret: SECRET_BYTES[0] as Uint8Array,
    name: 'GitHub:alice',
    issuer: 'GitHub',
    algorithm: 1,
    digits: 1,
    type: 2,
    counter: 0n,
  },
  {
    secret: SECRET_BYTES[1] as Uint8Array,
    name: 'bob',
    issuer: 'Bank',
    algorithm: 2,
    digits: 2,
    type: 1,
    counter: 42n,
  },
  {
    secret: SECRET_BYTES[2] as Uint8Array,
    name: 'Contoso:pat@contoso.example',
    issuer: 'Microsoft',
    algorithm: 3,
    digits: 1,
    type: 2,
    counter: 0n,
  },
];

// --- encrypted formats, smallest accepted cost -----------------------------------------------------

/** Aegis (peers.md §4.2): scrypt N=2, r=1, p=1 wraps a random master key; the content is AES-GCM. */
async function aegisEncrypted() {
  const master = fixedBytes(32, 11);
  const salt = fixedBytes(32, 12);
  const slotKey = new Uint8Array(scrypt(utf8(SAMPLE_PASSWORD), salt, { N: 2, r: 1, p: 1, dkLen: 32 }));
  const slotNonce = fixedBytes(12, 13);
  const wrapped = await aesGcm(slotKey, slotNonce, master);
  const dbNonce = fixedBytes(12, 14);
  const sealed = await aesGcm(master, dbNonce, utf8(JSON.stringify(aegisContent())));
  return {
    version: 1,
    header: {
      slots: [
        {
          type: 2,
          uuid: 'bio',
          key: hex(fixedBytes(32, 15)),
          key_params: { nonce: hex(fixedBytes(12, 16)), tag: hex(fixedBytes(16, 17)) },
        },
        {
          type: 1,
          uuid: 'pw',
          key: hex(wrapped.subarray(0, 32)),
          key_params: { nonce: hex(slotNonce), tag: hex(wrapped.subarray(32)) },
          n: 2,
          r: 1,
          p: 1,
          salt: hex(salt),
          repaired: true,
        },
      ],
      params: { nonce: hex(dbNonce), tag: hex(sealed.subarray(sealed.length - 16)) },
    },
    db: toBase64(sealed.subarray(0, sealed.length - 16)),
  };
}

/** 2FAS (peers.md §4.3): PBKDF2-SHA256 at its fixed 10,000 iterations, AES-GCM, `data:salt:iv`. */
async function twoFasEncrypted() {
  const salt = fixedBytes(256, 21);
  const key = await pbkdf2(SAMPLE_PASSWORD, salt, 10_000, 'SHA-256', 32);
  const sealedPart = async (plain: string, ivSeed: number) => {
    const iv = fixedBytes(12, ivSeed);
    return `${toBase64(await aesGcm(key, iv, utf8(plain)))}:${toBase64(salt)}:${toBase64(iv)}`;
  };
  return {
    services: [],
    groups: [],
    updatedAt: 1_700_000_000_000,
    schemaVersion: 4,
    appVersionCode: 5_000_000,
    appOrigin: 'android',
    servicesEncrypted: await sealedPart(JSON.stringify(twoFasServices()), 22),
    reference: await sealedPart('a known reference text', 23),
  };
}

/** andOTP (peers.md §4.4), current layout with 1 PBKDF2-SHA1 iteration; and the old SHA-256 layout. */
async function andOtpEncrypted(): Promise<{ current: Uint8Array; old: Uint8Array }> {
  const plain = utf8(JSON.stringify(andOtpEntries()));
  const salt = fixedBytes(12, 31);
  const nonce = fixedBytes(12, 32);
  const key = await pbkdf2(SAMPLE_PASSWORD, salt, 1, 'SHA-1', 32);
  const current = concat([Uint8Array.of(0, 0, 0, 1), salt, nonce, await aesGcm(key, nonce, plain)]);
  const oldKey = new Uint8Array(await subtle().digest('SHA-256', utf8(SAMPLE_PASSWORD)));
  const oldNonce = fixedBytes(12, 33);
  const old = concat([oldNonce, await aesGcm(oldKey, oldNonce, plain)]);
  return { current, old };
}

/** Bitwarden "password protected" (peers.md §4.6): KDF → HKDF-Expand → EncString type 2. */
async function bitwardenProtected(kdf: 'pbkdf2' | 'argon2id') {
  const salt = 'fuzz-salt-text';
  const master =
    kdf === 'pbkdf2'
      ? await pbkdf2(SAMPLE_PASSWORD, utf8(salt), 1, 'SHA-256', 32)
      : argon2id(utf8(SAMPLE_PASSWORD), sha256(utf8(salt)), { t: 1, m: 1024, p: 1, dkLen: 32 });
  const encKey = new Uint8Array(expand(sha256, master, utf8('enc'), 32));
  const macKey = expand(sha256, master, utf8('mac'), 32);
  const encString = async (plain: string, ivSeed: number) => {
    const iv = fixedBytes(16, ivSeed);
    const ct = await aesCbc(encKey, iv, utf8(plain));
    const mac = hmac(sha256, macKey, concat([iv, ct]));
    return `2.${toBase64(iv)}|${toBase64(ct)}|${toBase64(mac)}`;
  };
  const kdfFields =
    kdf === 'pbkdf2'
      ? { kdfType: 0, kdfIterations: 1 }
      : { kdfType: 1, kdfIterations: 1, kdfMemory: 1, kdfParallelism: 1 };
  return {
    encrypted: true,
    passwordProtected: true,
    salt,
    ...kdfFields,
    encKeyValidation_DO_NOT_EDIT: await encString('a validation text', 41),
    data: await encString(JSON.stringify(bitwardenPlain()), 42),
  };
}

/**
 * The Authenticator extension's encrypted backup (peers.md §3, §4.5): Argon2id at its minimum
 * (m = 8 KiB, t = 1) gives the CryptoJS passphrase, and the key's PHC `hash` confirms it.
 */
async function authenticatorEncrypted() {
  const params = { m: 8, t: 1, p: 1, dkLen: 32 };
  const keySalt = 'a1b2c3d4e5f60718';
  const passphrase = toBase64(argon2id(utf8(SAMPLE_PASSWORD), utf8(keySalt), params)).replace(/=+$/, '');
  const phcSalt = fixedBytes(16, 51);
  const check = argon2id(utf8(passphrase), phcSalt, params);
  const unpadded = (bytes: Uint8Array) => toBase64(bytes).replace(/=+$/, '');
  const cryptoJs = async (plain: string, saltSeed: number) => {
    const salt = fixedBytes(8, saltSeed);
    const material = new Uint8Array(48);
    let previous = new Uint8Array(0);
    for (let filled = 0; filled < 48; filled += 16) {
      previous = md5(concat([previous, utf8(passphrase), salt]));
      material.set(previous, filled);
    }
    const ct = await aesCbc(material.slice(0, 32), material.slice(32), utf8(plain));
    return toBase64(concat([utf8('Salted__'), salt, ct]));
  };
  const plain = authenticatorPlain();
  return {
    'key-1': {
      dataType: 'Key',
      id: 'key-1',
      salt: keySalt,
      hash: `$argon2id$v=19$m=8,t=1,p=1$${unpadded(phcSalt)}$${unpadded(check)}`,
    },
    e1: {
      dataType: 'EncOTPStorage',
      keyId: 'key-1',
      index: 0,
      data: await cryptoJs(JSON.stringify(plain.e1), 52),
    },
    e2: {
      dataType: 'EncOTPStorage',
      keyId: 'key-1',
      index: 1,
      data: await cryptoJs(JSON.stringify(plain.e2), 53),
    },
  };
}

// --- the list ---------------------------------------------------------------------------------------

function jsonSample(
  name: string,
  format: ImportFormat,
  json: unknown,
  accounts: number,
  password?: string,
): Sample {
  return { name, format, json, data: JSON.stringify(json, null, 2), accounts, ...(password && { password }) };
}

let built: Promise<Sample[]> | undefined;

/** Every seed, built once per process. */
export function samples(): Promise<Sample[]> {
  built ??= buildSamples();
  return built;
}

async function buildSamples(): Promise<Sample[]> {
  const andOtp = await andOtpEncrypted();
  const twoCodes = [MIGRATION_ENTRIES.slice(0, 2), MIGRATION_ENTRIES.slice(2)];
  return [
    jsonSample(
      'aegis-plain',
      'aegis',
      { version: 1, header: { slots: null, params: null }, db: aegisContent() },
      3,
    ),
    jsonSample('aegis-encrypted', 'aegis', await aegisEncrypted(), 3, SAMPLE_PASSWORD),
    jsonSample(
      '2fas-plain',
      '2fas',
      { services: twoFasServices(), groups: [], updatedAt: 0, schemaVersion: 4 },
      3,
    ),
    jsonSample(
      '2fas-schema-1',
      '2fas',
      { services: twoFasServices().map(({ name, secret }) => ({ name, secret })), schemaVersion: 1 },
      3,
    ),
    jsonSample('2fas-encrypted', '2fas', await twoFasEncrypted(), 3, SAMPLE_PASSWORD),
    jsonSample('andotp-plain', 'andotp', andOtpEntries(), 3),
    {
      name: 'andotp-encrypted',
      format: 'andotp',
      data: andOtp.current,
      password: SAMPLE_PASSWORD,
      fileName: 'otp_accounts.json.aes',
      accounts: 3,
    },
    {
      name: 'andotp-encrypted-old',
      format: 'andotp',
      data: andOtp.old,
      password: SAMPLE_PASSWORD,
      fileName: 'otp_accounts.json.aes',
      accounts: 3,
    },
    jsonSample('bitwarden-plain', 'bitwarden', bitwardenPlain(), 3),
    jsonSample('bitwarden-pbkdf2', 'bitwarden', await bitwardenProtected('pbkdf2'), 3, SAMPLE_PASSWORD),
    jsonSample('bitwarden-argon2id', 'bitwarden', await bitwardenProtected('argon2id'), 3, SAMPLE_PASSWORD),
    { name: 'bitwarden-csv', format: 'bitwarden-csv', data: bitwardenCsv(), accounts: 2 },
    jsonSample('freeotp-plus', 'freeotp-plus', freeOtpPlus(), 3),
    jsonSample('raivo', 'raivo', raivo(), 2),
    jsonSample('proton', 'proton', proton(), 2),
    jsonSample('authenticator-plain', 'authenticator-extension', authenticatorPlain(), 4),
    jsonSample(
      'authenticator-encrypted',
      'authenticator-extension',
      await authenticatorEncrypted(),
      2,
      SAMPLE_PASSWORD,
    ),
    { name: 'otpauth-list', format: 'otpauth-list', data: otpauthList(), accounts: 4 },
    {
      name: 'google-migration',
      format: 'google-migration',
      data: migrationUri(encodePayload(MIGRATION_ENTRIES)),
      accounts: 3,
    },
    {
      name: 'google-migration-batch',
      format: 'google-migration',
      data: twoCodes
        .map((entries, index) => migrationUri(encodePayload(entries, { size: 2, index, id: -7 })))
        .join('\n'),
      accounts: 3,
    },
  ];
}
