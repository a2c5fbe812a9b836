import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SourceHost } from '@modelcheck/tla';

/** Reads modules from disk. Paths are made absolute and use `/`, as the TLA+ front-end expects. */
export const nodeHost: SourceHost = {
  readFile(path: string): string | undefined {
    try {
      if (!statSync(path).isFile()) return undefined;
      return decode(readFileSync(path));
    } catch {
      return undefined;
    }
  },
};

/** UTF-8, falling back to Latin-1 for old files that are not valid UTF-8. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return bytes.toString('latin1');
  }
}

/** The folder the user ran the command in: pnpm runs scripts from the package root but keeps INIT_CWD. */
export function userDirectory(): string {
  return process.env.INIT_CWD ?? process.cwd();
}

export function absolutePath(path: string, base = userDirectory()): string {
  return resolve(base, path).split('\\').join('/');
}
