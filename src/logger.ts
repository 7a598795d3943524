import { pino, type DestinationStream, type Logger } from "pino";
import { redactedErrorSerializer, redactText, redactValue } from "./log-redaction.js";

export interface LoggerOptions {
  /** Credential values to blank out of every log line wherever they appear (the configured vendors' keys). */
  secrets?: readonly string[];
  /** Where lines go; stdout when absent. Tests pass a memory stream to read what was logged. */
  destination?: DestinationStream;
}

/**
 * Structured JSON logs. Credentials can only reach a log line by mistake, so the paths where they could sit
 * are redacted here as a second line of defence (errors are scrubbed of vendor secrets where they are made),
 * and so is any string that carries a known credential or a URL's token (see log-redaction.ts).
 */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length > 0);
  return pino(
    {
      level,
      redact: {
        paths: [
          "req.headers.authorization",
          "headers.authorization",
          "*.headers.authorization",
          'headers["x-api-key"]',
          '*.headers["x-api-key"]',
          "headers.rpmapikey",
          "*.headers.rpmapikey",
          "*.apiKey",
          "*.token",
          "*.clientSecret",
          "*.password",
        ],
        censor: "[redacted]",
      },
      formatters: { log: (object) => redactValue(object, secrets) as Record<string, unknown> },
      serializers: { err: redactedErrorSerializer(secrets) },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === "string" ? redactText(a, secrets) : a)) as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}
