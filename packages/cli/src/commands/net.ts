import { readFileSync, statSync } from 'node:fs';
import { type Diagnostic, formatDiagnostic, hasErrors } from '@modelcheck/core';
import {
  analyzeNet,
  CHECKS,
  type CheckName,
  decodeNetFile,
  type NetReport,
  type PetriNet,
  readNet,
  readPropertyXml,
} from '@modelcheck/petri';
import type { ParsedArgs } from '../args.js';
import { UsageError } from '../args.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { type NetFormulaJob, parseCliFormula, runNetFormulas } from '../net/formulas.js';
import { netDetailsJson, netResultJson } from '../net/json.js';
import { formatNetReport } from '../net/text-report.js';
import { absolutePath } from '../node-host.js';
import { displayPath } from './check.js';
import type { CommandOutput } from './parse.js';

/** Options of `check` that mean nothing for a net. */
const CHECK_ONLY = new Set([
  '--workers',
  '-workers',
  '-deadlock',
  '--no-deadlock',
  '--depth',
  '-depth',
  '--simulate',
  '-simulate',
  '--seed',
  '-seed',
  '--max-traces',
  '--dfs',
  '--trace-format',
  '--trace-file',
]);

function readBytes(path: string): Uint8Array | undefined {
  try {
    if (!statSync(path).isFile()) return undefined;
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * `modelcheck net.pnml`: reads the net (PNML, LoLA, .pnet), runs the analyses, prints the table and
 * the evidence (or, with --json, a `report` line and then the contract's `result` line).
 * Exit codes: 0 the analyses ran (whatever the answers: a "no" is a finding, not a failure, as
 * for LoLA's and TAPAAL's reports), 3 stopped at --max-states/--timeout (what is known is
 * printed), 152 stopped at --max-memory, 150 the net file has an error, 151 the formula file has an
 * error or names what the net lacks, 153 a file cannot be read. Formulas: see `runFormulas`.
 */
export function runNet(args: ParsedArgs, color: boolean): CommandOutput {
  if (args.positional.length !== 1)
    throw new UsageError('net takes exactly one net file: modelcheck <net.pnml>');
  const bad = args.checkOptionsGiven.find((o) => CHECK_ONLY.has(o));
  if (bad) throw new UsageError(`${bad} applies to TLA+ specs, not to nets`);
  if (args.config !== undefined || args.libs.length > 0)
    throw new UsageError(
      `${args.config !== undefined ? '--config' : '--lib'} applies to TLA+ specs, not to nets`,
    );
  const checks = (args.net.checks ?? [...CHECKS]).map((c) =>
    c
      .toLowerCase()
      .replace(/^quasilive$/, 'quasi-live')
      .replace(/^soundness$/, 'sound'),
  );
  for (const c of checks)
    if (!(CHECKS as readonly string[]).includes(c))
      throw new UsageError(`--check: unknown analysis ${c}; the analyses are ${CHECKS.join(', ')}`);

  const path = absolutePath(args.positional[0]);
  const shown = displayPath(path);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const bytes = readBytes(path);
  if (bytes === undefined) {
    return unreadable(shown, shown, args.json, stdout, stderr);
  }
  const text = decodeNetFile(bytes);
  const read = readNet(text, path);
  const lookup = (file: string) => (file === path ? text : undefined);
  const printDiagnostics = (diagnostics: readonly Diagnostic[]) => {
    if (!args.json)
      for (const d of diagnostics) stderr.push(formatDiagnostic(d, lookup, { color, displayPath }));
  };
  printDiagnostics(read.diagnostics);
  if (!read.net || hasErrors(read.diagnostics)) {
    const errors = read.diagnostics.filter((d) => d.severity === 'error').length;
    if (args.json)
      stdout.push(
        JSON.stringify(
          errorResult(
            shown,
            'parse-error',
            ExitCode.specError,
            read.diagnostics.map((d) => jsonDiagnostic(d)),
          ),
        ),
      );
    else stderr.push(`${errors} error${errors === 1 ? '' : 's'} in ${shown}`);
    return { stdout, stderr, exitCode: ExitCode.specError };
  }
  const net = read.net;
  if (args.net.formula !== undefined || args.net.ctl.length > 0 || args.net.ltl.length > 0)
    return runFormulas(net, shown, args, color, stdout, stderr);
  if (args.net.explain) throw new UsageError('--explain goes with --ctl (or --ltl) on nets');
  const c = args.check;
  const report: NetReport = analyzeNet(net, {
    checks: checks as CheckName[],
    maxStates: c.maxStates,
    maxSeconds: c.timeout,
    maxBytes: c.maxMemoryMb !== undefined ? c.maxMemoryMb * 2 ** 20 : undefined,
  });
  let exitCode: ExitCodeValue = ExitCode.ok;
  if (report.stateSpace.stopped === 'memory-limit') exitCode = ExitCode.stateSpaceTooLarge;
  else if (report.stateSpace.stopped) exitCode = ExitCode.limitReached;
  if (args.json) {
    stdout.push(JSON.stringify(netDetailsJson(report, shown)));
    stdout.push(JSON.stringify(netResultJson(report, shown)));
  } else {
    stdout.push(...formatNetReport(report, shown));
  }
  return { stdout, stderr, exitCode };
}

function jsonDiagnostic(d: Diagnostic): Diagnostic {
  return d.span ? { ...d, span: { ...d.span, file: displayPath(d.span.file) } } : d;
}

function errorResult(
  file: string,
  outcome: string,
  exitCode: number,
  diagnostics: readonly Diagnostic[],
): Record<string, unknown> {
  return { event: 'result', file, outcome, exitCode, diagnostics };
}

/**
 * `--formula props.xml`, `--ctl F`, `--ltl F`: the formulas are checked on the reachability graph
 * with the Model Checking Contest's semantics, one `FORMULA <id> TRUE|FALSE` line each (the
 * contest's format; --ctl/--ltl are numbered ctl-1, ltl-1, ... and followed by their evidence).
 * Exit 0 when every formula got an answer (TRUE or FALSE alike), 3 when a limit left some
 * CANNOT_COMPUTE (152 at the memory limit), 4 when the net is unbounded or a formula is beyond the
 * LTL translator (too many atoms: CANNOT_COMPUTE, not checked), 151 when
 * the property file or a formula has an error (located; nothing is checked), 153 unreadable file.
 */
function runFormulas(
  net: PetriNet,
  shown: string,
  args: ParsedArgs,
  color: boolean,
  stdout: string[],
  stderr: string[],
): CommandOutput {
  const sources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const jobs: NetFormulaJob[] = [];
  if (args.net.formula !== undefined) {
    const path = absolutePath(args.net.formula);
    const bytes = readBytes(path);
    if (bytes === undefined) {
      return unreadable(shown, displayPath(path), args.json, stdout, stderr);
    }
    const text = decodeNetFile(bytes);
    sources.set(path, text);
    const file = readPropertyXml(text, path, net);
    diagnostics.push(...file.diagnostics);
    for (const p of file.properties)
      jobs.push({ id: p.id, logic: p.logic, formula: p.formula, bound: p.bound, verbose: false });
  }
  const adHoc = [
    ...args.net.ctl.map((text, i) => ({ text, logic: 'ctl' as const, id: `ctl-${i + 1}` })),
    ...args.net.ltl.map((text, i) => ({ text, logic: 'ltl' as const, id: `ltl-${i + 1}` })),
  ];
  for (const f of adHoc) {
    const file = `<--${f.logic} ${f.id.slice(4)}>`;
    sources.set(file, f.text);
    const parsed = parseCliFormula(f.text, net, file, f.logic);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.formula) jobs.push({ id: f.id, logic: f.logic, formula: parsed.formula, verbose: true });
  }
  if (hasErrors(diagnostics)) {
    if (args.json)
      stdout.push(
        JSON.stringify(
          errorResult(
            shown,
            'formula-error',
            ExitCode.configError,
            diagnostics.map((d) => jsonDiagnostic(d)),
          ),
        ),
      );
    else {
      for (const d of diagnostics)
        stderr.push(formatDiagnostic(d, (f) => sources.get(f), { color, displayPath }));
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      stderr.push(`${errors} error${errors === 1 ? '' : 's'} in the formulas: nothing was checked`);
    }
    return { stdout, stderr, exitCode: ExitCode.configError };
  }
  const c = args.check;
  const run = runNetFormulas(net, jobs, {
    maxStates: c.maxStates,
    maxSeconds: c.timeout,
    maxBytes: c.maxMemoryMb !== undefined ? c.maxMemoryMb * 2 ** 20 : undefined,
    explain: args.net.explain,
    json: args.json,
  });
  stdout.push(...run.stdout);
  let exitCode: ExitCodeValue = ExitCode.ok;
  const checkErrors = run.answers.flatMap((a) => (a.result.kind === 'error' ? a.result.diagnostics : []));
  // A formula the checker refuses (LTL206/LTL207: too many atoms, an automaton too large) is
  // CANNOT_COMPUTE: not checked (4), not an error of the file.
  if (checkErrors.length > 0) exitCode = ExitCode.notChecked;
  else if (run.stopped === 'memory-limit') exitCode = ExitCode.stateSpaceTooLarge;
  else if (run.stopped === 'unbounded') exitCode = ExitCode.notChecked;
  else if (run.stopped) exitCode = ExitCode.limitReached;
  if (args.json) {
    const count = (answer: string) => run.answers.filter((a) => a.answer === answer).length;
    stdout.push(
      JSON.stringify({
        event: 'result',
        file: shown,
        places: net.places.length,
        transitions: net.transitions.length,
        markings: run.space.stopped ? null : run.space.markings,
        formulas: run.answers.length,
        true: count('TRUE'),
        false: count('FALSE'),
        cannotCompute: count('CANNOT_COMPUTE'),
        stopped: run.stopped ?? null,
        exitCode,
      }),
    );
  } else {
    for (const d of checkErrors)
      stderr.push(formatDiagnostic(d, (f) => sources.get(f), { color, displayPath }));
    stderr.push(...run.stderr);
  }
  return { stdout, stderr, exitCode };
}

/** The answer when a file cannot be read: CLI001 and exit code systemError, as text or a JSON result, after what was printed so far. */
function unreadable(
  shown: string,
  file: string,
  json: boolean,
  stdout: string[],
  stderr: string[],
): CommandOutput {
  const message = `cannot read ${file}: no such file`;
  if (json)
    stdout.push(
      JSON.stringify(
        errorResult(shown, 'system-error', ExitCode.systemError, [
          { code: 'CLI001', severity: 'error', message },
        ]),
      ),
    );
  else stderr.push(`error: ${message}`);
  return { stdout, stderr, exitCode: ExitCode.systemError };
}
