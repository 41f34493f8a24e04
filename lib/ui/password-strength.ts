/**
 * A small, honest strength hint for the master password. It estimates guesses from length and
 * character variety and penalises the patterns attackers try first (repeats, sequences, very common
 * passwords). It is a hint, not a gate: the vault only requires 8 characters, and the KDF
 * (PBKDF2-SHA256, 600,000 iterations) makes each guess slow.
 */
import { t } from '../i18n/index';

export type Strength = 'too-short' | 'weak' | 'fair' | 'strong';

export interface StrengthHint {
  strength: Strength;
  /** Rough entropy estimate in bits, for tests and the bench. */
  bits: number;
  message: string;
}

/** The vault's own minimum (lib/vault/keys.ts), restated so the popup does not bundle vault code;
 * a unit test keeps the two equal. */
export const MIN_PASSWORD_LENGTH = 8;

const COMMON = [
  'password',
  'passw0rd',
  'qwerty',
  'letmein',
  'welcome',
  'iloveyou',
  'admin',
  'monkey',
  'dragon',
  'outlook',
  'hotmail',
  'microsoft',
];

const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
};

/** Lower case with common digit/symbol substitutions undone, same length as the input. */
function unLeet(text: string): string {
  return [...text.toLowerCase()].map((c) => LEET[c] ?? c).join('');
}

function poolSize(password: string): number {
  let pool = 0;
  if (/[a-z]/.test(password)) pool += 26;
  if (/[A-Z]/.test(password)) pool += 26;
  if (/[0-9]/.test(password)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(password)) pool += 33;
  return Math.max(pool, 1);
}

/** Characters that repeat or continue a run (abc, 123, aaa) add almost nothing. */
function effectiveLength(password: string): number {
  let length = 0;
  for (let i = 0; i < password.length; i++) {
    const prev = password.charCodeAt(i - 1);
    const code = password.charCodeAt(i);
    const predictable = i > 0 && (code === prev || code === prev + 1 || code === prev - 1);
    length += predictable ? 0.25 : 1;
  }
  return length;
}

export function passwordStrength(password: string): StrengthHint {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { strength: 'too-short', bits: 0, message: t('strengthTooShort', MIN_PASSWORD_LENGTH) };
  }
  // Very common words (also in leetspeak) are among an attacker's first guesses: each is worth
  // ~10 bits, not its length.
  let rest = password;
  let commonBits = 0;
  for (const word of COMMON) {
    const at = unLeet(rest).indexOf(word);
    if (at < 0) continue;
    rest = rest.slice(0, at) + rest.slice(at + word.length);
    commonBits += 10;
  }
  const bits = Math.round(effectiveLength(rest) * Math.log2(poolSize(password)) + commonBits);
  if (bits < 40) return { strength: 'weak', bits, message: t('strengthWeak') };
  if (bits < 60) return { strength: 'fair', bits, message: t('strengthFair') };
  return { strength: 'strong', bits, message: t('strengthStrong') };
}
