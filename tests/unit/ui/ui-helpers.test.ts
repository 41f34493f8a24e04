import { describe, expect, it } from 'vitest';
import { groupCode, secondsLeft } from '@/lib/ui/format';
import { MIN_PASSWORD_LENGTH, passwordStrength } from '@/lib/ui/password-strength';
import { matchesSearch } from '@/lib/ui/search';
import { MIN_PASSWORD_LENGTH as VAULT_MINIMUM } from '@/lib/vault';

describe('passwordStrength', () => {
  it.each([
    ['short', 'too-short'],
    ['aaaaaaaaaaaa', 'weak'],
    ['abcdefgh123', 'weak'],
    ['Password123!', 'weak'],
    ['sunflower42', 'fair'],
    ['P@ssw0rd-Outlook', 'weak'],
    ['correct horse battery staple', 'strong'],
  ])('%s is %s', (password, strength) => {
    expect(passwordStrength(password).strength).toBe(strength);
  });

  it('uses the vault’s minimum length', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(VAULT_MINIMUM);
  });

  it('says how long a password must be', () => {
    expect(passwordStrength('1234567').message).toContain('8 characters');
  });
});

describe('matchesSearch', () => {
  const fields = ['Microsoft', 'someone@outlook.com', 'Contoso'];
  it('matches any field, case and accents folded', () => {
    expect(matchesSearch(fields, 'micro')).toBe(true);
    expect(matchesSearch(['Café Bank', 'zoë'], 'cafe zoe')).toBe(true);
    expect(matchesSearch(fields, 'OUTLOOK contoso')).toBe(true);
  });
  it('requires every word', () => {
    expect(matchesSearch(fields, 'microsoft github')).toBe(false);
  });
  it('an empty query matches everything', () => {
    expect(matchesSearch(fields, '   ')).toBe(true);
  });
});

describe('format', () => {
  it('groups codes for reading', () => {
    expect(groupCode('123456')).toBe('123 456');
    expect(groupCode('12345678')).toBe('1234 5678');
    expect(groupCode('7W6CJ')).toBe('7W6CJ');
  });
  it('rounds seconds left up and never below zero', () => {
    expect(secondsLeft(30_000, 0)).toBe(30);
    expect(secondsLeft(30_000, 29_001)).toBe(1);
    expect(secondsLeft(30_000, 31_000)).toBe(0);
  });
});
