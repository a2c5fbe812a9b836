/** The typed arrays a {@link PagedArray} can be made of. */
export type PageArray = Uint8Array | Uint16Array | Uint32Array | Int32Array;

/** log2 of the number of elements in a full page (64 Ki elements). */
export const PAGE_SHIFT = 16;
const PAGE_LENGTH = 1 << PAGE_SHIFT;
const PAGE_MASK = PAGE_LENGTH - 1;
const FIRST_PAGE_LENGTH = 256;

/**
 * A growable array of unsigned or signed integers indexed by state id, kept in fixed-size pages so
 * that growing never copies more than one small page and never leaves half of a doubled buffer
 * unused: at a million entries the slack is under one page (0.4%), where a doubling array wastes up
 * to 50%. The first page starts small and doubles up to the page size, so tiny runs stay tiny.
 */
export class PagedArray<A extends PageArray> {
  private readonly pages: A[] = [];
  private length = 0;

  constructor(private readonly create: (length: number) => A) {
    this.pages.push(create(FIRST_PAGE_LENGTH));
  }

  /** Number of elements that can be read (one more than the highest index written). */
  get size(): number {
    return this.length;
  }

  get(index: number): number {
    return this.pages[index >>> PAGE_SHIFT][index & PAGE_MASK];
  }

  /** Writes `value` at `index`; `index` may be at most `size` (append) or below (overwrite). */
  set(index: number, value: number): void {
    const pageIndex = index >>> PAGE_SHIFT;
    let page = this.pages[pageIndex];
    const offset = index & PAGE_MASK;
    if (page === undefined) {
      page = this.create(PAGE_LENGTH);
      this.pages.push(page);
    } else if (offset >= page.length) {
      page = this.growFirstPage(offset);
    }
    page[offset] = value;
    if (index >= this.length) this.length = index + 1;
  }

  /** Bytes held by the pages. */
  bytes(): number {
    let total = 0;
    for (const page of this.pages) total += page.byteLength;
    return total;
  }

  private growFirstPage(offset: number): A {
    const old = this.pages[0];
    let length = old.length * 2;
    while (length <= offset) length *= 2;
    const page = this.create(Math.min(length, PAGE_LENGTH));
    page.set(old as never);
    this.pages[0] = page;
    return page;
  }
}
