/**
 * Spec + cfg (+ CTL/LTL formulas) -> a model ready to check, in memory: the CLI's own preparation
 * (`prepareCheck`, packages/cli/src/check/prepare.ts, Node-free) over the project's files, so the
 * steps, their order, the outcomes and the messages are those of `modelcheck check`.
 */
import { memoryHost } from '@modelcheck/tla';
import { type Prepared, prepareCheck } from '../../../packages/cli/src/check/prepare.js';
import { type ProjectFile, projectPath } from './protocol.js';

export type { Prepared };

/** The cfg a spec is checked with: the one chosen, else `<Spec>.cfg`, as TLC and the CLI do. */
export function configFor(main: string, chosen?: string): string {
  return chosen ?? main.replace(/\.tla$/, '.cfg');
}

export function displayPath(file: string): string {
  return file.startsWith('/project/') ? file.slice('/project/'.length) : file;
}

export interface PrepareOptions {
  /** False: stop once the spec and cfg are checked (markers while typing). */
  readonly build: boolean;
  readonly print?: (text: string) => void;
  /** CTL/LTL formulas whose atoms are TLA+ state predicates of the spec, as `--ctl`/`--ltl`. */
  readonly ctl?: readonly string[];
  readonly ltl?: readonly string[];
  /** Intern names afresh (the run the user asked for): see BuildModelOptions.freshNames. */
  readonly freshNames?: boolean;
}

export function prepareTla(
  files: readonly ProjectFile[],
  main: string,
  chosenConfig: string | undefined,
  options: PrepareOptions,
): Prepared {
  const configName = configFor(main, chosenConfig);
  return prepareCheck({
    host: memoryHost(new Map(files.map((f) => [projectPath(f.name), f.text] as const))),
    specPath: projectPath(main),
    configPath: projectPath(configName),
    configGiven: false,
    ctl: options.ctl,
    ltl: options.ltl,
    displayPath,
    missingConfigHint: () =>
      `model checking needs a .cfg file (INIT/NEXT or SPECIFICATION, CONSTANTS, INVARIANTS); add ${configName} to the project, or pick a cfg`,
    print: options.print,
    build: options.build,
    freshNames: options.freshNames,
  });
}
