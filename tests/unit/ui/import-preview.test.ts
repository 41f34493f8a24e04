import { describe, expect, it } from 'vitest';
import { draftFromManualEntry } from '@/lib/otp';
import { addButtonText, markDuplicates, previewRows, toEntry } from '@/lib/ui/import-preview';

const draft = draftFromManualEntry({ issuer: 'GitHub', label: 'octocat', secret: 'JBSWY3DPEHPK3PXP' });

describe('import preview', () => {
  it('sends every field the background validates, and the sites a source named', () => {
    expect(toEntry({ draft, sites: ['https://github.com/login'] })).toEqual({
      issuer: 'GitHub',
      label: 'octocat',
      secret: 'JBSWY3DPEHPK3PXP',
      kind: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      sites: ['https://github.com/login'],
    });
    const org = draftFromManualEntry({
      issuer: 'Microsoft',
      label: 'pat',
      secret: 'JBSWY3DPEHPK3PXP',
      organisation: 'Contoso',
    });
    expect(toEntry({ draft: org }).organisation).toBe('Contoso');
  });

  it('starts duplicates unticked and keeps the user’s choices for the others', () => {
    const rows = previewRows('a.json', [{ draft }, { draft }, { draft }]);
    expect(rows.map((r) => r.key)).toEqual(['a.json#0', 'a.json#1', 'a.json#2']);
    const first = markDuplicates(rows, [true, false, false]);
    expect(first.map((r) => [r.duplicate, r.selected])).toEqual([
      [true, false],
      [false, true],
      [false, true],
    ]);
    // The user ticks the duplicate anyway and unticks another; a re-check changes nothing they chose.
    const chosen = first.map((r, i) => ({ ...r, selected: i !== 2 }));
    expect(markDuplicates(chosen, [true, false, false]).map((r) => r.selected)).toEqual([true, true, false]);
  });

  it('says how many will be added', () => {
    expect(addButtonText(1)).toBe('Add 1 account');
    expect(addButtonText(3)).toBe('Add 3 accounts');
  });
});
