/**
 * Where module text comes from. The CLI reads files; the playground and tests keep texts in memory.
 * Paths use `/` separators; the CLI passes absolute paths.
 */
export interface SourceHost {
  /** The file's text, or undefined when there is no such file. */
  readFile(path: string): string | undefined;
}

/** An in-memory host: path -> text. */
export function memoryHost(files: Record<string, string> | ReadonlyMap<string, string>): SourceHost {
  const map = files instanceof Map ? files : new Map(Object.entries(files));
  return { readFile: (path) => map.get(normalizePath(path)) ?? map.get(path) };
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return path.slice(0, i);
}

export function joinPath(dir: string, name: string): string {
  if (name.startsWith('/')) return name;
  if (dir === '.' || dir === '') return name;
  return normalizePath(`${dir.replace(/\/+$/, '')}/${name}`);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Removes `.` segments and resolves `..` where it can. */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && absolute) continue;
    else out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}
