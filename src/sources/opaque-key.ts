/**
 * A vendor key whose docs say only "string" (WMS shortID, Connect customerId): no format to check, so this
 * refuses only what cannot be a key, since it goes into a URL path. `.`, `..`, `/`, `\`, `?`, `#` and `%`
 * could name another resource at a front end that decodes the path; control characters and an empty or
 * overlong text are no key either. Each vendor's source states its own bound (docs/security.md lists them).
 */
export function isOpaqueKey(id: string, maxLength: number): boolean {
  return id.length > 0 && id.length <= maxLength && id !== "." && id !== ".." && !/[/\\?#%\p{Cc}]/u.test(id);
}
