import type { SourceSpan } from '@modelcheck/core';
import type { Expr, OpApp } from './ast.js';
import type { OperatorInfo } from './operators.js';

/** A prefix or infix operator occurrence in an operator/operand sequence. */
export interface OperatorItem {
  readonly kind: 'prefix' | 'infix';
  readonly info: OperatorInfo;
  /** The spelling as written (for messages). */
  readonly written: string;
  readonly span: SourceSpan;
}

export type SequenceItem = OperatorItem | { readonly kind: 'operand'; readonly expr: Expr };

/** Thrown when two operators cannot be combined without parentheses. */
export class PrecedenceConflict extends Error {
  constructor(
    readonly left: OperatorItem,
    readonly right: OperatorItem,
  ) {
    super('precedence conflict');
  }
}

function spanFrom(a: SourceSpan, b: SourceSpan): SourceSpan {
  return { file: a.file, start: a.start, end: b.end };
}

/**
 * Turns a flat sequence `prefix* operand (infix prefix* operand)*` into a tree, the way SANY's
 * operator stack does: with the operator `l` on the stack and the next operator `r`,
 * - `l.low > r.high`, or `l` and `r` are the same left-associative operator: `l` binds first;
 * - `l.high < r.low`: `r` binds first;
 * - otherwise the ranges overlap and the expression needs parentheses (`PrecedenceConflict`).
 *
 * `parenthesized` holds the operand nodes that were written in parentheses (so that
 * `(A \X B) \X C` is not flattened into one Cartesian product); the n-ary `\X` nodes this
 * function builds are added to `products`.
 */
export function resolvePrecedence(
  items: readonly SequenceItem[],
  parenthesized: WeakSet<object>,
  products: WeakSet<object>,
): Expr {
  if (items.length === 1 && items[0].kind === 'operand') return items[0].expr;
  const ops: OperatorItem[] = [];
  const values: Expr[] = [];

  const reduce = (): void => {
    const op = ops.pop()!;
    if (op.kind === 'prefix') {
      const arg = values.pop()!;
      values.push(app(op, [arg], 'prefix', spanFrom(op.span, arg.span)));
      return;
    }
    const right = values.pop()!;
    const left = values.pop()!;
    if (op.info.name === '\\X' && isProduct(left) && products.has(left) && !parenthesized.has(left)) {
      const product: OpApp = { ...left, args: [...left.args, right], span: spanFrom(left.span, right.span) };
      products.add(product);
      values.push(product);
      return;
    }
    const node = app(op, [left, right], 'infix', spanFrom(left.span, right.span));
    if (op.info.name === '\\X') products.add(node);
    values.push(node);
  };

  for (const item of items) {
    if (item.kind === 'operand') {
      values.push(item.expr);
    } else if (item.kind === 'prefix') {
      ops.push(item);
    } else {
      while (ops.length > 0) {
        const top = ops[ops.length - 1];
        const same = top.kind === 'infix' && top.info === item.info;
        if (top.info.low > item.info.high || (same && top.info.assoc === 'left')) {
          reduce();
          continue;
        }
        if (top.info.high < item.info.low) break;
        throw new PrecedenceConflict(top, item);
      }
      ops.push(item);
    }
  }
  while (ops.length > 0) reduce();
  return values[0];
}

function isProduct(e: Expr): e is OpApp {
  return e.kind === 'OpApp' && e.name === '\\X' && e.fix === 'infix';
}

function app(op: OperatorItem, args: Expr[], fix: 'prefix' | 'infix', span: SourceSpan): OpApp {
  return { kind: 'OpApp', path: [], name: op.info.name, args, fix, nameSpan: op.span, span };
}
