/** REDIS_URL as it may appear in a message or a log line: the password (and a user name) replaced by "***". */
export function displayRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    if (parsed.username) parsed.username = "***";
    return parsed.toString();
  } catch {
    return "(REDIS_URL is not a valid URL)";
  }
}
