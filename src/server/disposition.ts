/**
 * A `Content-Disposition: attachment` value (RFC 6266) with an ASCII `filename` for old
 * clients and the real, UTF-8 name as `filename*` (RFC 8187, formerly 5987), which clients
 * that understand it prefer.
 */
export function attachment(asciiName: string, utf8Name: string): string {
  const ascii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(utf8Name)}`;
}

/** Percent-encodes everything but RFC 8187 `attr-char`s (encodeURIComponent leaves `'()*`). */
export function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Characters file systems refuse or treat specially, replaced in a suggested file name. */
export function safeFileName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  return name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').trim();
}
