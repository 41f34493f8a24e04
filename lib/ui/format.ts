/** "123456" → "123 456", "12345678" → "1234 5678": groups that are easier to read and retype. */
export function groupCode(code: string): string {
  if (code.length < 6) return code;
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

/** Seconds left until `validUntil`, never negative, rounded up so "1" shows until the change. */
export function secondsLeft(validUntil: number, now: number): number {
  return Math.max(0, Math.ceil((validUntil - now) / 1000));
}
