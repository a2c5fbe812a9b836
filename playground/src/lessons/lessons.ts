/**
 * The lessons gallery: every folder of the repository's `specs/` (read at build time by Vite's
 * import.meta.glob, so new lessons appear on the next build), plus the playground's own examples.
 * A folder's README.md is its lesson text; its specs, cfgs and nets are the project files.
 */
import type { ProjectFile } from '../worker/protocol.js';

export interface Lesson {
  /** Folder, e.g. `simple-lock`, or `examples/die-hard`. */
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly text?: string;
  readonly files: readonly ProjectFile[];
  /** The spec and cfg the lesson's counterexample comes from (named in its README), if known. */
  readonly main?: string;
  readonly config?: string;
}

/** The cfg and spec a README's run command names (`modelcheck Spec.tla --config Bug.cfg`). */
function runOf(
  readme: string | undefined,
  files: readonly ProjectFile[],
): { main?: string; config?: string } {
  if (!readme) return {};
  const names = new Set(files.map((f) => f.name));
  const config = [...readme.matchAll(/--config\s+(?:\S*\/)?([\w.-]+\.cfg)/g)]
    .map((m) => m[1])
    .find((n) => names.has(n));
  const main = [...readme.matchAll(/([\w.-]+\.(?:tla|pnml|pnet))/g)]
    .map((m) => m[1])
    .find((n) => names.has(n));
  return { main, config };
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
    out.push({
      id: `${prefix}${folder}`,
      title,
      summary,
      text: readme,
      files: files.sort(byName),
      ...runOf(readme, files),
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
