import { describe, expect, it } from 'vitest';
import { analyzeSpec, memoryHost, tlcVariableOrder } from '../../src/index.js';

// The expected orders are SANY's own (ModuleNode.getVariableDecls, the order TLC prints a state
// in), recorded by running TLC's parser, built from its sources, on these modules on 2026-11-22.

const COUNTER = `---- MODULE Counter ----
EXTENDS Naturals
VARIABLE count
Inc == count' = count + 1
====`;

const order = (name: string, extendsList: string, instances: string) => `---- MODULE ${name} ----
EXTENDS ${extendsList}
VARIABLES queue, pc, lock, gate_1, gate_2, rdv, network, clock, count
${instances}
Init == /\\ queue = <<>> /\\ pc = "a" /\\ lock = 0 /\\ gate_1 = 0 /\\ gate_2 = 0 /\\ rdv = 0
        /\\ network = {} /\\ clock = 0 /\\ count = 0
Next == UNCHANGED <<queue, pc, lock, gate_1, gate_2, rdv, network, clock, count>>
====`;

function tlcOrder(root: string, text: string): string[] {
  const spec = analyzeSpec(`/m/${root}.tla`, {
    host: memoryHost(
      new Map([
        [`/m/${root}.tla`, text],
        ['/m/Counter.tla', COUNTER],
      ]),
    ),
  });
  expect(spec.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const module = spec.root!;
  const variables = module.parameters.filter((p) => p.kind === 'variable').map((v) => v.name);
  return tlcVariableOrder(module, variables);
}

describe("TLC's order of a state's variables (SANY's symbol table)", () => {
  it('a module whose table stays at 191 buckets (119 names)', () => {
    expect(
      tlcOrder('Order', order('Order', 'Naturals, Sequences, FiniteSets', 'C == INSTANCE Counter')),
    ).toEqual(['gate_1', 'gate_2', 'network', 'lock', 'rdv', 'pc', 'count', 'queue', 'clock']);
  });

  it('a module whose table grows to 383 buckets (157 names, named instances counting one name per definition)', () => {
    const text = order(
      'BigOrder',
      'Integers, Sequences, FiniteSets, Bags, TLC',
      'C == INSTANCE Counter\nS == INSTANCE Sequences',
    );
    expect(tlcOrder('BigOrder', text)).toEqual([
      'clock',
      'pc',
      'network',
      'lock',
      'rdv',
      'count',
      'queue',
      'gate_1',
      'gate_2',
    ]);
  });
});
