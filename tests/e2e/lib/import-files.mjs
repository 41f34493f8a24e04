// Files the import stories hand to the page, made here from values written in this file (never from
// the shared corpus). The encrypted 2FAS file is sealed with node:crypto, independently of the
// extension's importer, so the story checks the real format rather than the importer against itself.
import crypto from 'node:crypto';
import { PNG } from 'pngjs';
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

/** mulberry32: the same noise on every run. */
function prng(seed) {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 1920×1080 picture of grey noise with a QR code of 1-pixel modules at (left, top): too small for
 * the automatic scan of the whole picture (tests/unit/qr/region.test.ts shows the same pixels), but
 * readable once the user selects its region. Returns the file and the code's box in pixels.
 */
export function tinyCodeScreenshot(text, { left = 1400, top = 700, width = 1920, height = 1080 } = {}) {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const quiet = 2;
  const side = modules.size + 2 * quiet;
  const png = new PNG({ width, height });
  const random = prng(1);
  for (let i = 0; i < width * height; i += 1) {
    png.data.fill(Math.floor(random() * 256), i * 4, i * 4 + 3);
    png.data[i * 4 + 3] = 255;
  }
  for (let y = 0; y < side; y += 1) {
    for (let x = 0; x < side; x += 1) {
      const mx = x - quiet;
      const my = y - quiet;
      const dark = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size && modules.get(my, mx) === 1;
      const i = ((top + y) * width + left + x) * 4;
      png.data.fill(dark ? 0 : 255, i, i + 3);
    }
  }
  return {
    file: { name: 'tiny-code.png', type: 'image/png', base64: b64(PNG.sync.write(png)) },
    box: { left, top, size: side, width, height },
  };
}
