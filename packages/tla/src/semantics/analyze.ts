import { sortDiagnostics } from '@modelcheck/core';
import { LevelChecker } from './levels.js';
import { type AnalyzeOptions, Resolver, type SpecAnalysis } from './resolver.js';

export interface CheckedSpec extends SpecAnalysis {
  /** Levels of definitions, for the cfg checks and the checker. */
  readonly levels: LevelChecker;
}

function finish(resolver: Resolver, analysis: SpecAnalysis): CheckedSpec {
  const levels = new LevelChecker(analysis.bindings, analysis.definitions, resolver.diagnostics);
  // Dependencies before their users, so that an error inside a library definition is reported
  // once, at the definition, rather than at every use.
  for (const module of [...analysis.modules].reverse()) levels.checkModule(module);
  const diagnostics = sortDiagnostics(resolver.diagnostics);
  resolver.diagnostics.length = 0;
  resolver.diagnostics.push(...diagnostics);
  return { ...analysis, levels };
}

/**
 * The semantic front-end: loads the module at `path` and every module it EXTENDS or INSTANCEs
 * (from its folder, then `libraryDirs`, then the standard library), resolves every name, checks
 * arities and levels.
 */
export function analyzeSpec(path: string, options: AnalyzeOptions): CheckedSpec {
  const resolver = new Resolver(options);
  return finish(resolver, resolver.analyzeFile(path));
}

/** Like analyzeSpec, for a root module whose text is already in hand (the playground's editor). */
export function analyzeSpecSource(text: string, file: string, options: AnalyzeOptions): CheckedSpec {
  const resolver = new Resolver(options);
  return finish(resolver, resolver.analyzeText(text, file));
}
