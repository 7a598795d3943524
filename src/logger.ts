import { pino, type Logger } from "pino";

/**
 * Structured JSON logs. Credentials can only reach a log line by mistake, so the paths where they could sit
 * are redacted here as a second line of defence (errors are scrubbed of vendor secrets where they are made).
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ["req.headers.authorization", "headers.authorization", "*.apiKey", "*.token", "*.clientSecret", "*.password"],
      censor: "[redacted]",
    },
  });
}
