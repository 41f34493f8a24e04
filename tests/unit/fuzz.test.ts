/**
 * The fuzz targets of tests/fuzz/targets.ts with a few thousand inputs each, so CI covers every
 * parser of outside input on every run (`npm run fuzz` runs at least 100,000 per target, from a
 * random seed: that is where new inputs are explored). Here the seed is fixed (FUZZ_SEED overrides
 * it), so a CI run passes or fails the same way every time; a failure prints fast-check's shrunk
 * counterexample and the command that replays it with the full runner.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCounterexample, describeError, fuzzProperty, redactor } from '../fuzz/property';
import { buildTargets, checkSeeds, knownSecrets } from '../fuzz/targets';

/** Looser than the runner's 2 s: Vitest runs other files in parallel on the same cores. */
const LIMIT_MS = 5_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);

const targets = await buildTargets();
const redact = redactor(await knownSecrets());

describe('fuzz targets', () => {
  it('start from seeds that import (else the mutations only reach the first check)', async () => {
    expect(await checkSeeds()).toEqual([]);
  });

  for (const t of targets) {
    it(`${t.name}: no exception but the documented ones, no contract break, no hang`, async () => {
      const details = await fc.check(fuzzProperty(t, { limitMs: LIMIT_MS }), {
        numRuns: t.ciRuns,
        seed: SEED,
      });
      if (details.failed) {
        throw new Error(
          [
            describeError(details.errorInstance, redact),
            `counterexample (shrunk ${details.numShrinks}×): ${describeCounterexample(details, redact)}`,
            `replay: npm run fuzz -- --only ${t.name} --seed ${details.seed} --path ${details.counterexamplePath}`,
          ].join('\n'),
        );
      }
      expect(details.numRuns).toBe(t.ciRuns);
    }, 120_000);
  }
});
