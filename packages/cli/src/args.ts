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
  /** Options of `check`; `checkOptionsGiven` lists the ones the user wrote (parse rejects them). */
  readonly check: CheckOptions;
  readonly checkOptionsGiven: string[];
  /** Options of the net command (`modelcheck net.pnml`); `netOptionsGiven` lists those written. */
  readonly net: NetOptions;
  readonly netOptionsGiven: string[];
}

export interface NetOptions {
  /** `--check deadlock,bounded,...`: the analyses to run (default all). */
  readonly checks?: string[];
  /** `--formula file.xml`: Model Checking Contest property file. */
  readonly formula?: string;
  /** `--ctl "formula"` / `--ltl "formula"` (repeatable). */
  readonly ctl: string[];
  readonly ltl: string[];
  /** `--explain`: with --ctl, the tree of sub-formula verdicts. */
  readonly explain: boolean;
}

export type TraceFormat = 'itf' | 'json';

export interface CheckOptions {
  /** `-workers N|auto` as the user wrote it (the checker runs one worker whatever it says). */
  readonly workers?: string;
  /** TLC's `-deadlock`: do not report deadlocks. */
  readonly noDeadlock: boolean;
  /** `-depth N`: behaviour length of `--simulate`, depth bound of `--dfs`. */
  readonly depth?: number;
  readonly simulate: boolean;
  readonly seed?: number;
  /** `--max-traces N` or TLC's `-simulate num=N`: how many behaviours a simulation generates. */
  readonly maxTraces?: number;
  readonly dfs: boolean;
  readonly maxStates?: number;
  /** `--timeout SECONDS`. */
  readonly timeout?: number;
  /** `--max-memory MB`. */
  readonly maxMemoryMb?: number;
  readonly traceFormat?: TraceFormat;
  readonly traceFile?: string;
}

export class UsageError extends Error {}

const COMMANDS = new Set(['parse', 'check', 'net', 'help']);

/** Files the net command reads: PNML, LoLA, and our own text format. */
export const NET_FILE = /\.(pnml|net|lola|pnet)$/i;

