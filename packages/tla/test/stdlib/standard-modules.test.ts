import { describe, expect, it } from 'vitest';
import { analyzeSpec, memoryHost, STANDARD_MODULES } from '../../src/index.js';

function analyzeRoot(body: string) {
  const text = `---- MODULE Root ----\n${body}\n====\n`;
  return analyzeSpec('/spec/Root.tla', { host: memoryHost({ '/spec/Root.tla': text }) });
}

describe('standard modules', () => {
  for (const name of STANDARD_MODULES.keys()) {
    it(`${name} parses, resolves and level-checks with no diagnostics`, () => {
      const spec = analyzeRoot(`EXTENDS ${name}`);
      expect(spec.diagnostics).toEqual([]);
      expect(spec.modules.map((m) => m.name)).toContain(name);
    });
  }

  it('exports what TLC users expect, with the right arities, and hides LOCAL imports', () => {
    const spec = analyzeRoot('EXTENDS Integers, Sequences, FiniteSets, Bags, TLC');
    const scope = spec.root!.scope;
    const arity = (n: string) => scope.get(n)?.arity;
    expect([arity('Nat'), arity('Int'), arity('+'), arity('-.'), arity('..'), arity('\\div')]).toEqual([
      0, 0, 2, 1, 2, 2,
    ]);
    // Operators are kept under their canonical spelling: \o is \circ, (+) is \oplus.
    expect([arity('Seq'), arity('Len'), arity('\\circ'), arity('SubSeq'), arity('SelectSeq')]).toEqual([
      1, 1, 2, 3, 2,
    ]);
    expect([
      arity('Cardinality'),
      arity('IsFiniteSet'),
      arity('\\oplus'),
      arity('\\ominus'),
      arity('CopiesIn'),
    ]).toEqual([1, 1, 2, 2, 2]);
    expect([
      arity(':>'),
      arity('@@'),
      arity('Print'),
      arity('Assert'),
      arity('ToString'),
      arity('SortSeq'),
    ]).toEqual([2, 2, 2, 2, 1, 2]);
    // Sequences instantiates Naturals LOCALly: extending Sequences alone does not bring in +.
    const onlySequences = analyzeRoot('EXTENDS Sequences\nX == 1 + 1');
    expect(onlySequences.diagnostics.map((d) => d.code)).toEqual(['TLA204']);
  });

  it('gives RealTime its variable and temporal operators', () => {
    const spec = analyzeRoot("EXTENDS RealTime\nVARIABLE x\nSpec == RTnow(x) /\\ RTBound(x' = x, x, 0, 1)");
    expect(spec.diagnostics).toEqual([]);
    const now = spec.root!.scope.get('now');
    expect(now?.kind).toBe('variable');
    expect(spec.levels.levelOfName(spec.root!.scope.get('Spec')!).level).toBe(3);
  });
});
