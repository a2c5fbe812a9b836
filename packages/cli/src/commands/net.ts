import { readFileSync, statSync } from 'node:fs';
import { type Diagnostic, formatDiagnostic, hasErrors } from '@modelcheck/core';
import {
  analyzeNet,
  CHECKS,
  type CheckName,
  children,
  decodeNetFile,
  type NetReport,
  parseXml,
  readNet,
} from '@modelcheck/petri';
import type { ParsedArgs } from '../args.js';
import { UsageError } from '../args.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
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
 * error or names what the net lacks, 153 a file cannot be read.
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
    const message = `cannot read ${shown}: no such file`;
    if (args.json)
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
    return formulasNotSupported(args, color, stdout, stderr);
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
 * Temporal formulas need packages/temporal (issue 4), whose API is not there yet: every formula is
 * answered CANNOT_COMPUTE in the contest's format, and the exit code is 4 (not checked), never 0.
 */
function formulasNotSupported(
  args: ParsedArgs,
  color: boolean,
  stdout: string[],
  stderr: string[],
): CommandOutput {
  const note =
    'temporal formulas (--formula, --ctl, --ltl) are not checked yet: they need the temporal package';
  if (args.net.formula !== undefined) {
    const path = absolutePath(args.net.formula);
    const bytes = readBytes(path);
    if (bytes === undefined) {
      stderr.push(`error: cannot read ${displayPath(path)}: no such file`);
      return { stdout, stderr, exitCode: ExitCode.systemError };
    }
    const text = decodeNetFile(bytes);
    const doc = parseXml(text, path);
    if (!doc.root) {
      for (const d of doc.diagnostics)
        stderr.push(formatDiagnostic(d, (f) => (f === path ? text : undefined), { color, displayPath }));
      return { stdout, stderr, exitCode: ExitCode.configError };
    }
    for (const property of children(doc.root, 'property')) {
      const id = children(property, 'id')[0]?.text.trim();
      if (id) stdout.push(`FORMULA ${id} CANNOT_COMPUTE`);
    }
  }
  for (const _ of [...args.net.ctl, ...args.net.ltl]) stdout.push('FORMULA cli CANNOT_COMPUTE');
  stderr.push(`warning: ${note}`);
  return { stdout, stderr, exitCode: ExitCode.notChecked };
}