/** TLC options accepted for compatibility that change nothing here. */
const IGNORED_TLC_FLAGS = new Set(['-cleanup', '-noTE', '-nowarning']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const libs: string[] = [];
  const given: string[] = [];
  let config: string | undefined;
  let json = false;
  let color: boolean | undefined;
  let help = false;
  let version = false;
  const check: {
    -readonly [K in keyof CheckOptions]: CheckOptions[K];
  } = { noDeadlock: false, simulate: false, dfs: false };
  const net: { checks?: string[]; formula?: string; ctl: string[]; ltl: string[]; explain: boolean } = {
    ctl: [],
    ltl: [],
    explain: false,
  };
  const netGiven: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (option: string): string => {
      const eq = arg.indexOf('=');
      if (eq >= 0) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${option} needs a value`);
      return next;
    };
    const name = arg.startsWith('-') ? arg.split('=')[0] : arg;
    const checkOption = () => given.push(name);
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
      case '--workers':
      case '-workers': {
        checkOption();
        const v = value(name);
        if (v !== 'auto' && !/^[1-9]\d*$/.test(v))
          throw new UsageError(`${name} takes a positive number or auto, not ${v}`);
        check.workers = v;
        break;
      }
      case '-deadlock':
      case '--no-deadlock':
        checkOption();
        check.noDeadlock = true;
        break;
      case '--depth':
      case '-depth':
        checkOption();
        check.depth = integer(name, value(name), 1);
        break;
      case '--simulate':
      case '-simulate': {
        checkOption();
        check.simulate = true;
        // TLC: `-simulate num=N` (and `file=...`, which is not supported here).
        const next = argv[i + 1];
        if (next !== undefined && /^(num|file|stats)=/.test(next)) {
          i++;
          for (const part of next.split(',')) {
            const [key, v = ''] = part.split('=');
            if (key === 'num') check.maxTraces = integer('-simulate num', v, 1);
            else throw new UsageError(`-simulate ${key}=... is not supported; only num=N is`);
          }
        }
        break;
      }
      case '--seed':
      case '-seed':
        checkOption();
        check.seed = integer(name, value(name), Number.MIN_SAFE_INTEGER);
        break;
      case '--max-traces':
        checkOption();
        check.maxTraces = integer(name, value(name), 1);
        break;
      case '--dfs':
        checkOption();
        check.dfs = true;
        break;
      case '--max-states':
        checkOption();
        check.maxStates = integer(name, value(name), 1);
        break;
      case '--timeout':
        checkOption();
        check.timeout = positiveNumber(name, value(name));
        break;
      case '--max-memory':
        checkOption();
        check.maxMemoryMb = positiveNumber(name, value(name));
        break;
      case '--trace-format': {
        checkOption();
        const v = value(name);
        if (v !== 'itf' && v !== 'json') throw new UsageError(`${name} is itf or json, not ${v}`);
        check.traceFormat = v;
        break;
      }
      case '--trace-file':
        checkOption();
        check.traceFile = value(name);
        break;
      case '--check':
        netGiven.push(name);
        net.checks = [
          ...(net.checks ?? []),
          ...value(name)
            .split(',')
            .map((c) => c.trim())
            .filter((c) => c !== ''),
        ];
        break;
      case '--formula':
        netGiven.push(name);
        net.formula = value(name);
        break;
      case '--ctl':
        netGiven.push(name);
        net.ctl.push(value(name));
        break;
      case '--ltl':
        netGiven.push(name);
        net.ltl.push(value(name));
        break;
      case '--explain':
        netGiven.push(name);
        net.explain = true;
        break;
      default:
        if (IGNORED_TLC_FLAGS.has(arg)) break;
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        positional.push(arg);
    }
  }
  if (check.simulate && check.dfs) throw new UsageError('--simulate and --dfs cannot be used together');
  if (check.traceFormat !== undefined && check.traceFile === undefined)
    throw new UsageError('--trace-format needs --trace-file <file>');
  let command: string | undefined;
  if (positional.length > 0 && COMMANDS.has(positional[0])) command = positional.shift();
  else if (positional.length > 0 && positional[0].endsWith('.tla')) command = 'check';
  else if (positional.length > 0 && NET_FILE.test(positional[0])) command = 'net';
  return {
    command,
    positional,
    config,
    libs,
    json,
    color,
    help,
    version,
    check,
    checkOptionsGiven: given,
    net,
    netOptionsGiven: netGiven,
  };
}

function integer(option: string, text: string, min: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(n) || n < min)
    throw new UsageError(
      `${option} takes a whole number${min >= 1 ? ` of at least ${min}` : ''}, not ${text}`,
    );
  return n;
}

function positiveNumber(option: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new UsageError(`${option} takes a positive number, not ${text}`);
  return n;
}

export const USAGE = `usage: modelcheck <command> [options]

commands:
  check <spec.tla> [--config file.cfg] [--lib dir]...      (also: modelcheck <spec.tla> ...)
      Model-check a TLA+ spec with its .cfg (by default <spec>.cfg beside it), as TLC does:
      ASSUMEs, then every reachable state breadth-first, checking INVARIANTs, action PROPERTYs
      ([][A]_v) and deadlock; prints TLC's layout, with a shortest counterexample on a violation.
      Temporal PROPERTYs are not checked yet: they are named and the exit code is 4.
  parse <spec.tla> [--config file.cfg] [--lib dir]...
      Parse and check a TLA+ spec and its .cfg (by default <spec>.cfg when it exists):
      syntax, module loading, names, arity, levels, and the cfg against the spec.
      Prints "ok" with a summary, or the problems with file:line:column.

  net <net.pnml|net.net|net.pnet> [--check a,b,...] [--formula props.xml] [--ctl F] [--ltl F] [--explain]
      (also: modelcheck <net.pnml> ...) Analyse a Petri net (PNML, LoLA .net, or the .pnet text
      format): a table of deadlock, bounded/safe, quasi-live, live, reversible, home markings,
      workflow soundness, invariants, siphons and net classes, then the firing sequences that
      explain each answer. --check picks analyses: deadlock,bounded,safe,quasi-live,live,
      reversible,home,sound,invariants,siphons,classes. --max-states, --timeout, --max-memory
      stop a net too big and print what is known. Exit 0 when the analysis ran (whatever the
      answers), 3 stopped at a limit, 150 net file error, 151 formula error, 153 unreadable.
      --formula props.xml checks the Model Checking Contest's property file (CTL*, LTL*,
      Reachability*, UpperBounds) and prints FORMULA <id> TRUE|FALSE|CANNOT_COMPUTE per formula.
      --ctl/--ltl 'F' check a formula with atoms fireable(t1,t2), deadlock, tokens(p,q) >= 2,
      p >= 2 (a place alone: marked; a transition alone: enabled), and print a firing sequence
      as witness or counterexample; --explain adds CTL's sub-formula tree.

options:
  --config <file>   TLC configuration file (TLC: -config)
  --lib <dir>       an extra folder to search for modules (repeatable), e.g. community modules
  --json            one JSON object per line on stdout (check: events, then a "result" line)
  --no-color        plain output even on a terminal (also: NO_COLOR=1)
  --help, --version

check options (TLC's spelling in parentheses):
  --no-deadlock     do not report deadlocks (-deadlock)
  --simulate        random behaviours instead of the exhaustive search (-simulate [num=N])
  --depth <n>       behaviour length for --simulate (default 100), depth bound for --dfs (-depth)
  --seed <n>        seed of --simulate (default: random, printed) (-seed)
  --max-traces <n>  stop --simulate after n behaviours
  --dfs             depth-first instead of breadth-first (counterexamples are then not shortest)
  --workers <n|auto>  accepted for TLC compatibility; the checker runs one worker (-workers)
  --max-states <n>  stop after n distinct states (exit 3)
  --timeout <s>     stop after s seconds (exit 3)
  --max-memory <MB> stop when the heap exceeds this (exit 152)
  --trace-file <f>  write the counterexample to f
  --trace-format <itf|json>  format of --trace-file (default itf: Apalache/Quint's ITF JSON)

exit codes: 0 ok, 2 usage, 3 stopped at --max-states/--timeout, 4 temporal properties not checked,
  10 assumption false, 11 deadlock, 12 invariant violated, 13 action/temporal property violated,
  14 Assert failed, 75 evaluation error, 130 interrupted (Ctrl-C), 150 spec error, 151 cfg error,
  152 out of memory (--max-memory), 153 file unreadable, 255 internal error
`;
