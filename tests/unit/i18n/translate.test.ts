import { describe, expect, it } from 'vitest';
import { type Catalog, placeholdersUsed, substitute, translate } from '@/lib/i18n/translate';

const EN: Catalog = {
  plain: { message: 'Hello' },
  numbered: { message: 'Copied; clears in $1 s, then $2.' },
  named: {
    message: 'Added $Name$ to $where$.',
    placeholders: { name: { content: '$1', example: 'Microsoft' }, WHERE: { content: '$2' } },
  },
  literal: { message: 'Costs $$5 for $who$', placeholders: { who: { content: '$1' } } },
  fixedContent: { message: 'Use $app$ now', placeholders: { app: { content: 'TwoStep' } } },
  onlyEnglish: { message: 'English only' },
};
const DE: Catalog = {
  plain: { message: 'Hallo' },
  named: {
    message: '$name$ zu $where$ hinzugefügt.',
    placeholders: { name: { content: '$1' }, where: { content: '$2' } },
  },
};

describe('translate (browser.i18n.getMessage semantics)', () => {
  it('returns the message of a key', () => {
    expect(translate(EN, 'plain')).toBe('Hello');
    expect(translate(DE, 'plain', [], EN)).toBe('Hallo');
  });

  it('substitutes $1..$9 directly in the message', () => {
    expect(translate(EN, 'numbered', ['30', 'done'])).toBe('Copied; clears in 30 s, then done.');
    expect(translate(EN, 'numbered', [30, 'x'])).toBe('Copied; clears in 30 s, then x.');
  });

  it('accepts one substitution as a plain string or number', () => {
    expect(translate(EN, 'numbered', 'a')).toBe('Copied; clears in a s, then .');
    expect(translate(EN, 'numbered', 7)).toBe('Copied; clears in 7 s, then .');
  });

  it('replaces missing substitutions with nothing', () => {
    expect(translate(EN, 'numbered')).toBe('Copied; clears in  s, then .');
  });

  it('expands named placeholders, case-insensitively, to their content', () => {
    expect(translate(EN, 'named', ['Microsoft', 'TwoStep'])).toBe('Added Microsoft to TwoStep.');
    expect(translate(DE, 'named', ['Microsoft', 'TwoStep'], EN)).toBe('Microsoft zu TwoStep hinzugefügt.');
    expect(translate(EN, 'fixedContent')).toBe('Use TwoStep now');
  });

  it('turns $$ into $ and never substitutes inside a substitution', () => {
    expect(translate(EN, 'literal', ['Pat'])).toBe('Costs $5 for Pat');
    expect(translate(EN, 'named', ['$2 $$', '$1'])).toBe('Added $2 $$ to $1.');
    expect(substitute('a $$1 b', ['x'])).toBe('a $1 b');
  });

  it('leaves an unknown named placeholder as written', () => {
    expect(translate({ k: { message: 'a $nope$ b' } }, 'k')).toBe('a $nope$ b');
  });

  it('finds keys case-insensitively, like the browsers', () => {
    expect(translate(EN, 'PLAIN')).toBe('Hello');
  });

  it('falls back to the fallback catalog (English) for a key the chosen one lacks', () => {
    expect(translate(DE, 'onlyEnglish', [], EN)).toBe('English only');
    expect(translate(null, 'plain', [], EN)).toBe('Hello');
  });

  it('returns an empty string for a key no catalog has', () => {
    expect(translate(DE, 'missing', [], EN)).toBe('');
    expect(translate(undefined, 'missing')).toBe('');
  });

  it('does not treat inherited object members as keys', () => {
    expect(translate(EN, 'toString')).toBe('');
    expect(translate(EN, '__proto__')).toBe('');
  });

  it('lists the placeholders a message uses', () => {
    expect(placeholdersUsed(EN.named as never)).toEqual(['$1', '$2', '$name$', '$where$']);
    expect(placeholdersUsed(EN.literal as never)).toEqual(['$1', '$who$']);
    expect(placeholdersUsed(EN.plain as never)).toEqual([]);
  });
});
