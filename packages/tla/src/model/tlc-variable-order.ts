import type { ResolvedModule } from '../semantics/index.js';

/**
 * The order in which TLC prints a state's variables.
 *
 * TLC takes the variables from the root module's symbol table (SANY's `Context`, a
 * `java.util.Hashtable` keyed by name) and lists them in reverse enumeration order
 * (ModuleNode.getVariableDecls). That order follows the table's buckets: a name's bucket is its
 * Java `String.hashCode` modulo the table's capacity, and the capacity depends on how many
 * names the table holds (SANY's 72 built-in operators, everything EXTENDS brings in, the
 * module's own declarations and definitions, and one `I!Op` name for each definition a named
 * INSTANCE imports). We replay the table's growth with the variables in it: names that are not
 * variables only count. Checked against SANY's own order on the 107 root modules of the TLA+
 * examples corpus.
 */
export function tlcVariableOrder(root: ResolvedModule, variables: readonly string[]): string[] {
  const wanted = new Set(variables);
  // When each variable enters the table: the number of names before it.
  const insertedAt = new Map<string, number>();
  let count = BUILT_IN_OPERATORS;
  const importedByInstance = new Map<ResolvedModule, number>();
  for (const [name, binding] of root.scope) {
    if (binding.kind === 'variable' && wanted.has(name)) insertedAt.set(name, count);
    count += 1;
    if (binding.kind === 'instance') count += instanceNames(binding.site.target, importedByInstance);
  }
  const table = new JavaHashtable();
  const byPosition = new Map<number, string>();
  for (const [name, at] of insertedAt) byPosition.set(at, name);
  for (let i = 0; i < count; i++) table.put(byPosition.get(i));
  const order = table.enumerate().reverse();
  // A variable we could not place (none, if the scope is complete) keeps its declaration order at the end.
  for (const name of variables) if (!insertedAt.has(name)) order.push(name);
  return order;
}

/** SANY's built-in operators (tla2sany/semantic/BuiltInOperators.java), in every module's table. */
const BUILT_IN_OPERATORS = 72;

/** How many `I!Op` names `I == INSTANCE target` adds: one per exported definition, recursively. */
function instanceNames(target: ResolvedModule, memo: Map<ResolvedModule, number>): number {
  const known = memo.get(target);
  if (known !== undefined) return known;
  let n = 0;
  for (const binding of target.exported.values()) {
    if (binding.kind === 'constant' || binding.kind === 'variable') continue;
    n += 1;
    if (binding.kind === 'instance') n += instanceNames(binding.site.target, memo);
  }
  memo.set(target, n);
  return n;
}

/**
 * The bucket structure of `java.util.Hashtable` (initial capacity 11, load factor 0.75, growth
 * to 2n + 1, new entries at the head of their chain, rehash walking the old buckets from the
 * last), holding the variables' names; other names are counted but not kept, as they cannot
 * change the relative order of two variables.
 */
class JavaHashtable {
  private buckets: string[][] = Array.from({ length: 11 }, () => []);
  private threshold = 8;
  private count = 0;

  /** Adds one name to the table: a variable's, or (undefined) any other name. */
  put(name: string | undefined): void {
    if (this.count >= this.threshold) this.rehash();
    this.count++;
    if (name !== undefined) this.buckets[this.index(name, this.buckets.length)].unshift(name);
  }

  /** Hashtable.elements(): the buckets from the last, each chain from its head. */
  enumerate(): string[] {
    const out: string[] = [];
    for (let i = this.buckets.length - 1; i >= 0; i--) out.push(...this.buckets[i]);
    return out;
  }

  private rehash(): void {
    const capacity = this.buckets.length * 2 + 1;
    const next: string[][] = Array.from({ length: capacity }, () => []);
    for (let i = this.buckets.length - 1; i >= 0; i--)
      for (const name of this.buckets[i]) next[this.index(name, capacity)].unshift(name);
    this.buckets = next;
    this.threshold = Math.floor(capacity * 0.75);
  }

  private index(name: string, capacity: number): number {
    return (javaStringHash(name) & 0x7fffffff) % capacity;
  }
}

/** Java's `String.hashCode`: s[0]·31^(n-1) + … + s[n-1], in 32-bit arithmetic over UTF-16 units. */
function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
