import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this file with pnpm-workspace.yaml (also when bundled). */
export const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) return resolve(start, '../..');
  }
}

/** `../shared/corpus` beside the repository: real inputs with known answers, never copied into the repo. */
export const corpusRoot = resolve(repoRoot, '../shared/corpus');
export const tlaCorpus = join(corpusRoot, 'tla');
export const hasTlaCorpus = existsSync(join(tlaCorpus, 'manifest.json'));
export const corpusLibraryDirs = [join(tlaCorpus, 'modules/community'), join(tlaCorpus, 'modules/tlaps')];

if (!hasTlaCorpus) {
  console.warn(
    `[corpus] ${tlaCorpus} not found: corpus tests are skipped (they run where ../shared/corpus exists).`,
  );
}

export function walk(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, ext));
    else if (name.endsWith(ext)) out.push(path);
  }
  return out;
}

export interface ManifestModel {
  readonly cfg: string;
  readonly module: string;
  readonly tier: 'T1' | 'T2' | 'T3' | 'T4';
  readonly result: string;
  readonly exitCode: number;
  readonly distinctStates?: number;
  readonly generatedStates?: number;
  readonly depth?: number;
  readonly tlcSecondsOneWorker?: number;
}

export function manifestModels(): ManifestModel[] {
  return JSON.parse(readFileSync(join(tlaCorpus, 'manifest.json'), 'utf8')).models;
}

/**
 * The module a cfg belongs to: from the manifest, else the same-named .tla, else the module in the
 * same folder whose name is the longest prefix of the cfg's name (SlushMedium.cfg -> Slush.tla).
 */
export function moduleForConfig(cfgPath: string, manifest: readonly ManifestModel[]): string | undefined {
  const relativeCfg = cfgPath.slice(tlaCorpus.length + 1);
  const listed = manifest.find((m) => m.cfg === relativeCfg);
  if (listed) return join(tlaCorpus, listed.module);
  const same = cfgPath.replace(/\.cfg$/, '.tla');
  if (existsSync(same)) return same;
  const base = cfgPath.slice(cfgPath.lastIndexOf('/') + 1, -4);
  const candidates = readdirSync(dirname(cfgPath))
    .filter((n) => n.endsWith('.tla') && base.startsWith(n.slice(0, -4)))
    .sort((a, b) => b.length - a.length);
  return candidates.length > 0 ? join(dirname(cfgPath), candidates[0]) : undefined;
}
