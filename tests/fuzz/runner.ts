/**
 * `npm run fuzz` (bundled and started by run.mjs): runs every target of targets.ts with fast-check.
 *
 *   --runs N        inputs per target (default 100,000; a target with a documented budget gets its share)
 *   --seed S        fast-check seed (default: random, printed so a failure can be replayed)
 *   --only a,b      only these targets (exact names, or a prefix ending in '.': --only import.)
 *   --path P        replay one run (fast-check's counterexample path, printed with a failure)
 *   --limit-ms M    per-input time limit (default 2,000 ms)
 *   --list          print the targets and exit
 *
 * Each target runs in a worker thread, one at a time (the machine has 2 cores). The worker marks
 * the start of every input in shared memory; an input that runs past the limit fails the target
 * when it finishes, and one that never finishes (a loop that blocks the worker) is caught by the
 * main thread, which terminates the worker and reports the input's index for `--path`.
 *
 * Prints per target: runs, seconds, outcome mix, failures with fast-check's shrunk counterexample
 * (cut, secrets of the seeds shown as «secret»); last line `N passed, N failed`. Exits 1 on failure.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { describeCounterexample, describeError, describeTally, fuzzProperty, redactor } from './property';
import { buildTargets, checkSeeds, knownSecrets } from './targets';

interface Job {
  name: string;
  runs: number;
  seed: number;
  path: string | undefined;
  limitMs: number;
  /** [index of the input running, ms since `epoch` when it started, 1 while an input runs]. */
  shared: SharedArrayBuffer;
  epoch: number;
}

interface Outcome {
  name: string;
  runs: number;
  seconds: number;
  failed: boolean;
  detail: string;
  tally: string;
}

const DEFAULT_RUNS = 100_000;
const DEFAULT_LIMIT_MS = 2_000;

// --- worker -----------------------------------------------------------------------------------------

async function runJob(job: Job): Promise<Outcome> {
  const targets = await buildTargets();
  const t = targets.find((candidate) => candidate.name === job.name);
  if (t === undefined) throw new Error(`no target ${job.name}`);
  const redact = redactor(await knownSecrets());
  const marks = new Int32Array(job.shared);
  const tally = new Map<string, number>();
  const property = fuzzProperty(t, {
    limitMs: job.limitMs,
    tally,
    onStart(index) {
      Atomics.store(marks, 0, index);
      Atomics.store(marks, 1, Date.now() - job.epoch);
    },
  });
  const started = performance.now();
  const details = await fc.check(property, {
    numRuns: job.runs,
    seed: job.seed,
    ...(job.path === undefined ? {} : { path: job.path }),
  });
  const seconds = (performance.now() - started) / 1000;
  Atomics.store(marks, 0, -1);
  const failed = details.failed || details.interrupted;
  const detail = failed
    ? [
        describeError(details.errorInstance, redact),
        `  counterexample (shrunk ${details.numShrinks}×): ${describeCounterexample(details, redact)}`,
        `  replay: npm run fuzz -- --only ${job.name} --seed ${details.seed} --path ${details.counterexamplePath}`,
      ].join('\n')
    : '';
  return { name: job.name, runs: details.numRuns, seconds, failed, detail, tally: describeTally(tally) };
}

// --- main -------------------------------------------------------------------------------------------

function argument(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  if (at !== -1) return args[at + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function wholeNumber(text: string | undefined, fallback: number, what: string, min = 0): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min)
    throw new Error(`--${what} must be a whole number ≥ ${min}, got '${text}'`);
  return n;
}

