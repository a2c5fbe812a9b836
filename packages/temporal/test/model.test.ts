import { describe, expect, it } from 'vitest';
import { graphFromEdges, parseFormula, requireStatePredicate, resolveAtoms } from '../src/index.js';

describe('requireStatePredicate', () => {
  it('accepts state predicates and points at the first temporal operator otherwise', () => {
    const ok = 'p & !(q -> r)';
    expect(requireStatePredicate(parseFormula(ok).formula!, { text: ok })).toEqual([]);
    const text = 'p & (q -> []r)';
    const d = requireStatePredicate(parseFormula(text).formula!, { text, what: 'invariant Inv' });
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'LTL205', span: { start: { column: 11 }, end: { column: 14 } } });
    expect(d[0].message).toContain('invariant Inv');
  });
});

describe('resolveAtoms', () => {
  it('binds by name or through a resolver that sees the atom', () => {
    const f = parseFormula('G (p -> F "x y")').formula!;
    const r = resolveAtoms(f, (atom) => (atom.name === 'p' || atom.name === 'x y' ? () => true : undefined));
    expect(r.diagnostics).toEqual([]);
    expect(r.names).toEqual(['p', 'x y']);
    const g = graphFromEdges(1, [], [0]);
    expect(g.stateCount).toBe(1);
  });
});
