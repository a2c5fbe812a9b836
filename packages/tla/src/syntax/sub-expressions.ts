import type { BoundVars, Expr, LetDefinition } from './ast.js';

/**
 * The expressions directly inside `e`: operands, bound sets, bodies, and the bodies of LET
 * definitions (a typed alternative to walking the AST's objects reflectively).
 */
export function subExpressions(e: Expr): Expr[] {
  switch (e.kind) {
    case 'OpApp':
      return [...e.path.flatMap((p) => p.args), ...e.args];
    case 'Number':
    case 'String':
    case 'Bool':
    case 'At':
    case 'StepRef':
      return [];
    case 'If':
      return [e.cond, e.then, e.else];
    case 'Case':
      return [...e.arms.flatMap((a) => [a.guard, a.body]), ...(e.other ? [e.other] : [])];
    case 'Let':
      return [...e.defs.flatMap(letDefinitionExpressions), e.body];
    case 'Quantified':
      return [...boundSets(e.bounds), e.body];
    case 'TemporalQuantified':
      return [e.body];
    case 'Choose':
      return [...boundSets([e.bound]), e.body];
    case 'SetEnum':
    case 'Tuple':
      return [...e.elements];
    case 'SetFilter':
      return [...boundSets([e.bound]), e.predicate];
    case 'SetMap':
      return [e.body, ...boundSets(e.bounds)];
    case 'FunctionCtor':
      return [...boundSets(e.bounds), e.body];
    case 'FunctionApp':
      return [e.fn, ...e.args];
    case 'FunctionSet':
      return [e.domain, e.codomain];
    case 'RecordCtor':
    case 'RecordSet':
      return e.fields.map((f) => f.value);
    case 'Except':
      return [
        e.fn,
        ...e.updates.flatMap((u) => [...u.path.flatMap((s) => (s.kind === 'index' ? s.args : [])), u.value]),
      ];
    case 'FieldAccess':
      return [e.record];
    case 'ActionExpr':
      return [e.action, e.subscript];
    case 'Fairness':
      return [e.subscript, e.action];
    case 'Junction':
      return [...e.items];
    case 'Lambda':
    case 'Labeled':
      return [e.body];
  }
}

/** Calls `visit` on `e` and on every expression inside it, depth first. */
export function forEachExpression(e: Expr, visit: (x: Expr) => void): void {
  const stack: Expr[] = [e];
  while (stack.length > 0) {
    const x = stack.pop() as Expr;
    visit(x);
    stack.push(...subExpressions(x));
  }
}

function letDefinitionExpressions(d: LetDefinition): Expr[] {
  switch (d.kind) {
    case 'OperatorDef':
      return [d.body];
    case 'FunctionDef':
      return [...boundSets(d.bounds), d.body];
    case 'ModuleDef':
      return d.instance.substitutions.map((s) => s.value);
    case 'RecursiveDecl':
      return [];
  }
}

function boundSets(bounds: readonly BoundVars[]): Expr[] {
  return bounds.flatMap((b) => (b.set ? [b.set] : []));
}
