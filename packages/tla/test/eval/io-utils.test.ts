import { describe, expect, it } from 'vitest';
import {
  analyzeSpec,
  buildModel,
  memoryHost,
  parseConfig,
  printValue,
  type TlaState,
} from '../../src/index.js';

// IOUtils (a Community Module): IOEnv and atoi are native, as in TLC; the community module's own
// definitions of them cannot be evaluated (CHOOSE over all values), so a run that works shows the natives.

const IO_UTILS = `---- MODULE IOUtils ----
EXTENDS TLC
IOEnv == CHOOSE r : TRUE
atoi(str) == CHOOSE i : TRUE
IOExec(command) == CHOOSE r : TRUE
====`;

const SPEC = `---- MODULE M ----
EXTENDS Integers, IOUtils
VARIABLE x
Init == x = IF "K" \\in DOMAIN IOEnv THEN (IF IOEnv.K = "run" THEN IOExec(<<"ls">>).exitValue ELSE atoi(IOEnv.K)) ELSE 1
Next == UNCHANGED x
====`;

function initialX(environment: Record<string, string>): string {
  const spec = analyzeSpec('/m/M.tla', {
    host: memoryHost(
      new Map([
        ['/m/M.tla', SPEC],
        ['/m/IOUtils.tla', IO_UTILS],
      ]),
    ),
  });
  expect(spec.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const built = buildModel(spec, parseConfig('INIT Init\nNEXT Next', '/m/M.cfg').config!, { environment });
  expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const states: TlaState[] = [];
  built.model!.system.initialStates((s) => states.push(s));
  return states.map((s) => printValue(s[0])).join(', ');
}

describe('IOUtils natives', () => {
  it('IOEnv is the record of the environment variables given to the model; atoi reads a decimal', () => {
    expect(initialX({ K: '42' })).toBe('42');
    expect(initialX({ K: '-7', OTHER: 'x' })).toBe('-7');
    expect(initialX({})).toBe('1');
  });

  it('IOExec is refused with an error that says why: a spec never runs a command', () => {
    expect(() => initialX({ K: 'run' })).toThrow(/IOExec runs commands .* cannot be evaluated/);
  });

  it('atoi of something that is not a decimal integer is an evaluation error, not a guess', () => {
    expect(() => initialX({ K: 'four' })).toThrow(/atoi expects a string of decimal digits/);
  });
});
