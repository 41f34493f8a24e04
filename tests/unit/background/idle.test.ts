import { describe, expect, it } from 'vitest';
import { idleDetectionSeconds, locksOn } from '@/lib/background/idle';

describe('idle auto-lock', () => {
  it('detects idleness after the configured auto-lock time', () => {
    expect(idleDetectionSeconds({ autoLockMinutes: 1 })).toBe(60);
    expect(idleDetectionSeconds({ autoLockMinutes: 15 })).toBe(900);
    expect(idleDetectionSeconds({ autoLockMinutes: 24 * 60 })).toBe(86_400);
  });

  it('never asks for less than the 15 s Chromium accepts', () => {
    expect(idleDetectionSeconds({ autoLockMinutes: 0.1 })).toBe(15);
  });

  it('locks when the machine is idle or its screen is locked, not when it becomes active', () => {
    expect(locksOn('idle')).toBe(true);
    expect(locksOn('locked')).toBe(true);
    expect(locksOn('active')).toBe(false);
    expect(locksOn('something new')).toBe(false);
  });
});
