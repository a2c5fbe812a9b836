import { expect } from 'vitest';
import type { BoundVars, Expr, LetDefinition, Module, SourceFile } from '../../src/syntax/ast.js';
import { parseExpression, parseModule } from '../../src/syntax/index.js';

/** A compact S-expression of an expression, to compare AST shapes in tests. */
export function sx(e: Expr | LetDefinition | BoundVars): string {
  switch (e.kind) {
    case 'OpApp': {
      const path = e.path
        .map((p) => `${p.name}${p.args.length ? `(${p.args.map(sx).join(' ')})` : ''}!`)
        .join('');
      const fix = e.fix === 'call' ? '' : `:${e.fix}`;
      const mod = e.moduleRef ? ':module' : '';
      return e.args.length
        ? `(${path}${e.name}${fix} ${e.args.map(sx).join(' ')})`
        : `${path}${e.name}${fix}${mod}`;
    }
    case 'Number':
      return e.base === 10
        ? `${e.digits}${e.fraction !== undefined ? `.${e.fraction}` : ''}`
        : `${e.digits}#${e.base}`;
    case 'String':
      return JSON.stringify(e.value);
    case 'Bool':
      return String(e.value).toUpperCase();
    case 'At':
      return '@';
    case 'If':
      return `(IF ${sx(e.cond)} ${sx(e.then)} ${sx(e.else)})`;
    case 'Case':
      return `(CASE ${e.arms.map((a) => `[${sx(a.guard)} -> ${sx(a.body)}]`).join(' ')}${e.other ? ` OTHER ${sx(e.other)}` : ''})`;
    case 'Let':
      return `(LET ${e.defs.map(sx).join(' ')} IN ${sx(e.body)})`;
    case 'Bound': {
      const names = e.names.map((n) => n.name).join(',');
      return `${e.tuple ? `<<${names}>>` : names}${e.set ? ` \\in ${sx(e.set)}` : ''}`;
    }
    case 'Quantified':
      return `(${e.quantifier} ${e.bounds.map(sx).join('; ')} : ${sx(e.body)})`;
    case 'TemporalQuantified':
      return `(${e.quantifier} ${e.names.map((n) => n.name).join(',')} : ${sx(e.body)})`;
    case 'Choose':
      return `(CHOOSE ${sx(e.bound)} : ${sx(e.body)})`;
    case 'SetEnum':
      return `{${e.elements.map(sx).join(', ')}}`;
    case 'SetFilter':
      return `{${sx(e.bound)} : ${sx(e.predicate)}}`;
    case 'SetMap':
      return `{${sx(e.body)} : ${e.bounds.map(sx).join('; ')}}`;
    case 'FunctionCtor':
      return `[${e.bounds.map(sx).join('; ')} |-> ${sx(e.body)}]`;
    case 'FunctionApp':
      return `(app ${sx(e.fn)} ${e.args.map(sx).join(' ')})`;
    case 'FunctionSet':
      return `[${sx(e.domain)} -> ${sx(e.codomain)}]`;
    case 'RecordCtor':
      return `[${e.fields.map((f) => `${f.name.name} |-> ${sx(f.value)}`).join(', ')}]`;
    case 'RecordSet':
      return `[${e.fields.map((f) => `${f.name.name} : ${sx(f.value)}`).join(', ')}]`;
    case 'Except':
      return `(EXCEPT ${sx(e.fn)} ${e.updates
        .map(
          (u) =>
            `!${u.path.map((s) => (s.kind === 'field' ? `.${s.name.name}` : `[${s.args.map(sx).join(',')}]`)).join('')}=${sx(u.value)}`,
        )
        .join(' ')})`;
    case 'Tuple':
      return `<<${e.elements.map(sx).join(', ')}>>`;
    case 'FieldAccess':
      return `(. ${sx(e.record)} ${e.field.name})`;
    case 'ActionExpr':
      return `(${e.box ? '[A]_' : '<<A>>_'} ${sx(e.action)} ${sx(e.subscript)})`;
    case 'Fairness':
      return `(${e.strong ? 'SF' : 'WF'} ${sx(e.subscript)} ${sx(e.action)})`;
    case 'Junction':
      return `(${e.op}@${e.column} ${e.items.map(sx).join(' ')})`;
    case 'Lambda':
      return `(LAMBDA ${e.params.map((n) => n.name).join(',')} : ${sx(e.body)})`;
    case 'Labeled':
      return `(${e.label.name}${e.params.length ? `(${e.params.map((p) => p.name).join(',')})` : ''}:: ${sx(e.body)})`;
    case 'StepRef':
      return e.label;
    case 'OperatorDef': {
      const params = e.params.length
        ? `(${e.params.map((p) => p.name.name + (p.arity ? `/${p.arity}` : '')).join(',')})`
        : '';
      return `(def ${e.local ? 'LOCAL ' : ''}${e.name.name}${params}${e.fix === 'call' ? '' : `:${e.fix}`} ${sx(e.body)})`;
    }
    case 'FunctionDef':
      return `(fdef ${e.name.name}[${e.bounds.map(sx).join('; ')}] ${sx(e.body)})`;
    case 'ModuleDef':
      return `(mdef ${e.name.name}${e.params.length ? `(${e.params.map((p) => p.name.name).join(',')})` : ''} ${e.instance.module.name})`;
    case 'RecursiveDecl':
      return `(RECURSIVE ${e.decls.map((d) => `${d.name.name}/${d.arity}`).join(',')})`;
  }
}

/** Parses an expression that must be valid and returns its S-expression. */
export function shape(text: string): string {
  const r = parseExpression(text, 'test');
  expect(r.diagnostics, `${text}: ${r.diagnostics.map((d) => d.message).join('; ')}`).toEqual([]);
  return sx(r.expr!);
}

export function expr(text: string): Expr {
  const r = parseExpression(text, 'test');
  expect(r.diagnostics.map((d) => d.message)).toEqual([]);
  return r.expr!;
}

/** Wraps units in a module and parses it; the module must be valid. */
export function module(body: string, name = 'M'): Module {
  return file(`---- MODULE ${name} ----\n${body}\n====\n`).module;
}

export function file(text: string, path = 'M.tla'): SourceFile {
  const r = parseModule(text, path);
  expect(
    r.diagnostics.map((d) => `${d.code} ${d.span?.start.line}:${d.span?.start.column} ${d.message}`),
    text,
  ).toEqual([]);
  return r.file!;
}
