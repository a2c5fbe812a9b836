import { readLola } from './lola-reader.js';
import { type NetReadResult, readPnml } from './pnml-reader.js';
import { readNetText } from './text-format.js';

export type NetFormat = 'pnml' | 'lola' | 'text';

/** The file extensions the CLI hands to the net command. */
export const NET_EXTENSIONS: Readonly<Record<string, NetFormat>> = {
  '.pnml': 'pnml',
  '.xml': 'pnml',
  '.net': 'lola',
  '.lola': 'lola',
  '.pnet': 'text',
};

/** The format of a file: by extension, else by its first non-blank characters. */
export function netFormatOf(file: string, text: string): NetFormat {
  const dot = file.lastIndexOf('.');
  const byExtension = dot >= 0 ? NET_EXTENSIONS[file.slice(dot).toLowerCase()] : undefined;
  if (byExtension) return byExtension;
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<')) return 'pnml';
  if (/^(\{[^}]*\}\s*)*PLACE\b/.test(head)) return 'lola';
  return 'text';
}

/** Reads a net in any supported format (decoded text; see `decodeNetFile` for bytes). */
export function readNet(
  text: string,
  file: string,
  format: NetFormat = netFormatOf(file, text),
): NetReadResult {
  switch (format) {
    case 'pnml':
      return readPnml(text, file);
    case 'lola':
      return readLola(text, file);
    case 'text':
      return readNetText(text, file);
  }
}
