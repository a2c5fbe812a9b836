/**
 * Spec + cfg -> a model ready to check, in memory. The same steps, in the same order and with the
 * same outcomes, as the CLI's `CheckCommand.prepare` (packages/cli/src/commands/check.ts): analyse
 * the spec, parse and check the cfg, build the model. That file also reads files and the V8 heap,
 * so the worker cannot import it; `moduleLocator` and the build-diagnostic outcome below are the
 * two small pieces it would share (reported to the CLI's owner to move into a Node-free module).
 */
import { type Diagnostic, hasErrors, makeDiagnostic, type SourceSpan } from '@modelcheck/core';
import {
  analyzeSpec,
  buildModel,
  type CheckedSpec,
  type ConfigFile,
  checkConfig,
  memoryHost,
  moduleSymbols,
  parseConfig,
  type ResolvedModule,
  type TlaModel,
} from '@modelcheck/tla';
import type { Outcome } from '../../../packages/cli/src/check/report.js';
import type { ModuleLocator } from '../../../packages/cli/src/check/session.js';
import { type ProjectFile, projectPath } from './protocol.js';

export interface Prepared {
  readonly spec?: CheckedSpec;
  readonly config?: ConfigFile;
  readonly model?: TlaModel;
  /** Set when preparation already decides the run (a spec or cfg error). */
  readonly outcome?: Outcome;
  readonly diagnostics: readonly Diagnostic[];
  /** cfg and model warnings, as the CLI prints them at the start. */
  readonly warnings: readonly string[];
  readonly sources: ReadonlyMap<string, string>;
  readonly moduleOf: ModuleLocator;
  readonly specPath: string;
  readonly configPath: string;
}

/** The cfg a spec is checked with: the one chosen, else `<Spec>.cfg`, as TLC and the CLI do. */
export function configFor(main: string, chosen?: string): string {
  return chosen ?? main.replace(/\.tla$/, '.cfg');
}

export function displayPath(file: string): string {
  return file.startsWith('/project/') ? file.slice('/project/'.length) : file;
}

/** Where a span is: the innermost module containing it (TLC's `... of module M`). */
export function moduleLocator(spec: CheckedSpec): ModuleLocator {
  const all: ResolvedModule[] = [];
  const visit = (m: ResolvedModule) => {
    all.push(m);
    for (const inner of m.nested.values()) visit(inner);
  };
  for (const m of spec.modules) visit(m);
  return (span: SourceSpan) => {
    let best: ResolvedModule | undefined;
    let bestSize = Number.POSITIVE_INFINITY;
    for (const m of all) {
      if (m.file !== span.file) continue;
      const s = m.ast.span;
      if (s.start.offset <= span.start.offset && span.end.offset <= s.end.offset) {
        const size = s.end.offset - s.start.offset;
        if (size < bestSize) {
          best = m;
          bestSize = size;
        }
      }
    }
    return (best ?? all.find((m) => m.file === span.file))?.name;
  };
}

function outcomeOfBuildDiagnostics(diagnostics: readonly Diagnostic[]): Outcome {
  const code = diagnostics.find((d) => d.severity === 'error')?.code ?? '';
  if (code.startsWith('TLA')) return 'parse-error';
  if (code.startsWith('EVAL')) return 'eval-error';
  return 'config-error';
}

function hostFiles(files: readonly ProjectFile[]): Map<string, string> {
  return new Map(files.map((f) => [projectPath(f.name), f.text] as const));
}

/**
 * Analyses the spec and the cfg. `build` false stops before compiling the model (diagnostics while
 * typing need only the front-end's checks).
 */
export function prepareTla(
  files: readonly ProjectFile[],
  main: string,
  chosenConfig: string | undefined,
  options: { build: boolean; print?: (text: string) => void },
): Prepared {
  const specPath = projectPath(main);
  const configName = configFor(main, chosenConfig);
  const configPath = projectPath(configName);
  const map = hostFiles(files);
  const sources = new Map<string, string>();
  const base = { sources, specPath, configPath, warnings: [] as string[], moduleOf: () => undefined };
  if (!map.has(specPath))
    return {
      ...base,
      outcome: 'system-error',
      diagnostics: [makeDiagnostic('CLI001', `cannot read ${main}: no such file`)],
    };
  const spec = analyzeSpec(specPath, { host: memoryHost(map) });
  for (const [file, text] of spec.sources) sources.set(file, text);
  const moduleOf = moduleLocator(spec);
  if (hasErrors(spec.diagnostics) || !spec.root)
    return { ...base, moduleOf, spec, outcome: 'parse-error', diagnostics: [...spec.diagnostics] };
  const cfgText = map.get(configPath);
  if (cfgText === undefined)
    return {
      ...base,
      moduleOf,
      spec,
      outcome: 'system-error',
      diagnostics: [
        ...spec.diagnostics,
        makeDiagnostic('CLI002', `cannot read config file ${configName}`, undefined, {
          hint: `model checking needs a .cfg file (INIT/NEXT or SPECIFICATION, CONSTANTS, INVARIANTS); add ${configName} to the project, or pick a cfg`,
        }),
      ],
    };
  sources.set(configPath, cfgText);
  const parsed = parseConfig(cfgText, configPath);
  const cfgDiagnostics = [...parsed.diagnostics];
  if (parsed.config) cfgDiagnostics.push(...checkConfig(parsed.config, moduleSymbols(spec, spec.root)));
  if (hasErrors(cfgDiagnostics) || !parsed.config)
    return {
      ...base,
      moduleOf,
      spec,
      outcome: 'config-error',
      diagnostics: [...spec.diagnostics, ...cfgDiagnostics],
    };
  // The CLI prints the cfg's warnings (not the spec's) at the start; markers show both.
  const warnings = cfgDiagnostics.filter((d) => d.severity !== 'error');
  if (!options.build)
    return {
      ...base,
      moduleOf,
      spec,
      config: parsed.config,
      diagnostics: [...spec.diagnostics, ...warnings],
    };
  const built = buildModel(spec, parsed.config, { print: options.print });
  if (hasErrors(built.diagnostics) || !built.model)
    return {
      ...base,
      moduleOf,
      spec,
      config: parsed.config,
      outcome: outcomeOfBuildDiagnostics(built.diagnostics),
      diagnostics: [...warnings, ...built.diagnostics],
    };
  warnings.push(...built.diagnostics.filter((d) => d.severity !== 'error'));
  const warningTexts = warnings.map((w) => {
    const where = w.span ? `${displayPath(w.span.file)}:${w.span.start.line}:${w.span.start.column}: ` : '';
    return `${where}${w.message}`;
  });
  return {
    ...base,
    moduleOf,
    spec,
    config: parsed.config,
    model: built.model,
    diagnostics: warnings,
    warnings: warningTexts,
  };
}
