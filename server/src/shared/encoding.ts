/**
 * Which bytes are text idsync reads: UTF-8, with or without a byte order mark. Shared by the Node
 * file host (`node/host.ts`, which decodes with Node's native UTF-8 check) and the web extension's
 * client (`decodeUtf8`, with TextDecoder), so both refuse the same files with the same words.
 */

/**
 * Text that is not UTF-8. `code` is Node's own for invalid encoded data; the message is a
 * reason for users ("is not valid UTF-8 text", or names UTF-16 when the bytes are UTF-16).
 */
export class EncodingError extends Error {
  readonly code = 'ERR_ENCODING_INVALID_ENCODED_DATA';
  constructor(readonly encoding?: 'UTF-16LE' | 'UTF-16BE') {
    super(encoding ? `is UTF-16 text (${encoding === 'UTF-16LE' ? 'little' : 'big'}-endian), not UTF-8: save it as UTF-8` : 'is not valid UTF-8 text');
  }
}

/**
 * UTF-16 by its byte order mark, or without one by its NUL bytes: JSON text never holds a raw
 * NUL, while UTF-16 text of mostly ASCII characters has one in every other byte.
 */
export function utf16Of(buf: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | undefined {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return 'UTF-16LE';
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return 'UTF-16BE';
  if (buf.length < 2 || buf.indexOf(0) < 0) return undefined;
  const n = Math.min(buf.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) even++;
    if (buf[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs / 2 && even === 0) return 'UTF-16LE';
  if (even >= pairs / 2 && odd === 0) return 'UTF-16BE';
  return undefined;
}

/** UTF-8 text without a BOM, with TextDecoder (no Node needed); anything else (UTF-16, invalid UTF-8) is an EncodingError. */
export function decodeUtf8(bytes: Uint8Array): string {
  const utf16 = utf16Of(bytes);
  if (utf16) throw new EncodingError(utf16);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new EncodingError();
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
