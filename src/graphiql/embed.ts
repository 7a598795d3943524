/**
 * Serialises a value as JSON that is safe to place inside an HTML <script> element. JSON alone is
 * not: a string containing "</script>" or "<!--" would end or confuse the element and let example
 * text become markup. Escaping these characters as \uXXXX keeps the JSON equal in meaning, since
 * both JSON.parse and JavaScript read the escapes back as the original characters.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}
