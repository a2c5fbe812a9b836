/**
 * `pnpm conformance [--tier T1,T2] [--filter text] [--timeout s] [--jobs n] [--quick]`
 *
 * Runs every corpus model of the selected tiers through `modelcheck check --json`, one child process
 * each (so a model that runs away is killed at its timeout without taking the others with it), and
 * prints per model whether we agree with TLC (manifest.json): outcome and exit code, and for
 * successes the distinct and generated states and the depth, for failures the violated property and
 * the counterexample's length. Ends with `N passed, M failed, S skipped`; exits 1 if any failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { hasTlaCorpus, repoRoot } from '../support/corpus.js';
import {
  type CheckJsonResult,
  checkArgs,
  compare,
  resultLine,
  selectModels,
  type TlcModel,
  type Verdict,
} from './compare.js';

interface Options {
  tiers?: string[];
  filter?: string;
  timeout: number;
  jobs: number;
  quick: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { timeout: 120, jobs: 1, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split('=', 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--tier':
      case '--tiers':
        options.tiers = value()
          .split(',')
          .map((t) => t.trim().toUpperCase())
          .filter(Boolean);
        break;
      case '--filter':
        options.filter = value();
        break;
      case '--timeout':
        options.timeout = Number(value());
        break;
      case '--jobs':
        options.jobs = value() === 'auto' ? availableParallelism() : Number(value());
        break;
      case '--quick':
        options.quick = true;
        break;
      case '--help':
        console.log(
          'usage: pnpm conformance [--tier T1,T2] [--filter text] [--timeout s] [--jobs n|auto] [--quick]',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  if (!(options.timeout > 0)) throw new Error('--timeout takes a positive number of seconds');
  if (!(options.jobs >= 1)) throw new Error('--jobs takes a positive number');
  return options;
}

/** Bundles the CLI once (as `pnpm modelcheck` does) and keeps a private copy for the children. */
function bundleCli(): string {
  const built = spawnSync(
    process.execPath,
    [join(repoRoot, 'scripts/run-ts.mjs'), 'packages/cli/src/bin.ts', '--version'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  const bundle = join(repoRoot, 'node_modules/.cache/modelcheck/bin.mjs');
  if (built.status !== 0 || !existsSync(bundle)) throw new Error(`could not build the CLI: ${built.stderr}`);
  const copy = join(repoRoot, 'node_modules/.cache/modelcheck/conformance-bin.mjs');
  copyFileSync(bundle, copy);
  return copy;
}

interface Outcome {
  readonly model: TlcModel;
  readonly verdict: Verdict;
  readonly seconds: number;
  readonly timedOut: boolean;
}

function runOne(bundle: string, model: TlcModel, timeout: number): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, ...checkArgs(model, timeout)], {
      cwd: repoRoot,
      env: { ...process.env, INIT_CWD: repoRoot, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    // The child stops itself at --timeout; this is for an evaluation that never returns.
    let timedOut = false;
    const killer = setTimeout(
      () => {
        timedOut = true;
        child.kill('SIGKILL');
      },
      (timeout + 30) * 1000,
    );
    child.on('close', () => {
      clearTimeout(killer);
      const seconds = (performance.now() - started) / 1000;
      const result: CheckJsonResult | undefined = resultLine(stdout);
      let verdict = compare(model, result);
      if (timedOut) verdict = { agree: false, detail: `killed after ${Math.round(seconds)} s (no answer)` };
      else if (!result)
        verdict = {
          agree: false,
          detail: `no result: ${stderr.trim().split('\n').slice(0, 3).join(' | ') || 'no output'}`,
        };
      resolve({ model, verdict, seconds, timedOut });
    });
  });
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const models = hasTlaCorpus
    ? selectModels({
        tiers: options.tiers,
        filter: options.filter,
        maxTlcSeconds: options.quick ? 3 : undefined,
      })
    : [];
  if (!hasTlaCorpus) {
    console.log('The corpus (../shared/corpus/tla) is absent: nothing to compare.');
    console.log('0 passed, 0 failed, 0 skipped');
    return 0;
  }
  const bundle = bundleCli();
  console.log(
    `Checking ${models.length} corpus models against TLC (timeout ${options.timeout} s each, ${options.jobs} at a time)`,
  );
  const results: Outcome[] = new Array(models.length);
  let next = 0;
  let printed = 0;
  const ready: (Outcome | undefined)[] = new Array(models.length);
  const flush = () => {
    // Print in manifest order, as soon as the earlier ones are done.
    while (printed < models.length && ready[printed]) {
      const o = ready[printed] as Outcome;
      const status = o.verdict.skipped ? 'skipped ' : o.verdict.agree ? 'agree   ' : 'DISAGREE';
      const name = o.model.cfg.replace(/^specifications\//, '');
      console.log(`${status} ${o.model.tier} ${name} (${o.seconds.toFixed(1)} s): ${o.verdict.detail}`);
      printed++;
    }
  };
  const worker = async () => {
    while (next < models.length) {
      const i = next++;
      const outcome = await runOne(bundle, models[i], options.timeout);
      results[i] = outcome;
      ready[i] = outcome;
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.jobs, Math.max(1, models.length)) }, worker));
  const skipped = results.filter((r) => r.verdict.skipped).length;
  const passed = results.filter((r) => r.verdict.agree && !r.verdict.skipped).length;
  const failed = results.length - passed - skipped;
  const safetyOnly = results.filter((r) => r.verdict.safetyOnly).length;
  const killed = results.filter((r) => r.timedOut).length;
  console.log('');
  if (failed > 0)
    console.log(
      `Of the ${failed} failed: ${safetyOnly} only because their temporal properties are not checked yet (the safety part agrees), ${killed} killed at the timeout.`,
    );
  if (skipped > 0)
    console.log(`Skipped ${skipped}: TLC's counts depend on its random seed; only the outcome was compared.`);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`conformance: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
