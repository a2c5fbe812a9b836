import { existsSync, statSync } from 'node:fs';
import { type ParsedArgs, parseArgs, USAGE, UsageError } from './args.js';
import { CheckCommand, type CheckIo } from './commands/check.js';
import { runNet } from './commands/net.js';
import { runParse } from './commands/parse.js';
import { ExitCode } from './exit-codes.js';
import { absolutePath } from './node-host.js';

export const VERSION = '0.1.0';

/** Options of the net command that TLA+ checks take too. */
const FORMULA_FLAGS = new Set(['--ctl', '--ltl', '--explain']);

export interface CommandResult {
  stdout: string[];
  stderr: string[];
  exitCode: number;
}

/** The arguments with the command settled: `modelcheck Spec.tla` and TLC's `modelcheck Spec` mean `check`. */
function resolveCommand(args: ParsedArgs): ParsedArgs {
  if (args.command !== undefined || args.positional.length === 0) return args;
  const first = args.positional[0];
  const withTla = absolutePath(`${first}.tla`);
  if (existsSync(withTla) && statSync(withTla).isFile())
    return { ...args, command: 'check', positional: [`${first}.tla`, ...args.positional.slice(1)] };
  return args;
}

function usageFailure(error: UsageError): CommandResult {
  return { stdout: [], stderr: [`error: ${error.message}`, '', USAGE], exitCode: ExitCode.usage };
}

function internalFailure(error: unknown, json: boolean): CommandResult {
  const message = error instanceof Error ? error.message : String(error);
  const stderr = [
    `internal error: ${message}`,
    'This is a bug in modelcheck; please report it with the spec that triggered it.',
  ];
  if (process.env.MODELCHECK_DEBUG && error instanceof Error && error.stack) stderr.push(error.stack);
  const stdout = json
    ? [
        JSON.stringify({
          event: 'result',
          outcome: 'internal-error',
          exitCode: ExitCode.internalError,
          diagnostics: [{ code: 'CLI999', severity: 'error', message: `internal error: ${message}` }],
        }),
      ]
    : [];
  return { stdout, stderr, exitCode: ExitCode.internalError };
}

function colorFor(args: ParsedArgs, isTty: boolean): boolean {
  return args.color ?? (isTty && !process.env.NO_COLOR);
}

/**
 * Runs one command to the end and returns its output. Never throws: a bug becomes a one-line
 * message and exit code 255, never a stack trace (set MODELCHECK_DEBUG=1 to see it). `check` runs
 * here without yielding (no Ctrl-C); the executable uses `main`, which streams and handles Ctrl-C.
 */
export function run(argv: readonly string[], isTty = false): CommandResult {
  let json = false;
  try {
    const args = resolveCommand(parseArgs(argv));
    json = args.json;
    if (args.version) return { stdout: [`modelcheck ${VERSION}`], stderr: [], exitCode: ExitCode.ok };
    if (args.help || args.command === 'help') return { stdout: [USAGE], stderr: [], exitCode: ExitCode.ok };
    const color = colorFor(args, isTty);
    switch (args.command) {
      case 'net':
        return runNet(args, color);
      case 'parse':
        if (args.netOptionsGiven.length > 0)
          throw new UsageError(`${args.netOptionsGiven[0]} applies to nets, not parse`);
        if (args.checkOptionsGiven.length > 0)
          throw new UsageError(`${args.checkOptionsGiven[0]} applies to check, not parse`);
        return runParse(args, color);
      case 'check': {
        const netOnly = args.netOptionsGiven.filter((f) => !FORMULA_FLAGS.has(f));
        if (netOnly.length > 0) throw new UsageError(`${netOnly[0]} applies to nets, not TLA+ specs`);
        const stdout: string[] = [];
        const stderr: string[] = [];
        const command = new CheckCommand(args, {
          stdout: (line) => stdout.push(line),
          stderr: (line) => stderr.push(line),
          color,
          version: VERSION,
        });
        if (!command.prepare()) while (!command.step(Number.POSITIVE_INFINITY));
        return { stdout, stderr, exitCode: command.exitCode };
      }
      default:
        if (args.positional.length === 0) throw new UsageError('no command given');
        throw new UsageError(`unknown command ${args.positional[0]}`);
    }
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(error);
    return internalFailure(error, json);
  }
}

export interface MainIo {
  /** Writes text (no trailing newline) to stdout. */
  stdout(text: string): void;
  stderr(text: string): void;
  readonly stdoutIsTty: boolean;
  readonly stderrIsTty: boolean;
  /** Ctrl-C: tests pass their own; the executable wires SIGINT to it. */
  readonly signal?: { readonly aborted: boolean };
}

/** How long `check` explores between two looks at the event loop (Ctrl-C, output). */
const SLICE_MS = 100;

/**
 * The executable's entry: like `run`, but `check` prints as it goes (progress lines, Print output)
 * and stops cleanly on Ctrl-C with the counts so far (exit 130).
 */
export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  const write = (result: CommandResult): number => {
    if (result.stdout.length > 0) io.stdout(`${result.stdout.join('\n')}\n`);
    if (result.stderr.length > 0) io.stderr(`${result.stderr.join('\n')}\n`);
    return result.exitCode;
  };
  let args: ParsedArgs;
  try {
    args = resolveCommand(parseArgs(argv));
  } catch (error) {
    return write(error instanceof UsageError ? usageFailure(error) : internalFailure(error, false));
  }
  if (args.command !== 'check' || args.help || args.version) return write(run(argv, io.stderrIsTty));

  const checkIo: CheckIo = {
    stdout: (line) => io.stdout(`${line}\n`),
    stderr: (line) => io.stderr(`${line}\n`),
    color: colorFor(args, io.stdoutIsTty),
    signal: io.signal,
    version: VERSION,
  };
  try {
    const command = new CheckCommand(args, checkIo);
    if (!command.prepare()) {
      while (!command.step(SLICE_MS)) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return command.exitCode;
  } catch (error) {
    return write(error instanceof UsageError ? usageFailure(error) : internalFailure(error, args.json));
  }
}
