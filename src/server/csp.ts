import { createHash } from 'node:crypto';

/** The policy of responses that are not pages: nothing may load or run. */
export const STRICT_POLICY =
  "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The Content-Security-Policy of one bundle page, derived from the bytes served: the exact
 * inline `<style>` blocks it carries (by hash, so an injected style would not apply),
 * same-origin stylesheets, images and scripts only if the page uses them, and nothing else.
 * Inline scripts are never allowed. For the pages the HTML renderer writes (one embedded
 * stylesheet) this is its `CONTENT_SECURITY_POLICY`.
 */
export function pagePolicy(html: string): string {
  const hashes = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map(
    (m) =>
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '', 'utf8')
        .digest('base64')}'`,
  );
  const linked = /<link\b[^>]*\brel\s*=\s*["']?stylesheet/i.test(html);
  const styles = [...(linked ? ["'self'"] : []), ...new Set(hashes)];
  return [
    "default-src 'none'",
    ...(styles.length > 0 ? [`style-src ${styles.join(' ')}`] : []),
    ...(/<img\b/i.test(html) ? ["img-src 'self'"] : []),
    ...(/<script\b[^>]*\bsrc\s*=/i.test(html) ? ["script-src 'self'"] : []),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
