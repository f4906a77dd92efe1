import { createHash } from 'node:crypto';

/** The policy of responses that are not pages (and of pages before their own is known). */
export const STRICT_POLICY =
  "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The Content-Security-Policy of one bundle page: nothing but same-origin styles, images and
 * fonts, plus the exact inline `<style>` blocks the page carries (by hash, so an injected
 * style would not run). Inline scripts are never allowed; same-origin script files only if
 * the page loads one.
 */
export function pagePolicy(html: string): string {
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map(
    (m) =>
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '', 'utf8')
        .digest('base64')}'`,
  );
  const scripts = /<script\b[^>]*\bsrc\s*=/i.test(html);
  return [
    "default-src 'none'",
    ["style-src 'self'", ...new Set(styles)].join(' '),
    "img-src 'self'",
    "font-src 'self'",
    ...(scripts ? ["script-src 'self'"] : []),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
