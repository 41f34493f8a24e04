// `npm run test:e2e`: the stories in Chromium, then in Firefox, each in its own process
// (run.mjs); passes --filter through. Exits non-zero when either browser had a failure.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
let failed = false;
for (const browser of ['chromium', 'firefox']) {
  const { status } = spawnSync(
    process.execPath,
    [path.join(here, 'run.mjs'), '--browser', browser, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  if (status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
