import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { ErrorCode, UserInputError, VendorError } from "./errors.js";

interface ValidationFinding {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationFinding[];
}

/**
 * The last stop before an error reaches a client. Deliberate errors keep their message and code; vendor errors
 * carry only their fixed public text, code and source; anything else becomes fixed text, so no vendor host,
 * key, body or stack can leak through a message (Apollo would otherwise pass a plain Error's message on).
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? null) : error;
    const base = { locations: formatted.locations, path: formatted.path };

    if (original instanceof UserInputError) {
      return { ...base, message: original.message, extensions: { code: ErrorCode.BAD_USER_INPUT, field: original.field } };
    }
    if (original instanceof VendorError) {
      logger.warn({ code: original.code, source: original.source, detail: original.detail, ...original.options }, "vendor error");
      return { ...base, message: original.message, extensions: { code: original.code, source: original.source } };
    }
    if (original instanceof GraphQLError) {
      const findings = (original.extensions?.validationErrors ?? null) as ValidationFinding[] | null;
      if (findings) {
        const messages = flatten(findings, []);
        return {
          ...base,
          message: `Invalid argument: ${messages.map((m) => m.message).join("; ")}`,
          extensions: { code: ErrorCode.BAD_USER_INPUT, fields: messages },
        };
      }
      return { ...formatted, extensions: safeExtensions(formatted.extensions) };
    }
    if (original === null || original === undefined) {
      // graphql-js's own errors (syntax, validation, variable coercion) name the field and rule already.
      return { ...formatted, extensions: safeExtensions(formatted.extensions, error) };
    }
    logger.error({ err: original }, "unexpected error while resolving");
    return { ...base, message: "Internal server error", extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

function flatten(findings: ValidationFinding[], path: string[]): Array<{ field: string[]; message: string }> {
  return findings.flatMap((f) => [
    ...Object.values(f.constraints ?? {}).map((message) => ({ field: [...path, f.property], message })),
    ...flatten(f.children ?? [], [...path, f.property]),
  ]);
}

/** Keeps the code (and nothing that could carry internals, such as a stacktrace). */
function safeExtensions(extensions: GraphQLFormattedError["extensions"], error?: unknown) {
  const code = extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR;
  // Apollo answers some malformed requests (a persisted-query extension with another version, or a hash that
  // does not match the query) with a code-less error and HTTP 400, which it then labels INTERNAL_SERVER_ERROR.
  // The caller sent a bad request; nothing failed here.
  const status = (error as { extensions?: { http?: { status?: number } } } | undefined)?.extensions?.http?.status;
  if (code === ErrorCode.INTERNAL_SERVER_ERROR && status !== undefined && status >= 400 && status < 500) {
    return { code: ErrorCode.BAD_REQUEST };
  }
  return { code };
}
