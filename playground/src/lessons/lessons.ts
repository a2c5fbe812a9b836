/**
 * The lessons gallery: every folder of the repository's `specs/` (read at build time by Vite's
 * import.meta.glob, so new lessons appear on the next build), plus the playground's own examples.
 * A folder's README.md is its lesson text; its specs, cfgs and nets are the project files.
 */
import type { ProjectFile } from '../worker/protocol.js';

/** One run a lesson's README shows: `modelcheck [path/]Spec.tla --config [path/]Bug.cfg`. */
export interface LessonRun {
  /** The spec or net, a file of the lesson. */
  readonly main: string;
  /** The cfg, a file of the lesson (undefined: the spec's default `<Spec>.cfg`). */
  readonly config?: string;
}

export interface Lesson {
  /** Folder, e.g. `simple-lock`, or `examples/die-hard`. */
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly text?: string;
  readonly files: readonly ProjectFile[];
  /**
   * The spec and cfg the lesson opens on: those of the README's first run line with `--config`
   * (else its first run line), when both are files of the lesson.
   */
  readonly main?: string;
  readonly config?: string;
  /** Every run line of the README, in order, once each (the lesson view offers a button per cfg). */
  readonly runs: readonly LessonRun[];
}

const SPEC_FILE = /\.(tla|pnml|pnet|net|lola)$/i;

/** The file name at the end of a path as written in a README (`specs/x/Spec.tla`, `` `Spec.tla` ``). */
function fileName(word: string): string {
  return word.replace(/^[`'"(]+|[`'"),.;:]+$/g, '').replace(/^.*[/\\]/, '');
}

/**
 * The README's run lines: `modelcheck [check] <spec> [options]`, the spec a file of the lesson,
 * `--config <cfg>` (if any) a cfg of the lesson; the cfg must be on the same line as its spec.
 */
export function lessonRuns(readme: string | undefined, files: readonly ProjectFile[]): LessonRun[] {
  if (!readme) return [];
  const names = new Set(files.map((f) => f.name));
  const runs: LessonRun[] = [];
  for (const line of readme.split('\n')) {
    for (const m of line.matchAll(/\bmodelcheck\s+(?:check\s+)?(\S+)([^`\n]*)/g)) {
      const main = fileName(m[1]);
      if (!SPEC_FILE.test(main) || !names.has(main)) continue;
      const cfg = /--config(?:\s+|=)(\S+)/.exec(m[2]);
      const config = cfg ? fileName(cfg[1]) : undefined;
      if (config !== undefined && (!config.endsWith('.cfg') || !names.has(config))) continue;
      if (!runs.some((r) => r.main === main && r.config === config)) runs.push({ main, config });
    }
  }
  return runs;
}

function firstRun(runs: readonly LessonRun[]): { main?: string; config?: string } {
  const run = runs.find((r) => r.config !== undefined) ?? runs[0];
  return run ? { main: run.main, config: run.config } : {};
}

const specs = import.meta.glob('../../../specs/**/*.{tla,cfg,pnml,pnet,net,lola,md,json}', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const examples = import.meta.glob('../examples/**/*.{tla,cfg,pnml,pnet,md}', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

function group(entries: Record<string, string>, marker: string, prefix: string): Lesson[] {
  const folders = new Map<string, { files: ProjectFile[]; readme?: string }>();
  for (const [path, text] of Object.entries(entries)) {
    const rest = path.slice(path.indexOf(marker) + marker.length);
    const slash = rest.lastIndexOf('/');
    if (slash < 0) continue; // specs/README.md: the index, not a lesson
    const folder = rest.slice(0, slash);
    const name = rest.slice(slash + 1);
    const entry = folders.get(folder) ?? { files: [] };
    if (/^readme\.md$/i.test(name)) entry.readme = text;
    else if (!name.endsWith('.md') && !name.endsWith('.json')) entry.files.push({ name, text });
    folders.set(folder, entry);
  }
  const out: Lesson[] = [];
  for (const [folder, { files, readme }] of folders) {
    if (files.length === 0) continue;
    const title = readme?.match(/^#\s+(.+)$/m)?.[1]?.trim() ?? titleOf(folder);
    const summary =
      readme
        ?.split(/\n\s*\n/)
        .map((p) => p.trim())
        .find((p) => p.length > 0 && !p.startsWith('#') && !p.startsWith('|') && !p.startsWith('```'))
        ?.replace(/\s+/g, ' ')
        .slice(0, 240) ?? files.map((f) => f.name).join(', ');
    const runs = lessonRuns(readme, files);
    out.push({
      id: `${prefix}${folder}`,
      title,
      summary,
      text: readme,
      files: files.sort(byName),
      runs,
      ...firstRun(runs),
    });
  }
  return out.sort((a, b) => a.title.localeCompare(b.title));
}

function byName(a: ProjectFile, b: ProjectFile): number {
  const rank = (n: string) => (n.endsWith('.tla') ? 0 : n.endsWith('.cfg') ? 1 : 2);
  return rank(a.name) - rank(b.name) || a.name.localeCompare(b.name);
}

function titleOf(folder: string): string {
  const last = folder.split('/').pop() ?? folder;
  return last.replace(/[-_]/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}

export const LESSONS: readonly Lesson[] = [
  ...group(specs, '/specs/', ''),
  ...group(examples, '/examples/', 'examples/'),
];

export function lessonById(id: string | undefined): Lesson | undefined {
  return id === undefined ? undefined : LESSONS.find((l) => l.id === id);
}
