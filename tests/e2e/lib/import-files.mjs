// Files the import stories hand to the page, made here from values written in this file (never from
// the shared corpus). The encrypted 2FAS file is sealed with node:crypto, independently of the
// extension's importer, so the story checks the real format rather than the importer against itself.
import crypto from 'node:crypto';
import QRCode from 'qrcode';

const b64 = (bytes) => Buffer.from(bytes).toString('base64');

/** An Aegis plain vault (peers.md §4.2) with the given entries plus one mOTP entry TwoStep skips. */
export function aegisPlain(entries) {
  const toEntry = (e, i) => ({
    type: e.type ?? 'totp',
    uuid: `00000000-0000-4000-8000-00000000000${i}`,
    name: e.label,
    issuer: e.issuer,
    note: '',
    favorite: false,
    icon: null,
    info: {
      secret: e.secret,
      algo: e.algorithm ?? 'SHA1',
      digits: e.digits ?? 6,
      ...(e.type === 'hotp' ? { counter: e.counter ?? 0 } : { period: e.period ?? 30 }),
    },
    groups: [],
  });
  const motp = {
    type: 'motp',
    uuid: '00000000-0000-4000-8000-0000000000ff',
    name: 'legacy',
    issuer: 'mOTP Corp',
    note: '',
    favorite: false,
    icon: null,
    info: { secret: 'e3152afee62599c8', algo: 'MD5', digits: 6, period: 10, pin: '1234' },
    groups: [],
  };
  const file = {
    version: 1,
    header: { slots: null, params: null },
    db: { version: 3, entries: [...entries.map(toEntry), motp], groups: [] },
  };
  return { name: 'aegis-export.json', type: 'application/json', base64: b64(JSON.stringify(file)) };
}

/** A 2FAS v4 backup encrypted as the app does (peers.md §4.3): PBKDF2-SHA256 10,000, AES-256-GCM. */
export function twoFasEncrypted(entries, password) {
  const salt = crypto.randomBytes(256);
  const key = crypto.pbkdf2Sync(password, salt, 10_000, 32, 'sha256');
  const seal = (text) => {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${b64(body)}:${b64(salt)}:${b64(iv)}`;
  };
  const services = entries.map((e, i) => ({
    name: e.issuer,
    secret: e.secret,
    updatedAt: 1_700_000_000_000,
    otp: {
      label: `${e.issuer}:${e.label}`,
      account: e.label,
      issuer: e.issuer,
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
      tokenType: 'TOTP',
      source: 'Link',
    },
    order: { position: i },
  }));
  const file = {
    services: [],
    groups: [],
    updatedAt: 1_700_000_000_000,
    schemaVersion: 4,
    appVersionCode: 5000000,
    appVersionName: '5.0.0',
    appOrigin: 'android',
    servicesEncrypted: seal(JSON.stringify(services)),
    reference: seal(
      'tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TqOBKvmB2ugo',
    ),
  };
  return { name: '2fas-backup.2fas', type: 'application/octet-stream', base64: b64(JSON.stringify(file)) };
}

/** A PNG of a QR code holding `text`, as a phone screenshot or "copy image" would give it. */
export async function qrPng(text, name = 'qr.png') {
  const png = await QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
  return { name, type: 'image/png', base64: b64(png) };
}

export function textFile(name, text, type = 'text/plain') {
  return { name, type, base64: b64(text) };
}