/** Runs one target in a worker; a worker stuck in one input past `stallMs` is terminated. */
function runInWorker(job: Omit<Job, 'shared' | 'epoch'>, stallMs: number): Promise<Outcome> {
  const shared = new SharedArrayBuffer(12);
  const marks = new Int32Array(shared);
  Atomics.store(marks, 0, -1);
  const epoch = Date.now();
  const worker = new Worker(new URL(import.meta.url), { workerData: { ...job, shared, epoch } });
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      resolve(outcome);
    };
    const watchdog = setInterval(() => {
      const index = Atomics.load(marks, 0);
      const since = Date.now() - epoch - Atomics.load(marks, 1);
      if (index < 0 || since < stallMs) return;
      void worker.terminate();
      finish({
        name: job.name,
        runs: index,
        seconds: (performance.now() - started) / 1000,
        failed: true,
        tally: '',
        detail: [
          `Hang: input ${index} has not finished after ${Math.round(since / 1000)} s (the worker was stopped).`,
          index < job.runs
            ? `  replay: npm run fuzz -- --only ${job.name} --seed ${job.seed} --path ${index}`
            : '  (while shrinking a failure: replay the target with this seed to see the first failing input)',
        ].join('\n'),
      });
    }, 250);
    worker.on('message', (outcome: Outcome) => finish(outcome));
    worker.on('error', (error: Error) =>
      finish({
        name: job.name,
        runs: 0,
        seconds: (performance.now() - started) / 1000,
        failed: true,
        tally: '',
        detail: `the worker crashed: ${error.stack ?? String(error)}`,
      }),
    );
    worker.on('exit', (code) => {
      if (!settled) {
        finish({
          name: job.name,
          runs: 0,
          seconds: (performance.now() - started) / 1000,
          failed: true,
          tally: '',
          detail: `the worker exited with code ${code} (out of memory?)`,
        });
      }
    });
  });
}

const pad = (text: string, width: number) =>
  text.length >= width ? text : text + ' '.repeat(width - text.length);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runs = wholeNumber(argument(args, 'runs'), DEFAULT_RUNS, 'runs');
  // fast-check seeds are 32-bit and may be negative (Vitest prints them as fast-check chose them).
  const seed = wholeNumber(argument(args, 'seed'), Math.floor(Math.random() * 2 ** 31), 'seed', -(2 ** 31));
  const limitMs = wholeNumber(argument(args, 'limit-ms'), DEFAULT_LIMIT_MS, 'limit-ms');
  const path = argument(args, 'path');
  const only = argument(args, 'only')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

  const targets = await buildTargets();
  if (args.includes('--list')) {
    for (const t of targets)
      console.log(`${pad(t.name, 40)} ${t.budget ? `${t.budget.share} of --runs: ${t.budget.reason}` : ''}`);
    return;
  }
  const chosen = targets.filter(
    (t) => only === undefined || only.some((o) => t.name === o || (o.endsWith('.') && t.name.startsWith(o))),
  );
  if (chosen.length === 0) throw new Error(`no target matches --only ${only?.join(',')}`);

  console.log(
    `fuzz: ${chosen.length} targets, ${runs.toLocaleString('en')} runs each, seed ${seed}, limit ${limitMs} ms per input`,
  );
  const seedProblems = await checkSeeds();
  for (const problem of seedProblems) console.log(`SEED PROBLEM ${problem}`);

  const outcomes: Outcome[] = [];
  for (const t of chosen) {
    const share = t.budget?.share ?? 1;
    const targetRuns = Math.max(1, Math.ceil(runs * share));
    if (t.budget && path === undefined)
      console.log(`  ${t.name}: ${targetRuns.toLocaleString('en')} runs (${t.budget.reason})`);
    const outcome = await runInWorker(
      { name: t.name, runs: targetRuns, seed, path, limitMs },
      Math.max(10_000, 5 * limitMs),
    );
    outcomes.push(outcome);
    const rate = outcome.seconds > 0 ? Math.round(outcome.runs / outcome.seconds) : 0;
    console.log(
      `${outcome.failed ? 'FAIL' : 'PASS'} ${pad(outcome.name, 36)} ${pad(outcome.runs.toLocaleString('en'), 8)} runs ` +
        `${pad(outcome.seconds.toFixed(1), 7)} s ${pad(`${rate.toLocaleString('en')}/s`, 9)} ${outcome.failed ? '1 failure' : '0 failures'}` +
        `${outcome.tally ? `  [${outcome.tally}]` : ''}`,
    );
    if (outcome.failed) console.log(outcome.detail.replace(/^/gm, '     '));
  }
  const failed = outcomes.filter((o) => o.failed).length;
  if (seedProblems.length > 0)
    console.log(`${seedProblems.length} seed problem(s): the mutation targets start from broken files`);
  console.log(`${outcomes.length - failed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || seedProblems.length > 0 ? 1 : 0;
}

// Stack traces of findings point at the TypeScript sources (run.mjs bundles with a source map).
process.setSourceMapsEnabled(true);

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  runJob(workerData as Job).then(
    (outcome) => parentPort?.postMessage(outcome),
    (error: unknown) => {
      throw error;
    },
  );
}
