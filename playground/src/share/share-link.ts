/**
 * Share links: the project (files, formula, selected step and view) as JSON, deflated with fflate,
 * base64url-encoded into the URL fragment (never sent to a server), with a CRC-32 of the JSON so a
 * truncated or altered link is refused rather than half-loaded. Decoding yields data only: it goes
 * through `sanitizeProject`, and nothing in it is ever run except by the checker.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { type Project, sanitizeProject } from '../app/project.js';

const PREFIX = 'share=1.';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The fragment (without `#`) that carries `project`. */
export function encodeShare(project: Project): string {
  const json = strToU8(
    JSON.stringify({
      files: project.files,
      main: project.main,
      config: project.config,
      active: project.active,
      formula: project.formula,
      logic: project.logic,
      step: project.step,
      view: project.view,
      lesson: project.lesson,
    }),
  );
  const checksum = crc32(json).toString(16).padStart(8, '0');
  return `${PREFIX}${checksum}.${toBase64Url(deflateSync(json, { level: 9 }))}`;
}

export type ShareDecode = { project: Project } | { error: string } | undefined;

/** Reads a fragment; undefined when it is no share link at all. */
export function decodeShare(fragment: string): ShareDecode {
  const text = fragment.replace(/^#/, '');
  if (!text.startsWith(PREFIX)) return undefined;
  const [checksum, payload] = text.slice(PREFIX.length).split('.', 2);
  if (!/^[0-9a-f]{8}$/.test(checksum ?? '') || !payload || !/^[A-Za-z0-9_-]+$/.test(payload))
    return { error: 'This share link is malformed (it may have been cut short when copied).' };
  let json: Uint8Array;
  try {
    // A bound on the inflated size, so a crafted link cannot exhaust memory.
    json = inflateSync(fromBase64Url(payload), { out: undefined });
    if (json.length > 40_000_000) return { error: 'This share link is too large.' };
  } catch {
    return { error: 'This share link cannot be decompressed (it may have been cut short when copied).' };
  }
  if (crc32(json).toString(16).padStart(8, '0') !== checksum)
    return { error: 'This share link fails its checksum: it was altered or cut short.' };
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(json));
  } catch {
    return { error: 'This share link does not hold a project.' };
  }
  const project = sanitizeProject(raw);
  return project ? { project } : { error: 'This share link holds no usable files.' };
}
