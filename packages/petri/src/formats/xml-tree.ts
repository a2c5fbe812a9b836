import { type Diagnostic, LineIndex, makeDiagnostic, type SourceSpan } from '@modelcheck/core';
import { SaxesParser } from 'saxes';
import { PN } from '../diagnostic-codes.js';

/** A small element tree: what the PNML and property-XML readers walk. Names lose their prefix. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  /** The text directly inside the element (all pieces joined, not trimmed). */
  text: string;
  /** Offset of the `<` that opens the element. */
  readonly offset: number;
  /** Length of the element's name, for a caret under it. */
  readonly nameLength: number;
}

export interface XmlDocument {
  readonly root?: XmlElement;
  readonly diagnostics: Diagnostic[];
  readonly lines: LineIndex;
  readonly file: string;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Parses XML with saxes (well-formedness checked, positions tracked). On the first error the
 * document has no root and one `PN100` diagnostic at the line and column saxes reports.
 */
export function parseXml(text: string, file: string): XmlDocument {
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failed = false;
  parser.on('opentagstart', (tag) => {
    const element: XmlElement = {
      name: localName(tag.name),
      attributes: {},
      children: [],
      text: '',
      offset: Math.max(0, parser.position - tag.name.length - 2),
      nameLength: tag.name.length,
    };
    if (stack.length > 0) stack[stack.length - 1].children.push(element);
    else root ??= element;
    stack.push(element);
  });
  parser.on('opentag', (tag) => {
    const element = stack[stack.length - 1];
    for (const [key, value] of Object.entries(tag.attributes))
      element.attributes[localName(key)] = String(value);
  });
  parser.on('text', (t) => {
    if (stack.length > 0) stack[stack.length - 1].text += t;
  });
  parser.on('cdata', (t) => {
    if (stack.length > 0) stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', (error) => {
    failed = true;
    const message = error.message.replace(/^[^:]*?\d+:\d+: /, '').replace(/\.$/, '');
    const offset = Math.max(0, Math.min(text.length, parser.position - 1));
    diagnostics.push(
      makeDiagnostic(PN.malformedXml, `malformed XML: ${message}`, lines.span(file, offset, offset + 1)),
    );
    throw new StopParsing();
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (!(error instanceof StopParsing)) throw error;
  }
  if (!failed && root === undefined)
    diagnostics.push(
      makeDiagnostic(PN.malformedXml, 'malformed XML: the file has no element', lines.span(file, 0, 0)),
    );
  return { root: failed ? undefined : root, diagnostics, lines, file };
}

class StopParsing extends Error {}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** The span of an element's opening name (`<place` → caret under `place`). */
export function elementSpan(doc: XmlDocument, element: XmlElement): SourceSpan {
  return doc.lines.span(doc.file, element.offset, element.offset + 1 + element.nameLength);
}

/**
 * Decodes a file's bytes: the encoding named in the XML declaration (ISO-8859-1 in files ProM
 * wrote), else UTF-8, falling back to Latin-1 for bytes that are not UTF-8. A leading BOM goes.
 */
export function decodeNetFile(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  if (declared !== undefined && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // An encoding name TextDecoder does not know: read as UTF-8 below.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}
