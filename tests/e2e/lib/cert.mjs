// A throwaway self-signed certificate made at test time. It lives in os.tmpdir(), never in the
// project, so a test key can never end up in the Firefox sources zip (toolchain.md §7).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * @param {string[]} names DNS names, all put into subjectAltName (the first one is also the CN)
 * @returns {{ dir: string, key: Buffer, cert: Buffer, cleanup: () => void }}
 */
export function createCert(names) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-cert-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const keyPath = path.join(dir, 'key.pem');
    const certPath = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-subj',
        `/CN=${names[0]}`,
        '-addext',
        `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return { dir, key: fs.readFileSync(keyPath), cert: fs.readFileSync(certPath), cleanup };
  } catch (error) {
    cleanup();
    throw new Error(`openssl could not make the test certificate (apt-get install -y openssl): ${error}`);
  }
}
