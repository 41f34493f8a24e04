/**
 * A target as a fast-check property, shared by the runner and the Vitest suite: runs the input,
 * lets the documented rejections through, times every input, and tallies what the inputs led to (so
 * a report shows whether the fuzzing got past the first check of the parser).
 */
import fc from 'fast-check';
import { ContractBreak, type FuzzTarget } from './contract';

/** An input that finished but took longer than the limit: a hang as far as a user can tell. */
export class SlowInput extends Error {
  override readonly name = 'SlowInput';
}

export interface PropertyOptions {
  /** Per-input time limit in ms. */
  limitMs: number;
  /** Called before each input with its 0-based index (the runner's watchdog). */
  onStart?: (index: number) => void;
  /** Counts outcomes: 'ok', or the accepted error's name and code. */
  tally?: Map<string, number>;
}

function outcomeOf(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} ${code}` : error.name;
}

export function fuzzProperty(t: FuzzTarget, options: PropertyOptions): fc.IAsyncPropertyWithHooks<[unknown]> {
  let index = 0;
  // After the first failure fast-check only shrinks: those inputs are not part of the outcome mix.
  let shrinking = false;
  return fc.asyncProperty(t.arbitrary, async (input) => {
    options.onStart?.(index);
    index += 1;
    const started = performance.now();
    let outcome = 'ok';
    try {
      const label = await t.run(input);
      if (typeof label === 'string') outcome = label;
    } catch (error) {
      if (error instanceof ContractBreak || !t.accept(error)) {
        shrinking = true;
        throw error;
      }
      outcome = outcomeOf(error);
    }
    const ms = performance.now() - started;
    if (ms > options.limitMs) {
      shrinking = true;
      throw new SlowInput(
        `one input took ${Math.round(ms)} ms (limit ${options.limitMs} ms): a hang for the user`,
      );
    }
    if (options.tally && !shrinking) options.tally.set(outcome, (options.tally.get(outcome) ?? 0) + 1);
  });
}

/** The error with its causes, one line each (an importer bug arrives as the cause of IMPORT_DAMAGED). */
export function describeError(error: unknown, redact: (text: string) => string): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined; depth += 1) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      lines.push(
        `${depth === 0 ? '' : 'caused by '}${current.name}${typeof code === 'string' ? ` ${code}` : ''}: ${current.message}`,
      );
      // Where it was thrown, for anything that is not a contract check of ours.
      if (!(current instanceof ContractBreak) && !(current instanceof SlowInput)) {
        const frames = (current.stack ?? '')
          .split('\n')
          .filter((l) => /^\s+at /.test(l))
          .slice(0, 3);
        lines.push(...frames.map((f) => `    ${f.trim()}`));
      }
      current = current.cause;
    } else {
      lines.push(String(current));
      current = undefined;
    }
  }
  return redact(lines.join('\n'));
}

/**
 * Replaces every known secret by «secret», and any other run of 16 or more base32 characters (an
 * edited secret) by «base32», then cuts the text to `max` characters.
 */
export function redactor(secrets: readonly string[], max = 600): (text: string) => string {
  const known = [...new Set(secrets.filter((s) => s.length >= 6))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of known) out = out.split(secret).join('«secret»');
    out = out.replace(/[A-Z2-7]{16,}/g, '«base32»');
    return out.length > max ? `${out.slice(0, max)}… (${out.length} characters)` : out;
  };
}

/** The shrunk counterexample, printed by fast-check, redacted and cut. */
export function describeCounterexample(
  details: fc.RunDetails<[unknown]>,
  redact: (text: string) => string,
): string {
  if (details.counterexample === null) return '(none)';
  return redact(fc.stringify(details.counterexample[0]));
}

/** "ok 40%, ImportError IMPORT_DAMAGED 35%, …": the four most frequent outcomes. */
export function describeTally(tally: ReadonlyMap<string, number>): string {
  const total = [...tally.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return '';
  return [...tally.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([outcome, n]) => `${outcome} ${((100 * n) / total).toFixed(n / total < 0.01 ? 2 : 0)}%`)
    .join(', ');
}
