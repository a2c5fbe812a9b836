import type { SourceSpan } from '@modelcheck/core';
import type { CheckedSpec } from './analyze.js';
import { arityOf } from './resolver.js';
import { definitionOf, type Level, type ResolvedModule } from './symbols.js';

/**
 * What the cfg checker needs to know about a resolved module: its constants, variables and
 * definitions with their arity and level. Kept as a plain interface so the config phase does not
 * depend on how resolution works.
 */
export interface ResolvedModuleSymbols {
  readonly file: string;
  constantNames(): readonly string[];
  constantArity(name: string): number | undefined;
  constantSpan(name: string): SourceSpan | undefined;
  variableNames(): readonly string[];
  definition(name: string): { arity: number; level: Level; span?: SourceSpan } | undefined;
  allNames(): readonly string[];
  moduleNamed(name: string): ResolvedModuleSymbols | undefined;
}

export function moduleSymbols(spec: CheckedSpec, module: ResolvedModule): ResolvedModuleSymbols {
  const constants = module.parameters.filter((p) => p.kind === 'constant');
  const variables = module.parameters.filter((p) => p.kind === 'variable');
  return {
    file: module.file,
    constantNames: () => constants.map((c) => c.name),
    constantArity: (name) => constants.find((c) => c.name === name)?.arity,
    constantSpan: (name) => constants.find((c) => c.name === name)?.span,
    variableNames: () => variables.map((v) => v.name),
    definition(name) {
      const symbol = module.scope.get(name);
      if (!symbol) return undefined;
      const target = definitionOf(symbol);
      switch (target.kind) {
        case 'definition':
        case 'function':
        case 'instanced':
        case 'primitive':
        case 'theorem':
          return { arity: arityOf(symbol), level: spec.levels.levelOfName(symbol).level, span: symbol.span };
        default:
          return undefined;
      }
    },
    allNames: () => [...module.scope.keys()],
    moduleNamed(name) {
      const other = spec.modules.find((m) => m.name === name);
      return other ? moduleSymbols(spec, other) : undefined;
    },
  };
}
