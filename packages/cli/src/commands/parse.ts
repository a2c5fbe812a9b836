import { relative } from 'node:path';
import { type Diagnostic, formatDiagnostic, hasErrors } from '@modelcheck/core';
import { analyzeSpec, type CheckedSpec, checkConfig, moduleSymbols, parseConfig } from '@modelcheck/tla';
import type { ParsedArgs } from '../args.js';
import { UsageError } from '../args.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { absolutePath, nodeHost, userDirectory } from '../node-host.js';

export interface CommandOutput {
  readonly stdout: string[];
  readonly stderr: string[];
  readonly exitCode: ExitCodeValue;
}

interface ParseSummary {
  readonly module: string;
  readonly modules: number;
  readonly definitions: number;
  readonly constants: number;
  readonly variables: number;
  readonly config?: string;
}

export function runParse(args: ParsedArgs, color: boolean): CommandOutput {
  if (args.positional.length !== 1)
    throw new UsageError('parse takes exactly one spec file: modelcheck parse <spec.tla>');
  const specPath = absolutePath(args.positional[0]);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const display = (file: string) => {
    if (file.startsWith('<')) return file;
    const shown = relative(userDirectory(), file);
    return shown === '' || shown.startsWith('..') ? file : shown;
  };
  const specText = nodeHost.readFile(specPath);
  if (specText === undefined) {
    const message = `cannot read ${display(specPath)}: no such file`;
    if (args.json)
      stdout.push(
        JSON.stringify({
          command: 'parse',
          ok: false,
          exitCode: ExitCode.systemError,
          diagnostics: [{ code: 'CLI001', severity: 'error', message }],
        }),
      );
    else stderr.push(`error: ${message}`);
    return { stdout, stderr, exitCode: ExitCode.systemError };
  }
  const spec = analyzeSpec(specPath, { host: nodeHost, libraryDirs: args.libs.map((l) => absolutePath(l)) });
  const diagnostics: Diagnostic[] = [...spec.diagnostics];
  let exitCode: ExitCodeValue = hasErrors(diagnostics) ? ExitCode.specError : ExitCode.ok;
  const sources = new Map(spec.sources);

  const cfgPath = args.config !== undefined ? absolutePath(args.config) : specPath.replace(/\.tla$/, '.cfg');
  const cfgText = nodeHost.readFile(cfgPath);
  let configUsed: string | undefined;
  if (cfgText === undefined && args.config !== undefined) {
    diagnostics.push({
      code: 'CLI002',
      severity: 'error',
      message: `cannot read config file ${display(cfgPath)}`,
    });
    exitCode = ExitCode.systemError;
  } else if (cfgText !== undefined) {
    configUsed = cfgPath;
    sources.set(cfgPath, cfgText);
    const parsed = parseConfig(cfgText, cfgPath);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.config && spec.root && !hasErrors(spec.diagnostics)) {
      diagnostics.push(...checkConfig(parsed.config, moduleSymbols(spec, spec.root)));
    }
    if (exitCode === ExitCode.ok && hasErrors(diagnostics)) exitCode = ExitCode.configError;
  }

  const summary = summarize(spec, configUsed ? display(configUsed) : undefined);
  if (args.json) {
    stdout.push(
      JSON.stringify({
        command: 'parse',
        ok: exitCode === ExitCode.ok,
        exitCode,
        summary,
        diagnostics: diagnostics.map((d) => ({
          ...d,
          span: d.span && { ...d.span, file: display(d.span.file) },
        })),
      }),
    );
    return { stdout, stderr, exitCode };
  }
  const lookup = (file: string) => sources.get(file);
  for (const d of diagnostics) stderr.push(formatDiagnostic(d, lookup, { color, displayPath: display }));
  if (exitCode === ExitCode.ok) {
    stdout.push(
      `ok ${display(specPath)}: module ${summary.module}, ${plural(summary.modules, 'module')} loaded, ${plural(summary.definitions, 'definition')}, ${plural(summary.constants, 'constant')}, ${plural(summary.variables, 'variable')}${summary.config ? `; config ${summary.config} ok` : ''}`,
    );
  } else {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    stderr.push(
      `${plural(errors, 'error')} in ${display(specPath)}${configUsed ? ` and ${display(configUsed)}` : ''}`,
    );
  }
  return { stdout, stderr, exitCode };
}

function summarize(spec: CheckedSpec, config: string | undefined): ParseSummary {
  const root = spec.root;
  let definitions = 0;
  for (const module of spec.modules) {
    if (module.isStandard) continue;
    for (const unit of module.ast.units)
      if (unit.kind === 'OperatorDef' || unit.kind === 'FunctionDef') definitions++;
  }
  return {
    module: root?.ast.name.name ?? '?',
    modules: spec.modules.length,
    definitions,
    constants: root?.parameters.filter((p) => p.kind === 'constant').length ?? 0,
    variables: root?.parameters.filter((p) => p.kind === 'variable').length ?? 0,
    config,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
