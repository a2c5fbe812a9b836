import { hashString } from './hash.js';
import { Kind, ModelValue, StrValue } from './value.js';

/**
 * TLC orders strings, model values and record fields by their `UniqueString` token: the order in
 * which the text was first interned (SANY interns identifiers and string literals as it reads the
 * spec, root module first), not alphabetically. `{"b", "a"}` prints as `{"b", "a"}` when "b" was
 * seen first. To reproduce TLC's order, the front-end should call `internName` on every identifier
 * and string literal in the order SANY reads them, before evaluation starts; otherwise names are
 * ordered by first use.
 */
const tokens = new Map<string, number>();
const strings = new Map<string, StrValue>();
const models = new Map<string, ModelValue>();
let modelCount = 0;

/** The intern token of `text`, assigning the next one if it is new. */
export function internName(text: string): number {
  let t = tokens.get(text);
  if (t === undefined) {
    t = tokens.size;
    tokens.set(text, t);
  }
  return t;
}

/** Interns each text in order (see `internName`). */
export function internNames(texts: Iterable<string>): void {
  for (const t of texts) internName(t);
}

/** The string value with text `s` (one object per text). */
export function str(s: string): StrValue {
  let v = strings.get(s);
  if (v === undefined) {
    v = new StrValue(s, internName(s));
    hashString(Kind.Str, s, v);
    strings.set(s, v);
  }
  return v;
}

/** The model value named `name` (one object per name); `T_x` names make typed model values. */
export function modelValue(name: string): ModelValue {
  let v = models.get(name);
  if (v === undefined) {
    const type = name.length > 2 && name.charCodeAt(1) === 95 /* _ */ ? name[0] : '';
    v = new ModelValue(name, internName(name), type, modelCount++);
    hashString(Kind.Model, name, v);
    models.set(name, v);
  }
  return v;
}

/**
 * Forgets every interned name, so that the next model gets its tokens in TLC's order whatever
 * was checked before in this process. Values made before must not be used afterwards: strings
 * and model values are compared by identity and token.
 */
export function resetInterning(): void {
  tokens.clear();
  strings.clear();
  models.clear();
  modelCount = 0;
}

/** The model value named `name` if one was created, else undefined. */
export function findModelValue(name: string): ModelValue | undefined {
  return models.get(name);
}
