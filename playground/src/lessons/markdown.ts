/**
 * A small Markdown subset for lesson text (headings, paragraphs, lists, code blocks, inline code,
 * bold, links shown as text), built as DOM with text nodes: a README can never inject markup.
 */
import { el } from '../dom.js';

function inline(text: string): (Node | string)[] {
  const out: (Node | string)[] = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)]+)\)/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push(el('code', null, m[1]));
    else if (m[2] !== undefined) out.push(el('strong', null, m[2]));
    else out.push(el('span', { className: 'link-text', title: m[4] }, m[3]));
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function renderMarkdown(source: string): HTMLElement {
  const root = el('div', { className: 'markdown' });
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.startsWith('```')) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].startsWith('```')) body.push(lines[i++]);
      i++;
      root.append(el('pre', null, el('code', null, body.join('\n'))));
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(4, heading[1].length + 1) as 2 | 3 | 4;
      root.append(el(`h${level}`, null, ...inline(heading[2])));
      i++;
      continue;
    }
    if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const list = el(ordered ? 'ol' : 'ul');
      while (i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i])) {
        let item = lines[i].replace(/^\s*([-*]|\d+\.)\s+/, '');
        i++;
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]) && !/^\s*([-*]|\d+\.)\s+/.test(lines[i]))
          item += ` ${lines[i++].trim()}`;
        list.append(el('li', null, ...inline(item)));
      }
      root.append(list);
      continue;
    }
    if (line.trim() === '') {
      i++;
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i].trim() !== '' && !/^(#|```|\s*([-*]|\d+\.)\s)/.test(lines[i]))
      para.push(lines[i++]);
    const text = para.join(' ');
    root.append(
      text.startsWith('|')
        ? el('pre', { className: 'table-text' }, para.join('\n'))
        : el('p', null, ...inline(text)),
    );
  }
  return root;
}
