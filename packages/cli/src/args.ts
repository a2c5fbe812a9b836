/** A small, strict command-line parser: unknown options are errors, not silently ignored. */
export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positional: string[];
  readonly config?: string;
  readonly libs: string[];
  readonly json: boolean;
  readonly color: boolean | undefined;
  readonly help: boolean;
  readonly version: boolean;
}

export class UsageError extends Error {}

const COMMANDS = new Set(['parse', 'help']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const libs: string[] = [];
  let config: string | undefined;
  let json = false;
  let color: boolean | undefined;
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (option: string): string => {
      const eq = arg.indexOf('=');
      if (eq >= 0) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${option} needs a value`);
      return next;
    };
    const name = arg.startsWith('--') ? arg.split('=')[0] : arg;
    switch (name) {
      case '--config':
      case '-config':
        config = value(name);
        break;
      case '--lib':
        libs.push(value(name));
        break;
      case '--json':
        json = true;
        break;
      case '--color':
        color = true;
        break;
      case '--no-color':
        color = false;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      case '--version':
        version = true;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        positional.push(arg);
    }
  }
  let command: string | undefined;
  if (positional.length > 0 && COMMANDS.has(positional[0])) command = positional.shift();
  return { command, positional, config, libs, json, color, help, version };
}

export const USAGE = `usage: modelcheck <command> [options]

commands:
  parse <spec.tla> [--config file.cfg] [--lib dir]...
      Parse and check a TLA+ spec and its .cfg (by default <spec>.cfg when it exists):
      syntax, module loading, names, arity, levels, and the cfg against the spec.
      Prints "ok" with a summary, or the problems with file:line:column.

options:
  --config <file>   TLC configuration file
  --lib <dir>       an extra folder to search for modules (repeatable), e.g. community modules
  --json            print one JSON result line on stdout instead of text
  --no-color        plain output even on a terminal
  --help, --version

exit codes: 0 ok, 2 usage, 150 spec error, 151 cfg error, 153 file unreadable, 255 internal error
`;
