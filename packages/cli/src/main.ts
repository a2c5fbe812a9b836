import { parseArgs, USAGE, UsageError } from './args.js';
import { runParse } from './commands/parse.js';
import { ExitCode } from './exit-codes.js';

export const VERSION = '0.1.0';

/**
 * Runs one command. Never throws: a bug becomes a one-line message and exit code 255,
 * never a stack trace (set MODELCHECK_DEBUG=1 to see it).
 */
export function run(
  argv: readonly string[],
  isTty = false,
): { stdout: string[]; stderr: string[]; exitCode: number } {
  try {
    const args = parseArgs(argv);
    if (args.version) return { stdout: [`modelcheck ${VERSION}`], stderr: [], exitCode: ExitCode.ok };
    if (args.help || args.command === 'help') return { stdout: [USAGE], stderr: [], exitCode: ExitCode.ok };
    const color = args.color ?? (isTty && !process.env.NO_COLOR);
    switch (args.command) {
      case 'parse':
        return runParse(args, color);
      default:
        if (args.positional.length === 0) throw new UsageError('no command given');
        throw new UsageError(`unknown command ${args.positional[0]}`);
    }
  } catch (error) {
    if (error instanceof UsageError)
      return { stdout: [], stderr: [`error: ${error.message}`, '', USAGE], exitCode: ExitCode.usage };
    const message = error instanceof Error ? error.message : String(error);
    const stderr = [
      `internal error: ${message}`,
      'This is a bug in modelcheck; please report it with the spec that triggered it.',
    ];
    if (process.env.MODELCHECK_DEBUG && error instanceof Error && error.stack) stderr.push(error.stack);
    return { stdout: [], stderr, exitCode: ExitCode.internalError };
  }
}
