/**
 * The project: files, which one is checked (and with which cfg), the formula, the selected trace
 * step and view. It is what local storage keeps and what a share link carries; `sanitizeProject`
 * is the single gate every project from outside (storage, link, lesson) goes through.
 */
import type { ProjectFile } from '../worker/protocol.js';

export type ViewName = 'output' | 'trace' | 'graph' | 'net' | 'formula' | 'lesson';
export const VIEWS: readonly ViewName[] = ['output', 'trace', 'graph', 'net', 'formula', 'lesson'];

export interface Project {
  files: ProjectFile[];
  /** The file Run checks: a .tla spec or a net. */
  main: string;
  /** The cfg for a spec (undefined: `<Spec>.cfg`). */
  config?: string;
  /** The file open in the editor. */
  active: string;
  formula: string;
  logic: 'ctl' | 'ltl';
  /** Selected counterexample step (0-based), -1 when none. */
  step: number;
  view: ViewName;
  /** The lesson the project came from, if any (its folder under specs/). */
  lesson?: string;
}

const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$/;
const MAX_FILES = 40;
const MAX_FILE_CHARS = 1_000_000;

export function isValidFileName(name: string): boolean {
  return FILE_NAME.test(name) && !name.includes('..');
}

/** The default main file: the first spec that has a cfg, else the first spec, else the first net. */
export function defaultMain(files: readonly ProjectFile[]): string {
  const names = files.map((f) => f.name);
  return (
    names.find((n) => n.endsWith('.tla') && names.includes(n.replace(/\.tla$/, '.cfg'))) ??
    names.find((n) => n.endsWith('.tla')) ??
    names.find((n) => /\.(pnml|pnet|net|lola)$/i.test(n)) ??
    names[0] ??
    ''
  );
}

/**
 * Checks the shape of a project from outside and keeps only what fits: strings where strings are
 * expected, known views, valid file names. Returns undefined when nothing usable is left. Text stays
 * text: it is only ever shown through the editor or `textContent`, and only the checker reads it.
 */
export function sanitizeProject(raw: unknown): Project | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (!Array.isArray(r.files)) return undefined;
  const files: ProjectFile[] = [];
  for (const f of r.files.slice(0, MAX_FILES)) {
    if (typeof f !== 'object' || f === null) continue;
    const { name, text } = f as Record<string, unknown>;
    if (typeof name !== 'string' || typeof text !== 'string' || !isValidFileName(name)) continue;
    if (text.length > MAX_FILE_CHARS || files.some((g) => g.name === name)) continue;
    files.push({ name, text });
  }
  if (files.length === 0) return undefined;
  const names = new Set(files.map((f) => f.name));
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const main = str(r.main) && names.has(r.main as string) ? (r.main as string) : defaultMain(files);
  const config = str(r.config) && names.has(r.config as string) ? (r.config as string) : undefined;
  const active = str(r.active) && names.has(r.active as string) ? (r.active as string) : main;
  const view = VIEWS.includes(r.view as ViewName) ? (r.view as ViewName) : 'output';
  const step =
    typeof r.step === 'number' && Number.isInteger(r.step) && r.step >= -1 && r.step < 1e6 ? r.step : -1;
  const lesson =
    str(r.lesson) && /^[\w./-]{1,120}$/.test(r.lesson as string) ? (r.lesson as string) : undefined;
  return {
    files,
    main,
    config,
    active,
    formula: (str(r.formula) ?? '').slice(0, 10_000),
    logic: r.logic === 'ltl' ? 'ltl' : 'ctl',
    step,
    view,
    lesson,
  };
}

const STORAGE_KEY = 'modelcheck.playground.project.v1';

export function saveProject(project: Project): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(project));
  } catch {
    // Storage full or disabled (private mode): the work stays in the page.
  }
}

export function loadSavedProject(): Project | undefined {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    return text ? sanitizeProject(JSON.parse(text)) : undefined;
  } catch {
    return undefined;
  }
}
