/**
 * The one way the playground makes DOM: elements with text children only. User text (specs,
 * share links, lesson files, values) always goes through `textContent`, never through `innerHTML`,
 * so nothing a user writes can become markup or script.
 */
export type Child = Node | string | number | null | undefined | false;

export interface ElementOptions {
  readonly className?: string;
  readonly title?: string;
  readonly attrs?: Readonly<Record<string, string>>;
  readonly dataset?: Readonly<Record<string, string>>;
  readonly onClick?: (event: MouseEvent) => void;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options) {
    if (options.className) node.className = options.className;
    if (options.title) node.title = options.title;
    for (const [k, v] of Object.entries(options.attrs ?? {})) node.setAttribute(k, v);
    for (const [k, v] of Object.entries(options.dataset ?? {})) node.dataset[k] = v;
    const onClick = options.onClick;
    if (onClick) node.addEventListener('click', (e) => onClick(e as MouseEvent));
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Removes every child, then appends these. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string | number>> = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  append(node, ...children);
  return node;
}

/** Offers `text` as a file download (a Blob URL; the text is data, never parsed as markup). */
export function download(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { attrs: { href: url, download: name } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
